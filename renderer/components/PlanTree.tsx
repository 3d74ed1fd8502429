import { groupHeading, priorityHeading } from '../../shared/domain/headings';
import { memo, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { PlanDetail } from '../../shared/domain/plan';
import type { PlanNode } from '../stores/plan-store';

interface TreeRow {
  key: string;
  node: PlanNode;
  level: number;
  label: string;
  count: number;
  parentKey: string | null;
  hasChildren: boolean;
}

function keyOf(n: PlanNode): string {
  return n.kind === 'plan' ? 'plan' : `${n.kind}-${n.id}`;
}

interface Props {
  plan: PlanDetail;
  selected: PlanNode;
  onSelect(node: PlanNode): void;
}

/**
 * 重点項目 / 取組分野 as an ARIA tree: arrows move, Right/Left open and close,
 * Home/End jump, Enter or Space selects. One tab stop (roving tabindex).
 */
export const PlanTree = memo(function PlanTree({ plan, selected, onSelect }: Props) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [focusKey, setFocusKey] = useState<string>(keyOf(selected));
  const refs = useRef(new Map<string, HTMLLIElement>());

  const rows = useMemo(() => {
    const out: TreeRow[] = [
      {
        key: 'plan',
        node: { kind: 'plan' },
        level: 1,
        label: '計画全体',
        count: plan.itemCount,
        parentKey: null,
        hasChildren: plan.headingLevels > 0,
      },
    ];
    if (plan.headingLevels === 0) return out;
    // 基本目標 above the 重点項目 in plans of three heading levels: one level deeper each.
    const grouped = plan.headingLevels === 3;
    const depth = grouped ? 1 : 0;
    const countOf = (p: (typeof plan.priorities)[number]) =>
      p.areas.reduce((n, a) => n + a.itemCount, 0);
    let lastGroup: number | null = null;
    for (const p of plan.priorities) {
      const g = grouped ? plan.groups.find((x) => x.id === p.groupId) : undefined;
      if (g && g.id !== lastGroup) {
        out.push({
          key: `group-${g.id}`,
          node: { kind: 'group', id: g.id },
          level: 2,
          label: groupHeading(plan.headingNames, g),
          count: plan.priorities
            .filter((x) => x.groupId === g.id)
            .reduce((n, x) => n + countOf(x), 0),
          parentKey: 'plan',
          hasChildren: true,
        });
        lastGroup = g.id;
      }
      const pk = `priority-${p.id}`;
      out.push({
        key: pk,
        node: { kind: 'priority', id: p.id },
        level: 2 + depth,
        label: priorityHeading(plan.headingNames, p),
        count: countOf(p),
        parentKey: g ? `group-${g.id}` : 'plan',
        hasChildren: plan.headingLevels >= 2 && p.areas.length > 0,
      });
      if (plan.headingLevels < 2) continue;
      for (const a of p.areas) {
        out.push({
          key: `area-${a.id}`,
          node: { kind: 'area', id: a.id },
          level: 3 + depth,
          label: `(${a.number}) ${a.title}`,
          count: a.itemCount,
          parentKey: pk,
          hasChildren: false,
        });
      }
    }
    return out;
  }, [plan]);

  const visible = rows.filter((r) => {
    let parent = r.parentKey;
    while (parent) {
      if (collapsed.has(parent)) return false;
      parent = rows.find((x) => x.key === parent)?.parentKey ?? null;
    }
    return true;
  });

  const focus = (key: string) => {
    setFocusKey(key);
    refs.current.get(key)?.focus();
  };
  const toggle = (key: string, open: boolean) => {
    const next = new Set(collapsed);
    if (open) next.delete(key);
    else next.add(key);
    setCollapsed(next);
  };

  const onKeyDown = (e: KeyboardEvent, row: TreeRow) => {
    const i = visible.findIndex((r) => r.key === row.key);
    switch (e.key) {
      case 'ArrowDown':
        if (visible[i + 1]) focus(visible[i + 1]!.key);
        break;
      case 'ArrowUp':
        if (visible[i - 1]) focus(visible[i - 1]!.key);
        break;
      case 'Home':
        focus(visible[0]!.key);
        break;
      case 'End':
        focus(visible[visible.length - 1]!.key);
        break;
      case 'ArrowRight':
        if (row.hasChildren && collapsed.has(row.key)) toggle(row.key, true);
        else if (row.hasChildren && visible[i + 1]) focus(visible[i + 1]!.key);
        break;
      case 'ArrowLeft':
        if (row.hasChildren && !collapsed.has(row.key)) toggle(row.key, false);
        else if (row.parentKey) focus(row.parentKey);
        break;
      case 'Enter':
      case ' ':
        onSelect(row.node);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const selectedKey = keyOf(selected);
  return (
    <ul role="tree" aria-label="重点項目と取組分野" className="plan-tree">
      {visible.map((row) => (
        <li
          key={row.key}
          ref={(el) => {
            if (el) refs.current.set(row.key, el);
            else refs.current.delete(row.key);
          }}
          role="treeitem"
          aria-level={row.level}
          aria-selected={row.key === selectedKey}
          aria-expanded={row.hasChildren ? !collapsed.has(row.key) : undefined}
          tabIndex={row.key === focusKey ? 0 : -1}
          className={`tree-row level-${row.level}${row.key === selectedKey ? ' selected' : ''}`}
          onClick={() => {
            setFocusKey(row.key);
            onSelect(row.node);
          }}
          onKeyDown={(e) => onKeyDown(e, row)}
        >
          {row.hasChildren ? (
            <span
              className="tree-twisty"
              aria-hidden="true"
              onClick={(e) => {
                e.stopPropagation();
                toggle(row.key, collapsed.has(row.key));
              }}
            >
              {collapsed.has(row.key) ? '▸' : '▾'}
            </span>
          ) : (
            <span className="tree-twisty" aria-hidden="true" />
          )}
          <span className="tree-label">{row.label}</span>
          <span className="tree-count" aria-label={`${row.count}項目`}>
            {row.count}
          </span>
        </li>
      ))}
    </ul>
  );
});
