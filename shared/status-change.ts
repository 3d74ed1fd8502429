import type { PdcaRecord, RecordStatus } from './domain/pdca';
import { RECORD_STATUSES } from './domain/pdca';

/**
 * What a status change would do, for the confirmation shown before a bulk
 * change and for the store's own check: counts by current status, records
 * that would be unlocked, and records that would be 確定 with nothing
 * answered in D (取組実績) or C (進捗状況・評価).
 */
export interface StatusChangeSummary {
  total: number;
  byStatus: Record<RecordStatus, number>;
  changing: number;
  unlocking: number[];
  emptyFinal: number[];
}

export function isEmptyForFinal(
  r: Pick<PdcaRecord, 'resultText' | 'progressId' | 'evaluationId'>,
): boolean {
  return r.resultText.trim() === '' || (r.progressId == null && r.evaluationId == null);
}

export function summarizeStatusChange(
  records: readonly Pick<
    PdcaRecord,
    'id' | 'status' | 'resultText' | 'progressId' | 'evaluationId'
  >[],
  target: RecordStatus,
): StatusChangeSummary {
  const byStatus = Object.fromEntries(RECORD_STATUSES.map((s) => [s, 0])) as Record<
    RecordStatus,
    number
  >;
  const unlocking: number[] = [];
  const emptyFinal: number[] = [];
  let changing = 0;
  for (const r of records) {
    byStatus[r.status]++;
    if (r.status === target) continue;
    changing++;
    if (r.status === 'final') unlocking.push(r.id);
    if (target === 'final' && isEmptyForFinal(r)) emptyFinal.push(r.id);
  }
  return { total: records.length, byStatus, changing, unlocking, emptyFinal };
}
