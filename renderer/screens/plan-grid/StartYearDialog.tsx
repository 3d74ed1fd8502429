import { useState } from 'react';
import type { FormEvent } from 'react';
import type { YearState } from '../../../shared/domain/years';
import { formatFiscalYear } from '../../../shared/fiscal-year';
import { Dialog } from '../../components/Dialog';

/**
 * 追加年度, asked when an item is added after the plan's years have begun:
 * the item has records from that year on; closed years are not offered
 * (their published counts never change).
 */
export function StartYearDialog({
  years,
  initial,
  onClose,
  onSubmit,
}: {
  years: readonly YearState[];
  initial: number;
  onClose(): void;
  onSubmit(startFy: number): void;
}) {
  const [fy, setFy] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit(fy);
  };
  return (
    <Dialog title="改革項目の追加" open onClose={onClose}>
      <form onSubmit={submit} className="status-dialog">
        <label className="block-label">
          追加年度（この年度から進捗管理の対象にします）
          <select value={fy} onChange={(e) => setFy(Number(e.target.value))} autoFocus>
            {years.map((y) => (
              <option key={y.fiscalYear} value={y.fiscalYear} disabled={y.closed}>
                {formatFiscalYear(y.fiscalYear)}
                {y.closed ? '（締め済み）' : y.lastRoundName ? '（照会回あり）' : ''}
              </option>
            ))}
          </select>
        </label>
        <p className="muted">
          それより前の年度の集計や資料には入りません。締めた年度には追加できません。
        </p>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            やめる
          </button>
          <button type="submit" className="primary">
            追加する
          </button>
        </div>
      </form>
    </Dialog>
  );
}
