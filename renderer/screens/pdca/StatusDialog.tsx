import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import type { ReformItem } from '../../../shared/domain/item';
import type { PdcaRecord, RecordStatus } from '../../../shared/domain/pdca';
import { RECORD_STATUSES, RECORD_STATUS_LABELS } from '../../../shared/domain/pdca';
import { summarizeStatusChange } from '../../../shared/status-change';
import { Dialog } from '../../components/Dialog';

/**
 * Confirms a status change before anything is written: how many records are
 * in which status now, how many would change, which would be unlocked (a
 * reason is asked) and which would be 確定 with 取組実績 or 進捗状況・評価
 * still blank (listed, and left out unless the user ticks them).
 */
export function StatusDialog({
  records,
  items,
  status,
  onClose,
  onSubmit,
}: {
  records: readonly PdcaRecord[];
  items: readonly ReformItem[];
  status: RecordStatus;
  onClose(): void;
  onSubmit(
    ids: number[],
    options: { reason?: string; confirmEmptyIds?: number[] },
  ): Promise<boolean>;
}) {
  const summary = useMemo(() => summarizeStatusChange(records, status), [records, status]);
  const [reason, setReason] = useState('');
  const [includeEmpty, setIncludeEmpty] = useState(false);
  const [busy, setBusy] = useState(false);
  const itemOf = useMemo(() => new Map(items.map((i) => [i.id, i])), [items]);
  const emptySet = new Set(summary.emptyFinal);
  const ids = records
    .filter((r) => r.status !== status && (includeEmpty || !emptySet.has(r.id)))
    .map((r) => r.id);
  const label = RECORD_STATUS_LABELS[status];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (ids.length === 0) return;
    setBusy(true);
    const ok = await onSubmit(ids, {
      ...(summary.unlocking.length > 0 ? { reason: reason.trim() } : {}),
      ...(includeEmpty ? { confirmEmptyIds: summary.emptyFinal } : {}),
    });
    setBusy(false);
    if (ok) onClose();
  };

  return (
    <Dialog title={`状況を「${label}」にする`} open onClose={onClose} wide>
      <form onSubmit={submit} className="status-dialog">
        <table className="plain-table" aria-label="いまの状況ごとの件数">
          <thead>
            <tr>
              <th scope="col">いまの状況</th>
              <th scope="col">件数</th>
            </tr>
          </thead>
          <tbody>
            {RECORD_STATUSES.filter((s) => summary.byStatus[s] > 0).map((s) => (
              <tr key={s}>
                <th scope="row">{RECORD_STATUS_LABELS[s]}</th>
                <td>{summary.byStatus[s]}件</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p role="status">
          対象 {summary.total}件のうち、<strong>{ids.length}件</strong>を「{label}」にします
          {summary.total - summary.changing > 0
            ? `（すでに「${label}」の${summary.total - summary.changing}件はそのまま）`
            : ''}
          。
        </p>
        {summary.emptyFinal.length > 0 ? (
          <fieldset className="warning-box">
            <legend>取組実績または進捗状況・評価が空欄の記録 {summary.emptyFinal.length}件</legend>
            <ul className="compact-list">
              {summary.emptyFinal.slice(0, 12).map((id) => {
                const r = records.find((x) => x.id === id)!;
                const item = itemOf.get(r.itemId);
                return <li key={id}>{item ? `${item.code} ${item.name}` : `記録 ${id}`}</li>;
              })}
              {summary.emptyFinal.length > 12 ? (
                <li>ほか {summary.emptyFinal.length - 12}件</li>
              ) : null}
            </ul>
            <label className="checkbox">
              <input
                type="checkbox"
                checked={includeEmpty}
                onChange={(e) => setIncludeEmpty(e.target.checked)}
              />
              空欄のまま、これらも確定する（確定すると変更できなくなります）
            </label>
          </fieldset>
        ) : null}
        {summary.unlocking.length > 0 ? (
          <label className="block-label">
            確定を解除する {summary.unlocking.length}件の理由（変更履歴に残ります）
            <input
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              required
              placeholder="例：委員会の意見を受けて実績を訂正するため"
            />
          </label>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            やめる
          </button>
          <button type="submit" className="primary" disabled={busy || ids.length === 0}>
            {ids.length}件を「{label}」にする
          </button>
        </div>
      </form>
    </Dialog>
  );
}
