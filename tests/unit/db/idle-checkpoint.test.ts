import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  IDLE_CHECKPOINT_MS,
  WAL_CAP_PAGES,
  checkpointNow,
} from '../../../electron/db/idle-checkpoint';
import { openStore } from '../../../electron/db/open-store';
import { sampleStore, tempDir } from '../helpers';

/** A store in a file (the log is a file's), with a way to type into one cell. */
function setUp() {
  const file = path.join(tempDir(), 'store.sqlite3');
  const s = sampleStore(file);
  const first = s.store.db.prepare('SELECT id FROM reform_items ORDER BY id LIMIT 1').get() as {
    id: number;
  };
  let item = { id: first.id, updatedAt: '' };
  const typeCell = async (text: string) => {
    const current = await s.handlers['items.get']({ itemId: item.id });
    const [saved] = await s.handlers['items.updateMany']({
      changes: [{ itemId: item.id, patch: { name: text }, expectedUpdatedAt: current.updatedAt }],
    });
    item = { id: saved!.id, updatedAt: saved!.updatedAt };
  };
  // the log's frames: a 32-byte header, then each page with a 24-byte frame header
  const walFrames = () => (fs.statSync(`${file}-wal`).size - 32) / (pageSize + 24);
  const checkpoints = () =>
    spy.mock.calls.filter((c) => String(c[0]).startsWith('wal_checkpoint')).length;
  const pageSize = s.store.db.pragma('page_size', { simple: true }) as number;
  const spy = vi.spyOn(s.store.db, 'pragma');
  return { ...s, file, typeCell, walFrames, checkpoints };
}

describe('checkpoints when writes pause, not on the edit that crosses a line', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('leaves 300 typed cells in the log — past the 1,000 pages where SQLite would have copied it on a commit', async () => {
    const s = setUp();
    expect(s.store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_CAP_PAGES);
    for (let k = 0; k < 300; k++) await s.typeCell(`入力${k}`);
    // no edit paid for a copy: the log grew past the default line instead of restarting
    expect(s.walFrames()).toBeGreaterThan(1500);
    expect(s.checkpoints()).toBe(0);
    s.store.close();
  });

  it('copies the log once writes have paused, and the next write starts the log again', async () => {
    const s = setUp();
    for (let k = 0; k < 150; k++) {
      await s.typeCell(`入力${k}`);
      // typing at a steady pace: each write puts the checkpoint off again
      vi.advanceTimersByTime(IDLE_CHECKPOINT_MS / 2);
    }
    expect(s.checkpoints()).toBe(0);
    vi.advanceTimersByTime(IDLE_CHECKPOINT_MS);
    expect(s.checkpoints()).toBe(1);
    await s.typeCell('休んだあとの入力');
    // the log restarted from its beginning: only the last write is in it
    const after = checkpointNow(s.store.db)!;
    expect(after.log).toBeGreaterThan(0);
    expect(after.log).toBeLessThan(100);
    expect(after.copied).toBe(after.log);
    s.store.close();
    // and everything typed is in the data file
    const again = openStore({ path: s.file });
    const names = again.db
      .prepare('SELECT name FROM reform_items WHERE name = ?')
      .all('休んだあとの入力');
    expect(names).toHaveLength(1);
    again.close();
  });

  it('does nothing for a closed store or one in a transaction', () => {
    const s = setUp();
    s.store.db.exec('BEGIN');
    expect(checkpointNow(s.store.db)).toBeNull();
    s.store.db.exec('ROLLBACK');
    expect(checkpointNow(s.store.db)).not.toBeNull();
    s.store.close();
    expect(checkpointNow(s.store.db)).toBeNull();
    // a checkpoint scheduled before the close finds it closed and does nothing
    vi.advanceTimersByTime(IDLE_CHECKPOINT_MS);
  });
});
