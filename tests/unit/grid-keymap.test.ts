import { describe, expect, it } from 'vitest';
import { gridCommand } from '../../renderer/grid/keymap';
import type { KeyInput, KeyState } from '../../renderer/grid/keymap';

/** The grid's keys as Excel users expect them: key + state → command. */
const key = (k: string, mods: Partial<Omit<KeyInput, 'key'>> = {}): KeyInput => ({
  key: k,
  ctrl: false,
  shift: false,
  alt: false,
  ...mods,
});
const idle: KeyState = { editing: null, onGroup: false, textColumn: true };
const typing: KeyState = { ...idle, editing: 'enter' };
const f2: KeyState = { ...idle, editing: 'edit' };

describe('the grid keymap', () => {
  it('moves like Excel: arrows, Ctrl+arrows to the edge, Shift extends, Tab and Enter step', () => {
    expect(gridCommand(key('ArrowDown'), idle)).toEqual({
      kind: 'move',
      direction: 'down',
      toEdge: false,
      extend: false,
    });
    expect(gridCommand(key('ArrowLeft', { ctrl: true, shift: true }), idle)).toEqual({
      kind: 'move',
      direction: 'left',
      toEdge: true,
      extend: true,
    });
    expect(gridCommand(key('Home', { ctrl: true }), idle)).toEqual({
      kind: 'home',
      toStart: true,
      extend: false,
    });
    expect(gridCommand(key('PageUp'), idle)).toEqual({
      kind: 'page',
      direction: 'up',
      extend: false,
    });
    expect(gridCommand(key('Tab', { shift: true }), idle)).toEqual({
      kind: 'next',
      back: true,
      down: false,
    });
    expect(gridCommand(key('Enter'), idle)).toEqual({ kind: 'next', back: false, down: true });
  });
  it('edits: F2 and Ctrl+Enter edit in place, Delete clears, Backspace types over a text cell', () => {
    expect(gridCommand(key('F2'), idle)).toEqual({ kind: 'edit' });
    expect(gridCommand(key('Enter', { ctrl: true }), idle)).toEqual({ kind: 'edit' });
    expect(gridCommand(key('Delete'), idle)).toEqual({ kind: 'clear' });
    expect(gridCommand(key('Backspace'), idle)).toEqual({ kind: 'typeOver' });
    expect(gridCommand(key('Backspace'), { ...idle, textColumn: false })).toEqual({
      kind: 'swallow',
    });
    expect(gridCommand(key('a'), idle)).toBeNull(); // typed text goes to the input
  });
  it('on a group heading, Enter and F2 open or close the group', () => {
    const group = { ...idle, onGroup: true };
    expect(gridCommand(key('Enter'), group)).toEqual({ kind: 'toggleGroup' });
    expect(gridCommand(key('F2'), group)).toEqual({ kind: 'toggleGroup' });
  });
  it('undo, redo, fill down, structure and column width', () => {
    expect(gridCommand(key('z', { ctrl: true }), idle)).toEqual({ kind: 'undo' });
    expect(gridCommand(key('Z', { ctrl: true }), idle)).toEqual({ kind: 'undo' });
    expect(gridCommand(key('y', { ctrl: true }), idle)).toEqual({ kind: 'redo' });
    expect(gridCommand(key('Z', { ctrl: true, shift: true }), idle)).toEqual({ kind: 'redo' });
    expect(gridCommand(key('d', { ctrl: true }), idle)).toEqual({ kind: 'fillDown' });
    for (const k of ['+', '=', ';'])
      expect(gridCommand(key(k, { ctrl: true, shift: true }), idle)).toEqual({
        kind: 'structure',
        op: 'insert',
      });
    expect(gridCommand(key('-', { ctrl: true }), idle)).toEqual({
      kind: 'structure',
      op: 'delete',
    });
    expect(gridCommand(key('ArrowUp', { alt: true, shift: true }), idle)).toEqual({
      kind: 'structure',
      op: 'moveUp',
    });
    expect(gridCommand(key('ArrowRight', { alt: true, shift: true }), idle)).toEqual({
      kind: 'resize',
      delta: 20,
    });
  });
  it('while typing over a cell: Enter/Tab/arrows commit and move, Alt+Enter breaks the line, Esc cancels', () => {
    expect(gridCommand(key('Enter'), typing)).toEqual({ kind: 'commit', rows: 1, cols: 0 });
    expect(gridCommand(key('Enter', { shift: true }), typing)).toEqual({
      kind: 'commit',
      rows: -1,
      cols: 0,
    });
    expect(gridCommand(key('Tab', { shift: true }), typing)).toEqual({
      kind: 'commit',
      rows: 0,
      cols: -1,
    });
    expect(gridCommand(key('ArrowRight'), typing)).toEqual({ kind: 'commit', rows: 0, cols: 1 });
    expect(gridCommand(key('Enter', { alt: true }), typing)).toEqual({ kind: 'newline' });
    expect(gridCommand(key('Escape'), typing)).toEqual({ kind: 'cancel' });
  });
  it('in F2 edit the arrows move the caret and Ctrl+Z undoes typing, not the grid', () => {
    expect(gridCommand(key('ArrowLeft'), f2)).toBeNull();
    expect(gridCommand(key('z', { ctrl: true }), f2)).toBeNull();
    expect(gridCommand(key('Home'), f2)).toBeNull();
  });
});
