import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FIRST_DATA_ROW, ROUND_SHEET } from '../../../electron/inquiry/round-columns';
import { ok } from './helpers';
import { sampleStore } from '../helpers';

async function codesIn(buffer: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(ROUND_SHEET)!;
  const out: string[] = [];
  for (let r = FIRST_DATA_ROW; r <= ws.rowCount; r++) {
    const code = ws.getCell(r, 2).text;
    if (code) out.push(code);
  }
  return out;
}

describe('the rows of a 照会 workbook', () => {
  it('follow the plan as it is ordered now, not the order the items were entered', async () => {
    const { handlers } = sampleStore();
    const [round] = await ok(handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2025 });
    const targets = await ok(handlers, 'exchange.exportTargets', {
      roundId: round!.id,
      scope: 'section',
    });
    const target = [...targets].sort((a, b) => b.items - a.items)[0]!;
    const items = await ok(handlers, 'items.list', { planId: 1, fiscalYear: 2025 });
    const section = items.filter((i) => i.assignments.some((a) => a.sectionName === target.name));
    expect(section.length).toBeGreaterThan(2);
    // The section's last item moves to the front of its first item's 取組分野:
    // entered last, now shown before the others.
    const first = section[0]!;
    const last = section[section.length - 1]!;
    await ok(handlers, 'items.move', {
      itemId: last.id,
      areaId: first.areaId,
      beforeItemId: first.id,
    });
    const now = await ok(handlers, 'items.list', { planId: 1, fiscalYear: 2025 });
    const expected = now.filter((i) => section.some((s) => s.id === i.id)).map((i) => i.code);
    expect(expected[0]).toBe(now.find((i) => i.id === last.id)!.code);

    const file = await ok(handlers, 'exchange.exportWorkbook', {
      roundId: round!.id,
      orgUnitId: target.orgUnitId,
      scope: 'section',
      contact: '行政改革係',
    });
    expect(await codesIn(Buffer.from(file.data))).toEqual(expected);
  });
});
