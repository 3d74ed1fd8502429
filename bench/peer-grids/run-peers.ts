import type { Browser, Page } from '@playwright/test';
import { formatTsv } from '../../shared/tsv';
import { hostApi } from '../host-api';
import { buildPeerPage } from './build';
import { armProbe, installProbe, probeCount, probeTimes, scrollFrames } from './probes';

export interface GridFigures {
  firstRender: number[];
  scrollP95: number[];
  /** Keypress → painted cell, per round of EDITS edits. */
  edits: number[][];
  pastes: number[];
}

export const EDITS = 30;
export const REPEATS = 5;

export const p95 = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;
export const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
/**
 * The edit figure: each round's p95, and their median. One round's p95 is its
 * second slowest edit, so a single stall decides it; five rounds decide the
 * figure the way the other figures are decided (the median of five).
 */
export const roundP95s = (rounds: readonly (readonly number[])[]) => rounds.map((r) => p95(r));
export const editFigure = (rounds: readonly (readonly number[])[]) => median(roundP95s(rounds));
/** Each round's p95 as the bench prints it: "8.5, 7.2, 9.6". */
export const formatRounds = (rounds: readonly (readonly number[])[]) =>
  roundP95s(rounds)
    .map((x) => x.toFixed(1))
    .join(', ');
/** The round of edits each grid makes unmeasured before the measured ones. */
export const WARM_UP_ROUND = -1;
/** The marker typed by edit `k` of round `r`: unique, and never part of another. */
export const editMarker = (r: number, k: number) => `edit${r}.${k}x`;

/** The 100×5 block the bench pastes (No., 改革項目, 継続, 推進内容, 主な取組), each time marked. */
export function pasteBlock(mark: string): string {
  return formatTsv(
    Array.from({ length: 100 }, (_, i) => [
      String(100 - i),
      `貼り付けた項目${mark}-${i}`,
      i % 2 ? '継続' : '',
      `貼り付けた推進内容${i}`,
      `①取組${i}\n・内容${i}`,
    ]),
  );
}

const PEERS = {
  rdg: {
    label: 'react-data-grid',
    scroller: '.rdg',
    nameCell: '[role="row"][aria-rowindex="2"] [role="gridcell"][aria-colindex="2"]',
    root: '.rdg',
  },
  ag: {
    label: 'AG Grid Community',
    scroller: '.ag-grid-viewport',
    nameCell: '.ag-row[row-index="0"] [col-id="name"]',
    root: '.ag-root',
  },
} as const;
export type PeerKind = keyof typeof PEERS;
export const PEER_LABELS: Record<PeerKind, string> = { rdg: PEERS.rdg.label, ag: PEERS.ag.label };

async function mountPeer(page: Page, kind: PeerKind): Promise<number> {
  await installProbe(page);
  // the same clock as ours: rows in memory → the first frame that shows them
  return page.evaluate(
    `new Promise((resolve) => {
      const [plan, items] = window.__peerData;
      const marker = items[0].name;
      const t0 = performance.now();
      window.__peer.mount(${JSON.stringify(kind)}, plan, items);
      const look = () => document.querySelector(${JSON.stringify(PEERS[kind].root)})?.textContent.includes(marker)
        ? resolve(performance.now() - t0) : requestAnimationFrame(look);
      requestAnimationFrame(look);
    })`,
  ) as Promise<number>;
}

/**
 * One grid under measurement, ours or a peer: each call measures one
 * repetition, so that the bench can take the grids in turns (a peer's round,
 * then the other's, then ours) and a slow spell of the machine falls on all
 * of them alike, as it would not if each grid ran its five rounds at once.
 */
export interface GridSubject {
  label: string;
  /** Items in memory → the first frame that shows them. */
  firstRender(): Promise<number>;
  /** Frame time p95 over the whole list, from the top. */
  scrollP95(): Promise<number>;
  /** Round `r` of EDITS typed edits: keypress → painted cell, each. */
  editRound(r: number): Promise<number[]>;
  /** Paste `r` of the 100×5 block: paste → painted. */
  paste(r: number): Promise<number>;
  close(): Promise<void>;
}

/** Each peer grid on the same items as ours, in a page of its own. */
export async function openPeers(
  browser: Browser,
  origin: string,
  token: string,
): Promise<Record<PeerKind, GridSubject>> {
  const html = await buildPeerPage();
  const plan = await hostApi(origin, token, 'plans.get', { planId: 1 });
  const items = await hostApi<unknown[]>(origin, token, 'items.list', { planId: 1 });
  const out = {} as Record<PeerKind, GridSubject>;
  for (const kind of Object.keys(PEERS) as PeerKind[]) {
    const peer = PEERS[kind];
    const ctx = await browser.newContext({
      viewport: { width: 1600, height: 950 },
      locale: 'ja-JP',
    });
    await ctx.route('http://127.0.0.1:9/**', (r) =>
      r.fulfill({ contentType: 'text/html', body: html }),
    );
    await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: 'http://127.0.0.1:9',
    });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => console.error(`${peer.label} page error:`, e.message));
    let editing = false;
    const waitForProbe = (n: number, timeout?: number) =>
      page.waitForFunction(
        (c) => (window as unknown as { __probe: { times: number[] } }).__probe.times.length > c,
        n,
        { polling: 25, timeout },
      );
    out[kind] = {
      label: peer.label,
      async firstRender() {
        await page.bringToFront();
        await page.goto('http://127.0.0.1:9/');
        await page.evaluate(
          (d) => ((window as unknown as { __peerData: unknown }).__peerData = d),
          [plan, items],
        );
        editing = false;
        const ms = await mountPeer(page, kind);
        await page.waitForTimeout(300);
        return ms;
      },
      async scrollP95() {
        await page.bringToFront();
        await page.locator(peer.scroller).evaluate((el) => (el.scrollTop = 0));
        await page.waitForTimeout(200);
        return p95(await scrollFrames(page, peer.scroller));
      },
      async editRound(r) {
        await page.bringToFront();
        if (!editing) {
          await page.locator(peer.scroller).evaluate((el) => (el.scrollTop = 0));
          await page.waitForTimeout(200);
          editing = true;
        }
        const before = await probeCount(page);
        for (let k = 0; k < EDITS; k++) {
          await page.locator(peer.nameCell).click();
          await armProbe(page, 'Enter', editMarker(r, k), peer.root);
          await page.keyboard.type(editMarker(r, k));
          await page.keyboard.press('Enter');
          await waitForProbe(before + k);
        }
        return (await probeTimes(page)).slice(-EDITS);
      },
      async paste(r) {
        await page.bringToFront();
        await page.locator(peer.nameCell).click();
        await page.keyboard.press('Escape');
        const mark = `p${r}`;
        await page.evaluate((t) => navigator.clipboard.writeText(t), pasteBlock(mark));
        const before = await probeCount(page);
        await armProbe(page, 'paste', `貼り付けた項目${mark}-0`, peer.root);
        await page.keyboard.press('Control+V');
        await waitForProbe(before, 30_000);
        return (await probeTimes(page)).at(-1)!;
      },
      close: () => ctx.close(),
    };
  }
  return out;
}

/** Figures of one grid, as the turns collect them. */
export function emptyFigures(): GridFigures {
  return { firstRender: [], scrollP95: [], edits: [], pastes: [] };
}
