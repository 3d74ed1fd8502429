/** Types of ensure-native.mjs (plain JavaScript: it runs before anything is compiled). */
export function nativeWorks(): { ok: true } | { ok: false; reason: string };
export function localHeaders(env?: NodeJS.ProcessEnv, execPath?: string): string | null;
/** Builds better-sqlite3 for this Node unless it already loads; exits with the fix on failure. */
export function ensureNative(): void;
