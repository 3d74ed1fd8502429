import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Files converted by LibreOffice (an independent program), headless in one
 * process, into `outDir`, with a profile of its own under `dir` so runs never
 * share one. Used by the tests and as a peer in `npm run bench`.
 */
export function libreOfficeConvert(
  files: readonly string[],
  opts: { to: 'pdf' | 'xlsx'; dir: string; outDir: string; timeoutMs: number },
): void {
  execFileSync(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${opts.dir}/profile`,
      '--convert-to',
      opts.to,
      '--outdir',
      opts.outDir,
      ...files,
    ],
    { timeout: opts.timeoutMs, killSignal: 'SIGKILL', stdio: 'ignore' },
  );
}

/** A workbook printed to PDF by LibreOffice, in a folder of the caller's. Returns the PDF's path. */
export function libreOfficePdf(input: Buffer, dir: string): string {
  const src = path.join(dir, 'book.xlsx');
  fs.writeFileSync(src, input);
  libreOfficeConvert([src], { to: 'pdf', dir, outDir: dir, timeoutMs: 150_000 });
  const out = path.join(dir, 'book.pdf');
  if (!fs.existsSync(out)) throw new Error('LibreOffice could not convert the workbook');
  return out;
}
