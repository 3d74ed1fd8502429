import { useEffect, useId, useRef, useState } from 'react';
import type { CSSProperties, KeyboardEvent } from 'react';
import { normalizeForSearch } from '../../shared/search';

/** An allowed value of a cell: what is entered, and how the list shows it. */
export interface PickOption {
  value: string;
  label: string;
}

const TYPE_AHEAD_MS = 800;

/**
 * The option a typed prefix means: the first whose text, or any word of it
 * (the symbol 「A」 or the name 「計画どおり」), starts with what was typed;
 * width and kana do not matter.
 */
export function typeAhead(options: readonly PickOption[], typed: string): number {
  const t = normalizeForSearch(typed).trim();
  if (!t) return -1;
  const words = (o: PickOption) => normalizeForSearch(o.label).split(/\s+/);
  const whole = options.findIndex((o) => normalizeForSearch(o.label).startsWith(t));
  return whole >= 0 ? whole : options.findIndex((o) => words(o).some((w) => w.startsWith(t)));
}

/**
 * The drop-down list of a cell (Alt+↓): ↑↓ to move, Enter or Tab to enter the
 * value, Esc to close, letters and kana to jump. Focus comes back to the grid
 * when it closes.
 */
export function PickList({
  label,
  options,
  current,
  style,
  onPick,
  onClose,
}: {
  label: string;
  options: readonly PickOption[];
  current: string;
  style: CSSProperties;
  onPick(value: string): void;
  onClose(): void;
}) {
  const id = useId();
  const list = useRef<HTMLUListElement>(null);
  const [index, setIndex] = useState(() =>
    Math.max(
      0,
      options.findIndex((o) => o.value === current),
    ),
  );
  const typed = useRef({ text: '', at: 0 });
  useEffect(() => list.current?.focus(), []);
  useEffect(() => {
    list.current
      ?.querySelector<HTMLElement>(`[data-index="${index}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [index]);

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    if (e.nativeEvent.isComposing) return;
    const last = options.length - 1;
    const go = (i: number) => setIndex(Math.min(last, Math.max(0, i)));
    switch (e.key) {
      case 'ArrowDown':
        if (e.altKey) break;
        go(index + 1);
        break;
      case 'ArrowUp':
        if (e.altKey) return onClose();
        go(index - 1);
        break;
      case 'Home':
        go(0);
        break;
      case 'End':
        go(last);
        break;
      case 'Enter':
      case 'Tab':
      case ' ':
        e.preventDefault();
        return onPick(options[index]!.value);
      case 'Escape':
        e.preventDefault();
        return onClose();
      default: {
        if (e.key.length !== 1 || e.ctrlKey || e.metaKey) return;
        const now = performance.now();
        const text = now - typed.current.at < TYPE_AHEAD_MS ? typed.current.text + e.key : e.key;
        typed.current = { text, at: now };
        const hit = typeAhead(options, text);
        if (hit >= 0) setIndex(hit);
      }
    }
    e.preventDefault();
  };

  return (
    <ul
      ref={list}
      className="grid-picklist"
      role="listbox"
      aria-label={label}
      aria-activedescendant={`${id}-${index}`}
      tabIndex={-1}
      style={style}
      onKeyDown={onKeyDown}
      onBlur={onClose}
    >
      {options.map((o, i) => (
        <li
          key={o.value}
          id={`${id}-${i}`}
          data-index={i}
          role="option"
          aria-selected={i === index}
          className={i === index ? 'active' : undefined}
          onMouseDown={(e) => {
            e.preventDefault();
            onPick(o.value);
          }}
        >
          {o.label}
        </li>
      ))}
    </ul>
  );
}
