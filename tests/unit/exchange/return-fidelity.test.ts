import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { columnLetter } from '../../../electron/xlsx/read-book';
import { acceptAll, asFile, editWorkbook, exported, fails, ok } from './helpers';
import type { H } from './helpers';
import { parts, writeZip } from './zip-tools';

/**
 * Returns read exactly as the section saw them, or refused with the cell or
 * part named — each case as it was found when tried from outside.
 */
async function columnOf(buffer: Buffer, header: string | RegExp): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  let col = 0;
  wb.getWorksheet('進捗管理表')!
    .getRow(4)
    .eachCell((c, i) => {
      if (typeof header === 'string' ? c.text === header : header.test(c.text)) col = i;
    });
  return columnLetter(col);
}

/** The 進捗管理表 part of a workbook and a way to put it back. */
async function inputSheet(buffer: Buffer) {
  const p = await parts(buffer);
  const wb = p.get('xl/workbook.xml') as string;
  const rid = /<sheet [^>]*name="進捗管理表"[^>]*r:id="(rId\d+)"/.exec(wb)![1]!;
  const rels = p.get('xl/_rels/workbook.xml.rels') as string;
  const target = new RegExp(
    `Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`,
  ).exec(rels)!;
  const name = `xl/${(target[1] ?? target[2]!).replace(/^\/?xl\//, '')}`;
  return { parts: p, name, xml: p.get(name) as string };
}

/** Replaces one cell (by address) of the input sheet with the given XML. */
function setCell(xml: string, ref: string, cell: string): string {
  const re = new RegExp(`<c r="${ref}"[^>]*?(?:/>|>[\\s\\S]*?</c>)`);
  if (re.test(xml)) return xml.replace(re, cell);
  const row = Number(/\d+$/.exec(ref)![0]);
  return xml.replace(new RegExp(`(<row r="${row}"[^>]*>)`), `$1${cell}`);
}

async function preview(h: H, roundId: number, name: string, data: Buffer) {
  return ok(h, 'exchange.previewReturn', { roundId, file: asFile(name, data) });
}

describe('text fields take what the section saw', () => {
  it('a date typed into 取組実績 is its date, a number is its digits', async () => {
    const { handlers, round, buffer } = await exported();
    // Typing 2025/4/1 in Excel stores the serial 45748 and gives the cell a date format.
    const back = await editWorkbook(
      buffer,
      [
        { code: '1-(1)-1', header: '取組実績（D）', value: 45748 },
        { code: '1-(1)-2', header: '取組実績（D）', value: 12345 },
      ],
      (wb) => {
        const ws = wb.getWorksheet('進捗管理表')!;
        for (let r = 5; r <= ws.rowCount; r++)
          if (ws.getCell(r, 2).text === '1-(1)-1') {
            // a style of its own (exceljs shares loaded styles between cells)
            const c = ws.getCell(r, 6);
            c.style = { ...c.style, numFmt: 'yyyy/m/d' };
          }
      },
    );
    const p = await preview(handlers, round.id, 'r.xlsx', back);
    expect(p.ok).toBe(true);
    const got = p.items.map((i) => [i.code, i.fields.map((f) => f.incoming)]);
    expect(got).toEqual([
      ['1-(1)-1', ['2025/4/1']],
      ['1-(1)-2', ['12345']],
    ]);
    // shown in the preview with the cell address
    const warnings = p.problems.filter((x) => x.level === 'warning');
    expect(warnings.map((w) => w.message).join()).toContain('日付として入力されていたため');
    expect(warnings.some((w) => /進捗管理表!F\d+/.test(w.where ?? ''))).toBe(true);
  });

  it('an ISO date cell (type d) is a date in a text field and refused as an amount', async () => {
    const { handlers, round, buffer } = await exported();
    const { parts: p, name, xml } = await inputSheet(buffer);
    const d = await columnOf(buffer, '取組実績（D）');
    const amount = await columnOf(buffer, /実績 歳出削減/);
    p.set(name, setCell(xml, `${d}5`, `<c r="${d}5" t="d"><v>2025-04-01T00:00:00Z</v></c>`));
    const text = await preview(handlers, round.id, 'd.xlsx', writeZip(p));
    expect(text.ok).toBe(true);
    expect(text.items[0]!.fields[0]!.incoming).toBe('2025/4/1');
    p.set(name, setCell(xml, `${amount}5`, `<c r="${amount}5" t="d"><v>2025-04-01</v></c>`));
    const money = await preview(handlers, round.id, 'd2.xlsx', writeZip(p));
    expect(money.ok).toBe(false);
    const err = money.problems.find((x) => x.level === 'error')!;
    expect(err.message).toContain('日付（2025/4/1）が入っています');
    expect(err.message).not.toContain('NaN');
    expect(err.where).toBe(`進捗管理表!${amount}5`);
  });
});

describe('malformed structure is refused with the part or cell, never read as empty', () => {
  it('a shared-string index outside the table', async () => {
    const { handlers, round, buffer, store } = await exported();
    await ok(handlers, 'pdca.records.update', {
      changes: [
        {
          recordId: (await ok(handlers, 'pdca.records.list', { roundId: round.id })).find(
            (r) => r.itemId === 1,
          )!.id,
          patch: { resultText: '既存の実績' },
        },
      ],
    });
    const {
      parts: p,
      name,
      xml,
    } = await inputSheet(
      await editWorkbook(buffer, [{ code: '1-(1)-1', header: '取組実績（D）', value: '回答' }]),
    );
    const d = await columnOf(buffer, '取組実績（D）');
    p.set(name, setCell(xml, `${d}5`, `<c r="${d}5" t="s"><v>99999</v></c>`));
    const before = store.db.prepare('SELECT * FROM pdca_records').all();
    const r = await preview(handlers, round.id, 'sst.xlsx', writeZip(p));
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.message).toContain('共有文字列の番号（99999）が表の範囲');
    expect(r.problems[0]!.where).toBe(`進捗管理表!${d}5`);
    const err = await fails(handlers, 'exchange.applyReturn', {
      roundId: round.id,
      file: asFile('sst.xlsx', writeZip(p)),
      accept: [],
      revisions: [],
    });
    expect(err.code).toBe('VALIDATION');
    expect(store.db.prepare('SELECT * FROM pdca_records').all()).toEqual(before);
  });

  it('CDATA is text; a DOCTYPE, an unknown cell type and a duplicate entry are damage', async () => {
    const { handlers, round, buffer } = await exported();
    const { parts: p, name, xml } = await inputSheet(buffer);
    const d = await columnOf(buffer, '取組実績（D）');
    p.set(
      name,
      setCell(
        xml,
        `${d}5`,
        `<c r="${d}5" t="inlineStr"><is><t><![CDATA[a < b & "c"]]></t></is></c>`,
      ),
    );
    const cdata = await preview(handlers, round.id, 'c.xlsx', writeZip(p));
    expect(cdata.ok).toBe(true);
    expect(cdata.items[0]!.fields[0]!.incoming).toBe('a < b & "c"');

    p.set(name, xml.replace('<worksheet', '<!DOCTYPE x [<!ENTITY xxe "boom">]><worksheet'));
    const dtd = await preview(handlers, round.id, 'x.xlsx', writeZip(p));
    expect(dtd.ok).toBe(false);
    expect(dtd.problems[0]!.message).toContain('DOCTYPE');

    p.set(name, setCell(xml, `${d}5`, `<c r="${d}5" t="zz"><v>1</v></c>`));
    const type = await preview(handlers, round.id, 't.xlsx', writeZip(p));
    expect(type.problems[0]!.message).toContain('種類「zz」');
    expect(type.problems[0]!.where).toBe(`進捗管理表!${d}5`);

    p.set(name, xml);
    const r = await ok(handlers, 'exchange.previewReturn', {
      roundId: round.id,
      file: asFile('dup.xlsx', writeZip(p, { duplicate: name })),
    });
    expect(r.ok).toBe(false);
    expect(r.problems[0]!.message).toContain('が2つあります');
  });
});

describe('valid workbooks other writers make are read', () => {
  it('a zip64 container and SpreadsheetML with namespace prefixes (OpenXML SDK)', async () => {
    const { handlers, round, buffer } = await exported();
    const back = await editWorkbook(buffer, [
      { code: '1-(1)-1', header: '取組実績（D）', value: '64ビットの zip' },
    ]);
    const p = await parts(back);
    const z64 = await preview(handlers, round.id, 'z64.xlsx', writeZip(p, { zip64: true }));
    expect(z64.ok).toBe(true);
    expect(z64.items[0]!.fields[0]!.incoming).toBe('64ビットの zip');

    // every SpreadsheetML element with the x: prefix, as the SDK writes it
    const prefixed = new Map(p);
    for (const [n, v] of p) {
      if (typeof v !== 'string' || !/^xl\/(workbook|worksheets\/|sharedStrings|styles)/.test(n))
        continue;
      prefixed.set(
        n,
        v
          .replace(
            /xmlns="http:\/\/schemas.openxmlformats.org\/spreadsheetml\/2006\/main"/,
            'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
          )
          .replace(/<(\/?)(?![?!])([A-Za-z]+)(?=[\s>/])/g, (m, slash: string, tag: string) =>
            tag.includes(':') ? m : `<${slash}x:${tag}`,
          ),
      );
    }
    const sdk = await preview(handlers, round.id, 'sdk.xlsx', writeZip(prefixed));
    expect(sdk.problems.filter((x) => x.level === 'error')).toEqual([]);
    expect(sdk.items[0]!.fields[0]!.incoming).toBe('64ビットの zip');
  });
});

describe('what the import does with rows', () => {
  it('a note typed under the table is listed, not refused', async () => {
    const { handlers, round, buffer } = await exported();
    const back = await editWorkbook(
      buffer,
      [{ code: '1-(1)-1', header: '取組実績（D）', value: '回答' }],
      (wb) => {
        const ws = wb.getWorksheet('進捗管理表')!;
        ws.getCell(ws.rowCount + 2, 6).value = '※ 数値は見込みです';
      },
    );
    const p = await preview(handlers, round.id, 'note.xlsx', back);
    expect(p.ok).toBe(true);
    expect(p.problems.map((x) => x.message).join()).toContain('「※ 数値は見込みです」');
    expect(p.items).toHaveLength(1);
  });

  it('an item deleted after the export is reported and its answer not applied', async () => {
    const { handlers, round, buffer } = await exported();
    const back = await editWorkbook(buffer, [
      { code: '1-(1)-1', header: '取組実績（D）', value: '回答' },
      { code: '1-(1)-2', header: '取組実績（D）', value: '削除された項目への回答' },
    ]);
    await ok(handlers, 'items.delete', { itemIds: [2] });
    const p = await preview(handlers, round.id, 'del.xlsx', back);
    expect(p.ok).toBe(true);
    expect(p.items.map((i) => i.code)).toEqual(['1-(1)-1']);
    expect(p.problems.map((x) => x.message).join()).toContain('出力した後に削除された');
    const s = await ok(handlers, 'exchange.applyReturn', {
      roundId: round.id,
      file: asFile('del.xlsx', back),
      ...acceptAll(p),
    });
    expect(s).toMatchObject({ applied: 1, answered: 1 });
  });

  it('two sections’ returns that share an item both apply: status changes do not invalidate', async () => {
    const { handlers, round, store } = await exported();
    await ok(handlers, 'pdca.settings.update', {
      ...(await (async () => {
        const st = await ok(handlers, 'pdca.settings.get', { planId: 1 });
        return {
          planId: 1,
          axisLabels: st.axisLabels,
          amountUnit: st.amountUnit,
          rounds: st.rounds,
        };
      })()),
      answerPolicy: 'all',
    });
    const targets = await ok(handlers, 'exchange.exportTargets', {
      roundId: round.id,
      scope: 'section',
    });
    const file = async (name: string) =>
      Buffer.from(
        (
          await ok(handlers, 'exchange.exportWorkbook', {
            roundId: round.id,
            orgUnitId: targets.find((t) => t.name === name)!.orgUnitId,
            scope: 'section',
            contact: '事務局',
          })
        ).data,
      );
    // 1-(1)-4: 財政課 leads, 人事行政課 supports; both may answer under this policy
    const a = await editWorkbook(await file('財政課'), [
      { code: '1-(1)-4', header: '取組実績（D）', value: '財政課の回答' },
    ]);
    const b = await editWorkbook(await file('人事行政課'), [
      { code: '1-(1)-4', header: '課題・改善策（A）', value: '人事行政課の回答' },
    ]);
    const pa = await preview(handlers, round.id, 'a.xlsx', a);
    const pb = await preview(handlers, round.id, 'b.xlsx', b);
    await ok(handlers, 'exchange.applyReturn', {
      roundId: round.id,
      file: asFile('a.xlsx', a),
      ...acceptAll(pa),
    });
    await ok(handlers, 'exchange.applyReturn', {
      roundId: round.id,
      file: asFile('b.xlsx', b),
      ...acceptAll(pb),
    });
    expect(
      store.db
        .prepare(
          'SELECT result_text, issues_text, status FROM pdca_records WHERE round_id = ? AND item_id = 4',
        )
        .get(round.id),
    ).toEqual({ result_text: '財政課の回答', issues_text: '人事行政課の回答', status: 'answered' });
  });

  it('the same file twice adds no second history entry', async () => {
    const { handlers, round, buffer } = await exported();
    const back = await editWorkbook(buffer, [
      { code: '1-(1)-1', header: '取組実績（D）', value: '回答' },
    ]);
    for (let i = 0; i < 2; i++) {
      const p = await preview(handlers, round.id, 'same.xlsx', back);
      await ok(handlers, 'exchange.applyReturn', {
        roundId: round.id,
        file: asFile('same.xlsx', back),
        ...acceptAll(p),
      });
    }
    expect(await ok(handlers, 'exchange.imports', { roundId: round.id })).toHaveLength(1);
  });

  it('every KPI of an item has its columns in the input sheet', async () => {
    const { handlers, round } = await exported();
    await ok(handlers, 'kpis.save', {
      itemId: 1,
      kpis: [1, 2, 3].map((n) => ({
        name: `指標${n}`,
        unit: '件',
        direction: 'higher',
        progressMethod: 'cumulative',
        baseFy: null,
        baseValue: null,
        finalTarget: 10,
        values: [{ fiscalYear: 2025, target: n, actual: null }],
      })),
    });
    const t = (
      await ok(handlers, 'exchange.exportTargets', { roundId: round.id, scope: 'section' })
    ).find((x) => x.name === '人事行政課')!;
    const buffer = Buffer.from(
      (
        await ok(handlers, 'exchange.exportWorkbook', {
          roundId: round.id,
          orgUnitId: t.orgUnitId,
          scope: 'section',
          contact: '事務局',
        })
      ).data,
    );
    const back = await editWorkbook(buffer, [
      { code: '1-(1)-1', header: '指標③ 実績値', value: 7 },
    ]);
    const p = await preview(handlers, round.id, 'kpi.xlsx', back);
    expect(p.items[0]!.fields.map((f) => [f.label, f.incoming])).toEqual([['指標③ 実績値', '7']]);
  });
});

describe('files that are not workbooks say what they are', () => {
  it('an HTML table saved as .xls and an .ods', async () => {
    const { handlers, round } = await exported();
    const html = Buffer.from('<html><body><table><tr><td>No.</td></tr></table></body></html>');
    const a = await preview(handlers, round.id, '出力.xls', html);
    expect(a.problems[0]!.message).toContain('HTML の表');
    const ods = writeZip(
      new Map([
        ['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'],
        ['content.xml', '<office:document-content/>'],
      ]),
    );
    const b = await preview(handlers, round.id, '回答.ods', ods);
    expect(b.problems[0]!.message).toContain('.ods');
    expect(b.problems[0]!.message).toContain('Excel 2007-365 (.xlsx)');
  });
});
