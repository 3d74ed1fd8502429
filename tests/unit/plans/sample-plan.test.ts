import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import sample from '../../../resources/sample-plan/nihonmatsu-r3-r7.json';
import { planFileSchema } from '../../../shared/domain/plan-file';
import { ensureSamplePlan } from '../../../electron/app/sample-plan';
import { openStore } from '../../../electron/db/open-store';
import { ACTOR, FIXED_NOW, sampleStore } from '../helpers';

interface ReferenceItem {
  number: number;
  name: string;
  continued: boolean;
  sections: string[];
}

/**
 * Reads the 改革項目 rows straight from the reference text (a copy of
 * shared/reference/nihonmatsu-plan-r3-r7.md): No., name with 【継続項目】, and
 * the 実施担当 cell.
 */
function referenceItems(): ReferenceItem[] {
  const md = fs.readFileSync(
    path.join(__dirname, '../../fixtures/reference/nihonmatsu-plan-r3-r7.md'),
    'utf8',
  );
  const out: ReferenceItem[] = [];
  for (const line of md.split('\n')) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length < 5 || !/^\d+$/.test(cells[0]!)) continue;
    const rawName = cells[1]!;
    const last = [...cells].reverse().find((c) => c !== '')!;
    out.push({
      number: Number(cells[0]),
      name: rawName
        .replace(/【継続項目】/g, '')
        .split('<br>')
        .map((s) => s.trim())
        .join(''),
      continued: rawName.includes('【継続項目】'),
      sections: last.split('<br>').map((s) => s.trim()),
    });
  }
  return out;
}

describe('the embedded 二本松市 R3–R7 sample plan', () => {
  it('is a valid plan file', () => {
    expect(() => planFileSchema.parse(sample)).not.toThrow();
  });

  it('has all 37 items with the reference names, numbers, 継続 flags and sections', async () => {
    const ref = referenceItems();
    expect(ref).toHaveLength(37);
    const { handlers } = sampleStore();
    const plan = (await handlers['plans.list']({}))[0]!;
    const items = await handlers['items.list']({ planId: plan.id });
    expect(items).toHaveLength(37);
    const actual = items.map((it) => {
      const sections: string[] = [];
      let dept: string | null = null;
      for (const a of it.assignments) {
        if (a.departmentName && a.departmentName !== dept) sections.push(a.departmentName);
        dept = a.departmentName;
        sections.push(a.sectionName);
      }
      if (it.involvesRelatedSections) sections.push('関係部課');
      return { number: it.number, name: it.name, continued: it.isContinued, sections };
    });
    expect(actual).toEqual(ref);
  });

  it('has 3 重点項目 and 9 取組分野 with lead texts, and the glossary', async () => {
    const { handlers } = sampleStore();
    const d = await handlers['plans.get']({ planId: 1 });
    expect(d.title).toBe('二本松市市政改革推進行動計画');
    expect([d.firstFy, d.lastFy]).toEqual([2021, 2025]);
    expect(d.priorities.map((p) => p.title)).toEqual([
      '行政のデジタル化推進、制度・慣行の抜本的見直し',
      '健全な財政運営の推進',
      '「ともに」取り組む',
    ]);
    expect(
      d.priorities.flatMap((p) => p.areas.map((a) => `${p.number}-(${a.number}) ${a.itemCount}`)),
    ).toEqual([
      '1-(1) 6',
      '1-(2) 4',
      '1-(3) 3',
      '2-(1) 3',
      '2-(2) 9',
      '2-(3) 3',
      '3-(1) 1',
      '3-(2) 6',
      '3-(3) 2',
    ]);
    for (const p of d.priorities) {
      expect(p.leadText.length).toBeGreaterThan(20);
      for (const a of p.areas) expect(a.leadText.length).toBeGreaterThan(20);
    }
    expect(d.glossary.map((g) => g.term)).toEqual([
      'AI',
      'EBPM',
      'ICT',
      'PDCAサイクル',
      'RPA',
      'キャッシュレス決済',
      'クラウドファンディング',
      'デジタル・ガバメント',
      'テレワーク',
      'ネーミングライツ',
    ]);
  });

  it('keeps the printed markers and records every inference', () => {
    const file = planFileSchema.parse(sample);
    const items = file.priorities.flatMap((p) => p.areas.flatMap((a) => a.items));
    for (const it of items) {
      expect(it.inferred, it.name).toBeTruthy();
      expect(it.scheduleAsPrinted, it.name).not.toBeUndefined();
      for (const ini of it.initiatives)
        expect(ini.spans.length, `${it.name} ${ini.label}`).toBeGreaterThan(0);
    }
    const denshi = items.find((i) => i.name === '電子決裁・文書管理システムの導入')!;
    expect(denshi.initiatives.map((i) => i.spans)).toEqual([
      [{ start: 2021, end: 2022, phase: '検討' }],
      [{ start: 2023, end: 2025, phase: '実施' }],
    ]);
    expect(file.inferenceRules.length).toBeGreaterThanOrEqual(3);
  });

  it('is loaded once: deleting it later does not bring it back', () => {
    const s = openStore({ path: ':memory:' });
    expect(ensureSamplePlan(s.db, ACTOR, FIXED_NOW)).toBe(1);
    s.db.exec('DELETE FROM plans');
    expect(ensureSamplePlan(s.db, ACTOR, FIXED_NOW)).toBeNull();
    expect((s.db.prepare('SELECT count(*) AS n FROM plans').get() as { n: number }).n).toBe(0);
    s.close();
  });

  it('records its creation in the audit log as a system change', () => {
    const { store } = sampleStore();
    const rows = store.db
      .prepare('SELECT DISTINCT source_kind, source_note, user_name FROM audit_log')
      .all();
    expect(rows).toEqual([
      {
        source_kind: 'system',
        source_note: expect.stringContaining('見本データ'),
        user_name: ACTOR.displayName,
      },
    ]);
    const created = store.db
      .prepare(
        "SELECT count(*) AS n FROM audit_log WHERE entity = 'reform_item' AND action = 'create'",
      )
      .get();
    expect(created).toEqual({ n: 37 });
  });
});
