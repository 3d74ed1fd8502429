import type { ChangeSet } from '../audit/audit-log';
import type { Db } from '../db/open-store';
import type { HandlerRegistry } from '../ipc/registry';
import type { BackupDeps } from '../backups/handlers';
import { backupBefore } from '../backups/handlers';
import { requirePlan } from '../plans/plan-queries';
import {
  closeYear,
  correctKpiValue,
  correctRecord,
  listCorrections,
  reopenYear,
  yearState,
} from './year-close';

type YearHandlers = Pick<
  HandlerRegistry,
  | 'years.state'
  | 'years.list'
  | 'years.close'
  | 'years.reopen'
  | 'years.correctRecord'
  | 'years.correctKpi'
  | 'years.corrections'
>;

/** The fiscal-year part of the handler map. */
export function yearHandlers(
  db: Db,
  change: <T>(fn: (cs: ChangeSet) => T) => T,
  backups: BackupDeps,
): YearHandlers {
  return {
    'years.state': ({ planId, fiscalYear }) => yearState(db, planId, fiscalYear),
    'years.list': ({ planId }) => {
      const plan = requirePlan(db, planId);
      const out = [];
      for (let fy = plan.first_fy; fy <= plan.last_fy; fy++) out.push(yearState(db, planId, fy));
      return out;
    },
    'years.close': ({ planId, fiscalYear }) => {
      backupBefore(backups, 'year-close');
      return change((cs) => closeYear(cs, planId, fiscalYear));
    },
    'years.reopen': (input) => change((cs) => reopenYear(cs, input)),
    'years.correctRecord': (input) => change((cs) => correctRecord(cs, input)),
    'years.correctKpi': (input) => change((cs) => (correctKpiValue(cs, input), { ok: true })),
    'years.corrections': ({ planId, fiscalYear }) => listCorrections(db, planId, fiscalYear),
  };
}
