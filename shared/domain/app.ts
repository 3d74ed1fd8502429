import { z } from 'zod';

export const appInfoSchema = z.object({
  appName: z.string(),
  version: z.string(),
  /** 'electron' on staff PCs; 'browser' for the browser host (closed networks, CI). */
  host: z.enum(['electron', 'browser']),
  storePath: z.string(),
  schemaVersion: z.number().int(),
  readOnly: z.boolean(),
  user: z.object({ login: z.string(), displayName: z.string() }),
});
export type AppInfo = z.infer<typeof appInfoSchema>;
