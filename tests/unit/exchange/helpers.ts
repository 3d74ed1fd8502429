import ExcelJS from 'exceljs';
import { dispatch } from '../../../electron/ipc/dispatch';
import type { ResultOf } from '../../../shared/contract';
import { sampleStore } from '../helpers';

export type H = ReturnType<typeof sampleStore>['handlers'];

export async function ok<C extends Parameters<typeof dispatch>[1]>(
  h: H,
  channel: C,
  input: unknown,
) {
  const env = await dispatch(h, channel, input, { validateResults: true });
  if (!env.ok) throw new Error(`${channel}: ${env.error.message}`);
  return env.value as ResultOf<C & keyof H>;
}
export async function fails(h: H, channel: string, input: unknown) {
  const env = await dispatch(h, channel, input, { validateResults: true });
  if (env.ok) throw new Error(`${channel} should have failed`);
  return env.error;
}

/** A store with 令和7年度 opened and the 人事行政課 workbook exported. */
export async function exported(fy = 2025) {
  const s = sampleStore();
  const [round] = await ok(s.handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: fy });
  const targets = await ok(s.handlers, 'exchange.exportTargets', {
    roundId: round!.id,
    scope: 'section',
  });
  const target = targets.find((t) => t.name === '人事行政課')!;
  const file = await ok(s.handlers, 'exchange.exportWorkbook', {
    roundId: round!.id,
    orgUnitId: target.orgUnitId,
    scope: 'section',
    contact: '人事行政課 行政改革係',
  });
  return { ...s, round: round!, target, file, buffer: Buffer.from(file.data) };
}

/** Edits a workbook the way a section would in Excel: by header and item number. */
export async function editWorkbook(
  buffer: Buffer,
  edits: { code: string; header: string | RegExp; value: ExcelJS.CellValue }[],
  extra?: (wb: ExcelJS.Workbook) => void,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('進捗管理表')!;
  const headerRow = 4;
  for (const e of edits) {
    let col = 0;
    ws.getRow(headerRow).eachCell((c, i) => {
      const t = c.text;
      if (typeof e.header === 'string' ? t === e.header : e.header.test(t)) col = i;
    });
    if (!col) throw new Error(`no column ${String(e.header)}`);
    let row = 0;
    for (let r = headerRow + 1; r <= ws.rowCount; r++)
      if (ws.getCell(r, 2).text === e.code) row = r;
    if (!row) throw new Error(`no row ${e.code}`);
    ws.getCell(row, col).value = e.value;
  }
  extra?.(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A file as the API takes it: its name and its bytes. */
export const asFile = (name: string, data: Buffer) => ({ name, data });

/** Every field change the preview offers, accepted. */
export function acceptAll(preview: ResultOf<'exchange.previewReturn'>) {
  return {
    accept: preview.items.flatMap((i) =>
      i.fields
        .filter((f) => f.kind === 'change' || f.kind === 'conflict')
        .map((f) => ({ recordId: i.recordId, field: f.field })),
    ),
    revisions: preview.items.map((i) => ({ recordId: i.recordId, revision: i.revision })),
  };
}
