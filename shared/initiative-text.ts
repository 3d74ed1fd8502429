/**
 * 主な取組 as staff write it in one Excel cell:
 *
 *   ①各種手続のオンライン化検討
 *   ②各種手続の簡素化推進
 *   ・手続方法、申請書類等の見直し
 *
 * A circled number starts an initiative, ・ starts a point under it, and any
 * other line continues the line above (text wrapped by hand).
 */
export interface InitiativeDraft {
  label: string;
  text: string;
  points: string[];
}

export const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const LABEL = new RegExp(`^([${CIRCLED}])\\s*`);
const POINT = /^[・･]\s*/;

export function circledNumber(n: number): string {
  return CIRCLED[n - 1] ?? `(${n})`;
}

export function formatInitiatives(list: readonly InitiativeDraft[]): string {
  return list.flatMap((i) => [`${i.label}${i.text}`, ...i.points.map((p) => `・${p}`)]).join('\n');
}

export type ParseResult = { ok: true; value: InitiativeDraft[] } | { ok: false; message: string };

export function parseInitiatives(text: string): ParseResult {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const out: InitiativeDraft[] = [];
  let lastWasPoint = false;
  for (const line of lines) {
    const label = LABEL.exec(line);
    if (label) {
      const body = line.slice(label[0].length).trim();
      if (!body) return { ok: false, message: `「${label[1]}」の後に取組の内容を書いてください。` };
      out.push({ label: label[1]!, text: body, points: [] });
      lastWasPoint = false;
      continue;
    }
    const point = POINT.exec(line);
    if (point) {
      const body = line.slice(point[0].length).trim();
      if (!body) continue;
      if (out.length === 0) {
        return {
          ok: false,
          message: '「・」で始まる行は、①②などの取組（または取組の文）の下に書いてください。',
        };
      }
      out[out.length - 1]!.points.push(body);
      lastWasPoint = true;
      continue;
    }
    const last = out[out.length - 1];
    if (!last) {
      out.push({ label: '', text: line, points: [] });
      lastWasPoint = false;
    } else if (lastWasPoint) {
      const pts = last.points;
      pts[pts.length - 1] = `${pts[pts.length - 1]}${line}`;
    } else {
      last.text = `${last.text}${line}`;
    }
  }
  const labels = out.map((i) => i.label).filter((l) => l !== '');
  if (new Set(labels).size !== labels.length) {
    return { ok: false, message: '同じ番号（①②…）の取組が2つあります。番号を付け直してください。' };
  }
  return { ok: true, value: out };
}
