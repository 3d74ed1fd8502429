import { useEffect, useMemo, useState } from 'react';
import type { PlanDetail } from '../../../shared/domain/plan';
import type { ReportData } from '../../../shared/reports/build';
import { buildReport, selectedItems } from '../../../shared/reports/build';
import { ITEMS_PER_PART, printParts } from '../../../shared/reports/print-job';
import { normalizeForSearch } from '../../../shared/search';
import type { ReportKind, ReportOptions } from '../../../shared/reports/model';
import { DEFAULT_PAGE, REPORT_KINDS, REPORT_TITLES } from '../../../shared/reports/model';
import { call, errorMessage } from '../../api/client';
import { FiscalYearSelect } from '../../components/FiscalYearSelect';
import { useAppStore } from '../../stores/app-store';
import { usePdcaStore } from '../../stores/pdca-store';
import { usePlanStore } from '../../stores/plan-store';
import { download } from '../exchange/files';
import { ReportView } from './ReportView';

const OPTIONS_KEY = 'gyokaku.reports.options';

interface Chrome {
  documentNo: string;
  meeting: string;
  meetingDate: string;
  marking: string;
}

function loadChrome(): Chrome {
  try {
    return {
      documentNo: '',
      meeting: '',
      meetingDate: '',
      marking: '',
      ...(JSON.parse(localStorage.getItem(OPTIONS_KEY) ?? '{}') as Partial<Chrome>),
    };
  } catch {
    return { documentNo: '', meeting: '', meetingDate: '', marking: '' };
  }
}

/**
 * 委員会資料: choose a report, the year and round, what to include, the
 * paper and the running header; the preview below is the very page that
 * prints (and goes to PDF or to a print-ready Excel workbook).
 */
export function ReportsScreen({ plan }: { plan: PlanDetail }) {
  const notify = useAppStore((s) => s.notify);
  const host = useAppStore((s) => s.info?.host ?? 'browser');
  const fiscalYear = usePdcaStore((s) => s.fiscalYear);
  const rounds = usePdcaStore((s) => s.rounds);
  const roundId = usePdcaStore((s) => s.roundId);
  const orgUnits = usePlanStore((s) => s.orgUnits);
  const [kind, setKind] = useState<ReportKind>('progress');
  const [page, setPage] = useState(DEFAULT_PAGE[kind]);
  const [chrome, setChrome] = useState<Chrome>(loadChrome);
  const [priorityIds, setPriorityIds] = useState<number[]>([]);
  const [sectionIds, setSectionIds] = useState<number[]>([]);
  const [chosenItems, setChosenItems] = useState<number[]>([]);
  const [itemQuery, setItemQuery] = useState('');
  const [data, setData] = useState<ReportData | null>(null);
  const [madeOn] = useState(() => new Date());
  /** While Save as PDF runs (a long 個票: its parts print in hidden print windows). */
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    const st = usePdcaStore.getState();
    if (st.planId !== plan.id || !st.settings) void st.load(plan.id, plan.firstFy, plan.lastFy);
  }, [plan.id, plan.firstFy, plan.lastFy]);

  useEffect(() => {
    if (!fiscalYear) return;
    let live = true;
    call('reports.data', { planId: plan.id, fiscalYear, roundId: roundId ?? undefined })
      .then((d) => live && setData(d))
      .catch((e: unknown) => notify('error', errorMessage(e)));
    return () => {
      live = false;
    };
  }, [plan.id, fiscalYear, roundId, notify]);

  useEffect(() => localStorage.setItem(OPTIONS_KEY, JSON.stringify(chrome)), [chrome]);

  const options: ReportOptions = useMemo(
    () => ({
      kind,
      planId: plan.id,
      fiscalYear,
      roundId,
      priorityIds,
      sectionIds,
      itemIds: chosenItems,
      paper: page.paper,
      orientation: page.orientation,
      ...chrome,
    }),
    [kind, plan.id, fiscalYear, roundId, priorityIds, sectionIds, chosenItems, page, chrome],
  );
  // 個票 come in parts of ITEMS_PER_PART: the preview shows one part (a 2,000-page
  // preview would take gigabytes), printing and PDF go through all of them.
  const itemIds = useMemo(
    () => (data && kind === 'item' ? selectedItems(data, options).map((i) => i.id) : []),
    [data, kind, options],
  );
  const partCount = Math.max(1, Math.ceil(itemIds.length / ITEMS_PER_PART));
  const [viewPart, setViewPart] = useState(0);
  const shownPart = Math.min(viewPart, partCount - 1);
  const partOptions = useMemo(
    () =>
      partCount > 1
        ? {
            ...options,
            itemIds: itemIds.slice(shownPart * ITEMS_PER_PART, (shownPart + 1) * ITEMS_PER_PART),
          }
        : options,
    [partCount, options, itemIds, shownPart],
  );
  const doc = useMemo(
    () => (data && fiscalYear ? buildReport(data, partOptions) : null),
    [data, fiscalYear, partOptions],
  );

  const fileBase = `${chrome.documentNo ? `${chrome.documentNo}_` : ''}${REPORT_TITLES[kind]}`;

  const choose = (k: ReportKind) => {
    setKind(k);
    setPage(DEFAULT_PAGE[k]);
  };
  const toggle = (list: number[], id: number, set: (x: number[]) => void) =>
    set(list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);

  const savePdf = async () => {
    if (host !== 'electron') {
      notify('info', '印刷画面が開きます。印刷先に「PDF に保存」を選んで保存してください。');
      window.print();
      return;
    }
    // A long 個票 goes as its parts, drawn and printed side by side by print
    // windows of the desktop shell and joined there; the screen meanwhile shows
    // progress, not the preview (nothing to lay out again).
    const job = partCount > 1 ? { parts: printParts(options, itemIds, madeOn) } : undefined;
    setSaving(true);
    try {
      const r = await call('reports.pdf', { fileName: fileBase, job });
      if (r.saved) notify('info', `PDF を保存しました：${r.saved}`);
    } catch (e) {
      notify('error', errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  const saveXlsx = async () => {
    try {
      const out = await call('reports.xlsx', options);
      download(out.fileName, out.data);
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  const words = normalizeForSearch(itemQuery).split(' ').filter(Boolean);
  const matchingItems = (data?.items ?? []).filter(
    (i) =>
      words.length === 0 ||
      words.every((w) => normalizeForSearch(`${i.code} ${i.name}`).includes(w)),
  );
  // The sections of the year, as they were named then.
  const sections = orgUnits.filter(
    (u) =>
      u.kind === 'section' &&
      (u.validToFy == null || u.validToFy >= fiscalYear) &&
      (u.validFromFy == null || u.validFromFy <= fiscalYear),
  );
  return (
    <div className="workspace reports-workspace">
      <nav className="sidebar report-options" aria-label="資料の設定">
        <div className="sidebar-plan">
          <fieldset>
            <legend>資料</legend>
            {REPORT_KINDS.map((k) => (
              <label key={k} className="check">
                <input type="radio" name="report" checked={kind === k} onChange={() => choose(k)} />
                {REPORT_TITLES[k]}
              </label>
            ))}
          </fieldset>
          {fiscalYear ? <FiscalYearSelect firstFy={plan.firstFy} lastFy={plan.lastFy} /> : null}
          {rounds.length > 1 ? (
            <label className="stacked">
              照会回
              <select
                value={roundId ?? ''}
                onChange={(e) => void usePdcaStore.getState().selectRound(Number(e.target.value))}
              >
                {rounds.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <fieldset>
            <legend>用紙</legend>
            <label className="stacked">
              大きさ
              <select
                aria-label="用紙の大きさ"
                value={page.paper}
                onChange={(e) => setPage({ ...page, paper: e.target.value as 'A4' | 'A3' })}
              >
                <option value="A4">A4</option>
                <option value="A3">A3</option>
              </select>
            </label>
            <label className="stacked">
              向き
              <select
                aria-label="用紙の向き"
                value={page.orientation}
                onChange={(e) =>
                  setPage({ ...page, orientation: e.target.value as 'portrait' | 'landscape' })
                }
              >
                <option value="portrait">縦</option>
                <option value="landscape">横</option>
              </select>
            </label>
          </fieldset>
          <fieldset>
            <legend>ヘッダー・フッター</legend>
            <label className="stacked">
              資料番号
              <input
                value={chrome.documentNo}
                placeholder="例：資料2"
                onChange={(e) => setChrome({ ...chrome, documentNo: e.target.value })}
              />
            </label>
            <label className="stacked">
              会議名
              <input
                value={chrome.meeting}
                placeholder="例：第2回行政改革推進委員会"
                onChange={(e) => setChrome({ ...chrome, meeting: e.target.value })}
              />
            </label>
            <label className="stacked">
              開催日
              <input
                value={chrome.meetingDate}
                placeholder="例：令和7年11月20日"
                onChange={(e) => setChrome({ ...chrome, meetingDate: e.target.value })}
              />
            </label>
            <label className="stacked">
              表示（任意）
              <input
                value={chrome.marking}
                placeholder="例：取扱注意"
                onChange={(e) => setChrome({ ...chrome, marking: e.target.value })}
              />
            </label>
          </fieldset>
          {kind !== 'summary' ? (
            <>
              <fieldset>
                <legend>重点項目（選ばなければすべて）</legend>
                {plan.priorities.map((p) => (
                  <label key={p.id} className="check">
                    <input
                      type="checkbox"
                      checked={priorityIds.includes(p.id)}
                      onChange={() => toggle(priorityIds, p.id, setPriorityIds)}
                    />
                    {plan.headingNames.priority}
                    {p.number}
                  </label>
                ))}
              </fieldset>
              <fieldset>
                <legend>担当課（選ばなければすべて）</legend>
                <div className="section-checks">
                  {sections.map((s) => (
                    <label key={s.id} className="check">
                      <input
                        type="checkbox"
                        checked={sectionIds.includes(s.id)}
                        onChange={() => toggle(sectionIds, s.id, setSectionIds)}
                      />
                      {s.name}
                    </label>
                  ))}
                </div>
              </fieldset>
              <fieldset>
                <legend>改革項目（選ばなければすべて）</legend>
                <input
                  type="search"
                  aria-label="改革項目を探す"
                  placeholder="番号・名称で探す"
                  value={itemQuery}
                  onChange={(e) => setItemQuery(e.target.value)}
                />
                <div className="section-checks">
                  {matchingItems.slice(0, 100).map((i) => (
                    <label key={i.id} className="check">
                      <input
                        type="checkbox"
                        checked={chosenItems.includes(i.id)}
                        onChange={() => toggle(chosenItems, i.id, setChosenItems)}
                      />
                      {i.code} {i.name}
                    </label>
                  ))}
                  {matchingItems.length > 100 ? (
                    <span className="muted">
                      ほか{matchingItems.length - 100}件（絞り込んでください）
                    </span>
                  ) : null}
                </div>
                {chosenItems.length > 0 ? (
                  <button type="button" onClick={() => setChosenItems([])}>
                    {chosenItems.length}件の選択を解除
                  </button>
                ) : null}
              </fieldset>
            </>
          ) : null}
        </div>
      </nav>
      <main className="content reports" aria-label="委員会資料">
        <div className="toolbar" role="toolbar" aria-label="資料の操作">
          <button
            type="button"
            className="primary"
            onClick={() => {
              if (partCount > 1) {
                notify(
                  'info',
                  `表示中の分冊（${shownPart + 1}／${partCount}）を印刷します。ほかの分冊は「次の${ITEMS_PER_PART}件」で切り替えて印刷してください。`,
                );
              }
              window.print();
            }}
            disabled={!doc || saving}
          >
            印刷
          </button>
          <button type="button" onClick={() => void savePdf()} disabled={!doc || saving}>
            PDF に保存
          </button>
          <button type="button" onClick={() => void saveXlsx()} disabled={!doc || saving}>
            Excel に書き出す
          </button>
          {partCount > 1 ? (
            <span className="part-pager" role="group" aria-label="個票の分冊">
              <button
                type="button"
                disabled={shownPart === 0 || saving}
                onClick={() => setViewPart(shownPart - 1)}
              >
                前の{ITEMS_PER_PART}件
              </button>
              <span role="status">
                {itemIds.length}件のうち {shownPart * ITEMS_PER_PART + 1}～
                {Math.min(itemIds.length, (shownPart + 1) * ITEMS_PER_PART)}件目（{shownPart + 1}／
                {partCount}分冊）
              </span>
              <button
                type="button"
                disabled={shownPart >= partCount - 1 || saving}
                onClick={() => setViewPart(shownPart + 1)}
              >
                次の{ITEMS_PER_PART}件
              </button>
            </span>
          ) : null}
          <span className="muted">
            {page.paper} {page.orientation === 'landscape' ? '横' : '縦'}
            　プレビューは印刷と同じ内容・同じ幅です（ページの区切りは印刷時に決まります）。
          </span>
        </div>
        {saving && partCount > 1 ? (
          <p className="saving-progress" role="status">
            {`PDF を作成しています：${itemIds.length}件を${partCount}分冊に分けて印刷し、1つのファイルにつないでいます。終わるまでこのままお待ちください。`}
          </p>
        ) : null}
        <div className={saving && partCount > 1 ? 'report-stage saving-parts' : 'report-stage'}>
          {doc ? (
            <ReportView doc={doc} options={partOptions} madeOn={madeOn} />
          ) : (
            <p className="muted">読み込んでいます…</p>
          )}
        </div>
      </main>
    </div>
  );
}
