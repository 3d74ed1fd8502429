import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { median } from './peer-grids/run-peers';

/**
 * Ours against a floor measured in another process, made comparable.
 *
 * On the 2-core CI machines the two cores are not alike: the same SQLite
 * queries ran 1.6–1.7× slower on one of them for seconds at a time (a
 * neighbour on the host, not our code). The host and the bench process are
 * scheduled apart, so a dashboard call could run slow and its floor fast,
 * and the ratio flipped between 1.0 and 2.0 from run to run on the same code.
 * So both sides run on one core, in turns, and the figure is the median of
 * each turn's own ratio: a slow spell falls on both halves of a pair.
 */

/** Each pair's ratio, then their median; pairs with a zero floor are dropped. */
export function pairedRatio(ours: readonly number[], floors: readonly number[]): number {
  if (ours.length !== floors.length) throw new Error('unpaired figures');
  const ratios = ours.flatMap((x, i) => (floors[i]! > 0 ? [x / floors[i]!] : []));
  if (ratios.length === 0) throw new Error('no floor to compare against');
  return median(ratios);
}

const taskset = (args: string[]) =>
  execFileSync('taskset', args, { stdio: ['ignore', 'ignore', 'pipe'] });

/**
 * Pins the processes (all their threads) to one core, the machine's last (any
 * one does: both halves of a turn share it), and returns how to let them go.
 * Where `taskset` is missing (not Linux) nothing is pinned, and it says so.
 */
export function onOneCore(pids: readonly number[]): { core: number | null; release: () => void } {
  const cores = os.cpus().length;
  if (cores < 2) return { core: null, release: () => {} };
  const core = cores - 1;
  try {
    for (const pid of pids) taskset(['-a', '-p', '-c', String(core), String(pid)]);
  } catch {
    return { core: null, release: () => {} };
  }
  return {
    core,
    release: () => {
      for (const pid of pids) {
        try {
          taskset(['-a', '-p', '-c', `0-${cores - 1}`, String(pid)]);
        } catch {
          // the process has ended: nothing to release
        }
      }
    },
  };
}
