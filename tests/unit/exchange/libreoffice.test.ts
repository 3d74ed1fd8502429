import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers';
import { missingTexts, readPdf } from '../../interop/pdf-text';
import { libreOfficePdf } from '../../interop/lo-convert';
import { acceptAll, asFile, exported, ok } from './helpers';

/**
 * Interop with an independent program: LibreOffice reads what we export,
 * edits it (through its own engine, driven by tests/interop/lo-edit.py),
 * writes it back, and the import must see exactly those edits. LibreOffice
 * also prints our workbook to PDF: paper size and repeated titles are checked
 * there, not in our own model of the file.
 */
const SCRIPT = path.resolve(__dirname, '../../interop/lo-edit.py');

function requireLibreOffice() {
  if (!fs.existsSync('/usr/bin/soffice')) {
    throw new Error(
      'LibreOffice がありません: sudo apt-get install -y libreoffice-calc-nogui python3-uno poppler-utils',
    );
  }
}

function loEdit(
  input: Buffer,
  edits: { code: string; header: string; value: string | number }[],
): Buffer {
  const dir = tempDir();
  const src = path.join(dir, 'in.xlsx');
  const dst = path.join(dir, 'out.xlsx');
  const json = path.join(dir, 'edits.json');
  fs.writeFileSync(src, input);
  fs.writeFileSync(json, JSON.stringify(edits));
  execFileSync('/usr/bin/python3', [SCRIPT, src, dst, json], {
    timeout: 150_000,
    killSignal: 'SIGKILL',
  });
  return fs.readFileSync(dst);
}

describe('round trip through LibreOffice', () => {
  afterAll(() => {
    // no office left running from these tests (the editing script kills its whole process group)
    let left = '';
    try {
      left = execFileSync('pgrep', ['-f', 'lo-uno-'], { encoding: 'utf8' });
    } catch {
      left = ''; // pgrep exits 1 when nothing matches
    }
    expect(left.trim()).toBe('');
  });

  it('an answer typed and re-saved in LibreOffice imports as exactly the edited values and nothing else', async () => {
    requireLibreOffice();
    const { handlers, round, buffer, store, file } = await exported();
    const back = loEdit(buffer, [
      {
        code: '1-(1)-1',
        header: '取組実績（D）',
        value: 'LibreOffice で入力した実績\n2行目も入力',
      },
      { code: '1-(1)-2', header: '自己評価', value: 'B やや遅れている' },
      { code: '1-(1)-3', header: '効果額 実績 歳出削減（千円）', value: -250.5 },
      { code: '1-(2)-1', header: '評価の理由', value: '半角ABCと全角ＡＢＣ、記号「」（）を含む' },
    ]);
    const preview = await ok(handlers, 'exchange.previewReturn', {
      roundId: round.id,
      file: asFile('lo.xlsx', back),
    });
    expect(preview.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(preview.rows).toBe(file.items);
    expect(
      preview.items.flatMap((i) =>
        i.fields.map((f) => `${i.code} ${f.field} ${f.kind} ${f.incoming}`),
      ),
    ).toEqual([
      '1-(1)-1 resultText change LibreOffice で入力した実績\n2行目も入力',
      '1-(1)-2 evaluationId change B やや遅れている',
      '1-(1)-3 savingActual change ▲251',
      '1-(2)-1 evaluationReason change 半角ABCと全角ＡＢＣ、記号「」（）を含む',
    ]);
    await ok(handlers, 'exchange.applyReturn', {
      roundId: round.id,
      file: asFile('lo.xlsx', back),
      ...acceptAll(preview),
    });
    const rows = store.db
      .prepare(
        'SELECT item_id, result_text, evaluation_reason, saving_actual FROM pdca_records WHERE round_id = ? AND item_id IN (1, 3, 7) ORDER BY item_id',
      )
      .all(round.id) as {
      item_id: number;
      result_text: string;
      evaluation_reason: string;
      saving_actual: number | null;
    }[];
    expect(rows[0]!.result_text).toBe('LibreOffice で入力した実績\n2行目も入力');
    expect(rows[1]!.saving_actual).toBe(-250_500);
  }, 200_000);

  it('opens in LibreOffice and prints the 進捗管理表 on A3 landscape with the title row on every page and every answer whole', async () => {
    requireLibreOffice();
    const { handlers, round, target } = await exported();
    // long answers so the sheet runs over several pages
    const recs = await ok(handlers, 'pdca.records.list', { roundId: round.id });
    await ok(handlers, 'pdca.records.update', {
      changes: recs.map((r) => ({
        recordId: r.id,
        patch: { resultText: `取組の実績を記入する欄です（${r.itemId}）。`.repeat(22) },
      })),
    });
    const items = await ok(handlers, 'items.list', { planId: 1 });
    const file = await ok(handlers, 'exchange.exportWorkbook', {
      roundId: round.id,
      orgUnitId: target.orgUnitId,
      scope: 'section',
      contact: '人事行政課',
    });
    const pdf = libreOfficePdf(Buffer.from(file.data), tempDir());
    const info = execFileSync('pdfinfo', ['-f', '1', '-l', '20', pdf], { encoding: 'utf8' });
    const sizes = [...info.matchAll(/Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+)/g)].map((m) => [
      Number(m[2]),
      Number(m[3]),
    ]);
    // page 1 is 記入要領 on A4 portrait; the 進捗管理表 pages are A3 landscape
    expect(sizes[0]![0]).toBeCloseTo(595.3, 0);
    const a3 = sizes.slice(1);
    expect(a3.length).toBeGreaterThan(1);
    for (const [w, h] of a3) {
      expect(w).toBeCloseTo(1190.55, 0);
      expect(h).toBeCloseTo(841.89, 0);
    }
    for (let page = 2; page <= sizes.length; page++) {
      const text = execFileSync(
        'pdftotext',
        ['-f', String(page), '-l', String(page), '-layout', pdf, '-'],
        { encoding: 'utf8' },
      );
      expect(text, `page ${page}`).toContain('改革項目');
      expect(text, `page ${page}`).toContain('取組実績（D）');
    }
    // every answer of the section's items printed whole (rows as tall as their text)
    const printed = readPdf(pdf);
    const mine = recs.filter((r) =>
      items.some(
        (i) => i.id === r.itemId && i.assignments.some((a) => a.orgUnitId === target.orgUnitId),
      ),
    );
    expect(mine.length).toBeGreaterThan(0);
    expect(
      missingTexts(
        printed,
        mine.map((r) => `取組の実績を記入する欄です（${r.itemId}）。`.repeat(22)),
      ),
    ).toEqual([]);
  }, 240_000);
});
