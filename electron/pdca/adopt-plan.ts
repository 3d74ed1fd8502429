import type { PlanFile } from '../../shared/domain/plan-file';
import type { ChangeSet } from '../audit/audit-log';
import { loadPlanFile } from '../plans/load-plan-file';
import { seedPdcaDefaults } from './settings';
import type { CityPreset } from '../../shared/pdca-presets';

/**
 * A plan document taken into the store as a plan to run: its outline and
 * items (plans/), and the PDCA settings every plan starts with (here, so that
 * plans/ never reaches up into pdca/).
 */
export function adoptPlan(
  cs: ChangeSet,
  file: PlanFile,
  sourceNote: string,
  city?: CityPreset,
): number {
  const planId = loadPlanFile(cs, file, sourceNote);
  seedPdcaDefaults(cs, planId, city);
  return planId;
}
