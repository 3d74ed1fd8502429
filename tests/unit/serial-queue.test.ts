import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { serialQueue } from '../../renderer/api/serial';

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

describe('the save queue', () => {
  it('starts a save at once, in the caller’s turn, when nothing is waiting', async () => {
    const enqueue = serialQueue();
    let started = false;
    const done = enqueue(async () => {
      started = true;
      return 1;
    });
    expect(started).toBe(true);
    await expect(done).resolves.toBe(1);
    // idle again: the next one starts at once too
    let again = false;
    await enqueue(async () => {
      again = true;
    }).then(() => expect(again).toBe(true));
  });

  it('holds a save until the one before has settled, answered or refused', async () => {
    const enqueue = serialQueue();
    const log: string[] = [];
    let release!: () => void;
    const first = enqueue(async () => {
      log.push('first starts');
      await new Promise<void>((r) => (release = r));
      log.push('first ends');
      throw new Error('refused');
    });
    const second = enqueue(async () => {
      log.push('second starts');
    });
    await tick();
    expect(log).toEqual(['first starts']);
    release();
    await expect(first).rejects.toThrow('refused');
    await second;
    expect(log).toEqual(['first starts', 'first ends', 'second starts']);
  });

  it('never runs two saves at once, and starts them in the order they came (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ ms: fc.integer({ min: 0, max: 3 }), fails: fc.boolean(), gap: fc.boolean() }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        async (jobs) => {
          const enqueue = serialQueue();
          const starts: number[] = [];
          let running = 0;
          let overlap = false;
          const all: Promise<unknown>[] = [];
          for (const [i, job] of jobs.entries()) {
            all.push(
              enqueue(async () => {
                if (running > 0) overlap = true;
                running++;
                starts.push(i);
                await new Promise((r) => setTimeout(r, job.ms));
                running--;
                if (job.fails) throw new Error(`job ${i}`);
              }).catch(() => undefined),
            );
            // sometimes the queue drains before the next save comes
            if (job.gap) await Promise.all(all);
          }
          await Promise.all(all);
          expect(overlap).toBe(false);
          expect(starts).toEqual(jobs.map((_, i) => i));
        },
      ),
      { numRuns: 60 },
    );
  });
});
