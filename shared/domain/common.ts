import { z } from 'zod';
import { MAX_FISCAL_YEAR, MIN_FISCAL_YEAR } from '../fiscal-year';

export const idSchema = z.number().int().positive();
export const fiscalYearSchema = z
  .number()
  .int()
  .min(MIN_FISCAL_YEAR, { message: '年度が古すぎます' })
  .max(MAX_FISCAL_YEAR, { message: '年度が新しすぎます' });
export const isoTimeSchema = z.string();

/**
 * 4,000: digits grouped by three without Intl. Every schema is built when the
 * app loads; asking ICU for ja-JP there costs a twentieth of a second.
 */
const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Text typed by staff: no NUL or other control characters but tab and line breaks. */
export function textSchema(max: number, label: string) {
  return (
    z
      .string()
      .max(max, { message: `${label}は${grouped(max)}文字以内で入力してください` })
      // Control characters are exactly what this rejects.
      // eslint-disable-next-line no-control-regex
      .refine((s) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(s), {
        message: `${label}に使えない制御文字が含まれています`,
      })
  );
}

export function requiredTextSchema(max: number, label: string) {
  return textSchema(max, label).refine((s) => s.trim().length > 0, {
    message: `${label}を入力してください`,
  });
}
