import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import type { ReformItem } from '../../../shared/domain/item';
import type { Kpi, PdcaRecord, PdcaRecordPatch, PdcaSettings } from '../../../shared/domain/pdca';
import type { YearCorrection } from '../../../shared/domain/years';
import { RECORD_FIELD_LABELS } from '../../../shared/domain/years';
import { formatDateJa, formatFiscalYear } from '../../../shared/fiscal-year';
import { levelText } from '../../../shared/pdca-levels';
import { formatAmount, parseAmount, parseNumber } from '../../../shared/pdca-math';
import { formatTsv } from '../../../shared/tsv';
import { call, errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useAppStore } from '../../stores/app-store';
import { usePdcaStore } from '../../stores/pdca-store';

type FieldKey = keyof PdcaRecordPatch | `kpi:${number}:${'target' | 'actual'}`;

const TEXT: (keyof PdcaRecordPatch)[] = [
  'planText',
  'resultText',
  'evaluationReason',
  'issuesText',
];
const LEVEL: Record<string, 'progress' | 'progress2' | 'evaluation' | 'direction'> = {
  progressId: 'progress',
  progress2Id: 'progress2',
  evaluationId: 'evaluation',
  directionId: 'direction',
};
const AMOUNT: (keyof PdcaRecordPatch)[] = [
  'revenuePlan',
  'savingPlan',
  'revenueActual',
  'savingActual',
];

/**
 * 訂正 of a closed year, as cities publish them: the list (copyable for the
 * web page) and, for the selected 改革項目, a form that changes one field
 * with a reason. Nothing else of a closed year can be changed.
 */
export function CorrectionsDialog({
  planId,
  fiscalYear,
  closed,
  settings,
  selected,
  kpis,
  onClose,
}: {
  planId: number;
  fiscalYear: number;
  closed: boolean;
  settings: PdcaSettings;
  selected: { item: ReformItem; record: PdcaRecord } | null;
  kpis: readonly Kpi[];
  onClose(): void;
}) {
  const [list, setList] = useState<YearCorrection[]>([]);
  const notify = useAppStore((s) => s.notify);
  const load = () =>
    void call('years.corrections', { planId, fiscalYear })
      .then(setList)
      .catch((e: unknown) => notify('error', errorMessage(e)));
  useEffect(load, [planId, fiscalYear, notify]);

  const copy = async () => {
    const rows = [
      ['訂正日', 'No.', '改革項目', '訂正した欄', '訂正前', '訂正後', '理由'],
      ...list.map((c) => [
        formatDateJa(new Date(c.correctedAt)),
        c.itemCode,
        c.itemName,
        c.fieldLabel,
        c.oldText,
        c.newText,
        c.reason,
      ]),
    ];
    await navigator.clipboard.writeText(formatTsv(rows));
    notify('info', `訂正一覧（${list.length}件）をコピーしました。Excel に貼り付けられます。`);
  };

  return (
    <Dialog title={`${formatFiscalYear(fiscalYear)}の訂正一覧`} open onClose={onClose} wide>
      {closed && selected ? (
        <CorrectionForm
          settings={settings}
          selected={selected}
          kpis={kpis.filter((k) => k.itemId === selected.item.id)}
          fiscalYear={fiscalYear}
          onDone={load}
        />
      ) : closed ? (
        <p className="muted">訂正するときは、表で改革項目を選んでから開いてください。</p>
      ) : null}
      {list.length === 0 ? (
        <p className="empty">この年度の訂正はありません。</p>
      ) : (
        <>
          <table className="plain-table corrections" aria-label="訂正一覧">
            <thead>
              <tr>
                <th scope="col">訂正日</th>
                <th scope="col">No.</th>
                <th scope="col">改革項目</th>
                <th scope="col">訂正した欄</th>
                <th scope="col">訂正前</th>
                <th scope="col">訂正後</th>
                <th scope="col">理由</th>
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <tr key={c.id}>
                  <td>{formatDateJa(new Date(c.correctedAt))}</td>
                  <td>{c.itemCode}</td>
                  <td>{c.itemName}</td>
                  <td>{c.fieldLabel}</td>
                  <td className="pre">{c.oldText}</td>
                  <td className="pre">{c.newText}</td>
                  <td>{c.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={() => void copy()}>
            一覧をコピー（Excel に貼り付け）
          </button>
          <p className="muted">訂正一覧は公表用 Excel の「訂正一覧」シートにも載ります。</p>
        </>
      )}
    </Dialog>
  );
}

function CorrectionForm({
  settings,
  selected,
  kpis,
  fiscalYear,
  onDone,
}: {
  settings: PdcaSettings;
  selected: { item: ReformItem; record: PdcaRecord };
  kpis: readonly Kpi[];
  fiscalYear: number;
  onDone(): void;
}) {
  const notify = useAppStore((s) => s.notify);
  const [field, setField] = useState<FieldKey>('resultText');
  const { record } = selected;
  const [value, setValue] = useState(record.resultText);
  const [reason, setReason] = useState('');
  const axisLabel = (k: string) =>
    settings.axisLabels[LEVEL[k]!] ?? RECORD_FIELD_LABELS[k as keyof PdcaRecordPatch];
  const options: [FieldKey, string][] = [
    ...TEXT.map((k) => [k, RECORD_FIELD_LABELS[k]] as [FieldKey, string]),
    ...Object.keys(LEVEL)
      .filter((k) => k !== 'progress2Id' || settings.axisLabels.progress2 !== null)
      .map((k) => [k as FieldKey, axisLabel(k)] as [FieldKey, string]),
    ...AMOUNT.map((k) => [k, RECORD_FIELD_LABELS[k]] as [FieldKey, string]),
    ...kpis.flatMap((k) =>
      (['target', 'actual'] as const).map(
        (f) =>
          [`kpi:${k.id}:${f}`, `指標「${k.name}」の${f === 'target' ? '目標値' : '実績値'}`] as [
            FieldKey,
            string,
          ],
      ),
    ),
  ];
  const current = (): string => {
    if (field.startsWith('kpi:')) {
      const [, id, f] = field.split(':');
      const v = kpis
        .find((k) => k.id === Number(id))
        ?.values.find((x) => x.fiscalYear === fiscalYear)?.[f as 'target' | 'actual'];
      return v == null ? '' : String(v);
    }
    const k = field as keyof PdcaRecordPatch;
    if (LEVEL[k]) return String(record[k] ?? '');
    if (AMOUNT.includes(k)) return formatAmount(record[k] as number | null, settings.amountUnit);
    return String(record[k] ?? '');
  };
  // Text is corrected from what it says now (staff change a part of it).
  const initialValue = (f: FieldKey) =>
    TEXT.includes(f as keyof PdcaRecordPatch)
      ? String(record[f as keyof PdcaRecordPatch] ?? '')
      : '';
  const pick = (f: FieldKey) => {
    setField(f);
    setValue(initialValue(f));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      if (field.startsWith('kpi:')) {
        const [, id, f] = field.split(':');
        const parsed = parseNumber(value, '指標の値');
        if (!parsed.ok) return notify('error', parsed.message);
        await call('years.correctKpi', {
          kpiId: Number(id),
          fiscalYear,
          field: f as 'target' | 'actual',
          value: parsed.value,
          reason,
        });
      } else {
        const k = field as keyof PdcaRecordPatch;
        let v: string | number | null = value;
        if (LEVEL[k]) v = value === '' ? null : Number(value);
        else if (AMOUNT.includes(k)) {
          const parsed = parseAmount(value, settings.amountUnit, RECORD_FIELD_LABELS[k]);
          if (!parsed.ok) return notify('error', parsed.message);
          v = parsed.value;
        }
        await call('years.correctRecord', { recordId: record.id, patch: { [k]: v }, reason });
      }
      notify('info', '訂正しました。訂正一覧に追加しました。');
      setReason('');
      setValue('');
      onDone();
      await usePdcaStore.getState().reload();
    } catch (err) {
      notify('error', errorMessage(err));
    }
  };

  const levelAxis = LEVEL[field];
  return (
    <form className="correction-form" onSubmit={submit} aria-label="訂正の入力">
      <h3>
        {selected.item.code} {selected.item.name} を訂正
      </h3>
      <label className="block-label">
        訂正する欄
        <select value={field} onChange={(e) => pick(e.target.value as FieldKey)}>
          {options.map(([k, l]) => (
            <option key={k} value={k}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <p className="muted">
        いまの値：
        {levelAxis
          ? levelText(settings.levels.find((l) => l.id === Number(current()))) || '（空欄）'
          : current() || '（空欄）'}
      </p>
      <label className="block-label">
        訂正後の値
        {levelAxis ? (
          <select value={value} onChange={(e) => setValue(e.target.value)}>
            <option value="">（空欄）</option>
            {settings.levels
              .filter((l) => l.axis === levelAxis)
              .map((l) => (
                <option key={l.id} value={l.id}>
                  {levelText(l)}
                </option>
              ))}
          </select>
        ) : TEXT.includes(field as keyof PdcaRecordPatch) ? (
          <textarea
            value={value}
            onChange={(e) => setValue(e.target.value)}
            rows={4}
            maxLength={4000}
          />
        ) : (
          <input value={value} onChange={(e) => setValue(e.target.value)} inputMode="decimal" />
        )}
      </label>
      <label className="block-label">
        訂正の理由（訂正一覧に載ります）
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          maxLength={500}
          placeholder="例：担当課から実績の誤りの連絡があったため"
        />
      </label>
      <button type="submit" className="primary" disabled={reason.trim() === ''}>
        訂正する
      </button>
    </form>
  );
}
