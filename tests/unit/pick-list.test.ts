import { describe, expect, it } from 'vitest';
import { typeAhead } from '../../renderer/grid/PickList';
import { gridCommand } from '../../renderer/grid/keymap';

const LEVELS = [
  'S 計画以上',
  'A 計画どおり',
  'B 概ね計画どおり',
  'C 計画未満',
  '－ 対象外',
  '（空欄にする）',
].map((t) => ({ value: t, label: t }));

describe('pick list', () => {
  it('jumps by symbol, by name or by any word of it; width and kana do not matter', () => {
    expect(typeAhead(LEVELS, 'a')).toBe(1);
    expect(typeAhead(LEVELS, 'Ｂ')).toBe(2);
    expect(typeAhead(LEVELS, '計画ど')).toBe(1);
    expect(typeAhead(LEVELS, '概ね')).toBe(2);
    expect(typeAhead(LEVELS, '対象')).toBe(4);
    expect(typeAhead(LEVELS, 'z')).toBe(-1);
    expect(typeAhead(LEVELS, '')).toBe(-1);
  });

  it('Alt+↓ opens the list where there is one, and moves nowhere where there is none', () => {
    const k = { key: 'ArrowDown', ctrl: false, shift: false, alt: true };
    const s = { editing: null, onGroup: false, textColumn: true };
    expect(gridCommand(k, { ...s, pickList: true })).toEqual({ kind: 'pick' });
    expect(gridCommand(k, s)).toEqual({ kind: 'swallow' });
    expect(gridCommand(k, { ...s, onGroup: true, pickList: true })).toEqual({ kind: 'swallow' });
  });
});
