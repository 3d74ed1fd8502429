/** Types of ensure-native.mjs (plain JavaScript: it runs before anything is compiled). */
export function nativeWorks(): { ok: true } | { ok: false; reason: string };
export function localHeaders(env?: NodeJS.ProcessEnv, execPath?: string): string | null;
