import { useState } from 'react';
import type { FormEvent } from 'react';
import type { PlanSummary } from '../../shared/domain/plan';
import { NUMBER_PATTERNS } from '../../shared/domain/headings';
import { formatFiscalYearRange } from '../../shared/fiscal-year';
import { call, errorMessage } from '../api/client';
import { Dialog } from '../components/Dialog';
import { useAppStore } from '../stores/app-store';
import { usePlanStore } from '../stores/plan-store';
import { download } from './exchange/files';
import { PlanImportDialog } from './plan-import/PlanImportDialog';
import { withUndo } from '../stores/undo-store';

type Action = { kind: 'rename' | 'delete'; plan: PlanSummary } | null;

/**
 * The plans in the store; choosing one opens it. Plans come in and go out as
 * Excel here, and are renamed, archived (hidden, kept) or deleted.
 */
export function PlanChooser() {
  const plans = useAppStore((s) => s.plans);
  const notify = useAppStore((s) => s.notify);
  const openPlan = usePlanStore((s) => s.openPlan);
  const [importing, setImporting] = useState(false);
  const [showArchived, setShowArchived] = useState(false);
  const [action, setAction] = useState<Action>(null);
  const shown = plans.filter((p) => showArchived || !p.archived);
  const archivedCount = plans.filter((p) => p.archived).length;

  const exportPlan = async (planId: number) => {
    try {
      const out = await call('planFiles.export', { planId });
      download(out.fileName, out.data);
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };
  const archive = async (p: PlanSummary, archived: boolean) => {
    try {
      useAppStore.setState({
        plans: await withUndo(
          archived ? `「${p.title}」のアーカイブ` : `「${p.title}」のアーカイブ解除`,
          'plans.archive',
          { planId: p.id, archived },
        ),
      });
      notify(
        'info',
        archived
          ? `「${p.title}」をアーカイブしました（内容はそのままです）。`
          : `「${p.title}」を計画の一覧に戻しました。`,
      );
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };
  return (
    <main className="chooser">
      <h1>計画を選択</h1>
      <div className="toolbar">
        <button type="button" onClick={() => setImporting(true)}>
          計画を Excel から取り込む…
        </button>
        {archivedCount > 0 ? (
          <label className="check">
            <input
              type="checkbox"
              checked={showArchived}
              onChange={(e) => setShowArchived(e.target.checked)}
            />
            アーカイブした計画も表示（{archivedCount}件）
          </label>
        ) : null}
      </div>
      {shown.length === 0 ? (
        <p>登録されている計画がありません。「計画を Excel から取り込む」で取り込んでください。</p>
      ) : (
        <ul className="plan-cards" aria-label="計画の一覧">
          {shown.map((p) => (
            <li key={p.id} className={`plan-card-wrap${p.archived ? ' archived' : ''}`}>
              <button type="button" className="plan-card" onClick={() => void openPlan(p.id)}>
                <span className="plan-card-title">
                  {p.title}
                  {p.archived ? '（アーカイブ）' : ''}
                </span>
                <span className="plan-card-meta">
                  {p.municipality}　{formatFiscalYearRange(p.firstFy, p.lastFy)}　改革項目{' '}
                  {p.itemCount}件
                </span>
              </button>
              <div className="plan-card-actions">
                <button
                  type="button"
                  aria-label={`${p.title}を Excel に書き出す`}
                  onClick={() => void exportPlan(p.id)}
                >
                  Excel に書き出す
                </button>
                <button
                  type="button"
                  aria-label={`${p.title}の名前を変える`}
                  onClick={() => setAction({ kind: 'rename', plan: p })}
                >
                  名前を変える
                </button>
                <button
                  type="button"
                  aria-label={p.archived ? `${p.title}を一覧に戻す` : `${p.title}をアーカイブする`}
                  onClick={() => void archive(p, !p.archived)}
                >
                  {p.archived ? '一覧に戻す' : 'アーカイブ'}
                </button>
                <button
                  type="button"
                  className="danger"
                  aria-label={`${p.title}を削除する`}
                  onClick={() => setAction({ kind: 'delete', plan: p })}
                >
                  削除…
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {importing ? <PlanImportDialog onClose={() => setImporting(false)} /> : null}
      {action ? <PlanActionDialog action={action} onClose={() => setAction(null)} /> : null}
    </main>
  );
}

function PlanActionDialog({ action, onClose }: { action: NonNullable<Action>; onClose(): void }) {
  const notify = useAppStore((s) => s.notify);
  const { plan } = action;
  const [text, setText] = useState(action.kind === 'rename' ? plan.title : '');
  const [names, setNames] = useState(plan.headingNames);
  const [pattern, setPattern] = useState(plan.numberPattern);
  const [reposts, setReposts] = useState(plan.repostCounting);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const plans =
        action.kind === 'rename'
          ? await withUndo(`「${plan.title}」の名前の変更`, 'plans.rename', {
              planId: plan.id,
              title: text,
              headingNames: names,
              numberPattern: pattern,
              repostCounting: reposts,
            })
          : await call('plans.delete', { planId: plan.id, confirmTitle: text });
      useAppStore.setState({ plans });
      notify(
        'info',
        action.kind === 'rename'
          ? `計画の名前を「${text.trim()}」にしました。`
          : `「${plan.title}」を削除しました。削除の前の状態は「バックアップ」の画面から復元できます。`,
      );
      onClose();
    } catch (err) {
      notify('error', errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={action.kind === 'rename' ? '計画の名前・見出し・番号' : '計画の削除'}
      open
      onClose={onClose}
    >
      <form onSubmit={submit} className="status-dialog">
        {action.kind === 'delete' ? (
          <p>
            「{plan.title}」（改革項目 {plan.itemCount}
            件）と、その年度の記録・指標・意見・照会の記録をすべて削除します。
            削除の前に自動でバックアップを作るので、「バックアップ」の画面から元に戻せます。
            使わなくなっただけなら「アーカイブ」で一覧から隠せます。
          </p>
        ) : null}
        <label className="block-label">
          {action.kind === 'rename'
            ? '新しい名前'
            : `確かめるため、計画の名前「${plan.title}」を入力してください`}
          <input
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={200}
            required
            autoFocus
          />
        </label>
        {action.kind === 'rename' && plan.headingLevels > 0 ? (
          <fieldset>
            <legend>見出しの呼び方（資料・集計表に印刷される語）</legend>
            {plan.headingLevels === 3 ? (
              <label className="block-label">
                重点項目の上の段（例：基本目標、基本方針）
                <input
                  value={names.group}
                  maxLength={20}
                  required
                  onChange={(e) => setNames({ ...names, group: e.target.value })}
                />
              </label>
            ) : null}
            <label className="block-label">
              1段目（例：重点項目、重点改革項目、基本方針）
              <input
                value={names.priority}
                maxLength={20}
                required
                onChange={(e) => setNames({ ...names, priority: e.target.value })}
              />
            </label>
            <label className="block-label" hidden={plan.headingLevels < 2}>
              2段目（例：取組分野、推進項目）
              <input
                value={names.area}
                maxLength={20}
                required
                onChange={(e) => setNames({ ...names, area: e.target.value })}
              />
            </label>
          </fieldset>
        ) : null}
        {action.kind === 'rename' ? (
          <label className="block-label">
            再掲の項目の数え方（合計ではいつも1件）
            <select
              value={reposts}
              onChange={(e) => setReposts(e.target.value as 'home' | 'every')}
            >
              <option value="home">元の見出しだけで数える</option>
              <option value="every">載っている見出しごとに数える</option>
            </select>
          </label>
        ) : null}
        {action.kind === 'rename' ? (
          <label className="block-label">
            改革項目の番号の表し方（締めた年度の資料は、締めたときの番号のままです）
            <select value={pattern} onChange={(e) => setPattern(e.target.value)}>
              {[
                ...NUMBER_PATTERNS,
                ...(NUMBER_PATTERNS.some((p) => p.pattern === plan.numberPattern)
                  ? []
                  : [{ pattern: plan.numberPattern, label: plan.numberPattern }]),
              ].map((p) => (
                <option key={p.pattern} value={p.pattern}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            やめる
          </button>
          <button
            type="submit"
            className={action.kind === 'delete' ? 'danger' : 'primary'}
            disabled={
              busy ||
              text.trim() === '' ||
              (action.kind === 'rename' && (!names.priority.trim() || !names.area.trim())) ||
              (action.kind === 'delete' && text.trim() !== plan.title)
            }
          >
            {action.kind === 'rename' ? '変える' : '削除する'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
