import type { AmountUnit, ScaleLevel } from '../../shared/domain/pdca';
import { formatNumber, parseAmount, parseNumber } from '../../shared/pdca-math';
import { levelText, parseLevel } from '../../shared/pdca-levels';
import type { CellData } from '../xlsx/read-book';

/**
 * One cell of a returned workbook → the value it means, or the problem that
 * stops it being read: one codec per kind of field. A warning is a value
 * read, but read in a way the section should know about. Messages name the
 * field by its label; the reader adds the item in front.
 */
export type Decoded<T> = { ok: true; value: T; warning?: string } | { ok: false; message: string };

/** Line ends as one kind, trailing spaces off each line and the end: what the section meant. */
export function normText(v: string | number | null): string {
  if (v === null) return '';
  return String(v)
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\u3000]+$/gm, '')
    .replace(/\n+$/, '');
}

export function decodeText(cell: CellData, label: string, limit: number): Decoded<string> {
  if (cell.formula)
    return {
      ok: false,
      message: `「${label}」に数式が入っています。数式ではなく文字を入力してください。`,
    };
  if (cell.error) return { ok: false, message: `「${label}」がエラー値（${cell.error}）です。` };
  // What the section saw: a date or number typed here is taken as shown.
  const text = cell.value === null ? '' : normText(cell.text);
  if (text.length > limit)
    return {
      ok: false,
      message: `「${label}」は${limit.toLocaleString('ja-JP')}文字以内にしてください（${text.length.toLocaleString('ja-JP')}文字あります）。`,
    };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text))
    return {
      ok: false,
      message: `「${label}」に使えない制御文字が含まれています。文字を入力し直してください。`,
    };
  return typeof cell.value === 'number'
    ? {
        ok: true,
        value: text,
        warning: `「${label}」は${cell.date ? '日付' : '数値'}として入力されていたため、表示どおり「${cell.text}」として読みました。`,
      }
    : { ok: true, value: text };
}

export function decodeLevel(
  cell: CellData,
  label: string,
  levels: readonly ScaleLevel[],
): Decoded<number | null> {
  if (cell.formula || cell.error)
    return {
      ok: false,
      message: `「${label}」は一覧から選んでください（数式・エラー値は使えません）。`,
    };
  const parsed = parseLevel(cell.value === null ? '' : cell.text, levels);
  if (!parsed.ok)
    return {
      ok: false,
      message: `「${label}」の「${String(cell.value)}」は段階にありません。${levels.map(levelText).join('、')} から選んでください。`,
    };
  return { ok: true, value: parsed.id };
}

/** 効果額 in the plan's unit, to yen: a number cell as it is, text as staff type it. */
export function decodeAmount(
  cell: CellData,
  label: string,
  unit: AmountUnit,
): Decoded<number | null> {
  if (cell.formula)
    return {
      ok: false,
      message: `「${label}」に数式が入っています。計算結果の数値を入力してください。`,
    };
  if (cell.error) return { ok: false, message: `「${label}」がエラー値（${cell.error}）です。` };
  if (typeof cell.value === 'number' && cell.date)
    return {
      ok: false,
      message: `「${label}」に日付（${cell.text}）が入っています。金額を数値で入力してください。`,
    };
  if (typeof cell.value === 'number') {
    const y = cell.value * (unit === 'thousand' ? 1000 : 1);
    if (!Number.isFinite(y) || Math.abs(y - Math.round(y)) > 1e-6 || Math.abs(y) > 1e13)
      return {
        ok: false,
        message: `「${label}」の ${cell.value} は1円未満の端数になるか、大きすぎます。`,
      };
    return cell.format?.includes('%')
      ? {
          ok: true,
          value: Math.round(y),
          warning: `「${label}」は「${cell.text}」と表示されていますが、値 ${formatNumber(cell.value)} を金額として読みました。`,
        }
      : { ok: true, value: Math.round(y) };
  }
  const parsed = parseAmount(cell.value ?? '', unit, label);
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, message: parsed.message };
}

export function decodeKpiActual(cell: CellData, kpiName: string): Decoded<number | null> {
  const label = `指標「${kpiName}」の実績値`;
  if (cell.formula)
    return { ok: false, message: `${label}に数式が入っています。数値を入力してください。` };
  if (cell.error) return { ok: false, message: `${label}がエラー値（${cell.error}）です。` };
  if (typeof cell.value === 'number' && cell.date)
    return {
      ok: false,
      message: `${label}に日付（${cell.text}）が入っています。数値を入力してください。`,
    };
  if (typeof cell.value === 'number') return { ok: true, value: cell.value };
  const parsed = parseNumber(cell.value ?? '', label);
  return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, message: parsed.message };
}
