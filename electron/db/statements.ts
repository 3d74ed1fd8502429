import type { Statement } from 'better-sqlite3';
import type { Db } from './open-store';

const cache = new WeakMap<Db, Map<string, Statement>>();

/**
 * A prepared statement, compiled once per connection. Hot paths (the audit
 * log, record reads and writes during an import of thousands of fields) call
 * the same SQL over and over; preparing it each time costs more than running it.
 */
export function stmt(db: Db, sql: string): Statement {
  let m = cache.get(db);
  if (!m) {
    m = new Map();
    cache.set(db, m);
  }
  let s = m.get(sql);
  if (!s) {
    s = db.prepare(sql);
    m.set(sql, s);
  }
  return s;
}
