import type { Recorder } from './run';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beginChangeSet } from '../electron/audit/audit-log';
import { openStore } from '../electron/db/open-store';
import { applyReturn } from '../electron/inquiry/apply-return';
import { exportTargets } from '../electron/inquiry/export-data';
import { buildRoundWorkbook } from '../electron/inquiry/export-round';
import { readReturn } from '../electron/inquiry/read-return';
import { openYear } from '../electron/pdca/rounds';
import { adoptPlan } from '../electron/pdca/adopt-plan';
import { planFileSchema } from '../shared/domain/plan-file';
import { generatePlan } from './generate-plan';
import { libreOfficeConvert } from '../tests/interop/lo-convert';
import { median } from './peer-grids/run-peers';
import { pairedRatio } from './paired';

type Record = Recorder;

const ACTOR = { login: 'bench', displayName: 'bench' };
const REPS = 5;

/**
 * The 照会 cycle at city scale: a 2,000-item plan with 50 sections. All 50
 * workbooks out, all 50 answers back in (validate + diff + apply), timed
 * against plain exceljs reading and writing the same files and against
 * LibreOffice converting them.
 */
export async function exchangeBench(record: Record): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gyokaku-xbench-'));
  const store = openStore({ path: path.join(dir, 'x.sqlite3') });
  const db = store.db;
  const cs = (source: Parameters<typeof beginChangeSet>[2] = { kind: 'system', note: 'bench' }) =>
    beginChangeSet(db, ACTOR, source, new Date());
  db.transaction(() => {
    db.prepare("INSERT INTO app_meta (key, value) VALUES ('sample_plan_offered', 'bench')").run();
    adoptPlan(
      cs(),
      planFileSchema.parse(generatePlan(2000, { departments: 10, sectionsPer: 5 })),
      'bench',
    );
  })();
  const round = db.transaction(() => openYear(cs(), 1, 2026))()[0]!;
  const targets = exportTargets(db, round.id, 'section');

  // Every section's workbook out, once unmeasured (loading and compiling the
  // code; the answers are to this export), into files the sections answer.
  const outDir = path.join(dir, 'out');
  fs.mkdirSync(outDir);
  const exportAll = async (to: string) => {
    for (const t of targets) {
      const built = await buildRoundWorkbook(
        db,
        {
          roundId: round.id,
          orgUnitId: t.orgUnitId,
          scope: 'section',
          contact: '行政改革係',
          exportedBy: 'bench',
        },
        new Date(),
      );
      db.transaction(() => built.commit(cs()))();
      fs.writeFileSync(path.join(to, built.fileName), built.buffer);
    }
  };
  await exportAll(outDir);
  const files = fs.readdirSync(outDir).map((f) => path.join(outDir, f));

  // answers, as sections would type them (not timed)
  const backDir = path.join(dir, 'back');
  fs.mkdirSync(backDir);
  const answers: string[] = [];
  for (const f of files) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(f);
    const ws = wb.getWorksheet('進捗管理表')!;
    for (let r = 5; r <= ws.rowCount; r++) {
      if (!ws.getCell(r, 2).text) continue;
      ws.getCell(r, 6).value = `取組実績 ${r}`;
      ws.getCell(r, 8).value = 'A 計画どおり';
      ws.getCell(r, 15).value = r * 10;
    }
    const a = path.join(backDir, path.basename(f));
    await wb.xlsx.writeFile(a);
    answers.push(a);
  }
  // The store as the answers find it: each import runs on a copy of it (a
  // second import into the same store would find nothing to apply).
  db.pragma('wal_checkpoint(TRUNCATE)');
  const before = path.join(dir, 'before-import.sqlite3');
  fs.copyFileSync(path.join(dir, 'x.sqlite3'), before);
  // the same books as plain exceljs holds them (the same cells, values and styles)
  const loaded: ExcelJS.Workbook[] = [];
  for (const a of answers) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(a) as unknown as ArrayBuffer);
    loaded.push(wb);
  }

  const importAll = async (rep: number) => {
    const copy = path.join(dir, `import-${rep}.sqlite3`);
    fs.copyFileSync(before, copy);
    const s = openStore({ path: copy });
    const cdb = s.db;
    // two read unmeasured, as exceljs is warm from the reads
    for (const a of answers.slice(0, 2))
      await readReturn(cdb, { name: path.basename(a), data: fs.readFileSync(a) }, round.id);
    const t0 = performance.now();
    let applied = 0;
    for (const a of answers) {
      const data = fs.readFileSync(a);
      const read = await readReturn(cdb, { name: path.basename(a), data }, round.id);
      if (!read.plan) throw new Error(`bench answer refused: ${read.preview.problems[0]?.message}`);
      const accept = read.preview.items.flatMap((i) =>
        i.fields
          .filter((f) => f.kind === 'change')
          .map((f) => ({ recordId: i.recordId, field: f.field })),
      );
      const summary = cdb
        .transaction(() =>
          applyReturn(
            beginChangeSet(
              cdb,
              ACTOR,
              { kind: 'import', fileName: path.basename(a), fileHash: read.preview.fileHash },
              new Date(),
            ),
            read,
            accept,
            new Map(),
          ),
        )
        .immediate();
      applied += summary.applied;
    }
    const ms = performance.now() - t0;
    s.close();
    return { ms, applied };
  };

  // REPS turns, each: ours out and plain exceljs writing the same books,
  // ours in and plain exceljs reading the answers. Medians of each; the ratios are the
  // medians of each turn's own (paired.ts), so a slow spell of the machine
  // falls on both sides of a ratio.
  const exports: number[] = [];
  const writes: number[] = [];
  const reads: number[] = [];
  const imports: number[] = [];
  let applied = 0;
  const again = path.join(dir, 'again');
  fs.mkdirSync(again);
  const timed = async (run: () => Promise<unknown>) => {
    const t0 = performance.now();
    await run();
    return performance.now() - t0;
  };
  const plainWriteAll = async () => {
    for (const wb of loaded) await wb.xlsx.writeBuffer();
  };
  const plainReadAll = async () => {
    for (const a of answers) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fs.readFileSync(a) as unknown as ArrayBuffer);
    }
  };
  for (let rep = 0; rep < REPS; rep++) {
    // ours first in even turns, exceljs first in odd ones: what one side leaves
    // (garbage to collect, warm caches) falls on each side alike
    if (rep % 2 === 0) {
      exports.push(await timed(() => exportAll(again)));
      writes.push(await timed(plainWriteAll));
      reads.push(await timed(plainReadAll));
      const imported = await importAll(rep);
      imports.push(imported.ms);
      applied = imported.applied;
    } else {
      writes.push(await timed(plainWriteAll));
      exports.push(await timed(() => exportAll(again)));
      const imported = await importAll(rep);
      imports.push(imported.ms);
      applied = imported.applied;
      reads.push(await timed(plainReadAll));
    }
  }
  const exportMs = median(exports);
  const plainWrite = median(writes);
  const plainRead = median(reads);
  const importMs = median(imports);
  if (applied === 0) throw new Error('bench import applied nothing');

  // LibreOffice headless converting the same 50 answers (one process, as fast as it goes)
  const loDir = path.join(dir, 'lo');
  fs.mkdirSync(loDir);
  const t0 = performance.now();
  libreOfficeConvert(answers, { to: 'xlsx', dir, outDir: loDir, timeoutMs: 600_000 });
  const loMs = performance.now() - t0;
  store.close();

  const n = targets.length;
  record(
    'exchange.export50',
    `照会ファイル${n}件の出力（2,000項目・${n}課、${REPS}回の中央値）`,
    exportMs,
    'ms',
    30_000,
    'lower',
    {
      peer: { label: 'exceljs だけで同じ本を書き出す', value: plainWrite },
      ratioTarget: 2,
      ratio: pairedRatio(exports, writes),
      spread: exports,
    },
  );
  record(
    'exchange.import50',
    `回答${n}件の取込（検証・差分・反映、${applied.toLocaleString('ja-JP')}欄、${REPS}回の中央値）`,
    importMs,
    'ms',
    30_000,
    'lower',
    { spread: imports },
  );
  record(
    'exchange.importVsExceljsRead',
    'exceljs の読み込みだけに対する取込時間の比（5組の、組ごとの比の中央値）',
    pairedRatio(imports, reads),
    '倍',
    1.5,
  );
  record(
    'exchange.libreOfficeOverImport',
    'LibreOffice の変換時間 ÷ 取込時間',
    loMs / importMs,
    '倍',
    5,
    'higher',
  );
  console.log(
    `exchange: export ${Math.round(exportMs)} ms (${exports.map(Math.round).join(', ')}), exceljs write ${Math.round(plainWrite)} ms (${writes.map(Math.round).join(', ')}); import ${Math.round(importMs)} ms (${imports.map(Math.round).join(', ')}), exceljs read ${Math.round(plainRead)} ms (${reads.map(Math.round).join(', ')}); LibreOffice ${Math.round(loMs)} ms`,
  );
}
