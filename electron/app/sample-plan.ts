import sample from '../../resources/sample-plan/nihonmatsu-r3-r7.json';
import { planFileSchema } from '../../shared/domain/plan-file';
import type { Actor } from '../audit/audit-log';
import { beginChangeSet } from '../audit/audit-log';
import type { Db } from '../db/open-store';
import { adoptPlan } from '../pdca/adopt-plan';

export const SAMPLE_PLAN_NOTE = '見本データ：二本松市市政改革推進行動計画（令和3年度～令和7年度）';

/**
 * A fresh store starts with the 二本松市 R3–R7 plan so staff see a real plan at
 * once. Only on the very first start: once offered, deleting it keeps it deleted.
 */
export function ensureSamplePlan(db: Db, actor: Actor, now: Date): number | null {
  const offered = db.prepare("SELECT value FROM app_meta WHERE key = 'sample_plan_offered'").get();
  if (offered) return null;
  const file = planFileSchema.parse(sample);
  return db
    .transaction(() => {
      const cs = beginChangeSet(db, actor, { kind: 'system', note: SAMPLE_PLAN_NOTE }, now);
      const planCount = (db.prepare('SELECT count(*) AS n FROM plans').get() as { n: number }).n;
      const planId = planCount === 0 ? adoptPlan(cs, file, SAMPLE_PLAN_NOTE) : null;
      db.prepare("INSERT INTO app_meta (key, value) VALUES ('sample_plan_offered', ?)").run(cs.at);
      return planId;
    })
    .immediate();
}
