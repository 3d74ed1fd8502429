// Over 450 lines: the reading of one returned workbook, start to end (meta check, the input sheet and its columns, each row against export and app). The field codecs are in field-codecs.ts; what stays is one walk over the rows.
import crypto from 'node:crypto';
import type { FieldDiff, ItemPreview, ReturnPreview } from '../../shared/domain/exchange';
import type { PdcaRecord } from '../../shared/domain/pdca';
import { AppError } from '../../shared/errors';
import { formatFiscalYear } from '../../shared/fiscal-year';
import { formatAmount, formatNumber } from '../../shared/pdca-math';
import { levelText } from '../../shared/pdca-levels';
import type { Db } from '../db/open-store';
import { stmt } from '../db/statements';
import { getRecord } from '../pdca/records';
import { getPdcaSettings } from '../pdca/settings';
import { assertXlsx } from '../xlsx/file-sniff';
import type { CellData, SheetData, XlsxBook } from '../xlsx/read-book';
import { cellText, columnLetter, openXlsx, XlsxDamage } from '../xlsx/read-book';
import { kpiMark, META_MARK, META_SHEET, ROUND_SHEET } from './round-columns';
import type { RecordSnapshot } from './round-columns';
import type { Decoded } from './field-codecs';
import { decodeAmount, decodeKpiActual, decodeLevel, decodeText, normText } from './field-codecs';

/**
 * Reads a returned 照会 workbook and works out, field by field, what it would
 * change: against the values as exported (the base), the values in the app
 * now, and the values in the workbook. Nothing is written here; the same
 * reading is done again when the user applies, so the client is never trusted.
 */

const TEXT_LIMITS: Record<string, number> = {
  planText: 4000,
  resultText: 4000,
  evaluationReason: 2000,
  issuesText: 4000,
};
const LEVEL_FIELDS = ['progressId', 'progress2Id', 'evaluationId', 'directionId'] as const;
const AMOUNT_FIELDS = ['revenuePlan', 'savingPlan', 'revenueActual', 'savingActual'] as const;
const TEXT_FIELDS = ['planText', 'resultText', 'evaluationReason', 'issuesText'] as const;
const MAX_ROWS = 5000;

type Value = string | number | null;

export interface PlannedField {
  recordId: number;
  itemId: number;
  field: string;
  kind: FieldDiff['kind'];
  value: Value;
  /** For KPI actuals: which KPI and year. */
  kpiId?: number;
  fiscalYear?: number;
}

export interface ReadResult {
  preview: ReturnPreview;
  /** Present only when the file has no errors. */
  plan: {
    exportId: number;
    roundId: number;
    fiscalYear: number;
    fileName: string;
    fileHash: string;
    fields: PlannedField[];
    /**
     * Records the file actually answers, for the 回答状況: rows of this
     * workbook's own items where the section wrote something (a value other
     * than the one sent). Blank rows and supporting sections' reference rows
     * are not answers.
     */
    recordIds: number[];
    revisions: Map<number, string>;
  } | null;
}

interface ExportRow {
  id: number;
  uuid: string;
  round_id: number;
  org_unit_id: number | null;
  scope: string;
  created_at: string;
  plan_id: number;
  fiscal_year: number;
  round_name: string;
  plan_title: string;
  unit_name: string | null;
}

const EMPTY: CellData = {
  value: null,
  text: '',
  formula: false,
  error: null,
  date: false,
  format: null,
};

/** A sheet's cell (1-based), empty when absent. */
function at(ws: SheetData, row: number, col: number): CellData {
  return ws.rows.get(row)?.get(col) ?? EMPTY;
}

/** Line endings and trailing blanks that Excel or LibreOffice add are not changes. */
function same(a: Value, b: Value): boolean {
  if (typeof a === 'number' || typeof b === 'number') return a === b;
  return normText(a) === normText(b);
}

/** The current values of the fields a file would change, as one short hash. */
function fieldRevision(planned: readonly [string, Value][]): string {
  return crypto.createHash('sha256').update(JSON.stringify(planned)).digest('hex').slice(0, 24);
}

function sha256(data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

function emptyPreview(fileName: string, fileHash: string): ReturnPreview {
  return {
    fileName,
    fileHash,
    ok: false,
    exportId: null,
    planTitle: null,
    fiscalYear: null,
    roundName: null,
    orgUnitName: null,
    alreadyImportedAt: null,
    problems: [],
    rows: 0,
    items: [],
  };
}

export async function readReturn(
  db: Db,
  file: { name: string; data: Buffer },
  expectedRoundId: number,
): Promise<ReadResult> {
  try {
    return await readReturnUnguarded(db, file, expectedRoundId);
  } catch (e) {
    if (e instanceof AppError) throw e;
    // A workbook damaged in a way no check foresaw: refused, never half-read.
    const preview = emptyPreview(file.name, sha256(file.data));
    const detail = e instanceof XlsxDamage ? `${e.detail}` : '';
    preview.problems.push({
      level: 'error',
      message: `「${file.name}」の内容を読み取れませんでした（ファイルの一部が壊れています${detail ? `：${detail}` : ''}）。Excel で開いて .xlsx 形式で保存し直すか、出力し直したファイルに入力してもらってください。`,
      where: e instanceof XlsxDamage ? e.where : null,
    });
    return { preview, plan: null };
  }
}

async function readReturnUnguarded(
  db: Db,
  file: { name: string; data: Buffer },
  expectedRoundId: number,
): Promise<ReadResult> {
  const fileHash = sha256(file.data);
  const preview = emptyPreview(file.name, fileHash);
  const problems = preview.problems;
  const fail = (message: string, where: string | null = null): ReadResult => {
    problems.push({ level: 'error', message, where });
    preview.ok = false;
    return { preview, plan: null };
  };

  try {
    assertXlsx(file.data, file.name);
  } catch (e) {
    if (e instanceof AppError) return fail(e.message);
    throw e;
  }
  let book: XlsxBook;
  try {
    book = openXlsx(file.data);
  } catch (e) {
    if (!(e instanceof XlsxDamage)) throw e;
    return fail(
      `「${file.name}」を Excel ブックとして読めませんでした（壊れているか、途中までしかありません：${e.detail}）。Excel で開けるか確かめ、.xlsx 形式で保存し直してもらってください。`,
      e.where,
    );
  }

  // The hidden management sheet: which export this answers.
  let meta: SheetData | null;
  try {
    meta = book.sheet(META_SHEET);
  } catch (e) {
    if (!(e instanceof XlsxDamage)) throw e;
    return fail(
      `「${file.name}」の管理用シートが壊れているため読めません（${e.detail}）。出力し直した照会ファイルに入力してもらってください。`,
      e.where ?? META_SHEET,
    );
  }
  if (!meta) {
    return fail(
      `「${file.name}」には管理用の隠しシート（${META_SHEET}）がありません。行革デスクが出力した照会ファイルに入力したものか、シートが削除されていないか確認してください。別の様式のファイルは取り込めません。`,
    );
  }
  const kv = new Map<string, string>();
  let tableRow = 0;
  for (let r = 1; r <= Math.min(meta.maxRow, 60); r++) {
    const k = cellText(at(meta, r, 1)).trim();
    if (k === 'recordId') {
      tableRow = r;
      break;
    }
    if (k) kv.set(k, cellText(at(meta, r, 2)).trim());
  }
  if (kv.get('format') !== META_MARK || !tableRow) {
    return fail(
      `「${file.name}」の管理用シートが書き換えられているため取り込めません。出力し直した照会ファイルに入力してもらってください。`,
      META_SHEET,
    );
  }
  const exp = db
    .prepare(
      `SELECT e.*, o.plan_id, o.fiscal_year, o.name AS round_name, p.title AS plan_title, u.name AS unit_name
       FROM exchange_exports e JOIN pdca_rounds o ON o.id = e.round_id JOIN plans p ON p.id = o.plan_id
       LEFT JOIN org_units u ON u.id = e.org_unit_id WHERE e.uuid = ?`,
    )
    .get(kv.get('exportId') ?? '') as ExportRow | undefined;
  if (!exp) {
    return fail(
      `「${file.name}」は、このデータファイルから出力した照会ファイルではありません（別のパソコンや別の計画で出力されたか、出力の記録が削除されています）。このアプリで出力し直したファイルに入力してもらってください。`,
    );
  }
  preview.exportId = exp.id;
  preview.planTitle = exp.plan_title;
  preview.fiscalYear = exp.fiscal_year;
  preview.roundName = exp.round_name;
  preview.orgUnitName = exp.unit_name;
  if (
    kv.get('planId') !== String(exp.plan_id) ||
    kv.get('roundId') !== String(exp.round_id) ||
    kv.get('fiscalYear') !== String(exp.fiscal_year) ||
    kv.get('orgUnitId') !== String(exp.org_unit_id ?? '')
  ) {
    return fail(
      `「${file.name}」の管理用シートの内容が出力したときと違います（書き換えられています）。出力し直した照会ファイルに入力してもらってください。`,
      META_SHEET,
    );
  }
  if (exp.round_id !== expectedRoundId) {
    const expected = db
      .prepare(
        'SELECT o.fiscal_year, o.name, p.title FROM pdca_rounds o JOIN plans p ON p.id = o.plan_id WHERE o.id = ?',
      )
      .get(expectedRoundId) as { fiscal_year: number; name: string; title: string } | undefined;
    const here = expected
      ? `${expected.title} ${formatFiscalYear(expected.fiscal_year)} ${expected.name}`
      : '選んでいる照会回';
    return fail(
      `「${file.name}」は ${exp.plan_title} ${formatFiscalYear(exp.fiscal_year)} ${exp.round_name}（${exp.unit_name ?? ''}）の回答です。いま開いている ${here} には取り込めません。年度と照会回を選び直してから取り込んでください。`,
    );
  }

  const snapshots = new Map(
    (
      db
        .prepare('SELECT record_id, snapshot FROM exchange_export_records WHERE export_id = ?')
        .all(exp.id) as {
        record_id: number;
        snapshot: string;
      }[]
    ).map((r) => [r.record_id, JSON.parse(r.snapshot) as RecordSnapshot]),
  );
  const codeToRecord = new Map<string, number>();
  const exportedCode = new Map<number, string>();
  for (let r = tableRow + 1; r <= meta.maxRow; r++) {
    const id = Number(at(meta, r, 1).value);
    if (!Number.isInteger(id) || id <= 0) continue;
    if (!snapshots.has(id)) {
      return fail(
        `「${file.name}」の管理用シートに、出力していない項目が含まれています（書き換えられています）。`,
        META_SHEET,
      );
    }
    codeToRecord.set(cellText(at(meta, r, 3)).trim(), id);
    exportedCode.set(id, cellText(at(meta, r, 3)).trim());
  }

  const later = db
    .prepare(
      `SELECT created_at FROM exchange_exports WHERE round_id = ? AND org_unit_id IS ? AND id > ? ORDER BY id DESC LIMIT 1`,
    )
    .pluck()
    .get(exp.round_id, exp.org_unit_id, exp.id) as string | undefined;
  if (later) {
    problems.push({
      level: 'warning',
      message: `この課には後から新しい照会ファイルを出力しています（${later.slice(0, 16).replace('T', ' ')} UTC）。古いファイルの回答です。変更は項目ごとに確認してください。`,
      where: null,
    });
  }
  const before = db
    .prepare(
      'SELECT imported_at FROM exchange_imports WHERE file_hash = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1',
    )
    .pluck()
    .get(fileHash) as string | undefined;
  preview.alreadyImportedAt = before ?? null;

  // The input sheet: by its name, or the sheet whose header row has the columns.
  let headers: [string, string][];
  try {
    headers = JSON.parse(kv.get('columns') ?? '[]') as [string, string][];
  } catch {
    return fail(
      `「${file.name}」の管理用シートが書き換えられているため取り込めません。`,
      META_SHEET,
    );
  }
  const norm = (s: string) => s.replace(/\s+/g, '');
  const byHeader = new Map(headers.map(([key, h]) => [norm(h), key]));
  const wanted = kv.get('sheet') ?? ROUND_SHEET;
  let sheet: SheetData | undefined = book.sheet(wanted) ?? undefined;
  let headerRow = 0;
  const findHeader = (ws: SheetData) => {
    for (let r = 1; r <= Math.min(ws.maxRow, 20); r++) {
      let hits = 0;
      for (const c of ws.rows.get(r)?.values() ?? []) if (byHeader.has(norm(cellText(c)))) hits++;
      if (hits >= Math.min(4, headers.length)) return r;
    }
    return 0;
  };
  if (sheet) headerRow = findHeader(sheet);
  if (!headerRow) {
    sheet = book.names
      .filter((n) => n.name !== META_SHEET && n.name !== wanted)
      .map((n) => book.sheet(n.name)!)
      .find((ws) => findHeader(ws) > 0);
    if (sheet) {
      headerRow = findHeader(sheet);
      problems.push({
        level: 'warning',
        message: `シート名が「${sheet.name}」に変えられていましたが、見出しから進捗管理表として読みました。`,
        where: null,
      });
    }
  }
  if (!sheet || !headerRow) {
    return fail(
      `「${file.name}」に進捗管理表のシート（見出しの行）が見つかりません。シートや見出しの行が削除・変更されていないか確認してください。`,
    );
  }
  if (sheet.maxRow > MAX_ROWS) {
    return fail(
      `「${file.name}」の進捗管理表は行が多すぎます（${sheet.maxRow.toLocaleString('ja-JP')}行）。不要な行を削除して保存し直してください。`,
      sheet.name,
    );
  }
  const colOf = new Map<string, number>();
  for (const [col, c] of sheet.rows.get(headerRow) ?? []) {
    const key = byHeader.get(norm(cellText(c)));
    if (key && !colOf.has(key)) colOf.set(key, col);
  }
  const missingInputs = headers.filter(
    ([k]) =>
      !colOf.has(k) &&
      k !== 'id' &&
      !['code', 'name', 'role'].includes(k) &&
      !k.endsWith('Name') &&
      !k.endsWith('Target'),
  );
  if (!colOf.has('id') && !colOf.has('code')) {
    return fail(
      `「${file.name}」の進捗管理表に管理番号の列も No. の列もないため、行と改革項目を結びつけられません。列を削除しないでください。`,
      sheet.name,
    );
  }
  for (const [k, h] of missingInputs) {
    problems.push({
      level: 'warning',
      message: `「${h}」の列が見つかりません（削除された列は変更なしとして扱います）。`,
      where: sheet.name,
    });
    void k;
  }

  const settings = getPdcaSettings(db, exp.plan_id, false);
  const levelsOf = (axis: string) => settings.levels.filter((l) => l.axis === axis);
  const axisOf: Record<string, string> = {
    progressId: 'progress',
    progress2Id: 'progress2',
    evaluationId: 'evaluation',
    directionId: 'direction',
  };
  const labelOf = new Map(headers);
  // KPI actuals now, for the KPIs this export carried only.
  const kpiIds = [...snapshots.values()].flatMap((sn) => sn.kpis.map((k) => k.kpiId));
  const kpiNow = new Map<number, number | null>();
  if (kpiIds.length > 0) {
    for (const [id, actual] of db
      .prepare(
        `SELECT kpi_id, actual FROM kpi_values WHERE fiscal_year = ? AND kpi_id IN (${kpiIds.map(() => '?').join(',')})`,
      )
      .raw()
      .all(exp.fiscal_year, ...kpiIds) as [number, number | null][])
      kpiNow.set(id, actual);
  }
  const seen = new Map<number, number>();
  const answeredRows = new Set<number>();
  const notes: string[] = [];
  let referenceEdits = 0;
  const items: ItemPreview[] = [];
  const fields: PlannedField[] = [];
  const revisions = new Map<number, string>();
  const addr = (row: number, col: number) => `${sheet!.name}!${columnLetter(col)}${row}`;
  let rows = 0;
  const input = sheet;
  for (let r = headerRow + 1; r <= sheet.maxRow; r++) {
    if (!sheet.rows.has(r)) continue;
    const cellOf = (col: number) => at(input, r, col);
    const idText = colOf.has('id') ? cellText(cellOf(colOf.get('id')!)).trim() : '';
    const codeText = colOf.has('code') ? cellText(cellOf(colOf.get('code')!)).trim() : '';
    let recordId: number | undefined;
    const m = /^R(\d+)$/.exec(idText);
    if (m) recordId = Number(m[1]);
    else if (codeText) recordId = codeToRecord.get(codeText);
    const anyInput = [...colOf.entries()].some(
      ([k, c]) => k !== 'id' && cellText(cellOf(c)).trim() !== '',
    );
    if (recordId === undefined) {
      if (!idText && !codeText && !anyInput) continue;
      // A note typed under or beside the table (「※ 数値は見込みです」): one text cell, no item number.
      const filled = [...(sheet.rows.get(r)?.values() ?? [])].filter(
        (x) => cellText(x).trim() !== '',
      );
      if (!idText && !codeText && filled.length === 1 && typeof filled[0]!.value === 'string') {
        notes.push(`${r}行目「${cellText(filled[0]).trim().slice(0, 40)}」`);
        continue;
      }
      problems.push({
        level: 'error',
        message: `${r}行目の項目（${codeText || idText || '番号なし'}）は、この課に照会した項目ではありません。行を追加せず、照会した行に入力してください。`,
        where: addr(r, colOf.get('code') ?? colOf.get('id')!),
      });
      continue;
    }
    const snapshot = snapshots.get(recordId);
    if (!snapshot) {
      problems.push({
        level: 'error',
        message: `${r}行目（${codeText}）は他の課に照会した項目か、不明な項目です。行をコピーして追加しないでください。`,
        where: addr(r, colOf.get('id') ?? colOf.get('code')!),
      });
      continue;
    }
    if (seen.has(recordId)) {
      problems.push({
        level: 'error',
        message: `${codeText || idText}の行が2つあります（${seen.get(recordId)}行目と${r}行目）。どちらか一方を削除してください。`,
        where: addr(r, colOf.get('code') ?? colOf.get('id')!),
      });
      continue;
    }
    seen.set(recordId, r);
    rows++;
    let current: PdcaRecord;
    try {
      current = getRecord(db, recordId);
    } catch {
      problems.push({
        level: 'error',
        message: `${codeText}の記録は削除されています。`,
        where: addr(r, 1),
      });
      continue;
    }
    // What this file would change, with the values they have now: the
    // revision the apply checks (field by field, never the status).
    const planned: [string, Value][] = [];
    const item = stmt(
      db,
      `SELECT i.id, i.name, i.number, a.number AS an, p.number AS pn,
         coalesce(i.deleted_at, a.deleted_at, p.deleted_at) AS deleted_at, i.start_fy, i.end_fy
       FROM reform_items i
       JOIN areas a ON a.id = i.area_id JOIN priorities p ON p.id = a.priority_id WHERE i.id = ?`,
    ).get(current.itemId) as {
      id: number;
      name: string;
      number: number;
      an: number;
      pn: number;
      deleted_at: string | null;
      start_fy: number | null;
      end_fy: number | null;
    };
    const code = `${item.pn}-(${item.an})-${item.number}`;
    // Items deleted, moved or out of the year since the export: told, never applied.
    const was = exportedCode.get(recordId) ?? code;
    const gone =
      item.deleted_at != null
        ? `${was}「${item.name}」は出力した後に削除されたため、この行の回答は取り込みません。`
        : was !== code
          ? `${was}「${item.name}」は出力した後に番号が ${code} に変わった（移動した）ため、この行の回答は取り込みません。内容を確かめ、必要なら出力し直して回答してもらってください。`
          : (item.start_fy != null && item.start_fy > exp.fiscal_year) ||
              (item.end_fy != null && item.end_fy < exp.fiscal_year)
            ? `${code}「${item.name}」は${formatFiscalYear(exp.fiscal_year)}の改革項目ではなくなったため、この行の回答は取り込みません。`
            : null;
    if (gone) {
      problems.push({ level: 'warning', message: gone, where: addr(r, colOf.get('code') ?? 1) });
      continue;
    }
    const diffs: FieldDiff[] = [];
    const locked = current.status === 'final';
    const reference = snapshot.reference === true;
    const consider = (
      field: string,
      base: Value,
      now: Value,
      incoming: Value,
      show: (v: Value) => string,
      extra: Partial<PlannedField> = {},
    ) => {
      if (!same(incoming, base) && !reference) answeredRows.add(recordId);
      if (same(incoming, base) || same(incoming, now)) return;
      if (reference) {
        // A supporting section's copy: shown, never taken (the 主担当 answers).
        diffs.push({
          field,
          label: labelOf.get(field) ?? field,
          base: show(base),
          current: show(now),
          incoming: show(incoming),
          kind: 'ignored',
        });
        referenceEdits++;
        return;
      }
      const kind: FieldDiff['kind'] = locked ? 'locked' : same(now, base) ? 'change' : 'conflict';
      diffs.push({
        field,
        label: labelOf.get(field) ?? field,
        base: show(base),
        current: show(now),
        incoming: show(incoming),
        kind,
      });
      fields.push({ recordId, itemId: current.itemId, field, kind, value: incoming, ...extra });
      planned.push([field, now]);
    };
    const cellAt = (key: string) => {
      const c = colOf.get(key);
      return c ? { cell: cellOf(c), where: addr(r, c) } : null;
    };
    const bad = (where: string, message: string) =>
      problems.push({ level: 'error', message: `${code}「${item.name}」：${message}`, where });

    // Fixed fields: changes are not taken, but the user is told.
    for (const [key, expected] of [
      ['code', code],
      ['name', item.name],
    ] as const) {
      const c = cellAt(key);
      if (!c) continue;
      const got = c.cell;
      if (!got.formula && !same(got.value === null ? null : got.text, expected)) {
        diffs.push({
          field: key,
          label: labelOf.get(key) ?? key,
          base: expected,
          current: expected,
          incoming: got.value === null ? '' : got.text,
          kind: 'ignored',
        });
      }
    }

    /** A decoded cell: its warning told, its problem refused, its value considered. */
    const take = <T extends Value>(
      c: { cell: CellData; where: string },
      decoded: Decoded<T>,
      then: (v: T) => void,
    ) => {
      if (!decoded.ok) return bad(c.where, decoded.message);
      if (decoded.warning)
        problems.push({
          level: 'warning',
          message: `${code}「${item.name}」の${decoded.warning}`,
          where: c.where,
        });
      then(decoded.value);
    };
    for (const f of TEXT_FIELDS) {
      const c = cellAt(f);
      if (!c) continue;
      take(c, decodeText(c.cell, labelOf.get(f)!, TEXT_LIMITS[f]!), (text) =>
        consider(f, snapshot[f], current[f], text, (v) => normText(v) || '（空欄）'),
      );
    }
    for (const f of LEVEL_FIELDS) {
      const c = cellAt(f);
      if (!c) continue;
      const show = (v: Value) => levelText(settings.levels.find((l) => l.id === v)) || '（空欄）';
      take(c, decodeLevel(c.cell, labelOf.get(f)!, levelsOf(axisOf[f]!)), (id) =>
        consider(f, snapshot[f], current[f], id, show),
      );
    }
    for (const f of AMOUNT_FIELDS) {
      const c = cellAt(f);
      if (!c) continue;
      take(c, decodeAmount(c.cell, labelOf.get(f)!, settings.amountUnit), (yen) =>
        consider(f, snapshot[f], current[f], yen, (v) =>
          v === null ? '（空欄）' : `${formatAmount(v as number, settings.amountUnit)}`,
        ),
      );
    }
    for (let k = 0; colOf.has(`kpi${k}Actual`) || k < snapshot.kpis.length; k++) {
      const c = cellAt(`kpi${k}Actual`);
      if (!c) continue;
      const got = c.cell;
      const kpi = snapshot.kpis[k];
      if (!kpi) {
        if (got.value !== null && String(got.value).trim() !== '')
          bad(c.where, `指標${kpiMark(k)}は登録されていないため、実績値は取り込めません。`);
        continue;
      }
      const parsed = decodeKpiActual(got, kpi.name);
      if (!parsed.ok) {
        bad(c.where, parsed.message);
        continue;
      }
      const now = kpiNow.get(kpi.kpiId) ?? null;
      consider(
        `kpi${k}Actual`,
        kpi.actual,
        now,
        parsed.value,
        (v) => (v === null ? '（空欄）' : formatNumber(v as number)),
        {
          kpiId: kpi.kpiId,
          fiscalYear: exp.fiscal_year,
        },
      );
      const nameCell = cellAt(`kpi${k}Name`);
      if (nameCell && !same(nameCell.cell.value, kpi.name)) {
        diffs.push({
          field: `kpi${k}Name`,
          label: labelOf.get(`kpi${k}Name`) ?? '指標',
          base: kpi.name,
          current: kpi.name,
          incoming: cellText(nameCell.cell),
          kind: 'ignored',
        });
      }
    }
    const revision = fieldRevision(planned);
    revisions.set(recordId, revision);
    if (diffs.length > 0) {
      items.push({
        recordId,
        itemId: current.itemId,
        code,
        name: item.name,
        status: current.status,
        revision,
        fields: diffs,
      });
    }
  }
  const missing = [...snapshots.keys()].filter((id) => !seen.has(id));
  if (missing.length > 0) {
    problems.push({
      level: 'warning',
      message: `照会した ${snapshots.size} 項目のうち ${missing.length} 項目の行が見つかりません（削除された行は変更なしとして扱います）。`,
      where: sheet.name,
    });
  }
  if (items.some((i) => i.fields.some((f) => f.kind === 'ignored'))) {
    problems.push({
      level: 'warning',
      message:
        '変更できない欄（No.・改革項目・指標名など）が書き換えられていました。これらは取り込みません。',
      where: null,
    });
  }
  if (notes.length > 0) {
    problems.push({
      level: 'warning',
      message: `改革項目の番号がない行のメモは取り込みません：${notes.join('、')}。`,
      where: sheet.name,
    });
  }
  if (referenceEdits > 0) {
    problems.push({
      level: 'warning',
      message: `支援課として参考に送った行への書き込み（${referenceEdits}か所）は取り込みません。回答は主担当課のファイルから取り込みます。`,
      where: null,
    });
  }
  if (items.some((i) => i.status === 'final' && i.fields.some((f) => f.kind === 'locked'))) {
    problems.push({
      level: 'warning',
      message:
        '確定済みの記録への変更は取り込みません。必要なら確定を解除してから取り込み直してください。',
      where: null,
    });
  }
  if (rows === 0 && !problems.some((p) => p.level === 'error')) {
    problems.push({
      level: 'error',
      message: `「${file.name}」の進捗管理表に回答の行がありません（行が削除されています）。照会したファイルに入力して返送してもらってください。`,
      where: sheet.name,
    });
  }
  preview.rows = rows;
  preview.items = items;
  preview.ok = !problems.some((p) => p.level === 'error');
  return {
    preview,
    plan: preview.ok
      ? {
          exportId: exp.id,
          roundId: exp.round_id,
          fiscalYear: exp.fiscal_year,
          fileName: file.name,
          fileHash,
          fields,
          recordIds: [...seen.keys()].filter((id) => answeredRows.has(id)),
          revisions,
        }
      : null,
  };
}
