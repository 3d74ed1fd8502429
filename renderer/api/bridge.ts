import type { Envelope } from '../../shared/errors';

/** What the preload exposes as window.gyokaku: one invoke function, nothing else. */
export interface GyokakuBridge {
  invoke(channel: string, payload: unknown): Promise<Envelope<unknown>>;
}

declare global {
  interface Window {
    gyokaku?: GyokakuBridge;
  }
}
