import type { HandlerContext } from '../ipc/context';
import type { HandlerRegistry } from '../ipc/registry';
import { createUnit, listOrgUnits, mergeUnits, renameUnit, retireUnit } from './org-units';

/** 部・課 over the fiscal years. */
export function orgHandlers(ctx: HandlerContext): Partial<HandlerRegistry> {
  const { db, screen } = ctx;
  return {
    'org.create': (input) => screen((cs) => (createUnit(cs, input), listOrgUnits(db))),
    'org.rename': (input) => screen((cs) => (renameUnit(cs, input), listOrgUnits(db))),
    'org.merge': (input) => screen((cs) => (mergeUnits(cs, input), listOrgUnits(db))),
    'org.retire': (input) => screen((cs) => (retireUnit(cs, input), listOrgUnits(db))),
    'org.list': ({ fiscalYear }) => listOrgUnits(db, fiscalYear),
  };
}
