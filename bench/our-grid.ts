import type { Page } from '@playwright/test';
import { armProbe, installProbe, probeTimes, scrollFrames } from './peer-grids/probes';
import { EDITS, WARM_UP_ROUND, editMarker, p95, pasteBlock } from './peer-grids/run-peers';
import type { GridSubject } from './peer-grids/run-peers';

/** Our grid on the app's page, as a subject of the turns; it also keeps our round trips. */
export function ourGrid(page: Page, origin: string) {
  const trips: number[][] = [];
  let pasted = 0;
  let granted = false;
  const subject: GridSubject = {
    label: '行革デスク',
    async firstRender() {
      await page.bringToFront();
      await page.reload();
      pasted = 0;
      await installProbe(page);
      return (await (
        await page.waitForFunction(
          () => (window as unknown as { __gyokakuFirstRender?: number }).__gyokakuFirstRender,
          null,
          { timeout: 60_000, polling: 25 },
        )
      ).jsonValue()) as number;
    },
    async scrollP95() {
      await page.bringToFront();
      await page.locator('.grid-scroll').evaluate((el) => (el.scrollTop = 0));
      await page.waitForTimeout(200);
      return p95(await scrollFrames(page, '.grid-scroll'));
    },
    // single-cell edits, typed as in the peers: Enter → the cell shows the text (render),
    // and → persisted and re-rendered (our whole round trip)
    async editRound(r) {
      await page.bringToFront();
      const scrolled = await page.locator('.grid-scroll').evaluate((el) => {
        const was = el.scrollTop;
        el.scrollTop = 0;
        return was;
      });
      if (scrolled > 0) await page.waitForTimeout(200);
      const nameCell = page.locator('[data-col="name"]').first();
      const done = await page.evaluate(() => window.__gyokakuPerf?.edits.length ?? 0);
      for (let k = 0; k < EDITS; k++) {
        await nameCell.click();
        await armProbe(page, 'Enter', editMarker(r, k), '.grid');
        await page.keyboard.type(editMarker(r, k));
        await page.keyboard.press('Enter');
        // Polled by a timer, not every animation frame: a rAF poll forces frames and
        // would load the very page being measured.
        await page.waitForFunction((n) => (window.__gyokakuPerf?.edits.length ?? 0) > n, done + k, {
          polling: 25,
        });
      }
      if (r !== WARM_UP_ROUND)
        trips.push((await page.evaluate(() => window.__gyokakuPerf!.edits)).slice(-EDITS));
      return (await probeTimes(page)).slice(-EDITS);
    },
    // a 100×5 block (No., 改革項目, 継続, 推進内容, 主な取組) pasted into one 取組分野
    async paste(r) {
      await page.bringToFront();
      if (!granted)
        await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
      granted = true;
      await page.locator('.grid-scroll').evaluate((el) => (el.scrollTop = 0));
      await page.locator('[data-col="code"]').first().click();
      const mark = `p${r}`;
      await page.evaluate((t) => navigator.clipboard.writeText(t), pasteBlock(mark));
      await armProbe(page, 'paste', `貼り付けた項目${mark}-`, '.grid');
      await page.keyboard.press('Control+V');
      await page
        .waitForFunction((n) => (window.__gyokakuPerf?.pastes.length ?? 0) > n, pasted, {
          timeout: 30_000,
          polling: 25,
        })
        .catch(async (e: unknown) => {
          console.error(
            'paste did not complete; notices:',
            await page.locator('.notice').allTextContents(),
          );
          throw e;
        });
      pasted++;
      return (await probeTimes(page)).at(-1)!;
    },
    close: async () => {},
  };
  /** The page's JavaScript heap after a full garbage collection: what it keeps, in bytes. */
  async function retainedHeap(): Promise<number> {
    const cdp = await page.context().newCDPSession(page);
    try {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    } finally {
      await cdp.detach();
    }
  }
  return { subject, trips, retainedHeap };
}
