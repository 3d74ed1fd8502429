import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { withNotice } from '../../renderer/stores/notices';
import type { Notice } from '../../renderer/stores/notices';

describe('notices', () => {
  it('keeps one error (the newest) and passing infos', () => {
    let list: Notice[] = [];
    list = withNotice(list, { id: 1, kind: 'error', text: '1行目が読めません。' });
    list = withNotice(list, { id: 2, kind: 'info', text: '保存しました。' });
    list = withNotice(list, { id: 3, kind: 'error', text: '2行目が読めません。' });
    expect(list.map((n) => n.id)).toEqual([2, 3]);
  });

  it('shows the same message once, moved last', () => {
    let list: Notice[] = [];
    list = withNotice(list, { id: 1, kind: 'info', text: 'a' });
    list = withNotice(list, { id: 2, kind: 'info', text: 'b' });
    list = withNotice(list, { id: 3, kind: 'info', text: 'a' });
    expect(list.map((n) => n.id)).toEqual([2, 3]);
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
