import type ExcelJS from 'exceljs';

let loaded: Promise<typeof ExcelJS> | null = null;

/**
 * exceljs, loaded the first time a workbook is written. Requiring it takes a
 * quarter to half a second — time a start that only shows the plan need not
 * pay (`npm run bench`, app.coldStart).
 */
export function excel(): Promise<typeof ExcelJS> {
  loaded ??= import('exceljs').then(
    (m) => ((m as { default?: typeof ExcelJS }).default ?? m) as typeof ExcelJS,
  );
  return loaded;
}
