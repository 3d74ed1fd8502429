import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { acceptAll, asFile, editWorkbook, exported, fails, ok } from './helpers';

describe('the 照会 workbook going out', () => {
  it('has 記入要領, the 進捗管理表 with locked and input cells, drop-downs, print setup, and a hidden _meta sheet', async () => {
    const { buffer, file, store } = await exported();
    expect(file.fileName).toBe('令和7年度_実績_人事行政課_進捗管理表.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['記入要領', 'visible'],
      ['進捗管理表', 'visible'],
      ['_lists', 'hidden'],
      ['_meta', 'hidden'],
    ]);
    const ws = wb.getWorksheet('進捗管理表')!;
    expect(ws.getCell('B5').text).toBe('1-(1)-1');
    expect(ws.getCell('B5').protection?.locked).not.toBe(false);
    expect(ws.getCell('F5').protection?.locked).toBe(false);
    expect(ws.pageSetup.paperSize).toBe(8);
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.printTitlesRow).toBe('4:4');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(ws.getColumn(1).hidden).toBe(true);
    const meta = wb.getWorksheet('_meta')!;
    expect(meta.getCell('B1').text).toBe('gyokaku-desk/round-return@1');
    // the export and each record's values as exported are kept for the comparison
    expect(store.db.prepare('SELECT count(*) FROM exchange_export_records').pluck().get()).toBe(
      file.items,
    );
  });
});

describe('a returned workbook', () => {
  it('previews field by field, applies in one transaction with provenance, and marks the answers 回答済', async () => {
    const { handlers, store, round, buffer, file } = await exported();
    const back = await editWorkbook(buffer, [
      { code: '1-(1)-1', header: '取組実績（D）', value: '電子申請の手続を20件追加した。' },
      { code: '1-(1)-1', header: '自己評価', value: 'A 計画どおり' },
      { code: '1-(1)-2', header: /実績 歳出削減/, value: 1234.5 },
      { code: '1-(1)-2', header: '今後の方向性', value: '継続' },
    ]);
    const preview = await ok(handlers, 'exchange.previewReturn', {
      roundId: round.id,
      file: asFile('回答.xlsx', back),
    });
    expect(preview.ok).toBe(true);
    expect(preview.problems.filter((p) => p.level === 'error')).toEqual([]);
    expect(preview.rows).toBe(file.items);
    expect(
      preview.items.map((i) => [i.code, i.fields.map((f) => `${f.field}:${f.kind}:${f.incoming}`)]),
    ).toEqual([
      [
        '1-(1)-1',
        ['resultText:change:電子申請の手続を20件追加した。', 'evaluationId:change:A 計画どおり'],
      ],
      ['1-(1)-2', ['directionId:change:継続', 'savingActual:change:1,235']],
    ]);
    const summary = await ok(handlers, 'exchange.applyReturn', {
      roundId: round.id,
      file: asFile('回答.xlsx', back),
      ...acceptAll(preview),
    });
    // only the two rows the section wrote in are answers; the other rows stay unanswered
    expect(summary).toMatchObject({ applied: 4, answered: 2 });
    const r2 = store.db
      .prepare('SELECT saving_actual, status FROM pdca_records WHERE round_id = ? AND item_id = 2')
      .get(round.id);
    expect(r2).toEqual({ saving_actual: 1_234_500, status: 'answered' });
    const audit = store.db
      .prepare(
        "SELECT DISTINCT source_kind, source_file, length(source_hash) AS h FROM audit_log WHERE field = 'resultText'",
      )
      .all();
    expect(audit).toEqual([{ source_kind: 'import', source_file: '回答.xlsx', h: 64 }]);

    // the same file again changes nothing, and says so
    const again = await ok(handlers, 'exchange.previewReturn', {
      roundId: round.id,
      file: asFile('回答.xlsx', back),
    });
    expect(again.items).toEqual([]);
    expect(again.alreadyImportedAt).not.toBeNull();
    const before = store.db.prepare('SELECT * FROM pdca_records ORDER BY id').all();
    await ok(handlers, 'exchange.applyReturn', {
      roundId: round.id,
      file: asFile('回答.xlsx', back),
      ...acceptAll(again),
    });
    expect(store.db.prepare('SELECT * FROM pdca_records ORDER BY id').all()).toEqual(before);
  });

  it('shows a field changed in the app and in the workbook as a conflict, applied only as the user decides', async () => {
    const { handlers, store, round, buffer } = await exported();
    const rec = (await ok(handlers, 'pdca.records.list', { roundId: round.id })).find(
      (r) => r.itemId === 1,
    )!;
    await ok(handlers, 'pdca.records.update', {
      changes: [{ recordId: rec.id, patch: { resultText: '事務局が入力した実績' } }],
    });
    const back = await editWorkbook(buffer, [
      { code: '1-(1)-1', header: '取組実績（D）', value: '課が入力した実績' },
      { code: '1-(1)-1', header: '課題・改善策（A）', value: '課題は特になし' },
    ]);
    const preview = await ok(handlers, 'exchange.previewReturn', {
      roundId: round.id,
      file: asFile('r.xlsx', back),
    });
    const fields = preview.items[0]!.fields;
    expect(fields.find((f) => f.field === 'resultText')).toMatchObject({
      kind: 'conflict',
      base: '（空欄）',
      current: '事務局が入力した実績',
      incoming: '課が入力した実績',
    });
    expect(fields.find((f) => f.field === 'issuesText')!.kind).toBe('change');

    // the user keeps the app's value for the conflict and takes the other change
    await ok(handlers, 'exchange.applyReturn', {
      roundId: round.id,
      file: asFile('r.xlsx', back),
      accept: [{ recordId: rec.id, field: 'issuesText' }],
      revisions: [{ recordId: rec.id, revision: preview.items[0]!.revision }],
    });
    expect(
      store.db
        .prepare('SELECT result_text, issues_text FROM pdca_records WHERE id = ?')
        .get(rec.id),
    ).toEqual({
      result_text: '事務局が入力した実績',
      issues_text: '課題は特になし',
    });
    // a second look: now the workbook's value is the only difference, still a conflict; accepted this time
    const p2 = await ok(handlers, 'exchange.previewReturn', {
      roundId: round.id,
      file: asFile('r.xlsx', back),
    });
    expect(p2.items[0]!.fields.map((f) => f.kind)).toEqual(['conflict']);
    await ok(handlers, 'exchange.applyReturn', {
      roundId: round.id,
      file: asFile('r.xlsx', back),
      ...acceptAll(p2),
    });
    expect(
      store.db.prepare('SELECT result_text FROM pdca_records WHERE id = ?').pluck().get(rec.id),
    ).toBe('課が入力した実績');
  });

  it('refuses to apply when a field it changes was changed after the preview; other fields and statuses do not matter', async () => {
    const { handlers, round, buffer, store } = await exported();
    const back = await editWorkbook(buffer, [
      { code: '1-(1)-1', header: '取組実績（D）', value: 'x' },
    ]);
    const preview = await ok(handlers, 'exchange.previewReturn', {
      roundId: round.id,
      file: asFile('r.xlsx', back),
    });
    const rec = preview.items[0]!;
    // another field and the status move: the preview still holds
    await ok(handlers, 'pdca.records.update', {
      changes: [{ recordId: rec.recordId, patch: { planText: '別の変更' } }],
    });
    await ok(handlers, 'pdca.records.setStatus', {
      recordIds: [rec.recordId],
      status: 'requested',
    });
    // the same field moves: refused
    await ok(handlers, 'pdca.records.update', {
      changes: [{ recordId: rec.recordId, patch: { resultText: '事務局が先に入力' } }],
    });
    const err = await fails(handlers, 'exchange.applyReturn', {
      roundId: round.id,
      file: asFile('r.xlsx', back),
      ...acceptAll(preview),
    });
    expect(err.code).toBe('CONFLICT');
    await ok(handlers, 'pdca.records.update', {
      changes: [{ recordId: rec.recordId, patch: { resultText: '' } }],
    });
    await ok(handlers, 'exchange.applyReturn', {
      roundId: round.id,
      file: asFile('r.xlsx', back),
      ...acceptAll(preview),
    });
    expect(
      store.db
        .prepare('SELECT result_text, plan_text FROM pdca_records WHERE id = ?')
        .get(rec.recordId),
    ).toEqual({ result_text: 'x', plan_text: '別の変更' });
  });

  it('ignores changed fixed fields with a warning and never writes to a 確定 record', async () => {
    const { handlers, round, buffer, store } = await exported();
    const recs = await ok(handlers, 'pdca.records.list', { roundId: round.id });
    const locked = recs.find((r) => r.itemId === 2)!;
    await ok(handlers, 'pdca.records.setStatus', {
      recordIds: [locked.id],
      status: 'final',
      confirmEmptyIds: [locked.id],
    });
    const back = await editWorkbook(buffer, [
      { code: '1-(1)-1', header: '改革項目', value: '名前を書き換えた' },
      { code: '1-(1)-2', header: '取組実績（D）', value: '確定後の変更' },
    ]);
    const preview = await ok(handlers, 'exchange.previewReturn', {
      roundId: round.id,
      file: asFile('r.xlsx', back),
    });
    expect(
      preview.items.flatMap((i) => i.fields.map((f) => `${i.code}:${f.field}:${f.kind}`)),
    ).toEqual(['1-(1)-1:name:ignored', '1-(1)-2:resultText:locked']);
    expect(preview.problems.map((p) => p.message).join()).toContain('変更できない欄');
    await ok(handlers, 'exchange.applyReturn', {
      roundId: round.id,
      file: asFile('r.xlsx', back),
      accept: [{ recordId: locked.id, field: 'resultText' }],
      revisions: [],
    });
    expect(
      store.db.prepare('SELECT result_text FROM pdca_records WHERE id = ?').pluck().get(locked.id),
    ).toBe('');
    expect(store.db.prepare('SELECT name FROM reform_items WHERE id = 1').pluck().get()).not.toBe(
      '名前を書き換えた',
    );
  });

  it('can be undone as a whole, unless something changed since', async () => {
    const { handlers, round, buffer, store } = await exported();
    const back = await editWorkbook(buffer, [
      { code: '1-(1)-1', header: '取組実績（D）', value: '取込1' },
      { code: '1-(1)-3', header: '取組実績（D）', value: '取込2' },
    ]);
    const preview = await ok(handlers, 'exchange.previewReturn', {
      roundId: round.id,
      file: asFile('r.xlsx', back),
    });
    const before = store.db
      .prepare('SELECT id, result_text, status FROM pdca_records ORDER BY id')
      .all();
    const { importId } = await ok(handlers, 'exchange.applyReturn', {
      roundId: round.id,
      file: asFile('r.xlsx', back),
      ...acceptAll(preview),
    });
    const list = await ok(handlers, 'exchange.imports', { roundId: round.id });
    expect(list[0]).toMatchObject({
      id: importId,
      fileName: 'r.xlsx',
      changes: 2,
      undoneAt: null,
      orgUnitName: '人事行政課',
    });
    await ok(handlers, 'exchange.undoImport', { importId });
    expect(
      store.db.prepare('SELECT id, result_text, status FROM pdca_records ORDER BY id').all(),
    ).toEqual(before);
    const again = await fails(handlers, 'exchange.undoImport', { importId });
    expect(again.message).toContain('すでに取り消しています');

    // after a later edit of the same field, the undo is refused whole
    const p2 = await ok(handlers, 'exchange.previewReturn', {
      roundId: round.id,
      file: asFile('r.xlsx', back),
    });
    const second = await ok(handlers, 'exchange.applyReturn', {
      roundId: round.id,
      file: asFile('r.xlsx', back),
      ...acceptAll(p2),
    });
    await ok(handlers, 'pdca.records.update', {
      changes: [{ recordId: p2.items[0]!.recordId, patch: { resultText: '後の変更' } }],
    });
    const refused = await fails(handlers, 'exchange.undoImport', { importId: second.importId });
    expect(refused.code).toBe('CONFLICT');
  });

  it('belongs to one plan, year and round: another round is refused with what to do', async () => {
    const { handlers, buffer } = await exported(2025);
    const [other] = await ok(handlers, 'pdca.rounds.open', { planId: 1, fiscalYear: 2024 });
    const preview = await ok(handlers, 'exchange.previewReturn', {
      roundId: other!.id,
      file: asFile('r.xlsx', buffer),
    });
    expect(preview.ok).toBe(false);
    expect(preview.problems[0]!.message).toContain('令和7年度 実績（人事行政課）の回答です');
    expect(preview.problems[0]!.message).toContain('年度と照会回を選び直して');
  });

  it('reads sorted rows, extra blank rows and a renamed sheet', async () => {
    const { handlers, round, buffer } = await exported();
    const back = await editWorkbook(
      buffer,
      [{ code: '1-(1)-3', header: '取組実績（D）', value: '並べ替え後' }],
      (wb) => {
        const ws = wb.getWorksheet('進捗管理表')!;
        ws.name = '回答';
        // reverse the data rows (a sort by No. descending) and add blank rows at the end
        const rows: ExcelJS.CellValue[][] = [];
        for (let r = 5; r <= ws.rowCount; r++)
          rows.push((ws.getRow(r).values as ExcelJS.CellValue[]).slice(1));
        rows.reverse().forEach((v, i) => (ws.getRow(5 + i).values = v));
        for (let k = 0; k < 5; k++) ws.getRow(ws.rowCount + 1 + k).getCell(2).value = null;
      },
    );
    const preview = await ok(handlers, 'exchange.previewReturn', {
      roundId: round.id,
      file: asFile('r.xlsx', back),
    });
    expect(preview.ok).toBe(true);
    expect(preview.items.map((i) => i.code)).toEqual(['1-(1)-3']);
    expect(preview.problems.map((p) => p.message).join()).toContain('シート名が「回答」');
  });
});
