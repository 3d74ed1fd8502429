import { Fragment } from 'react';
import type { KeyboardEvent } from 'react';
import { fiscalYearsBetween, formatFiscalYear } from '../../shared/fiscal-year';
import type { ReformItem } from '../../shared/domain/item';
import type { PlanDetail } from '../../shared/domain/plan';
import { ScheduleBars } from '../components/ScheduleBars';
import { assignmentLines } from '../format';

interface Props {
  plan: PlanDetail;
  items: ReformItem[];
  caption: string;
  selectedItemId: number | null;
  onOpen(itemId: number): void;
}

function InitiativeText({ item }: { item: ReformItem }) {
  return (
    <ul className="initiatives">
      {item.initiatives.map((ini) => (
        <li key={ini.id}>
          <span>
            {ini.label}
            {ini.text}
          </span>
          {ini.points.length > 0 ? (
            <ul className="points">
              {ini.points.map((p, i) => (
                <li key={i}>・{p}</li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The 改革項目 of the selected node, laid out like the printed plan (read-only
 * here; the editing grid replaces it). Rows open the item's detail on click or
 * Enter.
 */
export function ItemTable({ plan, items, caption, selectedItemId, onOpen }: Props) {
  const years = fiscalYearsBetween(plan.firstFy, plan.lastFy);
  const areaTitle = new Map(
    plan.priorities.flatMap((p) => p.areas.map((a) => [a.id, { p, a }] as const)),
  );
  const colCount = 5 + years.length + 1;

  const onRowKey = (e: KeyboardEvent<HTMLTableRowElement>, id: number) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onOpen(id);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const rows = Array.from(
        e.currentTarget.closest('tbody')!.querySelectorAll<HTMLTableRowElement>('tr.item-row'),
      );
      const i = rows.indexOf(e.currentTarget);
      rows[e.key === 'ArrowDown' ? i + 1 : i - 1]?.focus();
    }
  };

  return (
    <table className="item-table">
      <caption>{caption}</caption>
      <colgroup>
        <col className="col-no" />
        <col className="col-name" />
        <col className="col-flag" />
        <col className="col-promotion" />
        <col className="col-initiatives" />
        {years.map((fy) => (
          <col key={fy} className="col-year" />
        ))}
        <col className="col-sections" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col" rowSpan={2}>
            No.
          </th>
          <th scope="col" rowSpan={2}>
            改革項目
          </th>
          <th scope="col" rowSpan={2}>
            継続
          </th>
          <th scope="col" rowSpan={2}>
            推進内容
          </th>
          <th scope="col" rowSpan={2}>
            主な取組
          </th>
          <th scope="colgroup" colSpan={years.length}>
            実施時期
          </th>
          <th scope="col" rowSpan={2}>
            実施担当
          </th>
        </tr>
        <tr>
          {years.map((fy) => (
            <th key={fy} scope="col" title={formatFiscalYear(fy)}>
              <abbr title={formatFiscalYear(fy)}>{formatFiscalYear(fy, 'short')}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {items.length === 0 ? (
          <tr>
            <td colSpan={colCount} className="empty">
              この分類には改革項目がありません。
            </td>
          </tr>
        ) : null}
        {items.map((item, i) => {
          // A heading row wherever the 取組分野 changes.
          const group =
            i === 0 || items[i - 1]!.areaId !== item.areaId
              ? areaTitle.get(item.areaId)
              : undefined;
          return (
            <Fragment key={item.id}>
              {group ? (
                <tr className="group-row">
                  <th scope="rowgroup" colSpan={colCount}>
                    重点項目{group.p.number} {group.p.title}　／　({group.a.number}) {group.a.title}
                  </th>
                </tr>
              ) : null}
              <tr
                className={`item-row${item.id === selectedItemId ? ' selected' : ''}`}
                tabIndex={0}
                aria-selected={item.id === selectedItemId}
                onClick={() => onOpen(item.id)}
                onKeyDown={(e) => onRowKey(e, item.id)}
                data-item-id={item.id}
              >
                <td className="num">{item.code}</td>
                <th scope="row" className="item-name">
                  {item.name}
                </th>
                <td className="flag">
                  {item.isContinued ? <span className="badge">継続</span> : null}
                </td>
                <td className="text">{item.promotion}</td>
                <td className="text">
                  <InitiativeText item={item} />
                </td>
                <td colSpan={years.length} className="schedule-cell">
                  <ScheduleBars initiatives={item.initiatives} years={years} phases={plan.phases} />
                </td>
                <td className="sections">
                  {assignmentLines(item).map((l, i) => (
                    <div key={i}>{l}</div>
                  ))}
                </td>
              </tr>
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
