import { useCallback, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PlanDetail } from '../../../shared/domain/plan';
import type { RecordStatus } from '../../../shared/domain/pdca';
import { RECORD_STATUSES, RECORD_STATUS_LABELS } from '../../../shared/domain/pdca';
import { formatDayJa, formatFiscalYear } from '../../../shared/fiscal-year';
import { DataGrid } from '../../grid/DataGrid';
import type { AppliedEdit, EditKind } from '../../grid/DataGrid';
import { FiscalYearSelect } from '../../components/FiscalYearSelect';
import { READ_ONLY_EDIT_MESSAGE, useAppStore, useReadOnly } from '../../stores/app-store';
import { usePdcaStore } from '../../stores/pdca-store';
import { usePlanStore } from '../../stores/plan-store';
import { UndoButtons } from '../../components/UndoButtons';
import { useStableCallback } from '../../components/useStableCallback';
import { summarizeStatusChange } from '../../../shared/status-change';
import { CorrectionsDialog } from './CorrectionsDialog';
import { PdcaFilters } from './PdcaFilters';
import { StatusDialog } from './StatusDialog';
import { YearClose } from './YearClose';
import { applyPdcaEdits } from './pdca-actions';
import { pdcaColumns } from './pdca-columns';
import { LOCKED_HINT } from './pdca-edits';
import type { PdcaRow } from './pdca-rows';
import { buildPdcaRows, kpisByItem } from './pdca-rows';
import { pdcaRowOf, SelectedRecordPanel, SelectedStatusButton } from './SelectedRecord';
import { RolloverDialog } from './RolloverDialog';
import { UnansweredDialog } from './UnansweredDialog';
import { useUndoStore } from '../../stores/undo-store';

const WIDTHS_KEY = 'gyokaku.grid.pdca.widths';
const EDIT_LABEL: Record<EditKind, string> = {
  edit: 'セルの編集',
  paste: '貼り付け',
  fill: '下方向へコピー',
  clear: 'セルの削除',
};

function loadWidths(): Record<string, number> {
  try {
    return JSON.parse(localStorage.getItem(WIDTHS_KEY) ?? '{}') as Record<string, number>;
  } catch {
    return {};
  }
}

const lockedMessage = (r: PdcaRow) =>
  r.record.status === 'final' ? `${r.item.code}「${r.item.name}」の記録${LOCKED_HINT}` : null;
const rowLabel = (r: PdcaRow) => `${r.item.code} ${r.item.name}`;

/**
 * The PDCA grid: one row per 改革項目 for the chosen fiscal year and round,
 * with P・D・C・A, 効果額 and KPI actuals, edited like the plan grid. Records
 * move through 未依頼 → 確定; 確定 rows are read-only.
 */
export function PdcaScreen({ plan }: { plan: PlanDetail }) {
  const planItems = usePlanStore((s) => s.items);
  const items = usePdcaStore((s) => s.items);
  const year = usePdcaStore((s) => s.year);
  const orgUnits = usePlanStore((s) => s.orgUnits);
  const selectItem = usePlanStore((s) => s.selectItem);
  // Not the selected item: the cursor moves on every click and arrow key, and
  // the button and the panel that act on its row follow it on their own.
  const { settings, fiscalYear, rounds, roundId, records, kpis, filter, loading, arrivedAt } =
    usePdcaStore(
      useShallow((s) => ({
        settings: s.settings,
        fiscalYear: s.fiscalYear,
        rounds: s.rounds,
        roundId: s.roundId,
        records: s.records,
        kpis: s.kpis,
        filter: s.filter,
        loading: s.loading,
        arrivedAt: s.arrivedAt,
      })),
    );
  const store = usePdcaStore.getState();
  const notify = useAppStore((s) => s.notify);
  const readOnly = useReadOnly();
  const [widths, setWidths] = useState<Record<string, number>>(loadWidths);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [statusFor, setStatusFor] = useState<{ ids: number[]; status: RecordStatus } | null>(null);
  const [statusTarget, setStatusTarget] = useState<RecordStatus | ''>('');
  const [showCorrections, setShowCorrections] = useState(false);
  const [showUnanswered, setShowUnanswered] = useState(false);
  const [showRollover, setShowRollover] = useState(false);
  const [detailOpen, setDetailOpen] = useState(true);

  useEffect(() => {
    if (usePdcaStore.getState().planId !== plan.id || !usePdcaStore.getState().settings)
      void usePdcaStore.getState().load(plan.id, plan.firstFy, plan.lastFy);
    // Items added or sections changed on other screens show here at once.
    else void usePdcaStore.getState().reload();
  }, [plan.id, plan.firstFy, plan.lastFy]);

  // First paint of the grid after the records arrived, for `npm run bench`.
  useEffect(() => {
    if (arrivedAt === 0) return;
    requestAnimationFrame(() => {
      (window as unknown as { __gyokakuPdcaFirstRender?: number }).__gyokakuPdcaFirstRender =
        performance.now() - arrivedAt;
    });
  }, [arrivedAt]);

  const columns = useMemo(
    () => (settings ? pdcaColumns(settings, fiscalYear) : []),
    [settings, fiscalYear],
  );
  const kpiMap = useMemo(() => kpisByItem(kpis), [kpis]);
  const { rows, matching, total } = useMemo(
    () =>
      settings
        ? buildPdcaRows(plan, items, records, kpiMap, filter, settings.levels, collapsed)
        : { rows: [], matching: 0, total: 0 },
    [plan, items, records, kpiMap, filter, settings, collapsed],
  );
  const round = rounds.find((r) => r.id === roundId) ?? null;
  const visibleRecordIds = () => rows.flatMap((r) => (r.kind === 'data' ? [r.data.record.id] : []));

  const onResize = useCallback((key: string, width: number) => {
    setWidths((w) => {
      const next = { ...w, [key]: Math.round(width) };
      localStorage.setItem(WIDTHS_KEY, JSON.stringify(next));
      return next;
    });
  }, []);
  const onApply = useCallback(
    (edits: AppliedEdit<PdcaRow>[], kind: EditKind) =>
      applyPdcaEdits(
        edits.map((e) => ({ row: e.row, key: e.column.key, text: e.text })),
        edits.length === 1
          ? `${edits[0]!.row.item.code}「${edits[0]!.column.header}」の${EDIT_LABEL[kind]}`
          : `${edits.length}セルの${EDIT_LABEL[kind]}`,
      ),
    [],
  );
  const onToggleGroup = useCallback((key: string) => {
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);
  const onActiveRow = useCallback(
    (r: PdcaRow | null) => void (r ? selectItem(r.item.id) : undefined),
    [selectItem],
  );
  const onUndo = useCallback(() => void useUndoStore.getState().undo(), []);
  const onRedo = useCallback(() => void useUndoStore.getState().redo(), []);
  const onOpenEditor = useCallback(() => undefined, []);

  /**
   * Every change of several records, every unlock and every 確定 of a blank
   * record is confirmed first with the counts; the status choice then resets.
   */
  const changeStatus = useStableCallback((ids: number[], status: RecordStatus | '') => {
    if (status === '') return notify('info', '変更後の状況を選んでください。');
    if (ids.length === 0) return notify('info', '対象の改革項目がありません。');
    setStatusTarget('');
    const chosen = records.filter((r) => ids.includes(r.id));
    const s = summarizeStatusChange(chosen, status);
    if (ids.length > 1 || s.unlocking.length > 0 || s.emptyFinal.length > 0) {
      setStatusFor({ ids, status });
      return;
    }
    void store.setStatus(ids, status);
  });
  const closeDetail = useCallback(() => setDetailOpen(false), []);
  const openCorrections = useCallback(() => setShowCorrections(true), []);

  if (!settings || loading) {
    return (
      <main className="content" aria-busy="true">
        <p className="muted">進捗管理の情報を読み込んでいます…</p>
      </main>
    );
  }
  // The sections of the year shown, as they were named then.
  const sections = orgUnits.filter(
    (u) =>
      u.kind === 'section' &&
      (u.validFromFy == null || u.validFromFy <= fiscalYear) &&
      (u.validToFy == null || u.validToFy >= fiscalYear),
  );

  return (
    <div className={`workspace pdca-workspace${detailOpen && round ? ' with-detail' : ''}`}>
      <nav className="sidebar" aria-label="年度と照会回">
        <div className="sidebar-plan">
          <div className="sidebar-title">{plan.title}</div>
          <FiscalYearSelect firstFy={plan.firstFy} lastFy={plan.lastFy} />
        </div>
        <ul className="round-list" aria-label="照会回">
          {rounds.map((r) => {
            const n = Object.values(r.counts).reduce((a, b) => a + b, 0);
            return (
              <li key={r.id}>
                <button
                  type="button"
                  className={`round-button${r.id === roundId ? ' selected' : ''}`}
                  aria-current={r.id === roundId ? 'true' : undefined}
                  onClick={() => void store.selectRound(r.id)}
                >
                  <span className="round-name">{r.name}</span>
                  <span className="muted">
                    締切 {r.deadline ? formatDayJa(r.deadline) : '未定'}
                  </span>
                  <span className="round-progress" aria-label={`確定 ${r.counts.final}件／${n}件`}>
                    <span style={{ width: `${n ? (r.counts.final / n) * 100 : 0}%` }} />
                  </span>
                  <span className="muted">
                    回答済以上 {r.counts.answered + r.counts.checked + r.counts.final}／{n}　確定{' '}
                    {r.counts.final}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
        {rounds.length === 0 ? (
          <div className="sidebar-plan">
            <p>{formatFiscalYear(fiscalYear)}の照会回はまだありません。</p>
            <p className="muted">
              設定の照会回（{settings.rounds.map((t) => t.name).join('・')}
              ）を作り、全改革項目の記録を用意します。
            </p>
            <button type="button" className="primary" onClick={() => void store.openYear()}>
              {formatFiscalYear(fiscalYear)}の照会回を作成
            </button>
          </div>
        ) : null}
        {year && year.fiscalYear === fiscalYear ? (
          <YearClose planId={plan.id} year={year} onCorrections={() => setShowCorrections(true)} />
        ) : null}
        <div className="sidebar-plan sidebar-bottom">
          <button type="button" onClick={() => setShowRollover(true)}>
            次期計画を作成…
          </button>
          <p className="muted">選んだ改革項目を【継続項目】として新しい計画に引き継ぎます。</p>
        </div>
      </nav>

      <main className="content">
        <header className="content-header">
          <h1>
            PDCA進捗管理　{formatFiscalYear(fiscalYear)}
            {round ? `　${round.name}` : ''}
          </h1>
          <span className="count" role="status" aria-live="polite">
            {matching === total ? `${total}項目` : `${matching}項目（全${total}項目中）`}
          </span>
        </header>
        {round ? (
          <>
            <div className="toolbar" role="toolbar" aria-label="進捗の記録の操作">
              <UndoButtons />
              <span className="toolbar-sep" />
              <label>
                状況を
                <select
                  aria-label="変更後の状況"
                  value={statusTarget}
                  onChange={(e) => setStatusTarget(e.target.value as RecordStatus | '')}
                >
                  <option value="">（選ぶ）</option>
                  {RECORD_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {RECORD_STATUS_LABELS[s]}
                    </option>
                  ))}
                </select>
              </label>
              <SelectedStatusButton status={statusTarget} onChange={changeStatus} />
              <button
                type="button"
                disabled={statusTarget === ''}
                onClick={() => changeStatus(visibleRecordIds(), statusTarget)}
              >
                表示中の{matching}項目すべてに…
              </button>
              <span className="toolbar-sep" />
              <button type="button" onClick={() => setShowUnanswered(true)}>
                未回答一覧
              </button>
              <button
                type="button"
                aria-pressed={detailOpen}
                onClick={() => setDetailOpen(!detailOpen)}
              >
                詳細・指標・意見
              </button>
            </div>
            <PdcaFilters settings={settings} sections={sections} />
            <div className="grid-wrap">
              {rows.length === 0 ? (
                <p className="empty">条件に合う改革項目はありません。</p>
              ) : (
                <DataGrid
                  label={`${formatFiscalYear(fiscalYear)} ${round.name}の進捗管理表`}
                  columns={columns}
                  rows={rows}
                  widths={widths}
                  onResize={onResize}
                  onApply={onApply}
                  onOpenEditor={onOpenEditor}
                  onToggleGroup={onToggleGroup}
                  onNotice={notify}
                  onUndo={onUndo}
                  onRedo={onRedo}
                  onActiveRow={onActiveRow}
                  rowLabel={rowLabel}
                  lockedMessage={readOnly ? () => READ_ONLY_EDIT_MESSAGE : lockedMessage}
                />
              )}
            </div>
            <p className="grid-help muted">
              {settings.axisLabels.evaluation}などは記号か名称を入力（例：A、計画どおり）。効果額は
              {settings.amountUnit === 'thousand' ? '千円' : '円'}
              単位（「1,234」「▲500」「20千円」も可）。確定の行（緑の「確定」）は変更できません。
            </p>
          </>
        ) : (
          <p className="empty">左で照会回を選ぶか、作成してください。</p>
        )}
      </main>

      {detailOpen && round ? (
        <SelectedRecordPanel
          plan={plan}
          onClose={closeDetail}
          onStatus={changeStatus}
          onCorrect={year?.closed ? openCorrections : undefined}
        />
      ) : null}

      {statusFor ? (
        <StatusDialog
          records={records.filter((r) => statusFor.ids.includes(r.id))}
          items={items}
          status={statusFor.status}
          onClose={() => setStatusFor(null)}
          onSubmit={(ids, options) => store.setStatus(ids, statusFor.status, options)}
        />
      ) : null}
      {showCorrections && year ? (
        <CorrectionsDialog
          planId={plan.id}
          fiscalYear={fiscalYear}
          closed={year.closed}
          settings={settings}
          selected={pdcaRowOf(usePlanStore.getState().selectedItemId, records, items)}
          kpis={kpis}
          onClose={() => {
            setShowCorrections(false);
            void store.refreshYear();
          }}
        />
      ) : null}
      {showRollover ? (
        <RolloverDialog
          plan={plan}
          items={planItems}
          settings={settings}
          onClose={() => setShowRollover(false)}
        />
      ) : null}
      {showUnanswered && round ? (
        <UnansweredDialog round={round} items={items} onClose={() => setShowUnanswered(false)} />
      ) : null}
    </div>
  );
}
