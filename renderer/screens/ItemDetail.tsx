import { HistoryList } from '../components/HistoryList';
import { DetailModeButton } from '../components/DetailModeButton';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { fiscalYearsBetween, formatFiscalYear } from '../../shared/fiscal-year';
import type { AuditEntry } from '../../shared/domain/audit';
import type { ReformItem } from '../../shared/domain/item';
import type { PlanDetail } from '../../shared/domain/plan';

import { assignmentLines, entityLabel, fieldLabel, spanDescription, valueText } from '../format';

interface Props {
  plan: PlanDetail;
  item: ReformItem;
  history: AuditEntry[];
  onClose(): void;
  onSave(patch: {
    name: string;
    writtenNumber: string | null;
    promotion: string;
    isContinued: boolean;
    involvesRelatedSections: boolean;
    startFy: number | null;
    endFy: number | null;
  }): Promise<boolean>;
}

function historyLine(e: AuditEntry): string {
  if (e.action === 'create') return `${entityLabel(e.entity)}を登録`;
  if (e.action === 'delete') return `${entityLabel(e.entity)}を削除`;
  return `${fieldLabel(e.field)}：${valueText(e.oldValue)} → ${valueText(e.newValue)}`;
}

/**
 * One 改革項目 with room for long text, an edit form, and its change history.
 * Keyed by item by the caller; the edit form takes the item's values when editing starts.
 */
export function ItemDetail({ plan, item, history, onClose, onSave }: Props) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(item.name);
  const [written, setWritten] = useState(item.writtenNumber ?? '');
  const [promotion, setPromotion] = useState(item.promotion);
  const [isContinued, setContinued] = useState(item.isContinued);
  const [related, setRelated] = useState(item.involvesRelatedSections);
  const [startFy, setStartFy] = useState(item.startFy);
  const [endFy, setEndFy] = useState(item.endFy);
  const [saving, setSaving] = useState(false);
  const years = fiscalYearsBetween(plan.firstFy, plan.lastFy);

  // The form starts from the item as it is when editing begins (the grid may have changed it since).
  const startEditing = () => {
    setName(item.name);
    setWritten(item.writtenNumber ?? '');
    setPromotion(item.promotion);
    setContinued(item.isContinued);
    setRelated(item.involvesRelatedSections);
    setStartFy(item.startFy);
    setEndFy(item.endFy);
    setEditing(true);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    const ok = await onSave({
      name,
      writtenNumber: written.trim() || null,
      promotion,
      isContinued,
      involvesRelatedSections: related,
      startFy,
      endFy,
    });
    setSaving(false);
    if (ok) setEditing(false);
  };

  return (
    <aside className="item-detail" aria-label={`改革項目 ${item.code} の詳細`}>
      <header className="detail-header">
        <div>
          <div className="detail-code">{item.code}</div>
          <h2>{item.name}</h2>
        </div>
        <span className="detail-header-buttons">
          <DetailModeButton />
          <button type="button" className="icon-button" aria-label="詳細を閉じる" onClick={onClose}>
            ×
          </button>
        </span>
      </header>

      {editing ? (
        <form className="detail-form" onSubmit={submit} aria-label="改革項目の編集">
          <label>
            改革項目名
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={200}
            />
          </label>
          <label>
            計画での番号（計画書に書かれた番号。例：82、R1-1）
            <input value={written} onChange={(e) => setWritten(e.target.value)} maxLength={20} />
          </label>
          <label>
            推進内容
            <textarea
              value={promotion}
              onChange={(e) => setPromotion(e.target.value)}
              rows={6}
              maxLength={4000}
            />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={isContinued}
              onChange={(e) => setContinued(e.target.checked)}
            />
            【継続項目】（前の計画から引き継いだ項目）
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={related}
              onChange={(e) => setRelated(e.target.checked)}
            />
            関係部課（関係するすべての課が担当）
          </label>
          <label>
            追加年度（この年度から進捗管理の対象）
            <select
              value={startFy ?? ''}
              onChange={(e) => setStartFy(e.target.value ? Number(e.target.value) : null)}
            >
              <option value="">計画の初年度から</option>
              {years.map((y) => (
                <option key={y} value={y}>
                  {formatFiscalYear(y)}
                </option>
              ))}
            </select>
          </label>
          <label>
            完了・廃止の年度（この年度まで対象）
            <select
              value={endFy ?? ''}
              onChange={(e) => setEndFy(e.target.value ? Number(e.target.value) : null)}
            >
              <option value="">計画の最終年度まで</option>
              {years.map((y) => (
                <option key={y} value={y}>
                  {formatFiscalYear(y)}
                </option>
              ))}
            </select>
          </label>
          <div className="form-actions">
            <button type="submit" className="primary" disabled={saving}>
              {saving ? '保存しています…' : '保存'}
            </button>
            <button type="button" onClick={() => setEditing(false)} disabled={saving}>
              取り消し
            </button>
          </div>
        </form>
      ) : (
        <>
          <dl className="detail-fields">
            <dt>継続</dt>
            <dd>{item.isContinued ? '【継続項目】' : '新規'}</dd>
            <dt>推進内容</dt>
            <dd className="pre">{item.promotion || '（未記入）'}</dd>
            <dt>主な取組</dt>
            <dd>
              <ul className="initiatives">
                {item.initiatives.map((ini) => (
                  <li key={ini.id}>
                    {ini.label}
                    {ini.text}
                    {ini.points.map((p, i) => (
                      <div key={i} className="point">
                        ・{p}
                      </div>
                    ))}
                    <div className="muted">{spanDescription(ini, plan.phases)}</div>
                  </li>
                ))}
              </ul>
            </dd>
            <dt>実施担当</dt>
            <dd>{assignmentLines(item).join('　') || '（未設定）'}</dd>
            <dt>対象年度</dt>
            <dd>
              {item.startFy == null ? '計画の初年度' : formatFiscalYear(item.startFy)}から
              {item.endFy == null ? '' : `${formatFiscalYear(item.endFy)}まで（完了・廃止）`}
            </dd>
          </dl>
          <button type="button" className="primary" onClick={startEditing}>
            編集
          </button>
        </>
      )}

      <HistoryList history={history} line={(e) => historyLine(e)} />
    </aside>
  );
}
