import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * A workbook printed to PDF by LibreOffice (an independent program), in a
 * folder of the caller's, with a profile of its own so runs never share one.
 * Returns the PDF's path.
 */
export function libreOfficePdf(input: Buffer, dir: string): string {
  const src = path.join(dir, 'book.xlsx');
  fs.writeFileSync(src, input);
  execFileSync(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${dir}/profile`,
      '--convert-to',
      'pdf',
      '--outdir',
      dir,
      src,
    ],
    { timeout: 150_000, killSignal: 'SIGKILL', stdio: 'ignore' },
  );
  const out = path.join(dir, 'book.pdf');
  if (!fs.existsSync(out)) throw new Error('LibreOffice could not convert the workbook');
  return out;
}
