import type { Channel, ParsedInputOf, ResultOf } from '../../shared/contract';
import type { ChangeSource } from '../../shared/domain/audit';
import { beginChangeSet, listAudit, recordChange } from '../audit/audit-log';
import type { ChangeSet } from '../audit/audit-log';
import { currentActor, setDisplayName } from '../app/user';
import type { Db } from '../db/open-store';
import { getItem, listItems } from '../items/item-queries';
import { updateItem } from '../items/update-item';
import { listOrgUnits } from '../org/org-units';
import { getPlanDetail, listPlans, requirePlan } from '../plans/plan-queries';

/** Everything a handler may touch, passed in: no handler reaches for globals. */
export interface HandlerDeps {
  db: Db;
  clock: () => Date;
  osLogin: string;
  host: 'electron' | 'browser';
  storePath: string;
  schemaVersion: number;
  appVersion: string;
}

export type Handler<C extends Channel> = (
  input: ParsedInputOf<C>,
) => ResultOf<C> | Promise<ResultOf<C>>;
export type HandlerRegistry = { [C in Channel]: Handler<C> };

const SCREEN: ChangeSource = { kind: 'screen' };

/**
 * The one handler map. Electron's ipcMain and the browser host both dispatch
 * into it, so the two hosts cannot drift apart.
 */
export function createHandlers(deps: HandlerDeps): HandlerRegistry {
  const { db, clock } = deps;

  /** Runs a change as one transaction with one audit batch. */
  function change<T>(source: ChangeSource, fn: (cs: ChangeSet) => T): T {
    return db
      .transaction(() => fn(beginChangeSet(db, currentActor(db, deps.osLogin), source, clock())))
      .immediate();
  }

  function appInfo(): ResultOf<'app.info'> {
    const actor = currentActor(db, deps.osLogin);
    return {
      appName: '行革デスク',
      version: deps.appVersion,
      host: deps.host,
      storePath: deps.storePath,
      schemaVersion: deps.schemaVersion,
      readOnly: false,
      user: { login: actor.login, displayName: actor.displayName },
    };
  }

  return {
    'app.info': () => appInfo(),
    'app.setDisplayName': ({ displayName }) =>
      change(SCREEN, (cs) => {
        const before = currentActor(db, deps.osLogin).displayName;
        setDisplayName(db, displayName);
        recordChange(cs, {
          action: 'update',
          entity: 'setting',
          entityId: 0,
          field: 'user.displayName',
          oldValue: before,
          newValue: displayName.trim(),
        });
        return appInfo().user;
      }),
    'plans.list': () => listPlans(db),
    'plans.get': ({ planId }) => getPlanDetail(db, planId),
    'items.list': (q) => {
      requirePlan(db, q.planId);
      return listItems(db, q);
    },
    'items.get': ({ itemId }) => getItem(db, itemId),
    'items.update': ({ itemId, patch, expectedUpdatedAt }) =>
      change(SCREEN, (cs) => {
        updateItem(cs, itemId, patch, expectedUpdatedAt);
        return getItem(db, itemId);
      }),
    'org.list': ({ fiscalYear }) => listOrgUnits(db, fiscalYear),
    'audit.list': (q) => listAudit(db, q),
  };
}
