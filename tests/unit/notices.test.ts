import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { withNotice } from '../../renderer/stores/notices';
import type { Notice } from '../../renderer/stores/notices';

/** The ids left after the notices are added in order (ids 1, 2, 3 …). */
function shownAfter(adds: [Notice['kind'], string][]): number[] {
  return adds
    .reduce<Notice[]>((list, [kind, text], i) => withNotice(list, { id: i + 1, kind, text }), [])
    .map((n) => n.id);
}

describe('notices', () => {
  it('keeps one error (the newest) and passing infos', () => {
    expect(
      shownAfter([
        ['error', '1行目が読めません。'],
        ['info', '保存しました。'],
        ['error', '2行目が読めません。'],
      ]),
    ).toEqual([2, 3]);
  });

  it('shows the same message once, moved last', () => {
    expect(
      shownAfter([
        ['info', 'a'],
        ['info', 'b'],
        ['info', 'a'],
      ]),
    ).toEqual([2, 3]);
  });

  it('property: never more than one error and three infos; the newest is always shown last', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind: fc.constantFrom('error', 'info'), text: fc.string() }), {
          maxLength: 40,
        }),
        (adds) => {
          let list: Notice[] = [];
          adds.forEach((a, i) => {
            const n = { id: i, kind: a.kind as Notice['kind'], text: a.text };
            list = withNotice(list, n);
            expect(list.at(-1)).toBe(n);
            expect(list.filter((x) => x.kind === 'error').length).toBeLessThanOrEqual(1);
            expect(list.filter((x) => x.kind === 'info').length).toBeLessThanOrEqual(3);
          });
        },
      ),
    );
  });
});
