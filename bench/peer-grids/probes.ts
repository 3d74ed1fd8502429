import type { Page } from '@playwright/test';

/**
 * The same measurements for our grid and its peers, from outside the grids:
 * a trigger (a key, a paste) starts a clock; each animation frame looks for
 * a marker text in the grid; the first frame that shows it stops the clock.
 * Written as strings: tsx would wrap named inner functions in a helper the
 * page lacks.
 */

export async function installProbe(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    if (window.__probe) return;
    const probe = { times: [], armed: null };
    probe.arm = (trigger, marker, root) => { probe.armed = { trigger, marker, root, t0: 0 }; };
    const start = () => {
      const a = probe.armed;
      if (!a || a.t0) return;
      a.t0 = performance.now();
      const look = () => {
        const el = document.querySelector(a.root);
        if (el && el.textContent.includes(a.marker)) {
          probe.times.push(performance.now() - a.t0);
          probe.armed = null;
          return;
        }
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    };
    document.addEventListener('keydown', (e) => { if (probe.armed?.trigger === 'Enter' && e.key === 'Enter') start(); }, true);
    document.addEventListener('paste', () => { if (probe.armed?.trigger === 'paste') start(); }, true);
    window.__probe = probe;
  })()`);
}

export async function armProbe(
  page: Page,
  trigger: 'Enter' | 'paste',
  marker: string,
  root: string,
) {
  await page.evaluate(
    ([t, m, r]) =>
      (
        window as unknown as { __probe: { arm(t: string, m: string, r: string): void } }
      ).__probe.arm(t, m, r),
    [trigger, marker, root] as const,
  );
}

export async function probeCount(page: Page): Promise<number> {
  return page.evaluate(
    () => (window as unknown as { __probe: { times: number[] } }).__probe.times.length,
  );
}

export async function probeTimes(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __probe: { times: number[] } }).__probe.times);
}

/**
 * Frame times while the grid's scroller goes from top to bottom in 150 equal
 * steps, one a frame (at 10,000 items about 4,800 px, several screens: every
 * frame shows rows it has not shown before).
 */
export async function scrollFrames(page: Page, scroller: string): Promise<number[]> {
  return (await page.evaluate(`new Promise((resolve) => {
    const el = document.querySelector(${JSON.stringify(scroller)});
    const out = [];
    let last = performance.now();
    const stride = Math.max(600, Math.ceil(el.scrollHeight / 150));
    const step = (t) => {
      out.push(t - last);
      last = t;
      if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1 || out.length > 5000) return resolve(out.slice(1));
      el.scrollTop += stride;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  })`)) as number[];
}
