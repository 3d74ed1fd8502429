import type { HandlerContext } from '../ipc/context';
import { OK } from '../ipc/context';
import type { HandlerRegistry } from '../ipc/registry';
import { requirePlan } from '../plans/plan-queries';
import { setAssignments } from './assignments';
import { setInitiatives } from './initiatives';
import { getItem, getItems, listItems } from './item-queries';
import { createItem, deleteItems, deletionSummary, moveItem, renumberArea } from './structure';
import { updateItem } from './update-item';
import { updateMany } from './update-many';
import { rehearseItemEdit } from './rehearsal';

/** How long after a plan's items are first read its first save is rehearsed. */
const REHEARSAL_DELAY_MS = 1000;

/** 改革項目: reading, editing, structure, initiatives and sections. */
export function itemHandlers(ctx: HandlerContext): Partial<HandlerRegistry> {
  const { db, screen } = ctx;
  const rehearsed = new Set<number>();
  return {
    'items.list': (q) => {
      requirePlan(db, q.planId);
      if (!rehearsed.has(q.planId)) {
        rehearsed.add(q.planId);
        // Well after the list has gone out: the screen has drawn it, and the
        // user has not typed yet.
        setTimeout(() => db.open && rehearseItemEdit(ctx, q.planId), REHEARSAL_DELAY_MS).unref();
      }
      return listItems(db, q);
    },
    'items.get': ({ itemId }) => getItem(db, itemId),
    'items.update': ({ itemId, patch, expectedUpdatedAt }) =>
      screen((cs) => {
        updateItem(cs, itemId, patch, expectedUpdatedAt);
        return getItem(db, itemId);
      }),
    'items.updateMany': ({ changes }) => screen((cs) => getItems(db, updateMany(cs, changes))),
    'items.create': (input) => screen((cs) => getItem(db, createItem(cs, input))),
    'items.deletionSummary': ({ itemIds }) => {
      for (const id of itemIds) getItem(db, id);
      return deletionSummary(db, itemIds);
    },
    'items.delete': ({ itemIds }) => screen((cs) => deleteItems(cs, itemIds)),
    'items.move': (input) => screen((cs) => (moveItem(cs, input), OK)),
    'items.renumber': ({ areaId }) => screen((cs) => (renumberArea(cs, areaId), OK)),
    'items.setInitiatives': ({ itemId, initiatives, expectedUpdatedAt }) =>
      screen((cs) => {
        setInitiatives(cs, itemId, initiatives, expectedUpdatedAt);
        return getItem(db, itemId);
      }),
    'items.setAssignments': ({ itemId, ...input }) =>
      screen((cs) => {
        setAssignments(cs, itemId, input);
        return getItem(db, itemId);
      }),
  };
}
