// kept whole: the 照会・回収 screen (targets, export with progress, drop zone, import history); the preview is ImportPreview.tsx.
import { useEffect, useRef, useState } from 'react';
import type { DragEvent } from 'react';
import type {
  ExportScope,
  ExportTarget,
  ImportEntry,
  ReturnPreview,
} from '../../../shared/domain/exchange';
import { emptyPreview } from '../../../shared/domain/exchange';
import type { PlanDetail } from '../../../shared/domain/plan';
import { formatDateTime, formatDayJa, formatFiscalYear } from '../../../shared/fiscal-year';
import { call, errorMessage } from '../../api/client';
import { FiscalYearSelect } from '../../components/FiscalYearSelect';
import { useAppStore } from '../../stores/app-store';
import { usePdcaStore } from '../../stores/pdca-store';
import { canPickFolder, download, pickFolder, readFile, writeInto } from './files';
import { UnassignedItems } from './UnassignedItems';
import { ImportPreview } from './ImportPreview';
import { onDataChanged, withUndo } from '../../stores/undo-store';

const CONTACT_KEY = 'gyokaku.exchange.contact';

interface Loaded {
  file: { name: string; data: Uint8Array<ArrayBuffer> };
  preview: ReturnPreview;
}

/**
 * Excel 照会・回収: workbooks out to every section for the chosen round, the
 * answers back in (checked field by field before anything is written), the
 * history of imports with undo, and the year's results for publication.
 */
export function ExchangeScreen({ plan }: { plan: PlanDetail }) {
  const notify = useAppStore((s) => s.notify);
  const settings = usePdcaStore((s) => s.settings);
  const fiscalYear = usePdcaStore((s) => s.fiscalYear);
  const rounds = usePdcaStore((s) => s.rounds);
  const roundId = usePdcaStore((s) => s.roundId);
  const round = rounds.find((r) => r.id === roundId) ?? null;
  const [scope, setScope] = useState<ExportScope>('section');
  const [contact, setContact] = useState(() => localStorage.getItem(CONTACT_KEY) ?? '');
  const [targets, setTargets] = useState<ExportTarget[]>([]);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  /** The round and scope the choice was made for. */
  const chosenFor = useRef<{ key: string; ids: Set<number> }>({ key: '', ids: new Set() });
  const [progress, setProgress] = useState<{ done: number; total: number; current: string } | null>(
    null,
  );
  const [loaded, setLoaded] = useState<Loaded[]>([]);
  const [reading, setReading] = useState(false);
  const [history, setHistory] = useState<ImportEntry[]>([]);
  const [dragOver, setDragOver] = useState(false);

  useEffect(() => {
    const st = usePdcaStore.getState();
    if (st.planId !== plan.id || !st.settings) void st.load(plan.id, plan.firstFy, plan.lastFy);
  }, [plan.id, plan.firstFy, plan.lastFy]);

  // Bumped after an import or undo, to read the targets and history again.
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  // an undo or redo elsewhere (an import taken back) shows here too
  useEffect(() => onDataChanged(() => setVersion((v) => v + 1)), []);
  useEffect(() => {
    if (roundId == null) return;
    let live = true;
    Promise.all([
      call('exchange.exportTargets', { roundId, scope }),
      call('exchange.imports', { roundId }),
    ])
      .then(([t, h]) => {
        if (!live) return;
        setTargets(t);
        // All chosen when the round or scope is new; a reload (after an import or
        // an undo) keeps what the user unticked, and ticks sections new to the list.
        const key = `${roundId}:${scope}`;
        const ids = t.map((x) => x.orgUnitId);
        const same = chosenFor.current.key === key;
        const before = chosenFor.current.ids;
        setChosen((c) => new Set(same ? ids.filter((id) => c.has(id) || !before.has(id)) : ids));
        chosenFor.current = { key, ids: new Set(ids) };
        setHistory(h);
      })
      .catch((e: unknown) => notify('error', errorMessage(e)));
    return () => {
      live = false;
    };
  }, [roundId, scope, version, notify]);

  const exportAll = async (toFolder: boolean) => {
    if (roundId == null) return;
    const list = targets.filter((t) => chosen.has(t.orgUnitId));
    if (list.length === 0) return notify('info', '出力する課を選んでください。');
    localStorage.setItem(CONTACT_KEY, contact);
    const dir = toFolder ? await pickFolder() : null;
    if (toFolder && !dir) return;
    setProgress({ done: 0, total: list.length, current: '' });
    try {
      for (const [i, t] of list.entries()) {
        setProgress({ done: i, total: list.length, current: t.name });
        const out = await call('exchange.exportWorkbook', {
          roundId,
          orgUnitId: t.orgUnitId,
          scope,
          contact: contact || '行政改革担当（事務局）',
        });
        if (dir) await writeInto(dir, out.fileName, out.data);
        else download(out.fileName, out.data);
      }
      setProgress({ done: list.length, total: list.length, current: '' });
      notify(
        'info',
        `${list.length}件の照会ファイルを${dir ? `フォルダー「${dir.name}」に保存` : 'ダウンロード'}しました。`,
      );
    } catch (e) {
      notify('error', `出力を中断しました。${errorMessage(e)}`);
    }
  };

  const readFiles = async (files: File[]) => {
    if (roundId == null || files.length === 0) return;
    setReading(true);
    try {
      const next: Loaded[] = [];
      for (const f of files) {
        let file: Loaded['file'] = { name: f.name, data: new Uint8Array(new ArrayBuffer(0)) };
        try {
          file = await readFile(f);
          const preview = await call('exchange.previewReturn', { roundId, file });
          next.push({ file, preview });
        } catch (e) {
          next.push({
            file,
            preview: {
              ...emptyPreview(f.name),
              problems: [{ level: 'error', message: errorMessage(e), where: null }],
            },
          });
        }
      }
      setLoaded((l) => [
        ...next,
        ...l.filter((x) => !next.some((n) => n.file.name === x.file.name)),
      ]);
    } finally {
      setReading(false);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragOver(false);
    void readFiles([...e.dataTransfer.files]);
  };

  const applied = async (name: string) => {
    setLoaded((l) => l.filter((x) => x.file.name !== name));
    refresh();
    await usePdcaStore.getState().refreshRounds();
    if (roundId != null) await usePdcaStore.getState().selectRound(roundId);
  };

  const undo = async (entry: ImportEntry) => {
    try {
      const { undone } = await withUndo('取込の取消', 'exchange.undoImport', {
        importId: entry.id,
      });
      notify(
        'info',
        `「${entry.fileName}」の取込を取り消しました（${undone}件の変更を元に戻しました）。`,
      );
      await applied('');
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  const publish = async (format: 'csv' | 'xlsx') => {
    try {
      const out = await call('exchange.publication', { planId: plan.id, fiscalYear, format });
      download(out.fileName, out.data);
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  if (!settings || !fiscalYear) {
    return (
      <main className="content" aria-busy="true">
        <p className="muted">読み込んでいます…</p>
      </main>
    );
  }
  const total = round ? Object.values(round.counts).reduce((a, b) => a + b, 0) : 0;
  const answered = round ? round.counts.answered + round.counts.checked + round.counts.final : 0;
  return (
    <div className="workspace">
      <nav className="sidebar" aria-label="年度と照会回">
        <div className="sidebar-plan">
          <div className="sidebar-title">{plan.title}</div>
          <FiscalYearSelect firstFy={plan.firstFy} lastFy={plan.lastFy} />
          <label className="stacked">
            照会回
            <select
              aria-label="照会回"
              value={roundId ?? ''}
              onChange={(e) => void usePdcaStore.getState().selectRound(Number(e.target.value))}
            >
              {rounds.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}（締切 {r.deadline ? formatDayJa(r.deadline) : '未定'}）
                </option>
              ))}
            </select>
          </label>
          {round ? (
            <div className="answer-state" role="status">
              回答状況：{answered}／{total}項目
              <span className="round-progress">
                <span style={{ width: `${total ? (answered / total) * 100 : 0}%` }} />
              </span>
            </div>
          ) : (
            <p className="muted">
              この年度の照会回はまだありません。「PDCA進捗管理」で作成してください。
            </p>
          )}
        </div>
      </nav>
      <main className="content exchange" aria-label="Excel 照会・回収">
        <header className="content-header">
          <h1>
            Excel 照会・回収　{formatFiscalYear(fiscalYear)}
            {round ? `　${round.name}` : ''}
          </h1>
        </header>
        {round ? (
          <>
            <section className="settings-section" aria-labelledby="ex-out">
              <h2 id="ex-out">1. 照会ファイルの出力</h2>
              <div className="settings-grid">
                <fieldset>
                  <legend>単位</legend>
                  <label className="check">
                    <input
                      type="radio"
                      name="scope"
                      checked={scope === 'section'}
                      onChange={() => setScope('section')}
                    />
                    課ごと
                  </label>
                  <label className="check">
                    <input
                      type="radio"
                      name="scope"
                      checked={scope === 'department'}
                      onChange={() => setScope('department')}
                    />
                    部ごと
                  </label>
                </fieldset>
                <label>
                  問合せ先（記入要領に載ります）
                  <input
                    className="wide"
                    value={contact}
                    placeholder="例：総務部 人事行政課 行政改革係（内線 1234）"
                    onChange={(e) => setContact(e.target.value)}
                  />
                </label>
              </div>
              <table className="settings-table export-targets">
                <thead>
                  <tr>
                    <th scope="col">
                      <input
                        type="checkbox"
                        aria-label="すべて選ぶ"
                        checked={chosen.size === targets.length && targets.length > 0}
                        onChange={(e) =>
                          setChosen(
                            e.target.checked ? new Set(targets.map((t) => t.orgUnitId)) : new Set(),
                          )
                        }
                      />
                    </th>
                    <th scope="col">{scope === 'section' ? '課' : '部'}</th>
                    <th scope="col">改革項目</th>
                    <th scope="col">ファイル名</th>
                  </tr>
                </thead>
                <tbody>
                  {targets.map((t) => (
                    <tr key={t.orgUnitId}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={`${t.name}を出力する`}
                          checked={chosen.has(t.orgUnitId)}
                          onChange={() =>
                            setChosen((c) => {
                              const n = new Set(c);
                              if (n.has(t.orgUnitId)) n.delete(t.orgUnitId);
                              else n.add(t.orgUnitId);
                              return n;
                            })
                          }
                        />
                      </td>
                      <td>
                        {t.departmentName ? (
                          <span className="muted">{t.departmentName}　</span>
                        ) : null}
                        {t.name}
                      </td>
                      <td className="number">{t.items}件</td>
                      <td>{t.fileName}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <UnassignedItems
                roundId={round.id}
                fiscalYear={fiscalYear}
                version={version}
                onChanged={refresh}
              />
              <div className="form-actions">
                {canPickFolder() ? (
                  <button
                    type="button"
                    className="primary"
                    disabled={!!progress && progress.done < progress.total}
                    onClick={() => void exportAll(true)}
                  >
                    フォルダーを選んで {chosen.size}件を保存
                  </button>
                ) : null}
                <button
                  type="button"
                  disabled={!!progress && progress.done < progress.total}
                  onClick={() => void exportAll(false)}
                >
                  {chosen.size}件をダウンロード
                </button>
              </div>
              {progress ? (
                <div className="export-progress">
                  <progress
                    max={progress.total}
                    value={progress.done}
                    aria-label="照会ファイルの出力"
                  />
                  <span role="status">
                    {progress.done < progress.total
                      ? `${progress.current}を出力しています…（${progress.done}／${progress.total}）`
                      : `${progress.total}件を出力しました。`}
                  </span>
                </div>
              ) : null}
            </section>

            <section className="settings-section" aria-labelledby="ex-in">
              <h2 id="ex-in">2. 回答の取込</h2>
              <div
                className={`drop-zone${dragOver ? ' over' : ''}`}
                onDragOver={(e) => {
                  e.preventDefault();
                  setDragOver(true);
                }}
                onDragLeave={() => setDragOver(false)}
                onDrop={onDrop}
              >
                <p>返送された照会ファイル（.xlsx）をここにドラッグするか、</p>
                <label className="file-button">
                  ファイルを選ぶ（複数可）
                  <input
                    type="file"
                    multiple
                    accept=".xlsx,.xlsm,.xls,.csv"
                    aria-label="返送された照会ファイルを選ぶ"
                    onChange={(e) => {
                      void readFiles([...(e.target.files ?? [])]);
                      e.target.value = '';
                    }}
                  />
                </label>
                {reading ? <p role="status">読み込んでいます…</p> : null}
                <p className="muted">
                  何も書き込まずに内容を確認します。取り込む欄を選んでから「取り込む」を押すと、1つのファイルの変更がまとめて保存されます。
                </p>
              </div>
              {loaded.map((l) => (
                <ImportPreview
                  key={l.file.name}
                  roundId={round.id}
                  file={l.file}
                  preview={l.preview}
                  onDone={() => void applied(l.file.name)}
                  onClose={() => setLoaded((x) => x.filter((y) => y.file.name !== l.file.name))}
                />
              ))}
            </section>

            <section className="settings-section" aria-labelledby="ex-history">
              <h2 id="ex-history">3. 取込の履歴</h2>
              {history.length === 0 ? <p className="muted">まだ取り込んでいません。</p> : null}
              {history.length > 0 ? (
                <table className="settings-table">
                  <thead>
                    <tr>
                      <th scope="col">日時</th>
                      <th scope="col">ファイル</th>
                      <th scope="col">課</th>
                      <th scope="col">取り込んだ人</th>
                      <th scope="col">変更</th>
                      <th scope="col">操作</th>
                    </tr>
                  </thead>
                  <tbody>
                    {history.map((h) => (
                      <tr key={h.id}>
                        <td>{formatDateTime(h.importedAt)}</td>
                        <td>{h.fileName}</td>
                        <td>{h.orgUnitName}</td>
                        <td>{h.importedBy}</td>
                        <td className="number">{h.changes}件</td>
                        <td>
                          {h.undoneAt ? (
                            <span className="muted">取消済（{formatDateTime(h.undoneAt)}）</span>
                          ) : (
                            <button type="button" onClick={() => void undo(h)}>
                              取込を取り消す
                            </button>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
            </section>
          </>
        ) : null}

        <section className="settings-section" aria-labelledby="ex-pub">
          <h2 id="ex-pub">4. 公表用ファイル（{formatFiscalYear(fiscalYear)}の進捗結果）</h2>
          <p className="muted">
            各改革項目の年度の最終回の記録を1行にまとめます。CSV は UTF-8（BOM 付き、Excel
            でそのまま開けます）で、数式として実行される値は無害化しています。
          </p>
          <div className="form-actions">
            <button type="button" onClick={() => void publish('csv')}>
              CSV をダウンロード
            </button>
            <button type="button" onClick={() => void publish('xlsx')}>
              Excel（.xlsx）をダウンロード
            </button>
          </div>
        </section>
      </main>
    </div>
  );
}
