import { backupBefore } from '../backups/handlers';
import type { HandlerContext } from '../ipc/context';
import { OK } from '../ipc/context';
import type { HandlerRegistry } from '../ipc/registry';
import { createOutline, deleteOutline, moveOutline, updateOutline } from './outline';
import { setPhases } from './phases';
import { archivePlan, deletePlan, renamePlan } from './plan-admin';
import { getPlanDetail, listPlans, requirePlan } from './plan-queries';

/** Plans, their outline (重点項目・取組分野) and their schedule phases. */
export function planHandlers(ctx: HandlerContext): Partial<HandlerRegistry> {
  const { db, screen } = ctx;
  return {
    'plans.list': () => listPlans(db),
    'plans.rename': (input) => screen((cs) => (renamePlan(cs, input), listPlans(db))),
    'plans.archive': (input) => screen((cs) => (archivePlan(cs, input), listPlans(db))),
    'plans.delete': (input) => {
      requirePlan(db, input.planId);
      backupBefore(ctx.backups, 'plan-delete', true);
      return screen((cs) => (deletePlan(cs, input), listPlans(db)));
    },
    'plans.get': ({ planId }) => getPlanDetail(db, planId),
    'plans.setPhases': ({ planId, phases }) =>
      screen((cs) => (setPhases(cs, planId, phases), getPlanDetail(db, planId))),
    'outline.create': ({ kind, parentId, title, afterId }) =>
      screen((cs) => ({ id: createOutline(cs, { kind, parentId, title, afterId }) })),
    'outline.update': (input) => screen((cs) => (updateOutline(cs, input), OK)),
    'outline.move': (input) => screen((cs) => (moveOutline(cs, input), OK)),
    'outline.delete': ({ kind, id }) =>
      screen((cs) => ({ items: deleteOutline(cs, kind, id).items })),
  };
}
