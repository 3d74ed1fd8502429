import type { Actor } from './audit-log';
import type { Db } from '../db/open-store';
import { stmt } from '../db/statements';

/** Who is making changes: the OS login, with a display name staff may set. */
export function currentActor(db: Db, osLogin: string): Actor {
  // asked on every change: prepared once per connection
  const row = stmt(db, "SELECT value FROM settings WHERE key = 'user.displayName'").get() as
    { value: string } | undefined;
  return { login: osLogin, displayName: row?.value ?? osLogin };
}

export function setDisplayName(db: Db, displayName: string): void {
  db.prepare(
    "INSERT INTO settings (key, value) VALUES ('user.displayName', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
  ).run(displayName.trim());
}
