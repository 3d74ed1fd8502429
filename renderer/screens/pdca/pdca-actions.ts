import type { PdcaRecord } from '../../../shared/domain/pdca';
import { callUndoable, errorMessage } from '../../api/client';
import { afterPaint, serialQueue } from '../../api/serial';
import { useAppStore } from '../../stores/app-store';
import { usePdcaStore } from '../../stores/pdca-store';
import { usePlanStore } from '../../stores/plan-store';
import type { KpiEdit, PdcaCellInput, RecordEdit } from './pdca-edits';
import { planPdcaEdits } from './pdca-edits';
import { useUndoStore } from '../../stores/undo-store';

const pdca = () => usePdcaStore.getState();

/** Edit timings for `npm run bench`. */
declare global {
  interface Window {
    __gyokakuPdcaPerf?: { edits: number[] };
  }
}

const enqueue = serialQueue();
/** Optimistic patches not yet confirmed, by record, so an earlier answer does not hide a later edit. */
const pending = new Map<number, { seq: number; patch: RecordEdit['patch'] }[]>();
let seq = 0;

function withPending(list: readonly PdcaRecord[]): PdcaRecord[] {
  return list.map((r) => {
    const mine = pending.get(r.id);
    return mine?.length ? mine.reduce<PdcaRecord>((acc, p) => ({ ...acc, ...p.patch }), r) : r;
  });
}

/** Saves in order; resolves to the operation's batch, for the undo stack. */
function send(
  records: RecordEdit[],
  kpis: KpiEdit[],
  opts: { afterPaint?: boolean } = {},
): Promise<string | null> {
  const n = ++seq;
  for (const c of records)
    pending.set(c.recordId, [...(pending.get(c.recordId) ?? []), { seq: n, patch: c.patch }]);
  const settle = () => {
    for (const c of records) {
      const left = (pending.get(c.recordId) ?? []).filter((p) => p.seq !== n);
      if (left.length) pending.set(c.recordId, left);
      else pending.delete(c.recordId);
    }
  };
  return enqueue(async () => {
    if (opts.afterPaint) await afterPaint();
    const roundId = pdca().roundId ?? undefined;
    // The revision as it is now: an earlier save of this user's may have moved it.
    const revision = new Map(pdca().records.map((r) => [r.id, r.updatedAt]));
    const changes = records.map((c) =>
      c.expectedUpdatedAt != null
        ? { ...c, expectedUpdatedAt: revision.get(c.recordId) ?? c.expectedUpdatedAt }
        : c,
    );
    // One transaction for records and KPI actuals: both land or neither.
    let res;
    try {
      res = await callUndoable('pdca.records.update', { changes, roundId, kpis });
    } finally {
      settle();
    }
    pdca().mergeRecords(withPending(res.value.records));
    if (res.value.kpis.length > 0) pdca().mergeKpis(res.value.kpis);
    void usePlanStore.getState().refreshHistory();
    return res.batch;
  });
}

/** Shows the typed values at once; the server's answer confirms or replaces them. */
function optimistic(records: RecordEdit[]): PdcaRecord[] {
  const patches = new Map(records.map((r) => [r.recordId, r.patch]));
  const before: PdcaRecord[] = [];
  const next: PdcaRecord[] = [];
  for (const r of pdca().records) {
    const p = patches.get(r.id);
    if (!p) continue;
    before.push(r);
    next.push({ ...r, ...p });
  }
  if (next.length > 0) pdca().mergeRecords(next);
  return before;
}

/**
 * Cells typed, pasted, filled or cleared in the PDCA grid: validated (refused
 * whole with a message), saved in one transaction per kind, undoable as one step.
 */
export function applyPdcaEdits(cells: PdcaCellInput[], label: string): string | null {
  const { settings, fiscalYear } = pdca();
  if (!settings) return '設定を読み込み中です。少し待ってからもう一度入力してください。';
  const plan = planPdcaEdits(cells, settings, fiscalYear);
  if (!plan.ok) return plan.message;
  if (plan.records.length === 0 && plan.kpis.length === 0) return null;
  const t0 = performance.now();
  const before = optimistic(plan.records);
  // as in the plan grid: a block leaves after the frame that shows it
  const done = send(plan.records, plan.kpis, { afterPaint: cells.length > 1 });
  useUndoStore.getState().record(label, done);
  done
    .then(() =>
      requestAnimationFrame(() => {
        window.__gyokakuPdcaPerf ??= { edits: [] };
        window.__gyokakuPdcaPerf.edits.push(performance.now() - t0);
      }),
    )
    .catch((e: unknown) => {
      pdca().mergeRecords(before);
      useAppStore
        .getState()
        .notify('error', `保存できなかったため、元の値に戻しました。${errorMessage(e)}`);
    });
  return null;
}
