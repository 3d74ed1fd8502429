export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export const INFO_MS = 5000;
const MAX_INFOS = 3;

/**
 * The notices after a new one: one error at a time (the newest; a pile of
 * alerts covered the panels and said nothing the last one did not), at most
 * three passing infos, and the same message again (each key pressed on a
 * locked cell) shown once, moved last.
 */
export function withNotice(notices: readonly Notice[], n: Notice): Notice[] {
  const others = notices.filter(
    (o) => (o.text !== n.text || o.kind !== n.kind) && !(n.kind === 'error' && o.kind === 'error'),
  );
  const infos = others.filter((o) => o.kind === 'info');
  const dropInfos = new Set(
    infos.slice(0, Math.max(0, infos.length - (n.kind === 'info' ? MAX_INFOS - 1 : MAX_INFOS))),
  );
  return [...others.filter((o) => !dropInfos.has(o)), n];
}
