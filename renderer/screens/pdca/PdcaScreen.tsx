import { useCallback, useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { PlanDetail } from '../../../shared/domain/plan';
import type { RecordStatus } from '../../../shared/domain/pdca';
import { RECORD_STATUSES, RECORD_STATUS_LABELS } from '../../../shared/domain/pdca';
import { formatFiscalYear } from '../../../shared/fiscal-year';
import { DataGrid } from '../../grid/DataGrid';
import type { AppliedEdit, EditKind } from '../../grid/DataGrid';
import { FiscalYearSelect } from '../../components/FiscalYearSelect';
import { useAppStore } from '../../stores/app-store';
import { EMPTY_PDCA_FILTER, usePdcaStore } from '../../stores/pdca-store';
import { usePlanStore } from '../../stores/plan-store';
import { useUndoStore } from '../../stores/undo-store';
import { UndoButtons } from '../../components/UndoButtons';
import { NameDialog } from '../plan-grid/NameDialog';
import { applyPdcaEdits } from './pdca-actions';
import { pdcaColumns } from './pdca-columns';
import { levelText } from '../../../shared/pdca-levels';
import { LOCKED_HINT } from './pdca-edits';
import type { PdcaRow } from './pdca-rows';
import { buildPdcaRows, kpisByItem } from './pdca-rows';
import { RecordPanel } from './RecordPanel';
import { RolloverDialog } from './RolloverDialog';
import { UnansweredDialog } from './UnansweredDialog';

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
  const items = usePlanStore((s) => s.items);
  const orgUnits = usePlanStore((s) => s.orgUnits);
  const selectItem = usePlanStore((s) => s.selectItem);
  const selectedItemId = usePlanStore((s) => s.selectedItemId);
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
  const [widths, setWidths] = useState<Record<string, number>>(loadWidths);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [unlockFor, setUnlockFor] = useState<{ ids: number[]; status: RecordStatus } | null>(null);
  const [statusTarget, setStatusTarget] = useState<RecordStatus>('requested');
  const [showUnanswered, setShowUnanswered] = useState(false);
  const [showRollover, setShowRollover] = useState(false);
  const [detailOpen, setDetailOpen] = useState(true);

  useEffect(() => {
    if (usePdcaStore.getState().planId !== plan.id || !usePdcaStore.getState().settings)
      void usePdcaStore.getState().load(plan.id, plan.firstFy, plan.lastFy);
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
  const selectedRow = useMemo(() => {
    const rec = records.find((r) => r.itemId === selectedItemId);
    const item = items.find((i) => i.id === selectedItemId);
    return rec && item ? { item, record: rec } : null;
  }, [records, items, selectedItemId]);
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

  const changeStatus = (ids: number[], status: RecordStatus) => {
    if (ids.length === 0) return notify('info', '対象の改革項目がありません。');
    const locked = records.filter((r) => ids.includes(r.id) && r.status === 'final');
    if (status !== 'final' && locked.length > 0) {
      setUnlockFor({ ids, status });
      return;
    }
    void store.setStatus(ids, status);
  };

  if (!settings || loading) {
    return (
      <main className="content" aria-busy="true">
        <p className="muted">進捗管理の情報を読み込んでいます…</p>
      </main>
    );
  }
  const sections = orgUnits.filter((u) => u.kind === 'section');
  const evalLevels = settings.levels.filter((l) => l.axis === 'evaluation');
  const dirLevels = settings.levels.filter((l) => l.axis === 'direction');
  const filtered =
    JSON.stringify({ ...filter, itemIdsLabel: '' }) !==
    JSON.stringify({ ...EMPTY_PDCA_FILTER, itemIdsLabel: '' });

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
                  <span className="muted">締切 {r.deadline ?? '未定'}</span>
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
                  onChange={(e) => setStatusTarget(e.target.value as RecordStatus)}
                >
                  {RECORD_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {RECORD_STATUS_LABELS[s]}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                disabled={!selectedRow}
                onClick={() => selectedRow && changeStatus([selectedRow.record.id], statusTarget)}
              >
                選んだ項目に
              </button>
              <button type="button" onClick={() => changeStatus(visibleRecordIds(), statusTarget)}>
                表示中の{matching}項目すべてに
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
            <div className="filters" role="search" aria-label="進捗の記録の絞り込み">
              <label>
                検索
                <input
                  type="search"
                  value={filter.query}
                  placeholder="名称・実績・理由など"
                  onChange={(e) => store.setFilter({ query: e.target.value })}
                />
              </label>
              <label>
                担当課
                <select
                  value={filter.sectionId ?? ''}
                  onChange={(e) =>
                    store.setFilter({ sectionId: e.target.value ? Number(e.target.value) : null })
                  }
                >
                  <option value="">すべて</option>
                  {sections.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                状況
                <select
                  value={filter.status ?? ''}
                  onChange={(e) =>
                    store.setFilter({ status: (e.target.value || null) as RecordStatus | null })
                  }
                >
                  <option value="">すべて</option>
                  {RECORD_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {RECORD_STATUS_LABELS[s]}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {settings.axisLabels.evaluation}
                <select
                  value={filter.evaluationId ?? ''}
                  onChange={(e) =>
                    store.setFilter({
                      evaluationId: e.target.value === '' ? null : Number(e.target.value),
                    })
                  }
                >
                  <option value="">すべて</option>
                  <option value="0">未評価</option>
                  {evalLevels.map((l) => (
                    <option key={l.id} value={l.id}>
                      {levelText(l)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {settings.axisLabels.direction}
                <select
                  value={filter.directionId ?? ''}
                  onChange={(e) =>
                    store.setFilter({
                      directionId: e.target.value === '' ? null : Number(e.target.value),
                    })
                  }
                >
                  <option value="">すべて</option>
                  <option value="0">未記入</option>
                  {dirLevels.map((l) => (
                    <option key={l.id} value={l.id}>
                      {l.label}
                    </option>
                  ))}
                </select>
              </label>
              {filter.itemIds ? (
                <span className="filter-chip">
                  {filter.itemIdsLabel}（{filter.itemIds.length}件）
                  <button
                    type="button"
                    className="icon-button"
                    aria-label="ダッシュボードからの絞り込みを解除"
                    onClick={() => store.setFilter({ itemIds: null, itemIdsLabel: '' })}
                  >
                    ×
                  </button>
                </span>
              ) : null}
              {filtered ? (
                <button type="button" onClick={() => store.setFilter(EMPTY_PDCA_FILTER)}>
                  絞り込みを解除
                </button>
              ) : null}
            </div>
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
                  lockedMessage={lockedMessage}
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
        selectedRow ? (
          <RecordPanel
            plan={plan}
            item={selectedRow.item}
            record={selectedRow.record}
            onClose={() => setDetailOpen(false)}
            onStatus={(status) => changeStatus([selectedRow.record.id], status)}
          />
        ) : (
          <aside className="item-detail record-panel" aria-label="進捗の詳細">
            <p className="muted">
              表の行を選ぶと、その改革項目の記録・指標・意見・履歴をここに表示します。
            </p>
          </aside>
        )
      ) : null}

      {unlockFor ? (
        <NameDialog
          title="確定の解除"
          label="解除の理由（変更履歴に残ります）"
          initial=""
          onClose={() => setUnlockFor(null)}
          onSubmit={async (reason) => {
            const ok = await store.setStatus(unlockFor.ids, unlockFor.status, reason);
            if (ok) setUnlockFor(null);
            return ok;
          }}
        />
      ) : null}
      {showRollover ? (
        <RolloverDialog
          plan={plan}
          items={items}
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
