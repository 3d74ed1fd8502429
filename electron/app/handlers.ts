import type { ResultOf } from '../../shared/contract';
import { currentActor, setDisplayName } from '../audit/actor';
import { listAudit, recordChange } from '../audit/audit-log';
import type { HandlerContext } from '../ipc/context';
import type { HandlerRegistry } from '../ipc/registry';

/** The app itself: what it is, who is using it, and the audit log. */
export function appHandlers(ctx: HandlerContext): Partial<HandlerRegistry> {
  const { db, deps } = ctx;
  function appInfo(): ResultOf<'app.info'> {
    const actor = currentActor(db, deps.osLogin);
    return {
      appName: '行革デスク',
      version: deps.appVersion,
      host: deps.host,
      storePath: deps.storePath,
      schemaVersion: deps.schemaVersion,
      readOnly: deps.readOnly ?? false,
      user: { login: actor.login, displayName: actor.displayName },
    };
  }
  return {
    'app.info': () => appInfo(),
    'app.setDisplayName': ({ displayName }) =>
      ctx.screen((cs) => {
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
    'audit.list': (q) => listAudit(db, q),
  };
}
