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

  // out: every section's workbook, five times over (the median is reported;
  // the first time also pays for loading and compiling the code)
  const outDir = path.join(dir, 'out');
  fs.mkdirSync(outDir);
  const files: string[] = [];
  const exports: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    const t0 = performance.now();
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
      const f = path.join(outDir, built.fileName);
      fs.writeFileSync(f, built.buffer);
      if (rep === 0) files.push(f); // the same name each time: the file holds the last export
    }
    exports.push(performance.now() - t0);
  }
  // The answers are to the last export of each section.
  const exportMs = median(exports);

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

  // baseline: plain exceljs reading the same answers, and writing the same
  // books (as loaded: the same cells, values and styles), five times each
  const loaded: ExcelJS.Workbook[] = [];
  const reads: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    const t0 = performance.now();
    for (const a of answers) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(fs.readFileSync(a) as unknown as ArrayBuffer);
      if (rep === 0) loaded.push(wb);
    }
    reads.push(performance.now() - t0);
  }
  const writes: number[] = [];
  for (let rep = 0; rep < REPS; rep++) {
    const t0 = performance.now();
    for (const wb of loaded) await wb.xlsx.writeBuffer();
    writes.push(performance.now() - t0);
  }
  const plainRead = median(reads);
  const plainWrite = median(writes);

  // in: validate + diff + apply every answer, five times, each time on a copy
  // of the store as it was before the first answer (a second import into the
  // same store would find nothing to apply), after reading two of them
  // unmeasured, as the reads above warmed exceljs
  db.pragma('wal_checkpoint(TRUNCATE)');
  const before = path.join(dir, 'before-import.sqlite3');
  fs.copyFileSync(path.join(dir, 'x.sqlite3'), before);
  const imports: number[] = [];
  let applied = 0;
  for (let rep = 0; rep < REPS; rep++) {
    const copy = path.join(dir, `import-${rep}.sqlite3`);
    fs.copyFileSync(before, copy);
    const s = openStore({ path: copy });
    const cdb = s.db;
    for (const a of answers.slice(0, 2))
      await readReturn(cdb, { name: path.basename(a), data: fs.readFileSync(a) }, round.id);
    const t0 = performance.now();
    applied = 0;
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
    imports.push(performance.now() - t0);
    s.close();
  }
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
    'exceljs の読み込みだけに対する取込時間の比（どちらも5回の中央値）',
    importMs / plainRead,
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
