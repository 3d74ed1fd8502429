import { describe, expect, it } from 'vitest';
import type { ReformItem } from '../../shared/domain/item';
import { buildItemChanges, parseFlag } from '../../renderer/screens/plan-grid/item-edits';
import { sampleStore } from './helpers';

async function item(id: number): Promise<ReformItem> {
  const { handlers } = sampleStore();
  return handlers['items.get']({ itemId: id });
}

describe('typed cells to item changes', () => {
  it('reads 継続 the ways staff type it', () => {
    expect(['継続', '○', '〇', '1', '１', 'はい', 'TRUE'].map(parseFlag)).toEqual(
      Array(7).fill(true),
    );
    expect(['', '0', '新規', '×', 'いいえ'].map(parseFlag)).toEqual(Array(5).fill(false));
    expect(parseFlag('たぶん')).toBeNull();
  });

  it('groups several cells of one item into one change', async () => {
    const it1 = await item(1);
    const r = buildItemChanges([
      { item: it1, field: 'name', text: ' 新しい名前 ' },
      { item: it1, field: 'continued', text: '継続' },
    ]);
    expect(r).toEqual({
      ok: true,
      forward: [
        {
          itemId: 1,
          patch: { name: '新しい名前', isContinued: true },
          expectedUpdatedAt: it1.updatedAt,
        },
      ],
    });
  });

  it('keeps initiative ids and spans by position when 主な取組 is retyped', async () => {
    const it1 = await item(1);
    const r = buildItemChanges([
      {
        item: it1,
        field: 'initiatives',
        text: '①オンライン化の検討\n②簡素化\n・書式の見直し\n③新しい取組',
      },
    ]);
    if (!r.ok) throw new Error(r.message);
    const list = r.forward[0]!.initiatives!;
    expect(list.map((i) => [i.id, i.label, i.text, i.points, i.spans.length])).toEqual([
      [it1.initiatives[0]!.id, '①', 'オンライン化の検討', [], 1],
      [it1.initiatives[1]!.id, '②', '簡素化', ['書式の見直し'], 1],
      [undefined, '③', '新しい取組', [], 0],
    ]);
  });

  it('refuses the whole edit on the first bad cell, naming it', async () => {
    const [a, b] = [await item(1), await item(2)];
    expect(
      buildItemChanges([
        { item: a, field: 'name', text: 'ok' },
        { item: b, field: 'name', text: '  ' },
      ]),
    ).toEqual({
      ok: false,
      message: '1-(1)-2「改革項目」：改革項目名は空にできません。',
    });
    expect(buildItemChanges([{ item: a, field: 'continued', text: 'たぶん' }])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/継続の欄に入力できません/),
    });
    expect(
      buildItemChanges([{ item: a, field: 'promotion', text: 'x'.repeat(30000) }]),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/4,000文字以内.*30,000文字/) });
    expect(buildItemChanges([{ item: a, field: 'initiatives', text: '・だけ' }])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^1-\(1\)-1「主な取組」：/),
    });
  });
});

describe('typing an item number into No.', () => {
  it('accepts the number or the whole code, refuses anything else', async () => {
    const { parseItemNumber } = await import('../../renderer/screens/plan-grid/item-edits');
    expect(['3', '３', '1-(1)-3', ' 12 '].map(parseItemNumber)).toEqual([3, 3, 3, 12]);
    expect(['0', '-1', 'a', '1.5', ''].map(parseItemNumber)).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    const it1 = await item(1);
    expect(buildItemChanges([{ item: it1, field: 'code', text: '7' }])).toMatchObject({
      ok: true,
      forward: [{ patch: { number: 7 } }],
    });
  });
});
