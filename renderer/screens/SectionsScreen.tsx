import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import type { OrgUnit } from '../../shared/domain/org';
import type { PlanDetail } from '../../shared/domain/plan';
import { fiscalYearsBetween, formatFiscalYear } from '../../shared/fiscal-year';
import { errorMessage } from '../api/client';
import { Dialog } from '../components/Dialog';
import { useAppStore } from '../stores/app-store';
import { displayFiscalYear, usePlanStore } from '../stores/plan-store';
import { withUndo } from '../stores/undo-store';

type Action =
  | { kind: 'add'; unitKind: 'department' | 'section'; parentId: number | null }
  | { kind: 'rename'; unit: OrgUnit }
  | { kind: 'retire'; unit: OrgUnit }
  | { kind: 'merge'; units: OrgUnit[] }
  | null;

function validity(u: OrgUnit): string {
  if (u.validFromFy == null && u.validToFy == null) return '（期間の定めなし）';
  const from = u.validFromFy != null ? formatFiscalYear(u.validFromFy) : '';
  const to = u.validToFy != null ? formatFiscalYear(u.validToFy) : '';
  return `${from}～${to}`;
}

/**
 * 部・課 over the years: a rename or merge takes effect from a fiscal year and
 * the old name stays for the years before, so past records keep the names
 * they were made under.
 */
export function SectionsScreen({ plan }: { plan: PlanDetail }) {
  const units = usePlanStore((s) => s.orgUnits);
  const items = usePlanStore((s) => s.items);
  const reload = usePlanStore((s) => s.reload);
  const notify = useAppStore((s) => s.notify);
  const [showPast, setShowPast] = useState(false);
  const [checked, setChecked] = useState<Set<number>>(new Set());
  const [action, setAction] = useState<Action>(null);
  const years = fiscalYearsBetween(plan.firstFy - 1, plan.lastFy + 2);
  const currentFy = displayFiscalYear(plan);

  const counts = useMemo(() => {
    const m = new Map<number, number>();
    for (const i of items)
      for (const a of i.assignments) m.set(a.orgUnitId, (m.get(a.orgUnitId) ?? 0) + 1);
    return m;
  }, [items]);
  const byId = new Map(units.map((u) => [u.id, u]));
  const visible = (u: OrgUnit) => showPast || u.validToFy == null || u.validToFy >= currentFy;
  const departments = units.filter((u) => u.kind === 'department' && visible(u));

  const run = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      await reload();
      setChecked(new Set());
      notify('info', done);
      return true;
    } catch (e) {
      notify('error', errorMessage(e));
      return false;
    }
  };

  const toggle = (id: number) => {
    const next = new Set(checked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChecked(next);
  };

  const selectedUnits = [...checked].map((id) => byId.get(id)!).filter(Boolean);
  return (
    <main className="content sections-screen">
      <header className="content-header">
        <h1>部・課</h1>
        <span className="muted">{formatFiscalYear(currentFy)}の組織を表示しています</span>
      </header>
      <div className="toolbar" role="toolbar" aria-label="部・課の操作">
        <button
          type="button"
          onClick={() => setAction({ kind: 'add', unitKind: 'department', parentId: null })}
        >
          部を追加
        </button>
        <button
          type="button"
          onClick={() =>
            setAction({ kind: 'add', unitKind: 'section', parentId: departments[0]?.id ?? null })
          }
        >
          課を追加
        </button>
        <button
          type="button"
          disabled={selectedUnits.length < 2}
          onClick={() => setAction({ kind: 'merge', units: selectedUnits })}
        >
          選んだ課を統合
        </button>
        <label className="check">
          <input
            type="checkbox"
            checked={showPast}
            onChange={(e) => setShowPast(e.target.checked)}
          />
          廃止・名称変更前の部・課も表示
        </label>
      </div>
      <table className="sections-table">
        <caption className="visually-hidden">部・課の一覧</caption>
        <thead>
          <tr>
            <th scope="col">選択</th>
            <th scope="col">部</th>
            <th scope="col">課</th>
            <th scope="col">有効期間</th>
            <th scope="col">変更後</th>
            <th scope="col">担当する改革項目</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {departments.map((d) => {
            const sections = units.filter(
              (u) => u.kind === 'section' && u.parentId === d.id && visible(u),
            );
            return [d, ...sections].map((u) => {
              const retired = u.validToFy != null;
              return (
                <tr key={u.id} className={retired ? 'retired' : undefined}>
                  <td>
                    {u.kind === 'section' && !retired ? (
                      <input
                        type="checkbox"
                        aria-label={`${u.name}を選ぶ`}
                        checked={checked.has(u.id)}
                        onChange={() => toggle(u.id)}
                      />
                    ) : null}
                  </td>
                  <th scope="row">{u.kind === 'department' ? u.name : ''}</th>
                  <td>{u.kind === 'section' ? u.name : ''}</td>
                  <td>{validity(u)}</td>
                  <td>
                    {u.successorId != null
                      ? `→ ${byId.get(u.successorId)?.name ?? ''}（${formatFiscalYear((u.validToFy ?? 0) + 1)}から）`
                      : retired
                        ? '廃止'
                        : ''}
                  </td>
                  <td className="num">
                    {u.kind === 'section' ? `${counts.get(u.id) ?? 0}件` : ''}
                  </td>
                  <td>
                    {!retired ? (
                      <>
                        <button
                          type="button"
                          onClick={() => setAction({ kind: 'rename', unit: u })}
                        >
                          名称変更
                        </button>
                        <button
                          type="button"
                          onClick={() => setAction({ kind: 'retire', unit: u })}
                        >
                          廃止
                        </button>
                        {u.kind === 'department' ? (
                          <button
                            type="button"
                            onClick={() =>
                              setAction({ kind: 'add', unitKind: 'section', parentId: u.id })
                            }
                          >
                            課を追加
                          </button>
                        ) : null}
                      </>
                    ) : null}
                  </td>
                </tr>
              );
            });
          })}
        </tbody>
      </table>

      {action ? (
        <OrgDialog
          action={action}
          years={years}
          defaultFy={currentFy + 1 <= plan.lastFy + 2 ? currentFy + 1 : currentFy}
          departments={departments.filter((d) => d.validToFy == null)}
          onClose={() => setAction(null)}
          onSubmit={(input) => {
            if (action.kind === 'add') {
              return run(
                () =>
                  withUndo('部・課の追加', 'org.create', {
                    kind: action.unitKind,
                    name: input.name,
                    parentId: action.unitKind === 'section' ? input.parentId : null,
                    validFromFy: input.fy,
                  }),
                `「${input.name}」を追加しました。`,
              );
            }
            if (action.kind === 'rename') {
              return run(
                () =>
                  withUndo(`「${action.unit.name}」の名称変更`, 'org.rename', {
                    unitId: action.unit.id,
                    name: input.name,
                    fromFy: input.fy!,
                  }),
                `「${action.unit.name}」を${formatFiscalYear(input.fy!)}から「${input.name}」にしました。`,
              );
            }
            if (action.kind === 'retire') {
              return run(
                () =>
                  withUndo(`「${action.unit.name}」の廃止`, 'org.retire', {
                    unitId: action.unit.id,
                    lastFy: input.fy!,
                  }),
                `「${action.unit.name}」を${formatFiscalYear(input.fy!)}限りで廃止しました。`,
              );
            }
            return run(
              () =>
                withUndo('部・課の統合', 'org.merge', {
                  unitIds: action.units.map((u) => u.id),
                  name: input.name,
                  parentId: input.parentId,
                  fromFy: input.fy!,
                }),
              `${action.units.map((u) => `「${u.name}」`).join('')}を${formatFiscalYear(input.fy!)}から「${input.name}」に統合しました。`,
            );
          }}
        />
      ) : null}
    </main>
  );
}

interface OrgInput {
  name: string;
  parentId: number | null;
  fy: number | null;
}

function OrgDialog(props: {
  action: Exclude<Action, null>;
  years: number[];
  defaultFy: number;
  departments: OrgUnit[];
  onClose(): void;
  onSubmit(input: OrgInput): Promise<boolean>;
}) {
  const { action } = props;
  const [name, setName] = useState(action.kind === 'rename' ? action.unit.name : '');
  const [parentId, setParentId] = useState<number | null>(
    action.kind === 'add'
      ? action.parentId
      : action.kind === 'merge'
        ? (action.units[0]?.parentId ?? null)
        : null,
  );
  const [fy, setFy] = useState<number | null>(
    action.kind === 'add' ? null : action.kind === 'retire' ? props.defaultFy - 1 : props.defaultFy,
  );
  const title =
    action.kind === 'add'
      ? action.unitKind === 'department'
        ? '部を追加'
        : '課を追加'
      : action.kind === 'rename'
        ? `「${action.unit.name}」の名称変更`
        : action.kind === 'retire'
          ? `「${action.unit.name}」の廃止`
          : `${action.units.length}つの課を統合`;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (action.kind !== 'retire' && !name.trim()) return;
    if (await props.onSubmit({ name: name.trim(), parentId, fy })) props.onClose();
  };
  const needsParent =
    (action.kind === 'add' && action.unitKind === 'section') || action.kind === 'merge';
  return (
    <Dialog title={title} open onClose={props.onClose}>
      <form className="org-form" onSubmit={submit}>
        {action.kind === 'merge' ? (
          <p>統合する課：{action.units.map((u) => u.name).join('、')}</p>
        ) : null}
        {action.kind !== 'retire' ? (
          <label>
            {action.kind === 'rename'
              ? '新しい名称'
              : action.kind === 'merge'
                ? '統合後の名称'
                : '名称'}
            <input
              value={name}
              onChange={(e) => setName(e.target.value)}
              maxLength={100}
              required
              autoFocus
            />
          </label>
        ) : null}
        {needsParent ? (
          <label>
            所属する部
            <select
              value={parentId ?? ''}
              onChange={(e) => setParentId(e.target.value ? Number(e.target.value) : null)}
              required
            >
              {props.departments.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label>
          {action.kind === 'retire'
            ? '最後の年度（この年度まで有効）'
            : action.kind === 'add'
              ? '有効になる年度（空欄は期間の定めなし）'
              : '変更が効力を持つ年度'}
          <select
            value={fy ?? ''}
            onChange={(e) => setFy(e.target.value ? Number(e.target.value) : null)}
            required={action.kind !== 'add'}
          >
            {action.kind === 'add' ? <option value="">（指定しない）</option> : null}
            {props.years.map((y) => (
              <option key={y} value={y}>
                {formatFiscalYear(y)}
              </option>
            ))}
          </select>
        </label>
        {action.kind === 'rename' || action.kind === 'merge' ? (
          <p className="muted">
            それより前の年度は、元の名称のまま記録に残ります。担当している改革項目は新しい名称に引き継がれます。
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary">
            {action.kind === 'retire' ? '廃止する' : '決定'}
          </button>
          <button type="button" onClick={props.onClose}>
            取り消し
          </button>
        </div>
      </form>
    </Dialog>
  );
}
