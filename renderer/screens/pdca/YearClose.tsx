import { useState } from 'react';
import type { FormEvent } from 'react';
import type { YearState } from '../../../shared/domain/years';
import { formatDateJa, formatFiscalYear } from '../../../shared/fiscal-year';
import { call, errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useAppStore } from '../../stores/app-store';
import { usePdcaStore } from '../../stores/pdca-store';

/**
 * 年度の締め in the PDCA sidebar: where the year stands, closing it when the
 * last round is all 確定, reopening with a reason, and the 訂正一覧.
 */
export function YearClose({
  planId,
  year,
  onCorrections,
}: {
  planId: number;
  year: YearState;
  onCorrections(): void;
}) {
  const [dialog, setDialog] = useState<'close' | 'reopen' | null>(null);
  const label = formatFiscalYear(year.fiscalYear);
  return (
    <section className="sidebar-plan year-close" aria-label={`${label}の締め`}>
      {year.closed ? (
        <>
          <p className="year-closed-badge" role="status">
            {label}は締めています
          </p>
          <p className="muted">
            {year.closedAt ? formatDateJa(new Date(year.closedAt)) : ''}　{year.closedBy}
            。集計・委員会資料・公表ファイルは締めたときのまま変わりません。
          </p>
          <div className="button-row">
            <button type="button" onClick={onCorrections}>
              訂正・訂正一覧{year.corrections > 0 ? `（${year.corrections}件）` : ''}
            </button>
            <button type="button" onClick={() => setDialog('reopen')}>
              締めを解除…
            </button>
          </div>
        </>
      ) : year.lastRoundName ? (
        <>
          <button
            type="button"
            className={year.canClose ? 'primary' : undefined}
            disabled={!year.canClose}
            onClick={() => setDialog('close')}
          >
            {label}を締める
          </button>
          <p className="muted">
            {year.canClose
              ? '公表する内容が固まったら締めてください。締めた年度は、後で部・課や改革項目を変えても変わりません。'
              : `最後の照会回（${year.lastRoundName}）の記録がすべて「確定」になると締められます（まだ ${year.notFinal}件）。`}
          </p>
          {year.corrections > 0 ? (
            <button type="button" onClick={onCorrections}>
              訂正一覧（{year.corrections}件）
            </button>
          ) : null}
        </>
      ) : null}
      {dialog === 'close' ? (
        <CloseDialog planId={planId} year={year} onClose={() => setDialog(null)} />
      ) : null}
      {dialog === 'reopen' ? (
        <ReopenDialog planId={planId} year={year} onClose={() => setDialog(null)} />
      ) : null}
    </section>
  );
}

function CloseDialog({
  planId,
  year,
  onClose,
}: {
  planId: number;
  year: YearState;
  onClose(): void;
}) {
  const label = formatFiscalYear(year.fiscalYear);
  const [busy, setBusy] = useState(false);
  const close = async () => {
    setBusy(true);
    try {
      await call('years.close', { planId, fiscalYear: year.fiscalYear });
      useAppStore.getState().notify('info', `${label}を締めました。`);
      await usePdcaStore.getState().reload();
      onClose();
    } catch (e) {
      useAppStore.getState().notify('error', errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={`${label}を締める`}
      open
      onClose={onClose}
      footer={
        <>
          <button type="button" className="primary" disabled={busy} onClick={() => void close()}>
            締める
          </button>
          <button type="button" onClick={onClose}>
            やめる
          </button>
        </>
      }
    >
      <p>
        {label}
        の集計（ダッシュボード）、委員会資料（総括表・進捗状況一覧など）、公表用ファイルを、いまの内容で固定します。
      </p>
      <ul>
        <li>
          後で部・課の名称変更や統合、改革項目の追加・削除・名称変更、評価の段階の変更をしても、
          {label}の数字と資料は変わりません。
        </li>
        <li>
          誤りが見つかったときは「訂正」で直します。訂正は、元の値・新しい値・日付・理由とともに訂正一覧に残り、公表用の
          Excel にも載ります。
        </li>
        <li>締めの解除もできます（理由が必要で、変更履歴に残ります）。</li>
      </ul>
    </Dialog>
  );
}

function ReopenDialog({
  planId,
  year,
  onClose,
}: {
  planId: number;
  year: YearState;
  onClose(): void;
}) {
  const label = formatFiscalYear(year.fiscalYear);
  const [reason, setReason] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await call('years.reopen', { planId, fiscalYear: year.fiscalYear, reason });
      useAppStore.getState().notify('info', `${label}の締めを解除しました。`);
      await usePdcaStore.getState().reload();
      onClose();
    } catch (err) {
      useAppStore.getState().notify('error', errorMessage(err));
    }
  };
  return (
    <Dialog title={`${label}の締めを解除`} open onClose={onClose}>
      <form onSubmit={submit} className="status-dialog">
        <p>
          締めを解除すると、{label}
          の数字と資料は、再び締めるまで記録や計画の変更に合わせて変わります。公表した数字を直すだけなら、解除せずに「訂正」を使ってください。
        </p>
        <label className="block-label">
          解除の理由（変更履歴に残ります）
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            maxLength={500}
            placeholder="例：監査の指摘を受けて実績を見直すため"
            autoFocus
          />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            やめる
          </button>
          <button type="submit" className="danger" disabled={reason.trim() === ''}>
            締めを解除する
          </button>
        </div>
      </form>
    </Dialog>
  );
}
