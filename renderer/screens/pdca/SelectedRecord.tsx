import { memo, useMemo } from 'react';
import type { ReformItem } from '../../../shared/domain/item';
import type { PdcaRecord, RecordStatus } from '../../../shared/domain/pdca';
import type { PlanDetail } from '../../../shared/domain/plan';
import { PANEL_REST_MS, useSettled } from '../../components/useSettled';
import { usePdcaStore } from '../../stores/pdca-store';
import { usePlanStore } from '../../stores/plan-store';
import { RecordPanel } from './RecordPanel';

/**
 * The parts of the PDCA screen that follow the grid's cursor. They subscribe
 * to it themselves: the screen around them (the grid, the filters, the
 * rounds) is not drawn again on every click and arrow key.
 */

export type SelectedRow = { item: ReformItem; record: PdcaRecord };

/** The 改革項目 under the cursor with its record in the round shown, if it has one. */
export function pdcaRowOf(
  itemId: number | null,
  records: readonly PdcaRecord[],
  items: readonly ReformItem[],
): SelectedRow | null {
  if (itemId == null) return null;
  const record = records.find((r) => r.itemId === itemId);
  const item = items.find((i) => i.id === itemId);
  return record && item ? { item, record } : null;
}

function useSelectedPdcaRow(): SelectedRow | null {
  const itemId = usePlanStore((s) => s.selectedItemId);
  const records = usePdcaStore((s) => s.records);
  const items = usePdcaStore((s) => s.items);
  return useMemo(() => pdcaRowOf(itemId, records, items), [itemId, records, items]);
}

/** 「選んだ項目に」: acts on the row under the cursor when pressed. */
export const SelectedStatusButton = memo(function SelectedStatusButton({
  status,
  onChange,
}: {
  status: RecordStatus | '';
  onChange(ids: number[], status: RecordStatus | ''): void;
}) {
  const selected = useSelectedPdcaRow();
  return (
    <button
      type="button"
      disabled={!selected || status === ''}
      onClick={() => selected && onChange([selected.record.id], status)}
    >
      選んだ項目に
    </button>
  );
});

/**
 * The record of the row under the cursor. It follows the cursor and the
 * edits once the user pauses: the typed cell, its save and the next key never
 * wait for the panel.
 */
export const SelectedRecordPanel = memo(function SelectedRecordPanel({
  plan,
  onClose,
  onStatus,
  onCorrect,
}: {
  plan: PlanDetail;
  onClose(): void;
  onStatus(ids: number[], status: RecordStatus): void;
  onCorrect?: () => void;
}) {
  const selected = useSelectedPdcaRow();
  const shown = useSettled(selected, PANEL_REST_MS);
  if (!selected || !shown)
    return (
      <aside className="item-detail record-panel" aria-label="進捗の詳細">
        <p className="muted">
          表の行を選ぶと、その改革項目の記録・指標・意見・履歴をここに表示します。
        </p>
      </aside>
    );
  return (
    <RecordPanel
      plan={plan}
      item={shown.item}
      record={shown.record}
      onClose={onClose}
      onStatus={(status) => onStatus([shown.record.id], status)}
      onCorrect={onCorrect}
    />
  );
});
