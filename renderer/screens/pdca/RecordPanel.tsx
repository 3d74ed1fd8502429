// kept whole: the record's side panel (status step, KPIs, 効果額 by year, opinions per meeting, lineage, history) — each part is a small component in this file.
import { HistoryList } from '../../components/HistoryList';
import { DetailModeButton } from '../../components/DetailModeButton';
import { useDeferredValue, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { AuditEntry } from '../../../shared/domain/audit';
import type { ReformItem } from '../../../shared/domain/item';
import type {
  LineageEntry,
  Meeting,
  Opinion,
  PdcaRecord,
  PdcaSettings,
  RecordStatus,
} from '../../../shared/domain/pdca';
import { MEETING_KIND_LABELS, RECORD_STATUS_LABELS } from '../../../shared/domain/pdca';
import type { PlanDetail } from '../../../shared/domain/plan';
import { formatFiscalYear } from '../../../shared/fiscal-year';
import {
  achievementFormula,
  achievementRate,
  amountUnitLabel,
  cumulative,
  formatAmount,
  formatNumber,
  formatPercent,
  progressFormula,
  progressRate,
} from '../../../shared/pdca-math';
import { call, errorMessage } from '../../api/client';
import { entityLabel, fieldLabel, valueText } from '../../format';
import { useAppStore } from '../../stores/app-store';
import { usePdcaStore } from '../../stores/pdca-store';
import { useItemHistory, usePlanStore } from '../../stores/plan-store';
import { KpiEditor } from './KpiEditor';
import { levelText } from '../../../shared/pdca-levels';
import { StatusBadge } from './StatusBadge';
import { withUndo } from '../../stores/undo-store';

const LEVEL_FIELDS = new Set([
  'progressId',
  'progress2Id',
  'evaluationId',
  'directionId',
  'progress_id',
  'progress2_id',
  'evaluation_id',
  'direction_id',
]);

function historyLine(e: AuditEntry, settings: PdcaSettings): string {
  if (e.action === 'create') return `${entityLabel(e.entity)}を登録`;
  if (e.action === 'delete') return `${entityLabel(e.entity)}を削除`;
  const show = (v: unknown) => {
    if (e.field && LEVEL_FIELDS.has(e.field) && typeof v === 'number') {
      const l = settings.levels.find((x) => x.id === v);
      return l ? levelText(l) : `（廃止した段階 ${v}）`;
    }
    if (e.field && /^(revenue|saving)/.test(e.field) && typeof v === 'number')
      return `${formatNumber(v)}円`;
    return valueText(v);
  };
  return `${fieldLabel(e.field)}：${show(e.oldValue)} → ${show(e.newValue)}`;
}

const NEXT: Partial<Record<RecordStatus, RecordStatus>> = {
  unrequested: 'requested',
  requested: 'answered',
  answered: 'checked',
  checked: 'final',
};

/**
 * One item's record of the round: status and its next step, the whole text,
 * KPIs with 達成率 and 進捗率 (and how they are computed), 推進本部・委員会
 * opinions with the section's 対応, the item's lineage across plans, history.
 */
export function RecordPanel({
  plan,
  item,
  record,
  onClose,
  onStatus,
  onCorrect,
}: {
  plan: PlanDetail;
  item: ReformItem;
  record: PdcaRecord;
  onClose(): void;
  onStatus(status: RecordStatus): void;
  /** Set when the year is closed: its records are corrected (訂正), never unlocked. */
  onCorrect?: () => void;
}) {
  const settings = usePdcaStore((s) => s.settings)!;
  const fiscalYear = usePdcaStore((s) => s.fiscalYear);
  const kpis = usePdcaStore((s) => s.kpis).filter((k) => k.itemId === item.id);
  // a new history is drawn as a transition: a key pressed meanwhile comes first
  const history = useDeferredValue(useItemHistory(item.id));
  const [editKpis, setEditKpis] = useState(false);
  const [lineage, setLineage] = useState<LineageEntry[]>([]);
  const level = (id: number | null) => levelText(settings.levels.find((l) => l.id === id));
  const next = NEXT[record.status];

  useEffect(() => {
    let live = true;
    call('items.lineage', { itemId: item.id })
      .then((l) => live && setLineage(l))
      .catch(() => live && setLineage([]));
    return () => {
      live = false;
    };
  }, [item.id]);

  return (
    <aside className="item-detail record-panel" aria-label={`改革項目 ${item.code} の進捗の詳細`}>
      <header className="detail-header">
        <div>
          <div className="detail-code">
            {item.code}　{formatFiscalYear(fiscalYear)}
          </div>
          <h2>{item.name}</h2>
        </div>
        <span className="detail-header-buttons">
          <DetailModeButton />
          <button type="button" className="icon-button" aria-label="詳細を閉じる" onClick={onClose}>
            ×
          </button>
        </span>
      </header>

      <section aria-label="状況" className="status-section">
        <StatusBadge status={record.status} />
        {next ? (
          <button type="button" className="primary" onClick={() => onStatus(next)}>
            {RECORD_STATUS_LABELS[next]}にする
          </button>
        ) : onCorrect ? (
          <button type="button" onClick={onCorrect} title="締めた年度の記録は訂正で直します">
            訂正…
          </button>
        ) : (
          <button type="button" onClick={() => onStatus('checked')}>
            確定を解除…
          </button>
        )}
      </section>

      <dl className="detail-fields">
        <dt>P 取組予定・年度目標</dt>
        <dd className="pre">{record.planText || '（未記入）'}</dd>
        <dt>D 取組実績</dt>
        <dd className="pre">{record.resultText || '（未記入）'}</dd>
        <dt>
          C {settings.axisLabels.progress}・{settings.axisLabels.evaluation}
        </dt>
        <dd>
          {level(record.progressId) || '（未記入）'}
          {settings.axisLabels.progress2 ? `／${level(record.progress2Id) || '（未記入）'}` : ''}／
          {level(record.evaluationId) || '（未評価）'}
          <div className="pre">{record.evaluationReason}</div>
        </dd>
        <dt>A 課題・改善策／{settings.axisLabels.direction}</dt>
        <dd className="pre">
          {record.issuesText || '（未記入）'}／{level(record.directionId) || '（未記入）'}
        </dd>
        <dt>効果額（{settings.amountUnit === 'thousand' ? '千円' : '円'}）</dt>
        <dd>
          計画 歳入増 {formatAmount(record.revenuePlan, settings.amountUnit) || '—'}・歳出削減{' '}
          {formatAmount(record.savingPlan, settings.amountUnit) || '—'}
          <br />
          実績 歳入増 {formatAmount(record.revenueActual, settings.amountUnit) ||
            '—'}・歳出削減 {formatAmount(record.savingActual, settings.amountUnit) || '—'}
        </dd>
      </dl>

      <ItemYears itemId={item.id} record={record} settings={settings} />

      <section aria-label="指標" className="kpi-section">
        <h3>
          指標（KPI）
          <button type="button" onClick={() => setEditKpis(true)}>
            指標を編集
          </button>
        </h3>
        {kpis.length === 0 ? <p className="muted">指標は登録されていません。</p> : null}
        {kpis.map((k) => {
          const v = k.values.find((x) => x.fiscalYear === fiscalYear);
          const rate = achievementRate(v?.target ?? null, v?.actual ?? null, k.direction);
          const progress = progressRate(k, fiscalYear);
          return (
            <div key={k.id} className="kpi-card">
              <div className="kpi-name">
                {k.name}（{k.unit || '単位なし'}、
                {k.direction === 'higher' ? '大きいほど良い' : '小さいほど良い'}）
              </div>
              <table className="kpi-table">
                <tbody>
                  <tr>
                    <th scope="row">{formatFiscalYear(fiscalYear)} 目標／実績</th>
                    <td>
                      {formatNumber(v?.target ?? null) || '—'}／
                      {formatNumber(v?.actual ?? null) || '—'}
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">達成率</th>
                    <td>
                      {formatPercent(rate)}
                      <div className="formula">{achievementFormula(k.direction)}</div>
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">進捗率</th>
                    <td>
                      {formatPercent(progress)}（最終目標 {formatNumber(k.finalTarget) || '—'}）
                      <div className="formula">{progressFormula(k.progressMethod)}</div>
                    </td>
                  </tr>
                </tbody>
              </table>
            </div>
          );
        })}
      </section>

      <Opinions plan={plan} item={item} fiscalYear={fiscalYear} />

      <section aria-label="計画をまたいだ系譜" className="lineage">
        <h3>系譜（前計画・次期計画）</h3>
        {lineage.length <= 1 ? (
          <p className="muted">前後の計画に引き継がれた項目はありません。</p>
        ) : (
          <ol>
            {lineage.map((l) => (
              <li key={l.itemId} className={l.itemId === item.id ? 'current' : undefined}>
                <div>
                  {l.planTitle}　{l.code} {l.name}
                </div>
                <div className="muted">
                  {l.evaluations.length === 0
                    ? '評価の記録なし'
                    : l.evaluations
                        .map(
                          (e) => `${formatFiscalYear(e.fiscalYear, 'short')}${e.round}：${e.label}`,
                        )
                        .join('　')}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>

      <HistoryList history={history} line={(e) => historyLine(e, settings)} />

      {editKpis ? (
        <KpiEditor plan={plan} item={item} kpis={kpis} onClose={() => setEditKpis(false)} />
      ) : null}
    </aside>
  );
}

/** 推進本部・委員会の意見 for the item and year, with the section's 対応. */
function Opinions({
  plan,
  item,
  fiscalYear,
}: {
  plan: PlanDetail;
  item: ReformItem;
  fiscalYear: number;
}) {
  const notify = useAppStore((s) => s.notify);
  const [meetings, setMeetings] = useState<Meeting[]>([]);
  const [opinions, setOpinions] = useState<Opinion[]>([]);
  const [form, setForm] = useState<{
    id?: number;
    meetingId: string;
    body: string;
    response: string;
  } | null>(null);
  const [newMeeting, setNewMeeting] = useState<{
    kind: Meeting['kind'];
    name: string;
    heldOn: string;
  } | null>(null);

  const load = async () => {
    const r = await call('meetings.list', { planId: plan.id, fiscalYear });
    setMeetings(r.meetings);
    setOpinions(r.opinions.filter((o) => o.itemId === item.id));
  };
  useEffect(() => {
    let live = true;
    call('meetings.list', { planId: plan.id, fiscalYear })
      .then((r) => {
        if (!live) return;
        setMeetings(r.meetings);
        setOpinions(r.opinions.filter((o) => o.itemId === item.id));
      })
      .catch((e: unknown) => notify('error', errorMessage(e)));
    return () => {
      live = false;
    };
  }, [plan.id, fiscalYear, item.id, notify]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!form) return;
    try {
      let meetingId = Number(form.meetingId);
      if (form.meetingId === 'new') {
        if (!newMeeting) return;
        meetingId = (
          await withUndo('会議の登録', 'meetings.save', {
            planId: plan.id,
            fiscalYear,
            kind: newMeeting.kind,
            name: newMeeting.name,
            heldOn: newMeeting.heldOn || null,
          })
        ).id;
      }
      await withUndo('意見の保存', 'opinions.save', {
        id: form.id,
        meetingId,
        itemId: item.id,
        body: form.body,
        response: form.response,
      });
      setForm(null);
      setNewMeeting(null);
      await load();
      void usePlanStore.getState().refreshHistory();
      notify('info', '意見を保存しました。');
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  const remove = async (o: Opinion) => {
    try {
      await withUndo('意見の削除', 'opinions.delete', { id: o.id });
      await load();
      notify('info', '意見を削除しました。');
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  const meetingName = (id: number) => {
    const m = meetings.find((x) => x.id === id);
    return m ? `${MEETING_KIND_LABELS[m.kind]}　${m.name}${m.heldOn ? `（${m.heldOn}）` : ''}` : '';
  };

  return (
    <section aria-label="推進本部・委員会の意見" className="opinions">
      <h3>
        意見と対応（{formatFiscalYear(fiscalYear)}）
        <button
          type="button"
          onClick={() => {
            setForm({
              meetingId: meetings[0] ? String(meetings[0].id) : 'new',
              body: '',
              response: '',
            });
            setNewMeeting(
              meetings[0] ? null : { kind: 'committee', name: '行政改革推進委員会', heldOn: '' },
            );
          }}
        >
          意見を追加
        </button>
      </h3>
      {opinions.length === 0 && !form ? <p className="muted">意見はありません。</p> : null}
      <ul>
        {opinions.map((o) => (
          <li key={o.id} className="opinion">
            <div className="muted">{meetingName(o.meetingId)}</div>
            <div className="pre">意見：{o.body}</div>
            <div className="pre">対応：{o.response || '（未記入）'}</div>
            <button
              type="button"
              onClick={() =>
                setForm({
                  id: o.id,
                  meetingId: String(o.meetingId),
                  body: o.body,
                  response: o.response,
                })
              }
            >
              編集
            </button>
            <button type="button" onClick={() => void remove(o)}>
              削除
            </button>
          </li>
        ))}
      </ul>
      {form ? (
        <form className="detail-form" onSubmit={(e) => void submit(e)}>
          <label>
            会議
            <select
              value={form.meetingId}
              onChange={(e) => {
                setForm({ ...form, meetingId: e.target.value });
                if (e.target.value === 'new')
                  setNewMeeting({ kind: 'committee', name: '行政改革推進委員会', heldOn: '' });
              }}
            >
              {meetings.map((m) => (
                <option key={m.id} value={m.id}>
                  {meetingName(m.id)}
                </option>
              ))}
              <option value="new">新しい会議を登録…</option>
            </select>
          </label>
          {form.meetingId === 'new' && newMeeting ? (
            <fieldset className="new-meeting">
              <legend>新しい会議</legend>
              <label>
                種類
                <select
                  value={newMeeting.kind}
                  onChange={(e) =>
                    setNewMeeting({ ...newMeeting, kind: e.target.value as Meeting['kind'] })
                  }
                >
                  <option value="headquarters">推進本部</option>
                  <option value="committee">委員会</option>
                </select>
              </label>
              <label>
                会議名
                <input
                  value={newMeeting.name}
                  onChange={(e) => setNewMeeting({ ...newMeeting, name: e.target.value })}
                />
              </label>
              <label>
                開催日
                <input
                  type="date"
                  value={newMeeting.heldOn}
                  onChange={(e) => setNewMeeting({ ...newMeeting, heldOn: e.target.value })}
                />
              </label>
            </fieldset>
          ) : null}
          <label>
            意見
            <textarea
              rows={3}
              value={form.body}
              onChange={(e) => setForm({ ...form, body: e.target.value })}
            />
          </label>
          <label>
            担当課の対応
            <textarea
              rows={3}
              value={form.response}
              onChange={(e) => setForm({ ...form, response: e.target.value })}
            />
          </label>
          <div className="form-actions">
            <button type="submit" className="primary">
              保存
            </button>
            <button type="button" onClick={() => setForm(null)}>
              取り消し
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** The item's 効果額 year by year (each year's last round) with 累計, and its evaluations. */
function ItemYears({
  itemId,
  record,
  settings,
}: {
  itemId: number;
  record: PdcaRecord;
  settings: PdcaSettings;
}) {
  const [years, setYears] = useState<PdcaRecord[]>([]);
  // Refetched when this item's record changes, so the table follows edits in the grid.
  useEffect(() => {
    let live = true;
    call('pdca.itemYears', { itemId })
      .then((y) => live && setYears(y))
      .catch(() => live && setYears([]));
    return () => {
      live = false;
    };
  }, [itemId, record.updatedAt]);
  if (years.length === 0) return null;
  const unit = settings.amountUnit;
  const sum = (a: number | null, b: number | null) =>
    a === null && b === null ? null : (a ?? 0) + (b ?? 0);
  const plans = cumulative(years.map((y) => sum(y.revenuePlan, y.savingPlan)));
  const actuals = cumulative(years.map((y) => sum(y.revenueActual, y.savingActual)));
  const level = (id: number | null) => levelText(settings.levels.find((l) => l.id === id));
  return (
    <section aria-label="年度ごとの効果額と評価" className="item-years">
      <h3>年度ごとの効果額（{amountUnitLabel(unit)}）と評価</h3>
      <table className="kpi-years">
        <thead>
          <tr>
            <th scope="col">年度</th>
            <th scope="col">計画</th>
            <th scope="col">実績</th>
            <th scope="col">累計 計画</th>
            <th scope="col">累計 実績</th>
            <th scope="col">{settings.axisLabels.evaluation}</th>
          </tr>
        </thead>
        <tbody>
          {years.map((y, i) => (
            <tr key={y.id}>
              <th scope="row">{formatFiscalYear(y.fiscalYear, 'short')}</th>
              <td className="number">{formatAmount(sum(y.revenuePlan, y.savingPlan), unit)}</td>
              <td className="number">{formatAmount(sum(y.revenueActual, y.savingActual), unit)}</td>
              <td className="number">{formatAmount(plans[i]!, unit)}</td>
              <td className="number">{formatAmount(actuals[i]!, unit)}</td>
              <td>{level(y.evaluationId)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
