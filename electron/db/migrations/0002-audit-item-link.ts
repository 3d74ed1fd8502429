import type { Database } from 'better-sqlite3';

/**
 * Migration 2: link each audit entry to the 改革項目 it concerns, so an item's
 * history shows changes to its initiatives, spans and sections too, not only
 * to the item row. Backfills entries written under migration 1.
 */
export function up(db: Database): void {
  db.exec(/* sql */ `
    ALTER TABLE audit_log ADD COLUMN item_id INTEGER;
    DROP TRIGGER audit_log_no_update;
    UPDATE audit_log SET item_id = entity_id WHERE entity = 'reform_item';
    UPDATE audit_log SET item_id = (SELECT item_id FROM initiatives WHERE initiatives.id = audit_log.entity_id)
      WHERE entity = 'initiative';
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE INDEX audit_log_item ON audit_log(item_id, id) WHERE item_id IS NOT NULL;
  `);
}
