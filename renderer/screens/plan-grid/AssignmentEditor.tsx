import { useState } from 'react';
import type { AssignmentRole, ReformItem } from '../../../shared/domain/item';
import type { OrgUnit } from '../../../shared/domain/org';
import { Dialog } from '../../components/Dialog';

interface Props {
  item: ReformItem;
  units: OrgUnit[];
  fiscalYear: number;
  onClose(): void;
  onSave(input: {
    assignments: { orgUnitId: number; role: AssignmentRole }[];
    involvesRelatedSections: boolean;
  }): Promise<boolean>;
}

type Choice = 'none' | AssignmentRole;

/** 実施担当: per section none / 主担当 / 支援, grouped by 部, plus 関係部課. */
export function AssignmentEditor({ item, units, fiscalYear, onClose, onSave }: Props) {
  const valid = (u: OrgUnit) =>
    (u.validFromFy == null || u.validFromFy <= fiscalYear) &&
    (u.validToFy == null || u.validToFy >= fiscalYear);
  const departments = units.filter((u) => u.kind === 'department' && valid(u));
  const sections = units.filter(
    (u) => u.kind === 'section' && (valid(u) || item.assignments.some((a) => a.orgUnitId === u.id)),
  );
  const [choice, setChoice] = useState<Map<number, Choice>>(
    () => new Map(item.assignments.map((a) => [a.orgUnitId, a.role])),
  );
  const [related, setRelated] = useState(item.involvesRelatedSections);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    const assignments = sections
      .filter((s) => (choice.get(s.id) ?? 'none') !== 'none')
      .sort((a, b) => (choice.get(a.id) === 'lead' ? 0 : 1) - (choice.get(b.id) === 'lead' ? 0 : 1))
      .map((s) => ({ orgUnitId: s.id, role: choice.get(s.id) as AssignmentRole }));
    const ok = await onSave({ assignments, involvesRelatedSections: related });
    setSaving(false);
    if (ok) onClose();
  };
  const groups = [
    ...departments.map((d) => ({
      name: d.name,
      list: sections.filter((s) => s.parentId === d.id),
    })),
    { name: 'その他', list: sections.filter((s) => !departments.some((d) => d.id === s.parentId)) },
  ].filter((g) => g.list.length > 0);
  return (
    <Dialog
      title={`${item.code} ${item.name}：実施担当`}
      open
      onClose={onClose}
      footer={
        <>
          <button type="button" className="primary" onClick={() => void save()} disabled={saving}>
            {saving ? '保存しています…' : '保存'}
          </button>
          <button type="button" onClick={onClose}>
            取り消し
          </button>
        </>
      }
    >
      <div className="assignment-editor">
        {groups.map((g) => (
          <fieldset key={g.name}>
            <legend>{g.name}</legend>
            {g.list.map((s) => (
              <div key={s.id} className="assignment-row" role="radiogroup" aria-label={s.name}>
                <span className="assignment-name">{s.name}</span>
                {(['none', 'lead', 'support'] as const).map((c) => (
                  <label key={c}>
                    <input
                      type="radio"
                      name={`sec-${s.id}`}
                      checked={(choice.get(s.id) ?? 'none') === c}
                      onChange={() => setChoice(new Map(choice).set(s.id, c))}
                    />
                    {{ none: 'なし', lead: '主担当', support: '支援' }[c]}
                  </label>
                ))}
              </div>
            ))}
          </fieldset>
        ))}
        <label className="check">
          <input type="checkbox" checked={related} onChange={(e) => setRelated(e.target.checked)} />
          関係部課（関係するすべての課。年度ごとに決める）
        </label>
      </div>
    </Dialog>
  );
}
