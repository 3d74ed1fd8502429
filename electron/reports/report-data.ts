import type { ReportData } from '../../shared/reports/build';
import type { Db } from '../db/open-store';
import { listItems } from '../items/item-queries';
import { dashboard } from '../pdca/dashboard';
import { listKpis } from '../pdca/kpis';
import { listMeetings } from '../pdca/opinions';
import { listRecords } from '../pdca/records';
import { getPdcaSettings } from '../pdca/settings';
import { getPlanDetail } from '../plans/plan-queries';
import { stmt } from '../db/statements';
import { readSnapshot, snapshotRound } from '../years/snapshot-read';

/**
 * Everything the committee reports draw on for a plan, year and round, read
 * at once: the items of that year with the sections they had then. A closed
 * year is read from its snapshot, as it was closed (and corrected).
 */
export function reportData(
  db: Db,
  planId: number,
  fiscalYear: number,
  roundId: number | null,
): ReportData {
  const snap = readSnapshot(db, planId, fiscalYear);
  const frozen = snap ? snapshotRound(snap, roundId) : undefined;
  if (frozen) {
    return { ...frozen.data, dashboard: dashboard(db, planId, fiscalYear, frozen.roundId) };
  }
  return liveReportData(db, planId, fiscalYear, roundId);
}

/** The year read from the store as it is now. */
export function liveReportData(
  db: Db,
  planId: number,
  fiscalYear: number,
  roundId: number | null,
): ReportData {
  const plan = getPlanDetail(db, planId);
  const round = (
    roundId
      ? stmt(db, 'SELECT id, name FROM pdca_rounds WHERE id = ? AND plan_id = ?').get(
          roundId,
          planId,
        )
      : stmt(
          db,
          'SELECT id, name FROM pdca_rounds WHERE plan_id = ? AND fiscal_year = ? ORDER BY sort_order DESC LIMIT 1',
        ).get(planId, fiscalYear)
  ) as { id: number; name: string } | undefined;
  const yearRounds = stmt(
    db,
    `SELECT o.id FROM pdca_rounds o WHERE o.plan_id = ? AND o.sort_order = (
       SELECT max(x.sort_order) FROM pdca_rounds x WHERE x.plan_id = o.plan_id AND x.fiscal_year = o.fiscal_year)`,
  )
    .pluck()
    .all(planId) as number[];
  const { meetings, opinions } = listMeetings(db, planId, fiscalYear);
  const items = listItems(db, { planId, fiscalYear });
  const inYear = new Set(items.map((i) => i.id));
  return {
    plan,
    settings: getPdcaSettings(db, planId, false),
    items,
    roundName: round?.name ?? null,
    records: round ? listRecords(db, round.id).filter((r) => inYear.has(r.itemId)) : [],
    yearRecords: yearRounds.flatMap((id) => listRecords(db, id)),
    kpis: listKpis(db, { planId }).filter((k) => inYear.has(k.itemId)),
    meetings,
    opinions: opinions.filter((o) => inYear.has(o.itemId)),
    dashboard: dashboard(db, planId, fiscalYear, round?.id ?? null),
  };
}
