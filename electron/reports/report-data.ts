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

/** Everything the committee reports draw on for a plan, year and round, read at once. */
export function reportData(
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
  return {
    plan,
    settings: getPdcaSettings(db, planId, false),
    items: listItems(db, { planId }),
    roundName: round?.name ?? null,
    records: round ? listRecords(db, round.id) : [],
    yearRecords: yearRounds.flatMap((id) => listRecords(db, id)),
    kpis: listKpis(db, { planId }),
    meetings,
    opinions,
    dashboard: dashboard(db, planId, fiscalYear, round?.id ?? null),
  };
}
