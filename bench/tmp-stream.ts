import fs from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
const dir = '/tmp/gyokaku-xbench-y4DPWh/back';
const files = fs.readdirSync(dir).map((f) => fs.readFileSync(dir + '/' + f));
for (let rep = 0; rep < 2; rep++) {
let t0 = performance.now();
for (const b of files) { const wb = new ExcelJS.Workbook(); await wb.xlsx.load(b as any); }
console.log('load', (performance.now() - t0).toFixed(0));
t0 = performance.now();
let cells = 0;
for (const b of files) {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(b), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit', entries: 'emit' } as any);
  for await (const ws of reader) { for await (const row of ws as any) { cells += (row as any).cellCount; } }
}
console.log('stream', (performance.now() - t0).toFixed(0), cells);
}
