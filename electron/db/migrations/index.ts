import type { Database } from 'better-sqlite3';
import { up as initial } from './0001-initial';
import { up as auditItemLink } from './0002-audit-item-link';
import { up as pdca } from './0003-pdca';
import { up as exchange } from './0004-exchange';
import { up as years } from './0005-years';
import { up as undo } from './0006-undo';
import { up as headingNames } from './0007-heading-names';
import { up as planShape } from './0008-plan-shape';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

/**
 * Append only. Never edit a migration that has shipped: add a new one. Each
 * is a module exporting up(db), run in its own transaction; each has a test
 * of its own seeded at the version before (tests/unit/db/migrations/).
 */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: initial },
  { version: 2, name: 'audit-item-link', up: auditItemLink },
  { version: 3, name: 'pdca', up: pdca },
  { version: 4, name: 'exchange', up: exchange },
  { version: 5, name: 'years', up: years },
  { version: 6, name: 'undo', up: undo },
  { version: 7, name: 'heading-names', up: headingNames },
  { version: 8, name: 'plan-shape', up: planShape },
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
