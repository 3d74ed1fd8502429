import type { z } from 'zod';

export interface ChannelSpec<I extends z.ZodType, R extends z.ZodType> {
  /** One Japanese line for docs/api.md. */
  summary: string;
  input: I;
  result: R;
  /** Channels that change the store; the host refuses them on a read-only store. */
  mutates: boolean;
  /**
   * false: a change that is not put on the undo stack (exports sent out,
   * year close and corrections, backups). Every other mutating channel is
   * undoable as one operation.
   */
  undo?: false;
}

export function channel<I extends z.ZodType, R extends z.ZodType>(spec: ChannelSpec<I, R>) {
  return spec;
}
