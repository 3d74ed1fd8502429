import type { Channel } from '../../shared/contract';
import { contract } from '../../shared/contract';
import { appHandlers } from './handlers';
import { backupHandlers } from '../backups/handlers';
import { historyHandlers } from '../history/handlers';
import { inquiryHandlers } from '../inquiry/handlers';
import { itemHandlers } from '../items/handlers';
import { orgHandlers } from '../org/handlers';
import { pdcaHandlers } from '../pdca/handlers';
import { planFileHandlers } from '../plan-files/handlers';
import { planHandlers } from '../plans/handlers';
import { publicationHandlers } from '../publication/handlers';
import { reportHandlers } from '../reports/handlers';
import { yearHandlers } from '../year-close/handlers';
import type { HandlerDeps } from '../ipc/context';
import { handlerContext } from '../ipc/context';
import type { HandlerMap, StoreHandlers } from '../ipc/registry';

/**
 * Each domain's part of the registry, joined into one map: a channel answered
 * twice, or not at all, stops the app at start (and fails the tests), never
 * silently shadows another (as Actual's loot-core combines its apps).
 */
export function combineHandlers(parts: readonly HandlerMap[]): StoreHandlers {
  const out: Record<string, unknown> = {};
  for (const part of parts)
    for (const [channel, handler] of Object.entries(part)) {
      if (channel in out) throw new Error(`channel ${channel} has two handlers`);
      out[channel] = handler;
    }
  const missing = (Object.keys(contract) as Channel[]).filter(
    (c) => !c.startsWith('files.') && !(c in out),
  );
  if (missing.length > 0) throw new Error(`channels without a handler: ${missing.join(', ')}`);
  return out as StoreHandlers;
}

/**
 * The one handler map of a store. Electron's ipcMain and the browser host
 * both dispatch into it (through the session), so the two cannot drift apart.
 */
export function createHandlers(deps: HandlerDeps): StoreHandlers {
  const ctx = handlerContext(deps);
  return combineHandlers([
    appHandlers(ctx),
    planHandlers(ctx),
    itemHandlers(ctx),
    orgHandlers(ctx),
    pdcaHandlers(ctx),
    inquiryHandlers(ctx),
    planFileHandlers(ctx),
    publicationHandlers(ctx),
    reportHandlers(ctx),
    yearHandlers(deps.db, ctx.screen, ctx.backups),
    backupHandlers(ctx.backups),
    historyHandlers(ctx.screen),
  ]);
}
