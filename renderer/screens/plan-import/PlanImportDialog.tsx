// kept whole: one dialog with its steps (file, mapping with live preview, confirmation); the mapping logic is on the server (plan-files/plan-mapping.ts).
import { useEffect, useMemo, useState } from 'react';
import type { HistoryField } from '../../../shared/domain/history-fields';
import type { MappingPreview, PlanMapping } from '../../../shared/domain/plan-import';
import { HISTORY_FIELD_LABELS, HISTORY_FIELDS } from '../../../shared/domain/history-fields';
import { DEFAULT_HEADING_NAMES, NUMBER_PATTERNS } from '../../../shared/domain/headings';
import { CITY_PRESETS, DEFAULT_CITY_PRESET } from '../../../shared/pdca-presets';
import { fiscalYearsBetween, formatFiscalYear } from '../../../shared/fiscal-year';
import { guessMapping, matchSavedMapping } from '../../../shared/plan-mapping-guess';
import { call, errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useAppStore } from '../../stores/app-store';
import { usePlanStore } from '../../stores/plan-store';
import { readFile } from '../exchange/files';

type Sheets = { name: string; rows: string[][] }[];
type FieldKey = keyof PlanMapping['columns'];

const FIELDS: { key: FieldKey; label: string; required?: boolean }[] = [
  { key: 'group', label: '重点項目の上の見出し（基本目標など）' },
  { key: 'priority', label: '重点項目' },
  { key: 'area', label: '取組分野' },
  { key: 'number', label: 'No.（番号）' },
  { key: 'name', label: '改革項目（必須）', required: true },
  { key: 'promotion', label: '推進内容' },
  { key: 'initiatives', label: '主な取組（①②）' },
  { key: 'lead', label: '実施担当（部・課）' },
  { key: 'continued', label: '継続' },
  { key: 'kpiName', label: '指標名' },
  { key: 'kpiUnit', label: '指標の単位' },
];

const letter = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26))
    s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/** 「重点項目 5・取組分野 9・」 for the levels the sheet has. */
function shapeText(p: MappingPreview): string {
  const names = p.shape?.headingNames ?? DEFAULT_HEADING_NAMES;
  const levels = p.shape?.headingLevels ?? 2;
  return [
    levels > 2 ? `${names.group} ${p.groups}・` : '',
    levels > 0 ? `${names.priority} ${p.priorities}・` : '',
    levels > 1 ? `${names.area} ${p.areas}・` : '',
  ].join('');
}

const numberExample = (pattern: string) =>
  NUMBER_PATTERNS.find((p) => p.pattern === pattern)?.label ?? pattern;

const guess = (sheets: Sheets, sheet: string, headerRow: number | null, prev: PlanMapping | null) =>
  guessMapping(sheets, sheet, headerRow, prev, new Date().getFullYear());

/**
 * 計画の取込: a workbook written by the app comes in as it is; any other
 * layout goes through a column mapping with a live preview and a report of
 * what could not be read. Nothing is written until the user says so.
 */
export function PlanImportDialog({ onClose }: { onClose(): void }) {
  const notify = useAppStore((s) => s.notify);
  const [file, setFile] = useState<{ name: string; data: Uint8Array<ArrayBuffer> } | null>(null);
  const [sheets, setSheets] = useState<Sheets | null>(null);
  const [ours, setOurs] = useState(false);
  const [mapping, setMapping] = useState<PlanMapping | null>(null);
  const [preview, setPreview] = useState<MappingPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saveAs, setSaveAs] = useState('');
  const [saved, setSaved] = useState<{ id: number; name: string; mapping: PlanMapping }[]>([]);
  const [busy, setBusy] = useState(false);
  /** The saved mapping applied because the sheet's headers match it. */
  const [suggested, setSuggested] = useState<string | null>(null);

  useEffect(() => {
    call('planFiles.mappings', {})
      .then(setSaved)
      .catch(() => setSaved([]));
  }, []);

  /** A saved mapping for this very layout, else a fresh guess. */
  const firstMapping = (s: Sheets, sheet: string, known: typeof saved): PlanMapping => {
    const fresh = guess(s, sheet, null, null);
    const rows = s.find((x) => x.name === sheet)?.rows ?? [];
    for (let r = 1; r <= rows.length; r++) {
      const m = matchSavedMapping(known, rows[r - 1] ?? [], r);
      if (m) {
        setSuggested(m.name);
        return { ...m.mapping, sheet, plan: { ...m.mapping.plan, title: fresh.plan.title } };
      }
    }
    setSuggested(null);
    return fresh;
  };

  const choose = async (f: File | undefined) => {
    if (!f) return;
    setError(null);
    setPreview(null);
    try {
      const loaded = await readFile(f);
      // The saved mappings are read again: one saved a moment ago must be known.
      const [s, known] = await Promise.all([
        call('planFiles.inspect', { file: loaded }),
        call('planFiles.mappings', {}).catch(() => saved),
      ]);
      setSaved(known);
      setFile(loaded);
      setSheets(s);
      const isOurs = s.some((x) => x.name === '計画') && s.some((x) => x.name === '実施時期の区分');
      setOurs(isOurs);
      if (!isOurs && s[0]) setMapping(firstMapping(s, s[0].name, known));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  // Live preview, a moment after the mapping stops changing.
  useEffect(() => {
    if (!file || !mapping || ours) return;
    let live = true;
    const t = setTimeout(() => {
      call('planFiles.previewMapping', { file, mapping })
        .then((p) => {
          if (live) {
            setPreview(p);
            setError(null);
          }
        })
        .catch((e: unknown) => live && setError(errorMessage(e)));
    }, 300);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [file, mapping, ours]);

  const header = useMemo(() => {
    if (!sheets || !mapping) return [];
    return sheets.find((s) => s.name === mapping.sheet)?.rows[mapping.headerRow - 1] ?? [];
  }, [sheets, mapping]);

  const open = async (planId: number, title: string) => {
    await useAppStore.getState().refreshPlans();
    notify('info', `「${title}」を取り込みました。`);
    onClose();
    await usePlanStore.getState().openPlan(planId);
  };

  const importOurs = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const r = await call('planFiles.import', { file });
      await open(r.planId, r.title);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const importMapped = async () => {
    if (!file || !mapping) return;
    setBusy(true);
    try {
      const r = await call('planFiles.importMapped', {
        file,
        mapping,
        ...(saveAs.trim() ? { saveAs: saveAs.trim() } : {}),
      });
      await open(r.planId, r.title);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const setColumn = (key: FieldKey, value: string) =>
    mapping &&
    setMapping({
      ...mapping,
      columns: { ...mapping.columns, [key]: value ? Number(value) : key === 'name' ? 1 : null },
    });
  const yearOf = (col: number) => mapping?.years.find((y) => y.column === col)?.fiscalYear ?? null;
  const setYear = (col: number, fy: number | null) =>
    mapping &&
    setMapping({
      ...mapping,
      years: [
        ...mapping.years.filter((y) => y.column !== col),
        ...(fy ? [{ column: col, fiscalYear: fy }] : []),
      ].sort((a, b) => a.column - b.column),
    });

  const historyOf = (col: number) => mapping?.history?.find((h) => h.column === col) ?? null;
  const setHistory = (col: number, next: { fiscalYear: number; field: HistoryField } | null) =>
    mapping &&
    setMapping({
      ...mapping,
      history: [
        ...(mapping.history ?? []).filter((h) => h.column !== col),
        ...(next ? [{ column: col, ...next }] : []),
      ].sort((a, b) => a.column - b.column),
    });

  return (
    <Dialog
      title="計画を Excel から取り込む"
      open
      wide
      onClose={onClose}
      footer={
        <>
          {error ? (
            <p className="field-error" role="alert">
              {error}
            </p>
          ) : null}
          {ours ? (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void importOurs()}
            >
              新しい計画として取り込む
            </button>
          ) : mapping ? (
            <button
              type="button"
              className="primary"
              disabled={busy || !preview || preview.problems.length > 0}
              onClick={() => void importMapped()}
            >
              {preview ? `${preview.items}項目を新しい計画として取り込む` : '取り込む'}
            </button>
          ) : null}
          <button type="button" onClick={onClose}>
            閉じる
          </button>
        </>
      }
    >
      <label className="file-button">
        Excel ファイル（.xlsx）を選ぶ
        <input
          type="file"
          accept=".xlsx"
          aria-label="取り込む計画の Excel ファイル"
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </label>
      {file ? <span className="muted">　{file.name}</span> : null}
      {ours ? (
        <p>
          行革デスクで書き出した計画のファイルです。重点項目・取組分野・改革項目・主な取組・実施時期・実施担当をそのまま新しい計画として取り込みます（今ある計画は変わりません）。
        </p>
      ) : null}
      {!ours && sheets && mapping ? (
        <div className="mapping">
          <p className="muted">
            他の様式の計画です。どの列に何が書かれているかを指定してください。指定に合わせて下に読み取り結果が表示されます。
          </p>
          {suggested ? (
            <p role="note">
              見出しが保存した対応付け「{suggested}」と同じため、その対応付けを使っています。
            </p>
          ) : null}
          <div className="settings-grid">
            {saved.length > 0 ? (
              <label>
                保存した対応付け
                <select
                  value=""
                  onChange={(e) => {
                    const m = saved.find((x) => String(x.id) === e.target.value);
                    setSuggested(null);
                    if (m)
                      setMapping({
                        ...m.mapping,
                        sheet: sheets.some((s) => s.name === m.mapping.sheet)
                          ? m.mapping.sheet
                          : mapping.sheet,
                      });
                  }}
                >
                  <option value="">選んでください</option>
                  {saved.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
            <label>
              シート
              <select
                value={mapping.sheet}
                onChange={(e) => setMapping(guess(sheets, e.target.value, null, mapping))}
              >
                {sheets.map((s) => (
                  <option key={s.name} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              見出しの行
              <select
                value={mapping.headerRow}
                onChange={(e) =>
                  setMapping(guess(sheets, mapping.sheet, Number(e.target.value), mapping))
                }
              >
                {Array.from({ length: 15 }, (_, i) => i + 1).map((r) => (
                  <option key={r} value={r}>
                    {r}行目
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="settings-grid">
            {FIELDS.map((f) => (
              <label key={f.key}>
                {f.label}
                <select
                  value={mapping.columns[f.key] ?? ''}
                  onChange={(e) => setColumn(f.key, e.target.value)}
                >
                  {f.required ? null : <option value="">（なし）</option>}
                  {header.map((h, i) =>
                    h.trim() ? (
                      <option key={i} value={i + 1}>
                        {letter(i + 1)}列：{h.slice(0, 20)}
                      </option>
                    ) : null,
                  )}
                </select>
              </label>
            ))}
          </div>
          <fieldset className="year-map">
            <legend>実施時期（年度の列）</legend>
            {header.map((h, i) =>
              h.trim() ? (
                <label key={i}>
                  {letter(i + 1)}列「{h.slice(0, 10)}」
                  <select
                    value={yearOf(i + 1) ?? ''}
                    onChange={(e) => setYear(i + 1, e.target.value ? Number(e.target.value) : null)}
                  >
                    <option value="">年度ではない</option>
                    {fiscalYearsBetween(mapping.plan.firstFy - 2, mapping.plan.lastFy + 2).map(
                      (fy) => (
                        <option key={fy} value={fy}>
                          {formatFiscalYear(fy)}
                        </option>
                      ),
                    )}
                  </select>
                </label>
              ) : null,
            )}
          </fieldset>
          <fieldset className="year-map">
            <legend>過去の年度の値（締めた年度の記録として取り込む列）</legend>
            {header.map((h, i) =>
              h.trim() &&
              yearOf(i + 1) === null &&
              !Object.values(mapping.columns).includes(i + 1) ? (
                <span key={i} className="history-col">
                  <label>
                    {letter(i + 1)}列「{h.slice(0, 10)}」の年度
                    <select
                      value={historyOf(i + 1)?.fiscalYear ?? ''}
                      onChange={(e) =>
                        setHistory(
                          i + 1,
                          e.target.value
                            ? {
                                fiscalYear: Number(e.target.value),
                                field: historyOf(i + 1)?.field ?? 'evaluation',
                              }
                            : null,
                        )
                      }
                    >
                      <option value="">取り込まない</option>
                      {fiscalYearsBetween(mapping.plan.firstFy, mapping.plan.lastFy).map((fy) => (
                        <option key={fy} value={fy}>
                          {formatFiscalYear(fy)}
                        </option>
                      ))}
                    </select>
                  </label>
                  {historyOf(i + 1) ? (
                    <label>
                      {letter(i + 1)}列の項目
                      <select
                        value={historyOf(i + 1)!.field}
                        onChange={(e) =>
                          setHistory(i + 1, {
                            fiscalYear: historyOf(i + 1)!.fiscalYear,
                            field: e.target.value as HistoryField,
                          })
                        }
                      >
                        {HISTORY_FIELDS.map((f) => (
                          <option key={f} value={f}>
                            {HISTORY_FIELD_LABELS[f]}
                          </option>
                        ))}
                      </select>
                    </label>
                  ) : null}
                </span>
              ) : null,
            )}
          </fieldset>
          <div className="settings-grid">
            <label>
              評価・進捗の区分（自治体の型）
              <select
                value={mapping.city ?? DEFAULT_CITY_PRESET.id}
                onChange={(e) => setMapping({ ...mapping, city: e.target.value })}
              >
                {CITY_PRESETS.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label>
              番号の表し方
              <select
                value={mapping.numberPattern ?? ''}
                onChange={(e) => {
                  const { numberPattern: _, ...rest } = mapping;
                  setMapping(e.target.value ? { ...rest, numberPattern: e.target.value } : rest);
                }}
              >
                <option value="">
                  自動（
                  {preview?.shape ? numberExample(preview.shape.numberPattern) : '番号の列から'}）
                </option>
                {NUMBER_PATTERNS.map((p) => (
                  <option key={p.pattern} value={p.pattern}>
                    {p.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="settings-grid">
            <label>
              計画の名称
              <input
                className="wide"
                value={mapping.plan.title}
                onChange={(e) =>
                  setMapping({ ...mapping, plan: { ...mapping.plan, title: e.target.value } })
                }
              />
            </label>
            <label>
              自治体名
              <input
                value={mapping.plan.municipality}
                onChange={(e) =>
                  setMapping({
                    ...mapping,
                    plan: { ...mapping.plan, municipality: e.target.value },
                  })
                }
              />
            </label>
            <label>
              開始年度
              <select
                value={mapping.plan.firstFy}
                onChange={(e) =>
                  setMapping({
                    ...mapping,
                    plan: { ...mapping.plan, firstFy: Number(e.target.value) },
                  })
                }
              >
                {fiscalYearsBetween(2000, 2040).map((fy) => (
                  <option key={fy} value={fy}>
                    {formatFiscalYear(fy)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              終了年度
              <select
                value={mapping.plan.lastFy}
                onChange={(e) =>
                  setMapping({
                    ...mapping,
                    plan: { ...mapping.plan, lastFy: Number(e.target.value) },
                  })
                }
              >
                {fiscalYearsBetween(mapping.plan.firstFy, mapping.plan.firstFy + 15).map((fy) => (
                  <option key={fy} value={fy}>
                    {formatFiscalYear(fy)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              この対応付けを保存する名前（任意）
              <input
                value={saveAs}
                placeholder="例：木津川市の様式"
                onChange={(e) => setSaveAs(e.target.value)}
              />
            </label>
          </div>
          {preview ? (
            <section aria-label="読み取り結果" className="mapping-preview">
              <p role="status">
                {shapeText(preview)}改革項目 {preview.items}件を読み取りました。
              </p>
              {preview.history.length > 0 ? (
                <ul className="history-summary" aria-label="過去の年度">
                  {preview.history.map((y) => (
                    <li key={y.fiscalYear}>
                      {formatFiscalYear(y.fiscalYear)}：{y.fields.join('・')}（{y.items}項目）
                      {Object.keys(y.evaluations).length > 0
                        ? ` 評価 ${Object.entries(y.evaluations)
                            .map(([k, n]) => `${k} ${n}`)
                            .join('・')}`
                        : ''}
                      を締めた年度として取り込みます
                    </li>
                  ))}
                </ul>
              ) : null}
              {preview.problems.length > 0 ? (
                <ul className="problems errors" role="alert">
                  {preview.problems.map((p, i) => (
                    <li key={i}>{p}</li>
                  ))}
                </ul>
              ) : null}
              {preview.skipped.length > 0 ||
              preview.unmapped.length > 0 ||
              preview.inferredDepartments.length > 0 ? (
                <ul className="problems warnings">
                  {preview.skipped.map((s) => (
                    <li key={s.row}>
                      {s.row}行目：{s.reason}
                    </li>
                  ))}
                  {preview.unmapped.length > 0 ? (
                    <li>取り込まない列：{preview.unmapped.join('、')}</li>
                  ) : null}
                  {preview.inferredDepartments.length > 0 ? (
                    <li>
                      部の書かれていない課を、同じ課の部に置きました：
                      {preview.inferredDepartments.join('、')}
                    </li>
                  ) : null}
                </ul>
              ) : null}
              <table className="preview-table">
                <thead>
                  <tr>
                    <th scope="col">No.</th>
                    <th scope="col">見出し</th>
                    <th scope="col">改革項目</th>
                    <th scope="col">主な取組</th>
                    <th scope="col">実施担当</th>
                    <th scope="col">実施時期</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.sample.map((s) => (
                    <tr key={s.code}>
                      <td>{s.code}</td>
                      <td>{[s.priority, s.area].filter(Boolean).join('／')}</td>
                      <td>
                        {s.name}
                        {s.continued ? '【継続項目】' : ''}
                      </td>
                      <td>{s.initiatives}</td>
                      <td>{s.lead}</td>
                      <td>{s.years}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
        </div>
      ) : null}
    </Dialog>
  );
}
