import type { OrgUnit } from '../../shared/domain/org';

/** A filter by 課: すべて, or one of them (the plan grid's 実施担当, the PDCA grid's 担当課). */
export function SectionFilter({
  label,
  sections,
  value,
  onChange,
}: {
  label: string;
  sections: readonly OrgUnit[];
  value: number | null;
  onChange(sectionId: number | null): void;
}) {
  return (
    <label>
      {label}
      <select
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value ? Number(e.target.value) : null)}
      >
        <option value="">すべて</option>
        {sections.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
    </label>
  );
}
