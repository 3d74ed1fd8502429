// kept whole: the layout of the 照会 workbook — styles, protections, drop-downs, print setup, the guide and the hidden meta sheet — kept in one file so they stay in step. The data comes from export-data.ts.
import crypto from 'node:crypto';
import type ExcelJS from 'exceljs';
import { excel } from '../xlsx/exceljs';
import { printScale } from '../xlsx/print-scale';
import { linesNeeded, MAX_LINES, rowHeight } from '../xlsx/text-fit';
import type { ExportScope } from '../../shared/domain/exchange';
import type { Kpi, PdcaRecord, PdcaSettings } from '../../shared/domain/pdca';
import { RECORD_STATUS_LABELS } from '../../shared/domain/pdca';
import { AppError } from '../../shared/errors';
import { formatDayJa, formatFiscalYear } from '../../shared/fiscal-year';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange } from '../audit/audit-log';
import type { Db } from '../db/open-store';
import { listKpis } from '../pdca/kpis';
import { listRecords } from '../pdca/records';
import { requireRound } from '../pdca/rounds';
import { getPdcaSettings } from '../pdca/settings';
import { requirePlan } from '../plans/plan-queries';
import { levelText } from '../../shared/pdca-levels';
import {
  FIRST_DATA_ROW,
  GUIDE_SHEET,
  HEADER_ROW,
  LISTS_SHEET,
  META_MARK,
  META_SHEET,
  ROUND_SHEET,
  roundColumns,
  snapshotOf,
} from './round-columns';
import type { RecordSnapshot, ReturnColumn } from './round-columns';
import { exportFileName, fileUnitName, itemsOf, requireUnit } from './export-data';
import type { ExportItem, UnitRow } from './export-data';
import { stmt } from '../db/statements';
const INPUT_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFFFF4CC' },
};
const FIXED_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFF0F2F5' },
};
const HEAD_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FF1F5FA8' },
};
const THIN = { style: 'thin' as const, color: { argb: 'FF9AA3AD' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'BIZ UDPゴシック';

/** 千円 or 円, negatives as ▲ the way municipal tables print them. */
const AMOUNT_FORMAT = '#,##0.###;"▲"#,##0.###;0';

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (v && typeof v === 'object') deepFreeze(v as object);
  return Object.freeze(o);
}

/** The looks of a data cell: wrapped text, one line, an amount, another number. */
type DataLook = 'wrap' | 'plain' | 'amount' | 'number';

/**
 * One shared style object per look and lock: exceljs registers a style once
 * per object, so a workbook of many cells with a few looks is written fast.
 * Never changed after it is made (cells share it).
 */
const dataStyle = (() => {
  const made = new Map<string, Partial<ExcelJS.Style>>();
  return (look: DataLook, locked: boolean): Partial<ExcelJS.Style> => {
    const key = `${look}:${locked}`;
    let style = made.get(key);
    if (!style) {
      const numeric = look === 'amount' || look === 'number';
      style = deepFreeze({
        font: { name: FONT, size: 10 },
        border: structuredClone(BORDER),
        alignment: numeric
          ? { vertical: 'top', horizontal: 'right' }
          : { vertical: 'top', wrapText: look === 'wrap' },
        ...(numeric
          ? { numFmt: look === 'amount' ? AMOUNT_FORMAT : '#,##0.##;"▲"#,##0.##;0' }
          : {}),
        protection: { locked },
        fill: structuredClone(locked ? FIXED_FILL : INPUT_FILL),
      }) as Partial<ExcelJS.Style>;
      made.set(key, style);
    }
    return style;
  };
})();

export interface BuiltExport {
  fileName: string;
  buffer: Buffer;
  exportUuid: string;
  items: number;
  /** Writes the export and its snapshots; run inside the caller's transaction. */
  commit(cs: ChangeSet): number;
}

/**
 * The 照会 workbook for one 課 or 部: 記入要領, the 進捗管理表 (fixed fields
 * locked, input cells unlocked and tinted, drop-downs from the plan's scales,
 * A3 landscape fit to width with repeated titles), and hidden sheets with the
 * lists and with everything the import needs — as cell values only.
 */
export async function buildRoundWorkbook(
  db: Db,
  input: {
    roundId: number;
    orgUnitId: number;
    scope: ExportScope;
    contact: string;
    exportedBy: string;
    /** Fixed only by the generator of the test corpus; otherwise random. */
    uuid?: string;
  },
  now: Date,
): Promise<BuiltExport> {
  const round = requireRound(db, input.roundId);
  const plan = requirePlan(db, round.plan_id);
  const settings = getPdcaSettings(db, plan.id, false);
  const unit = requireUnit(db, input.orgUnitId);
  if (unit.kind !== input.scope) {
    throw new AppError('VALIDATION', '部単位と課単位の指定が、選んだ部・課と合っていません。');
  }
  const items = itemsOf(db, round.id, unit);
  if (items.length === 0) {
    throw new AppError('VALIDATION', `${unit.name}が担当する改革項目はありません。`);
  }
  const records = new Map(
    listRecords(
      db,
      round.id,
      items.map((i) => i.itemId),
    ).map((r) => [r.itemId, r]),
  );
  const kpisByItem = new Map<number, Kpi[]>();
  // The workbook's items' KPIs, not the plan's (a city plan has thousands).
  for (const k of listKpis(db, { planId: plan.id, itemIds: items.map((i) => i.itemId) })) {
    const l = kpisByItem.get(k.itemId) ?? [];
    l.push(k);
    kpisByItem.set(k.itemId, l);
  }
  // All of every item's KPIs: as many KPI columns as the item with the most has.
  const kpiSlots = Math.max(0, ...items.map((i) => kpisByItem.get(i.itemId)?.length ?? 0));
  const columns = roundColumns(settings, kpiSlots);
  const uuid = input.uuid ?? crypto.randomUUID();
  const fileName = exportFileName(
    round.fiscal_year,
    round.name,
    fileUnitName(db, unit, round.fiscal_year),
  );
  const rows: { item: ExportItem; record: PdcaRecord; snapshot: RecordSnapshot }[] = [];
  for (const item of items) {
    const record = records.get(item.itemId);
    if (!record) continue;
    rows.push({
      item,
      record,
      snapshot: {
        ...snapshotOf(record, kpisByItem.get(item.itemId) ?? [], round.fiscal_year),
        ...(item.answers ? {} : { reference: true }),
      },
    });
  }

  const wb = new (await excel()).Workbook();
  wb.creator = '行革デスク';
  wb.created = now;
  const guide = wb.addWorksheet(GUIDE_SHEET, { properties: { tabColor: { argb: 'FF2C7A5B' } } });
  const sheet = wb.addWorksheet(ROUND_SHEET, {
    properties: { tabColor: { argb: 'FF1F5FA8' } },
    views: [{ state: 'frozen', xSplit: 3, ySplit: HEADER_ROW, activeCell: `E${FIRST_DATA_ROW}` }],
    pageSetup: {
      // 8 = A3 in the OOXML paper size table (exceljs types it as an enum).
      paperSize: 8 as ExcelJS.PaperSize,
      orientation: 'landscape',
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 },
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    },
    headerFooter: {
      oddFooter: `&L${plan.title}&C&P / &N&R${formatFiscalYear(round.fiscal_year)} ${round.name}`,
    },
  });
  const lists = wb.addWorksheet(LISTS_SHEET, { state: 'hidden' });
  const meta = wb.addWorksheet(META_SHEET, { state: 'hidden' });

  writeGuide(guide, {
    plan: plan.title,
    round,
    unit,
    settings,
    contact: input.contact,
    count: rows.length,
  });

  // Drop-down lists: one column per scale on the hidden _lists sheet.
  const listRange = new Map<string, string>();
  let listCol = 1;
  for (const axis of ['progress', 'progress2', 'evaluation', 'direction'] as const) {
    const levels = settings.levels.filter((l) => l.axis === axis);
    if (levels.length === 0 || (axis === 'progress2' && settings.axisLabels.progress2 === null))
      continue;
    const col = lists.getColumn(listCol);
    col.values = [settings.axisLabels[axis] ?? axis, ...levels.map(levelText)];
    const letter = col.letter;
    listRange.set(axis, `${LISTS_SHEET}!$${letter}$2:$${letter}$${levels.length + 1}`);
    listCol++;
  }

  // Title block
  const last = columns.length;
  sheet.mergeCells(1, 2, 1, last);
  sheet.getCell(1, 2).value =
    `${formatFiscalYear(round.fiscal_year)}　${round.name}　進捗管理表（${unit.name}）`;
  sheet.getCell(1, 2).font = { name: FONT, size: 16, bold: true };
  sheet.mergeCells(2, 2, 2, last);
  sheet.getCell(2, 2).value =
    `${plan.title}　締切：${round.deadline ? formatDayJa(round.deadline) : '未定'}　問合せ：${input.contact}`;
  sheet.getCell(2, 2).font = { name: FONT, size: 11 };
  sheet.mergeCells(3, 2, 3, last);
  sheet.getCell(3, 2).value =
    '黄色のセルに入力してください。灰色のセルは変更できません（変更しても取り込まれません）。行の並べ替え・絞り込みはできますが、行・列・シートの削除や名前の変更はしないでください。';
  sheet.getCell(3, 2).font = { name: FONT, size: 10, color: { argb: 'FF5B6572' } };
  sheet.getRow(1).height = 26;

  const header = sheet.getRow(HEADER_ROW);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 10, bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = HEAD_FILL;
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = BORDER;
    const col = sheet.getColumn(i + 1);
    col.width = c.width;
    if (c.kind === 'id') col.hidden = true;
  });
  header.height = 36;

  const levelById = new Map(settings.levels.map((l) => [l.id, l]));
  rows.forEach(({ item, record, snapshot }, n) => {
    const row = sheet.getRow(FIRST_DATA_ROW + n);
    let height = 1;
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      const value = cellValue(c, item, record, snapshot, levelById, settings);
      cell.value = value;
      const numeric = c.kind === 'amount' || c.kind === 'kpiActual' || c.key.endsWith('Target');
      const locked = !c.input || record.status === 'final' || !item.answers;
      cell.style = dataStyle(
        numeric
          ? c.kind === 'amount'
            ? 'amount'
            : 'number'
          : c.kind === 'text' || c.key === 'name'
            ? 'wrap'
            : 'plain',
        locked,
      );
      if (typeof value === 'string') height = Math.max(height, linesNeeded(value, c.width));
    });
    // As tall as the text, so that a printed return shows all of it (an answer
    // taller than Excel's tallest row is read back whole all the same).
    row.height = rowHeight(Math.min(height, MAX_LINES));
  });
  sheet.pageSetup.scale = printScale(
    columns.reduce((n, c) => n + (c.kind === 'id' ? 0 : c.width), 0),
    'A3',
    'landscape',
    0.4,
  );
  const lastRow = FIRST_DATA_ROW + Math.max(rows.length, 1) - 1;

  // Drop-downs by range (one rule per column), as Excel and LibreOffice both keep.
  columns.forEach((c, i) => {
    if (c.kind !== 'level' || !c.axis) return;
    const range = listRange.get(c.axis);
    if (!range) return;
    const letter = sheet.getColumn(i + 1).letter;
    (
      sheet as unknown as { dataValidations: { add(r: string, v: ExcelJS.DataValidation): void } }
    ).dataValidations.add(`${letter}${FIRST_DATA_ROW}:${letter}${lastRow}`, {
      type: 'list',
      allowBlank: true,
      formulae: [range],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '一覧にない値です',
      error: `${c.header}は一覧から選んでください。`,
    });
  });
  sheet.autoFilter = {
    from: { row: HEADER_ROW, column: 2 },
    to: { row: lastRow, column: columns.length },
  };
  sheet.pageSetup.printArea = `B$1:${sheet.getColumn(columns.length).letter}$${lastRow}`;
  await sheet.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatColumns: true,
    formatRows: true,
    sort: true,
    autoFilter: true,
  });

  // What the import needs, as cell values on a hidden sheet.
  const kv: [string, string | number][] = [
    ['format', META_MARK],
    ['exportId', uuid],
    ['planId', plan.id],
    ['planTitle', plan.title],
    ['fiscalYear', round.fiscal_year],
    ['roundId', round.id],
    ['roundName', round.name],
    ['scope', input.scope],
    ['orgUnitId', unit.id],
    ['orgUnitName', unit.name],
    ['amountUnit', settings.amountUnit],
    ['exportedAt', now.toISOString()],
    ['sheet', ROUND_SHEET],
    ['columns', JSON.stringify(columns.map((c) => [c.key, c.header]))],
    ['records', rows.length],
  ];
  kv.forEach(([k, v], i) => {
    meta.getCell(i + 1, 1).value = k;
    meta.getCell(i + 1, 2).value = v;
  });
  const tableRow = kv.length + 2;
  ['recordId', 'itemId', 'code', 'revision', 'status'].forEach(
    (h, i) => (meta.getCell(tableRow, i + 1).value = h),
  );
  rows.forEach(({ item, record }, n) => {
    const r = meta.getRow(tableRow + 1 + n);
    r.values = [
      record.id,
      item.itemId,
      item.code,
      record.updatedAt,
      RECORD_STATUS_LABELS[record.status],
    ];
  });
  await meta.protect('', { selectLockedCells: false, selectUnlockedCells: false });

  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    fileName,
    buffer,
    exportUuid: uuid,
    items: rows.length,
    commit(cs) {
      const id = Number(
        stmt(
          cs.db,
          `INSERT INTO exchange_exports (uuid, round_id, org_unit_id, scope, file_name, created_at, created_by)
             VALUES (?, ?, ?, ?, ?, ?, ?)`,
        ).run(uuid, round.id, unit.id, input.scope, fileName, cs.at, input.exportedBy)
          .lastInsertRowid,
      );
      const ins = stmt(
        cs.db,
        'INSERT INTO exchange_export_records (export_id, record_id, snapshot) VALUES (?, ?, ?)',
      );
      for (const r of rows) ins.run(id, r.record.id, JSON.stringify(r.snapshot));
      recordChange(cs, {
        action: 'create',
        entity: 'exchange_export',
        entityId: id,
        newValue: {
          fileName,
          round: round.name,
          fiscalYear: round.fiscal_year,
          unit: unit.name,
          records: rows.length,
        },
      });
      return id;
    },
  };
}

function amountIn(settings: PdcaSettings, yen: number | null): number | null {
  return yen === null ? null : settings.amountUnit === 'thousand' ? yen / 1000 : yen;
}

function cellValue(
  c: ReturnColumn,
  item: ExportItem,
  record: PdcaRecord,
  snapshot: RecordSnapshot,
  levels: Map<number, PdcaSettings['levels'][number]>,
  settings: PdcaSettings,
): ExcelJS.CellValue {
  switch (c.key) {
    case 'id':
      return `R${record.id}`;
    case 'code':
      return item.code;
    case 'name':
      return item.name;
    case 'role':
      return item.answers ? (item.role === 'lead' ? '主担当' : '関係') : '支援（参考）';
    case 'planText':
    case 'resultText':
    case 'evaluationReason':
    case 'issuesText':
      return record[c.key] || null;
    case 'progressId':
    case 'progress2Id':
    case 'evaluationId':
    case 'directionId': {
      const l = levels.get(record[c.key] ?? 0);
      return l ? levelText(l) : null;
    }
    case 'revenuePlan':
    case 'savingPlan':
    case 'revenueActual':
    case 'savingActual':
      return amountIn(settings, record[c.key]);
  }
  const k = snapshot.kpis[c.kpi ?? 0];
  if (!k) return null;
  if (c.key.endsWith('Name')) return k.name;
  if (c.key.endsWith('Target')) return k.target;
  return k.actual;
}

function writeGuide(
  ws: ExcelJS.Worksheet,
  ctx: {
    plan: string;
    round: { fiscal_year: number; name: string; deadline: string | null };
    unit: UnitRow;
    settings: PdcaSettings;
    contact: string;
    count: number;
  },
): void {
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 22;
  ws.getColumn(3).width = 70;
  // Rows spell out their height: LibreOffice shows wrapped text on one line otherwise.
  const put = (
    values: (string | null)[],
    opts: { bold?: boolean; size?: number; mergeFrom?: number } = {},
  ) => {
    const row = ws.addRow(values);
    row.eachCell((cell) => {
      cell.font = { name: FONT, size: opts.size ?? 11, bold: opts.bold };
      cell.alignment = { vertical: 'top', wrapText: true };
    });
    const from = opts.mergeFrom ?? (values.length === 1 ? 1 : values.length === 2 ? 2 : 0);
    if (from > 0 && values.some((v) => v)) ws.mergeCells(row.number, from, row.number, 3);
    const width = from === 1 ? 108 : from === 2 ? 92 : 70;
    const longest = values.reduce(
      (n, v) => Math.max(n, v ? linesNeeded(v, width * (11 / (opts.size ?? 11))) : 1),
      1,
    );
    row.height = Math.max(18, longest * ((opts.size ?? 11) + 5));
    return row;
  };
  put([`${formatFiscalYear(ctx.round.fiscal_year)}　${ctx.round.name}　進捗管理表の記入要領`], {
    bold: true,
    size: 16,
  });
  put([]);
  put(['計画', ctx.plan]);
  put([
    '担当',
    `${ctx.unit.parent_name ? `${ctx.unit.parent_name}　` : ''}${ctx.unit.name}（改革項目 ${ctx.count}件）`,
  ]);
  put(['締切', ctx.round.deadline ? formatDayJa(ctx.round.deadline) : '未定']);
  put(['問合せ先', ctx.contact]);
  put([]);
  put(['記入のしかた'], { bold: true, mergeFrom: 0 });
  const unit = ctx.settings.amountUnit === 'thousand' ? '千円' : '円';
  [
    '「進捗管理表」シートの黄色のセルに入力してください。灰色のセル（No.・改革項目・指標名・目標値など）は変更できません。',
    `${ctx.settings.axisLabels.progress}・${ctx.settings.axisLabels.evaluation}・${ctx.settings.axisLabels.direction}は、セルを選ぶと出る一覧から選んでください（下の表が各段階の意味です）。`,
    `効果額は${unit}単位の数値で入力してください。マイナスは「-」を付けて入力すると ▲ で表示されます。空欄は「未入力」、0 は「効果額なし」として扱います。`,
    'セル内で改行するときは Alt+Enter を押してください。数式は使わず、値を入力してください。',
    '行の並べ替えや絞り込みはかまいませんが、行・列・シートを削除したり、シートの名前を変えたりしないでください。',
    'Excel の「名前を付けて保存」で形式を変えず（.xlsx のまま）保存し、締切までに返送してください。ファイル名は変えてもかまいません。',
  ].forEach((t, i) => put([`${i + 1}`, t], { mergeFrom: 2 }));
  put([]);
  for (const axis of ['progress', 'progress2', 'evaluation', 'direction'] as const) {
    const label = ctx.settings.axisLabels[axis];
    const levels = ctx.settings.levels.filter((l) => l.axis === axis);
    if (label === null || levels.length === 0) continue;
    put([label], { bold: true, mergeFrom: 0 });
    put(['記号', '名称', '定義'], { bold: true });
    for (const l of levels)
      put([l.code, l.label, l.definition + (l.excluded ? '（割合の計算から除きます）' : '')]);
    put([]);
  }
  ws.pageSetup = {
    paperSize: 9 as ExcelJS.PaperSize,
    orientation: 'portrait',
    scale: printScale(16 + 22 + 70, 'A4', 'portrait', 0.7),
  };
}
