// kept whole: one walk over the rows of a returned workbook (each row against its export and the app). The meta check is return-meta.ts, the columns return-columns.ts, the cells field-codecs.ts, the diff three-way.ts.
import crypto from 'node:crypto';
import type { FieldDiff, ItemPreview, ReturnPreview } from '../../shared/domain/exchange';
import { emptyPreview } from '../../shared/domain/exchange';
import { AppError } from '../../shared/errors';
import { formatFiscalYear } from '../../shared/fiscal-year';
import { formatAmount, formatNumber } from '../../shared/pdca-math';
import { levelText } from '../../shared/pdca-levels';
import type { Db } from '../db/open-store';
import { stmt } from '../db/statements';
import { CODE_COLUMNS, itemCode } from '../items/item-queries';
import type { CodeParts } from '../items/item-queries';
import { recordsById } from '../pdca/records';
import { getPdcaSettings } from '../pdca/settings';
import { assertXlsx } from '../xlsx/file-sniff';
import type { CellData, XlsxBook } from '../xlsx/read-book';
import { cellText, columnLetter, openXlsx, XlsxDamage } from '../xlsx/read-book';
import { kpiMark } from './round-columns';
import { at, checkReturnMeta } from './return-meta';
import { locateInputTable } from './return-columns';
import type { Value } from './three-way';
import { same, threeWay } from './three-way';
import type { Decoded } from './field-codecs';
import { decodeAmount, decodeKpiActual, decodeLevel, decodeText, normText } from './field-codecs';

/** An item as it is now, as a returned row is checked against it. */
type ItemNow = CodeParts & {
  id: number;
  name: string;
  deleted_at: string | null;
  start_fy: number | null;
  end_fy: number | null;
};

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

/** The current values of the fields a file would change, as one short hash. */
function fieldRevision(planned: readonly [string, Value][]): string {
  return crypto.createHash('sha256').update(JSON.stringify(planned)).digest('hex').slice(0, 24);
}

function sha256(data: Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
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
  const checked = checkReturnMeta(db, book, file.name, expectedRoundId);
  if (!checked.ok) return fail(checked.message, checked.where);
  const { kv, exp, snapshots, codeToRecord, exportedCode } = checked.value;
  preview.exportId = exp.id;
  preview.planTitle = exp.plan_title;
  preview.fiscalYear = exp.fiscal_year;
  preview.roundName = exp.round_name;
  preview.orgUnitName = exp.unit_name;

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

  // The input sheet and its columns, found by their headers.
  const located = locateInputTable(book, kv, file.name);
  if (!located.ok) return fail(located.message, located.where);
  const { sheet, headerRow, colOf, labelOf } = located.value;
  for (const w of located.value.warnings) problems.push({ level: 'warning', ...w });

  const settings = getPdcaSettings(db, exp.plan_id, false);
  const levelsOf = (axis: string) => settings.levels.filter((l) => l.axis === axis);
  const axisOf: Record<string, string> = {
    progressId: 'progress',
    progress2Id: 'progress2',
    evaluationId: 'evaluation',
    directionId: 'direction',
  };
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
  // The records asked about and their items as they are now, read once for
  // the whole sheet rather than twice a row.
  const currentRecords = recordsById(db, [...snapshots.keys()]);
  const itemRows = new Map(
    (
      stmt(
        db,
        `SELECT i.id, i.name, ${CODE_COLUMNS},
           coalesce(i.deleted_at, a.deleted_at, p.deleted_at) AS deleted_at, i.start_fy, i.end_fy
         FROM reform_items i
         JOIN areas a ON a.id = i.area_id JOIN priorities p ON p.id = a.priority_id
         WHERE i.id IN (SELECT value FROM json_each(?))`,
      ).all(
        JSON.stringify([...new Set([...currentRecords.values()].map((c) => c.itemId))]),
      ) as ItemNow[]
    ).map((i) => [i.id, i]),
  );
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
    const current = currentRecords.get(recordId);
    if (!current) {
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
    const item = itemRows.get(current.itemId)!;
    const code = itemCode(item);
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
      const kind = threeWay(base, now, incoming, { locked, reference });
      if (kind === 'none') return;
      diffs.push({
        field,
        label: labelOf.get(field) ?? field,
        base: show(base),
        current: show(now),
        incoming: show(incoming),
        kind,
      });
      if (kind === 'ignored') {
        // A supporting section's copy: shown, never taken (the 主担当 answers).
        referenceEdits++;
        return;
      }
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
