import { AppError } from '../../shared/errors';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange } from '../audit/audit-log';
import { requirePlan } from './plan-queries';

export interface PhaseInput {
  id?: number;
  code: string;
  label: string;
}

/**
 * The plan's 実施時期 phases in the given order: renamed, added, or removed
 * when no span uses them. Removing one in use is refused with how many spans
 * still use it, so no schedule silently loses its phase.
 */
export function setPhases(cs: ChangeSet, planId: number, phases: readonly PhaseInput[]): void {
  requirePlan(cs.db, planId);
  if (phases.length === 0)
    throw new AppError('VALIDATION', '実施時期の区分を1つ以上設定してください。');
  const codes = phases.map((p) => p.code.trim());
  if (new Set(codes).size !== codes.length)
    throw new AppError('VALIDATION', '同じ名前の区分が2つあります。');
  const existing = cs.db
    .prepare('SELECT id, code, label FROM schedule_phases WHERE plan_id = ?')
    .all(planId) as { id: number; code: string; label: string }[];
  const keep = new Set(phases.map((p) => p.id).filter((id): id is number => id != null));
  for (const p of phases) {
    if (p.id != null && !existing.some((e) => e.id === p.id))
      throw new AppError('CONFLICT', '区分が別の操作で変更されています。画面を更新してください。');
  }
  for (const e of existing) {
    if (keep.has(e.id)) continue;
    const used = (
      cs.db.prepare('SELECT count(*) AS n FROM schedule_spans WHERE phase_id = ?').get(e.id) as {
        n: number;
      }
    ).n;
    if (used > 0)
      throw new AppError(
        'VALIDATION',
        `区分「${e.label}」は${used}件の実施時期で使われているため削除できません。先にそれらの区分を変えてください。`,
      );
    cs.db.prepare('DELETE FROM schedule_phases WHERE id = ?').run(e.id);
    recordChange(cs, {
      action: 'delete',
      entity: 'schedule_phase',
      entityId: e.id,
      oldValue: { code: e.code, label: e.label },
    });
  }
  // Park sort orders and codes first so reordering and swapping names never collide.
  cs.db
    .prepare(
      "UPDATE schedule_phases SET code = '#' || id, sort_order = 1000000 + sort_order WHERE plan_id = ?",
    )
    .run(planId);
  phases.forEach((p, i) => {
    const code = p.code.trim();
    const label = p.label.trim() || code;
    if (p.id == null) {
      const id = Number(
        cs.db
          .prepare(
            'INSERT INTO schedule_phases (plan_id, code, label, sort_order) VALUES (?, ?, ?, ?)',
          )
          .run(planId, code, label, i + 1).lastInsertRowid,
      );
      recordChange(cs, {
        action: 'create',
        entity: 'schedule_phase',
        entityId: id,
        newValue: { code, label },
      });
    } else {
      const before = existing.find((e) => e.id === p.id)!;
      cs.db
        .prepare('UPDATE schedule_phases SET code = ?, label = ?, sort_order = ? WHERE id = ?')
        .run(code, label, i + 1, p.id);
      if (before.code !== code || before.label !== label) {
        recordChange(cs, {
          action: 'update',
          entity: 'schedule_phase',
          entityId: p.id,
          field: 'label',
          oldValue: before.label,
          newValue: label,
        });
      }
    }
  });
}
