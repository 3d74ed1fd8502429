import { useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import type { InitiativeInput, ReformItem } from '../../../shared/domain/item';
import type { PlanDetail } from '../../../shared/domain/plan';
import { fiscalYearsBetween, formatFiscalYear } from '../../../shared/fiscal-year';
import { circledNumber } from '../../../shared/initiative-text';
import { Dialog } from '../../components/Dialog';
import { toInputs } from './item-edits';
import { PhaseEditor } from './PhaseEditor';

interface Props {
  plan: PlanDetail;
  item: ReformItem;
  onClose(): void;
  onSave(list: InitiativeInput[]): Promise<boolean>;
}

type Draft = InitiativeInput & { key: string; pointsText: string };

let nextKey = 1;
const toDraft = (i: InitiativeInput): Draft => ({
  ...i,
  key: `k${nextKey++}`,
  pointsText: i.points.join('\n'),
});

/**
 * 主な取組 ①②③ with their ・points and 実施時期. Spans are drawn across the
 * plan's years: drag over the years with the mouse, or on a year press Space
 * to start and again to end a span; Delete removes the span under the cursor.
 * Every span is also listed with selects for exact years and phase.
 */
export function ScheduleEditor({ plan, item, onClose, onSave }: Props) {
  const years = fiscalYearsBetween(plan.firstFy, plan.lastFy);
  const defaultPhase = plan.phases.find((p) => p.code === '実施')?.id ?? plan.phases[0]!.id;
  const [drafts, setDrafts] = useState<Draft[]>(() => toInputs(item.initiatives).map(toDraft));
  const [phase, setPhase] = useState(defaultPhase);
  const [drag, setDrag] = useState<{ key: string; from: number; to: number } | null>(null);
  const [pending, setPending] = useState<{ key: string; from: number } | null>(null);
  const [saving, setSaving] = useState(false);
  const [phasesOpen, setPhasesOpen] = useState(false);
  const cellRefs = useRef(new Map<string, HTMLButtonElement>());

  const update = (key: string, fn: (d: Draft) => Draft) =>
    setDrafts((ds) => ds.map((d) => (d.key === key ? fn(d) : d)));
  const setSpan = (key: string, from: number, to: number) =>
    update(key, (d) => {
      const [a, b] = from <= to ? [from, to] : [to, from];
      // A new span replaces the years it covers.
      const kept = d.spans.filter((s) => s.endFy < a || s.startFy > b);
      return {
        ...d,
        spans: [...kept, { startFy: a, endFy: b, phaseId: phase }].sort(
          (x, y) => x.startFy - y.startFy,
        ),
      };
    });
  const removeAt = (key: string, fy: number) =>
    update(key, (d) => ({
      ...d,
      spans: d.spans.filter((s) => !(s.startFy <= fy && fy <= s.endFy)),
    }));

  const onCellKey = (e: KeyboardEvent, d: Draft, fy: number, row: number) => {
    const col = years.indexOf(fy);
    const focus = (r: number, c: number) => {
      const t = drafts[r];
      const y = years[c];
      if (t && y != null) cellRefs.current.get(`${t.key}:${y}`)?.focus();
    };
    if (e.key === 'ArrowRight') focus(row, col + 1);
    else if (e.key === 'ArrowLeft') focus(row, col - 1);
    else if (e.key === 'ArrowDown') focus(row + 1, col);
    else if (e.key === 'ArrowUp') focus(row - 1, col);
    else if (e.key === ' ' || e.key === 'Enter') {
      if (pending && pending.key === d.key) {
        setSpan(d.key, pending.from, fy);
        setPending(null);
      } else setPending({ key: d.key, from: fy });
    } else if (e.key === 'Delete' || e.key === 'Backspace') removeAt(d.key, fy);
    else if (e.key === 'Escape' && pending) setPending(null);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  const valid = drafts.every((d) => d.text.trim() !== '');
  const save = async () => {
    setSaving(true);
    const list: InitiativeInput[] = drafts.map(({ key: _k, pointsText, ...d }) => ({
      ...d,
      text: d.text.trim(),
      points: pointsText
        .split('\n')
        .map((p) => p.replace(/^[・･]\s*/, '').trim())
        .filter(Boolean),
    }));
    const ok = await onSave(list);
    setSaving(false);
    if (ok) onClose();
  };

  const inDrag = (key: string, fy: number) =>
    drag &&
    drag.key === key &&
    fy >= Math.min(drag.from, drag.to) &&
    fy <= Math.max(drag.from, drag.to);

  return (
    <Dialog
      title={`${item.code} ${item.name}：主な取組と実施時期`}
      open
      onClose={onClose}
      wide
      footer={
        <>
          <button
            type="button"
            className="primary"
            onClick={() => void save()}
            disabled={saving || !valid}
          >
            {saving ? '保存しています…' : '保存'}
          </button>
          <button type="button" onClick={onClose}>
            取り消し
          </button>
        </>
      }
    >
      <div
        className="schedule-editor"
        onMouseUp={() => drag && (setSpan(drag.key, drag.from, drag.to), setDrag(null))}
        onMouseLeave={() => setDrag(null)}
      >
        <div className="schedule-toolbar">
          <label>
            新しく引く期間の区分
            <select value={phase} onChange={(e) => setPhase(Number(e.target.value))}>
              {plan.phases.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => setPhasesOpen(true)}>
            区分の設定…
          </button>
          <span className="muted">
            年度の上をドラッグするか、年度で Space を押して始まりと終わりを指定します。Delete
            で期間を消します。
          </span>
        </div>
        <table className="schedule-table">
          <thead>
            <tr>
              <th scope="col">番号</th>
              <th scope="col">主な取組 ／ ・内容（1行に1つ）</th>
              {years.map((fy) => (
                <th key={fy} scope="col" title={formatFiscalYear(fy)}>
                  {formatFiscalYear(fy, 'short')}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {drafts.map((d, row) => (
              <tr key={d.key}>
                <td>
                  <input
                    className="label-input"
                    aria-label={`${row + 1}番目の取組の番号`}
                    value={d.label}
                    maxLength={2}
                    onChange={(e) => update(d.key, (x) => ({ ...x, label: e.target.value }))}
                  />
                </td>
                <td>
                  <input
                    aria-label={`${row + 1}番目の取組`}
                    value={d.text}
                    onChange={(e) => update(d.key, (x) => ({ ...x, text: e.target.value }))}
                  />
                  <textarea
                    aria-label={`${row + 1}番目の取組の内容（・）`}
                    rows={Math.max(1, d.pointsText.split('\n').length)}
                    value={d.pointsText}
                    placeholder="・内容（1行に1つ）"
                    onChange={(e) => update(d.key, (x) => ({ ...x, pointsText: e.target.value }))}
                  />
                  <ul className="span-list" aria-label={`${d.label || row + 1}の実施時期`}>
                    {d.spans.map((s, k) => (
                      <li key={k}>
                        <select
                          aria-label="開始年度"
                          value={s.startFy}
                          onChange={(e) =>
                            update(d.key, (x) => ({
                              ...x,
                              spans: x.spans.map((y, j) =>
                                j === k ? { ...y, startFy: Number(e.target.value) } : y,
                              ),
                            }))
                          }
                        >
                          {years.map((fy) => (
                            <option key={fy} value={fy}>
                              {formatFiscalYear(fy)}
                            </option>
                          ))}
                        </select>
                        ～
                        <select
                          aria-label="終了年度"
                          value={s.endFy}
                          onChange={(e) =>
                            update(d.key, (x) => ({
                              ...x,
                              spans: x.spans.map((y, j) =>
                                j === k ? { ...y, endFy: Number(e.target.value) } : y,
                              ),
                            }))
                          }
                        >
                          {years.map((fy) => (
                            <option key={fy} value={fy}>
                              {formatFiscalYear(fy)}
                            </option>
                          ))}
                        </select>
                        <select
                          aria-label="区分"
                          value={s.phaseId}
                          onChange={(e) =>
                            update(d.key, (x) => ({
                              ...x,
                              spans: x.spans.map((y, j) =>
                                j === k ? { ...y, phaseId: Number(e.target.value) } : y,
                              ),
                            }))
                          }
                        >
                          {plan.phases.map((p) => (
                            <option key={p.id} value={p.id}>
                              {p.label}
                            </option>
                          ))}
                        </select>
                        {s.startFy > s.endFy ? (
                          <span className="field-error">開始が終了より後です</span>
                        ) : null}
                        <button
                          type="button"
                          onClick={() =>
                            update(d.key, (x) => ({
                              ...x,
                              spans: x.spans.filter((_, j) => j !== k),
                            }))
                          }
                        >
                          期間を削除
                        </button>
                      </li>
                    ))}
                    <li>
                      <button
                        type="button"
                        onClick={() =>
                          update(d.key, (x) => ({
                            ...x,
                            spans: [
                              ...x.spans,
                              { startFy: plan.firstFy, endFy: plan.lastFy, phaseId: phase },
                            ],
                          }))
                        }
                      >
                        期間を追加
                      </button>
                    </li>
                  </ul>
                </td>
                {years.map((fy) => {
                  const span = d.spans.find((s) => s.startFy <= fy && fy <= s.endFy);
                  const ph = plan.phases.find((p) => p.id === span?.phaseId);
                  const cls = [
                    'span-cell',
                    span ? `on phase-${ph?.code}` : '',
                    span?.startFy === fy ? 'start' : '',
                    span?.endFy === fy ? 'end' : '',
                    inDrag(d.key, fy) ? 'dragging' : '',
                    pending?.key === d.key && pending.from === fy ? 'pending' : '',
                  ].join(' ');
                  return (
                    <td key={fy} className="span-td">
                      <button
                        type="button"
                        ref={(el) => {
                          if (el) cellRefs.current.set(`${d.key}:${fy}`, el);
                        }}
                        className={cls}
                        aria-label={`${d.label || row + 1} ${formatFiscalYear(fy)}：${span ? `${ph?.label ?? ''}（${formatFiscalYear(span.startFy)}～${formatFiscalYear(span.endFy)}）` : 'なし'}`}
                        aria-pressed={!!span}
                        onMouseDown={(e) => {
                          e.preventDefault();
                          setDrag({ key: d.key, from: fy, to: fy });
                        }}
                        onMouseEnter={() =>
                          drag && drag.key === d.key && setDrag({ ...drag, to: fy })
                        }
                        onKeyDown={(e) => onCellKey(e, d, fy, row)}
                      >
                        {span?.startFy === fy ? `${d.label}${ph?.label ?? ''}` : ''}
                      </button>
                    </td>
                  );
                })}
                <td>
                  <button
                    type="button"
                    aria-label={`${d.label || row + 1}の取組を上へ`}
                    disabled={row === 0}
                    onClick={() =>
                      setDrafts((ds) => {
                        const n = [...ds];
                        [n[row - 1], n[row]] = [n[row]!, n[row - 1]!];
                        return n;
                      })
                    }
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    aria-label={`${d.label || row + 1}の取組を削除`}
                    onClick={() => setDrafts((ds) => ds.filter((x) => x.key !== d.key))}
                  >
                    削除
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button
          type="button"
          onClick={() =>
            setDrafts((ds) => [
              ...ds,
              toDraft({ label: circledNumber(ds.length + 1), text: '', points: [], spans: [] }),
            ])
          }
        >
          取組を追加
        </button>
        {phasesOpen ? <PhaseEditor plan={plan} onClose={() => setPhasesOpen(false)} /> : null}
        {!valid ? (
          <p className="field-error">
            取組の内容が空の行があります。入力するか、その行を削除してください。
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}
