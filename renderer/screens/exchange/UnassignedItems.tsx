import { useEffect, useState } from 'react';
import type { OrgUnit } from '../../../shared/domain/org';
import { formatFiscalYear } from '../../../shared/fiscal-year';
import { call, errorMessage } from '../../api/client';
import { useAppStore } from '../../stores/app-store';
import { withUndo } from '../../stores/undo-store';

interface Unassigned {
  itemId: number;
  code: string;
  name: string;
  orgUnitId: number | null;
}

/**
 * Items no section answers this round (実施担当 only 「関係部課」): never
 * dropped silently. The 事務局 names a 課 for the round (the item then goes
 * into that 課's workbook) or leaves it to enter in the PDCA grid itself.
 */
export function UnassignedItems({
  roundId,
  fiscalYear,
  version,
  onChanged,
}: {
  roundId: number;
  fiscalYear: number;
  version: number;
  onChanged(): void;
}) {
  const notify = useAppStore((s) => s.notify);
  const [items, setItems] = useState<Unassigned[]>([]);
  const [units, setUnits] = useState<OrgUnit[]>([]);
  useEffect(() => {
    let live = true;
    Promise.all([call('pdca.unassigned', { roundId }), call('org.list', { fiscalYear })])
      .then(([list, u]) => {
        if (!live) return;
        setItems(list);
        setUnits(u.filter((x) => x.kind === 'section'));
      })
      .catch((e: unknown) => notify('error', errorMessage(e)));
    return () => {
      live = false;
    };
  }, [roundId, fiscalYear, version, notify]);

  if (items.length === 0) return null;
  const left = items.filter((i) => i.orgUnitId === null).length;
  const assign = async (item: Unassigned, orgUnitId: number | null) => {
    try {
      await withUndo('回答する課の指定', 'pdca.roundAnswerers.set', {
        roundId,
        itemIds: [item.itemId],
        orgUnitId,
      });
      const unit = units.find((u) => u.id === orgUnitId);
      notify(
        'info',
        unit
          ? `${item.code}「${item.name}」は${unit.name}のファイルで照会します。`
          : `${item.code}「${item.name}」は事務局が入力します。`,
      );
      onChanged();
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };
  return (
    <div className="unassigned" role="region" aria-label="回答する課がない改革項目">
      <p className={left > 0 ? 'warning-text' : 'muted'}>
        実施担当が「関係部課」だけの改革項目が {items.length}件あります
        {left > 0 ? `（うち ${left}件はどの照会ファイルにも入りません）` : ''}
        。この回に回答する課を選ぶと、その課のファイルに入ります。「事務局が入力する」の項目は PDCA
        進捗管理の画面で入力してください（{formatFiscalYear(fiscalYear)}
        の未回答一覧にも「担当課の指定なし」として載ります）。
      </p>
      <table className="settings-table">
        <thead>
          <tr>
            <th scope="col">No.</th>
            <th scope="col">改革項目</th>
            <th scope="col">この回に回答する課</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <tr key={i.itemId}>
              <td>{i.code}</td>
              <td>{i.name}</td>
              <td>
                <select
                  aria-label={`${i.code} ${i.name}に回答する課`}
                  value={i.orgUnitId ?? ''}
                  onChange={(e) =>
                    void assign(i, e.target.value === '' ? null : Number(e.target.value))
                  }
                >
                  <option value="">事務局が入力する</option>
                  {units.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.name}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
