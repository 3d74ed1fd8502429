import { useEffect, useState } from 'react';
import type { ResultOf } from '../../../shared/contract';
import type { ReformItem } from '../../../shared/domain/item';
import type { Round } from '../../../shared/domain/pdca';
import { RECORD_STATUS_LABELS } from '../../../shared/domain/pdca';
import { formatDayJa, formatFiscalYear } from '../../../shared/fiscal-year';
import { call, errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { formatTsv } from '../../../shared/tsv';
import { useAppStore } from '../../stores/app-store';

/** 未回答一覧: per section, the items of the round not answered yet, to chase before the deadline. */
export function UnansweredDialog({
  round,
  items,
  onClose,
}: {
  round: Round;
  items: readonly ReformItem[];
  onClose(): void;
}) {
  const notify = useAppStore((s) => s.notify);
  const [list, setList] = useState<ResultOf<'pdca.unanswered'> | null>(null);
  useEffect(() => {
    call('pdca.unanswered', { roundId: round.id })
      .then(setList)
      .catch((e: unknown) => notify('error', errorMessage(e)));
  }, [round.id, notify]);
  const byId = new Map(items.map((i) => [i.id, i]));
  const total = list?.reduce((n, s) => n + s.items.length, 0) ?? 0;
  const copy = async () => {
    if (!list) return;
    const rows = [['部', '課', 'No.', '改革項目', '状況']];
    for (const s of list)
      for (const it of s.items) {
        const item = byId.get(it.itemId);
        rows.push([
          s.departmentName ?? '',
          s.sectionName,
          item?.code ?? '',
          item?.name ?? '',
          RECORD_STATUS_LABELS[it.status],
        ]);
      }
    await navigator.clipboard.writeText(formatTsv(rows));
    notify('info', '未回答一覧をコピーしました。Excelやメールに貼り付けられます。');
  };
  return (
    <Dialog
      title={`未回答一覧　${formatFiscalYear(round.fiscalYear)} ${round.name}（締切 ${round.deadline ? formatDayJa(round.deadline) : '未定'}）`}
      open
      wide
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={() => void copy()} disabled={!list || total === 0}>
            一覧をコピー
          </button>
          <button type="button" className="primary" onClick={onClose}>
            閉じる
          </button>
        </>
      }
    >
      {!list ? <p className="muted">読み込んでいます…</p> : null}
      {list && total === 0 ? <p>すべての担当課から回答がありました。</p> : null}
      {list && total > 0 ? (
        <>
          <p>
            {list.length}課・{total}項目が未回答です（未依頼・依頼中）。
          </p>
          <table className="sections-table unanswered">
            <thead>
              <tr>
                <th scope="col">担当課</th>
                <th scope="col">件数</th>
                <th scope="col">改革項目</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.sectionId ?? 'none'}>
                  <th scope="row">
                    {s.departmentName ? <div className="muted">{s.departmentName}</div> : null}
                    {s.sectionName}
                  </th>
                  <td className="number">{s.items.length}</td>
                  <td>
                    <ul>
                      {s.items.map((it) => {
                        const item = byId.get(it.itemId);
                        return (
                          <li key={it.itemId}>
                            {item?.code} {item?.name}
                            <span className="muted">（{RECORD_STATUS_LABELS[it.status]}）</span>
                          </li>
                        );
                      })}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </Dialog>
  );
}
