import type { Database } from 'better-sqlite3';

/**
 * Migration 7: what a plan calls its two heading levels (重点項目 / 取組分野,
 * 重点改革項目 / 推進項目, 基本方針 / 取組方針 …), printed in its reports
 * and tables instead of this app's words. Existing plans keep the words they
 * were shown with.
 */
export function up(db: Database): void {
  db.exec(/* sql */ `
    ALTER TABLE plans ADD COLUMN priority_label TEXT NOT NULL DEFAULT '重点項目';
    ALTER TABLE plans ADD COLUMN area_label TEXT NOT NULL DEFAULT '取組分野';
  `);
}
