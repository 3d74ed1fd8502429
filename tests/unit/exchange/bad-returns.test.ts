import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/ipc/dispatch';
import type { ReturnPreview } from '../../../shared/domain/exchange';
import { corpusStore } from '../../fixtures/bad-returns/corpus-store';

/**
 * Every file of the bad-return corpus (tests/fixtures/bad-returns, made by
 * its generate.ts) is refused with its Japanese message, by the preview and
 * by an attempt to apply it anyway, and the store file is byte for byte what
 * it was before.
 */
const DIR = path.resolve(__dirname, '../../fixtures/bad-returns');
const manifest = JSON.parse(fs.readFileSync(path.join(DIR, 'manifest.json'), 'utf8')) as {
  file: string;
  what: string;
  expect: string;
}[];

function fingerprint(store: Awaited<ReturnType<typeof corpusStore>>): string {
  store.store.db.pragma('wal_checkpoint(TRUNCATE)');
  const h = crypto.createHash('sha256').update(fs.readFileSync(store.file));
  const wal = `${store.file}-wal`;
  if (fs.existsSync(wal)) h.update(fs.readFileSync(wal));
  return h.digest('hex');
}

describe('the bad-return corpus', () => {
  it('has at least 70 files, each with its expected message', () => {
    expect(manifest.length).toBeGreaterThanOrEqual(70);
    for (const m of manifest)
      expect(fs.existsSync(path.join(DIR, 'files', m.file)), m.file).toBe(true);
  });

  it('refuses every file with its Japanese message and leaves the store byte for byte unchanged', async () => {
    const ctx = await corpusStore();
    const before = fingerprint(ctx);
    for (const m of manifest) {
      const data = fs.readFileSync(path.join(DIR, 'files', m.file));
      const file = { name: m.file, data };
      const env = await dispatch(ctx.handlers, 'exchange.previewReturn', {
        roundId: ctx.roundId,
        file,
      });
      if (env.ok) {
        const preview = env.value as ReturnPreview;
        expect(preview.ok, `${m.file}: ${m.what}`).toBe(false);
        const errors = preview.problems.filter((p) => p.level === 'error').map((p) => p.message);
        expect(errors.join('\n'), `${m.file}: ${m.what}`).toContain(m.expect);
      } else {
        // Too large for the API itself: refused before any reading.
        expect(env.error.message, `${m.file}: ${m.what}`).toMatch(
          new RegExp(`${m.expect}|大きすぎ|文字以内`),
        );
      }
      const applied = await dispatch(ctx.handlers, 'exchange.applyReturn', {
        roundId: ctx.roundId,
        file,
        accept: [],
        revisions: [],
      });
      expect(applied.ok, `${m.file} must not apply`).toBe(false);
    }
    expect(fingerprint(ctx)).toBe(before);
    ctx.store.close();
  }, 120_000);
});
