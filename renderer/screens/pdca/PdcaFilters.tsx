import type { OrgUnit } from '../../../shared/domain/org';
import type { PdcaSettings, RecordStatus } from '../../../shared/domain/pdca';
import { RECORD_STATUSES, RECORD_STATUS_LABELS } from '../../../shared/domain/pdca';
import { levelText } from '../../../shared/pdca-levels';
import { EMPTY_PDCA_FILTER, usePdcaStore } from '../../stores/pdca-store';
import { SectionFilter } from '../../components/SectionFilter';

/** The PDCA grid's filters: search, the year's sections, status, evaluation, direction. */
export function PdcaFilters({
  settings,
  sections,
}: {
  settings: PdcaSettings;
  sections: readonly OrgUnit[];
}) {
  const filter = usePdcaStore((s) => s.filter);
  const store = usePdcaStore.getState();
  const evalLevels = settings.levels.filter((l) => l.axis === 'evaluation');
  const dirLevels = settings.levels.filter((l) => l.axis === 'direction');
  const filtered =
    JSON.stringify({ ...filter, itemIdsLabel: '' }) !==
    JSON.stringify({ ...EMPTY_PDCA_FILTER, itemIdsLabel: '' });
  return (
    <div className="filters" role="search" aria-label="進捗の記録の絞り込み">
      <label>
        検索
        <input
          type="search"
          value={filter.query}
          placeholder="名称・実績・理由など"
          onChange={(e) => store.setFilter({ query: e.target.value })}
        />
      </label>
      <SectionFilter
        label="担当課"
        sections={sections}
        value={filter.sectionId}
        onChange={(sectionId) => store.setFilter({ sectionId })}
      />
      <label>
        状況
        <select
          value={filter.status ?? ''}
          onChange={(e) =>
            store.setFilter({ status: (e.target.value || null) as RecordStatus | null })
          }
        >
          <option value="">すべて</option>
          {RECORD_STATUSES.map((s) => (
            <option key={s} value={s}>
              {RECORD_STATUS_LABELS[s]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {settings.axisLabels.evaluation}
        <select
          value={filter.evaluationId ?? ''}
          onChange={(e) =>
            store.setFilter({
              evaluationId: e.target.value === '' ? null : Number(e.target.value),
            })
          }
        >
          <option value="">すべて</option>
          <option value="0">未評価</option>
          {evalLevels.map((l) => (
            <option key={l.id} value={l.id}>
              {levelText(l)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {settings.axisLabels.direction}
        <select
          value={filter.directionId ?? ''}
          onChange={(e) =>
            store.setFilter({
              directionId: e.target.value === '' ? null : Number(e.target.value),
            })
          }
        >
          <option value="">すべて</option>
          <option value="0">未記入</option>
          {dirLevels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.label}
            </option>
          ))}
        </select>
      </label>
      {filter.itemIds ? (
        <span className="filter-chip">
          {filter.itemIdsLabel}（{filter.itemIds.length}件）
          <button
            type="button"
            className="icon-button"
            aria-label="ダッシュボードからの絞り込みを解除"
            onClick={() => store.setFilter({ itemIds: null, itemIdsLabel: '' })}
          >
            ×
          </button>
        </span>
      ) : null}
      {filtered ? (
        <button type="button" onClick={() => store.setFilter(EMPTY_PDCA_FILTER)}>
          絞り込みを解除
        </button>
      ) : null}
    </div>
  );
}
