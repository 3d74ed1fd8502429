/**
 * The grid's keys as Excel users expect them, as a pure function: a key (with
 * its modifiers) and the state it lands in → the command it means, or null
 * for a key the grid leaves alone. DataGrid carries the commands out.
 */
export interface KeyInput {
  key: string;
  ctrl: boolean;
  shift: boolean;
  alt: boolean;
}

export interface KeyState {
  /** The cell being edited: typed over ('enter') or edited in place ('edit', F2). */
  editing: 'enter' | 'edit' | null;
  /** The active row is a group heading (重点項目・取組分野). */
  onGroup: boolean;
  /** The active column takes typed text. */
  textColumn: boolean;
  /** The active cell has a list of allowed values (a scale: 評価, 進捗, 方向性). */
  pickList?: boolean;
}

export type Direction = 'up' | 'down' | 'left' | 'right';

export type GridCommand =
  // while editing
  | { kind: 'cancel' }
  | { kind: 'newline' }
  | { kind: 'commit'; rows: number; cols: number }
  // moving
  | { kind: 'move'; direction: Direction; toEdge: boolean; extend: boolean }
  | { kind: 'home'; toStart: boolean; extend: boolean }
  | { kind: 'end'; toEnd: boolean; extend: boolean }
  | { kind: 'page'; direction: 'up' | 'down'; extend: boolean }
  | { kind: 'next'; back: boolean; down: boolean }
  | { kind: 'collapse' }
  // acting
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'fillDown' }
  | { kind: 'structure'; op: 'insert' | 'delete' | 'moveUp' | 'moveDown' }
  | { kind: 'resize'; delta: number }
  | { kind: 'toggleGroup' }
  | { kind: 'edit' }
  | { kind: 'clear' }
  | { kind: 'typeOver' }
  /** Alt+↓ as in Excel: the cell's list of allowed values. */
  | { kind: 'pick' }
  /** Taken by the grid, doing nothing (so the browser does nothing either). */
  | { kind: 'swallow' };

const ARROWS: Record<string, Direction> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

export function gridCommand(k: KeyInput, s: KeyState): GridCommand | null {
  const key = k.key.length === 1 ? k.key.toLowerCase() : k.key;
  if (s.editing) {
    if (key === 'Escape') return { kind: 'cancel' };
    if (key === 'Enter' && k.alt) return { kind: 'newline' };
    if (key === 'Enter') return { kind: 'commit', rows: k.shift ? -1 : 1, cols: 0 };
    if (key === 'Tab') return { kind: 'commit', rows: 0, cols: k.shift ? -1 : 1 };
    // Typing over a cell, the arrows leave it (Excel's Enter mode); in F2 they move the caret.
    const d = ARROWS[key];
    if (s.editing === 'enter' && d)
      return {
        kind: 'commit',
        rows: d === 'up' ? -1 : d === 'down' ? 1 : 0,
        cols: d === 'left' ? -1 : d === 'right' ? 1 : 0,
      };
    return null;
  }
  if (k.ctrl && !k.shift && key === 'z') return { kind: 'undo' };
  if (k.ctrl && (key === 'y' || (k.shift && key === 'z'))) return { kind: 'redo' };
  if (k.ctrl && key === 'd') return { kind: 'fillDown' };
  if (k.ctrl && k.shift && (key === '+' || key === '=' || key === ';'))
    return { kind: 'structure', op: 'insert' };
  if (k.ctrl && !k.shift && key === '-') return { kind: 'structure', op: 'delete' };
  if (k.alt && k.shift && key === 'ArrowUp') return { kind: 'structure', op: 'moveUp' };
  if (k.alt && k.shift && key === 'ArrowDown') return { kind: 'structure', op: 'moveDown' };
  if (k.alt && !k.shift && !k.ctrl && key === 'ArrowDown')
    return s.pickList && !s.onGroup ? { kind: 'pick' } : { kind: 'swallow' };
  if (k.alt && k.shift && (key === 'ArrowLeft' || key === 'ArrowRight'))
    return { kind: 'resize', delta: key === 'ArrowLeft' ? -20 : 20 };
  const d = ARROWS[key];
  if (d) return { kind: 'move', direction: d, toEdge: k.ctrl, extend: k.shift };
  switch (key) {
    case 'Home':
      return { kind: 'home', toStart: k.ctrl, extend: k.shift };
    case 'End':
      return { kind: 'end', toEnd: k.ctrl, extend: k.shift };
    case 'PageDown':
      return { kind: 'page', direction: 'down', extend: k.shift };
    case 'PageUp':
      return { kind: 'page', direction: 'up', extend: k.shift };
    case 'Tab':
      return { kind: 'next', back: k.shift, down: false };
    case 'Enter':
      if (s.onGroup) return { kind: 'toggleGroup' };
      if (k.ctrl || k.alt) return { kind: 'edit' };
      return { kind: 'next', back: k.shift, down: true };
    case 'F2':
      return s.onGroup ? { kind: 'toggleGroup' } : { kind: 'edit' };
    case 'Delete':
      return { kind: 'clear' };
    case 'Backspace':
      return s.textColumn ? { kind: 'typeOver' } : { kind: 'swallow' };
    case 'Escape':
      return { kind: 'collapse' };
    default:
      return null;
  }
}
