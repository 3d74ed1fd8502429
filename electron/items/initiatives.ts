import { stmt } from '../db/statements';
import { AppError } from '../../shared/errors';
import type { InitiativeInput } from '../../shared/domain/item';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange } from '../audit/audit-log';
import { getItemRow } from './item-queries';

interface Snapshot {
  label: string;
  text: string;
  points: string[];
  spans: { startFy: number; endFy: number; phaseId: number }[];
}

function snapshot(cs: ChangeSet, initiativeId: number): Snapshot {
  const ini = stmt(cs.db, 'SELECT label, text FROM initiatives WHERE id = ?').get(initiativeId) as {
    label: string;
    text: string;
  };
  const points = (
    stmt(
      cs.db,
      'SELECT text FROM initiative_points WHERE initiative_id = ? ORDER BY sort_order',
    ).all(initiativeId) as { text: string }[]
  ).map((p) => p.text);
  const spans = (
    stmt(
      cs.db,
      'SELECT start_fy, end_fy, phase_id FROM schedule_spans WHERE initiative_id = ? ORDER BY start_fy, id',
    ).all(initiativeId) as {
      start_fy: number;
      end_fy: number;
      phase_id: number;
    }[]
  ).map((s) => ({ startFy: s.start_fy, endFy: s.end_fy, phaseId: s.phase_id }));
  return { ...ini, points, spans };
}

/**
 * Replaces the 主な取組 of an item, with their points and 実施時期 spans, in one
 * go. Initiatives passed with their id keep it (and their history); the others
 * are added; those left out are removed.
 */
export function setInitiatives(
  cs: ChangeSet,
  itemId: number,
  list: readonly InitiativeInput[],
  expectedUpdatedAt?: string,
): void {
  const item = getItemRow(cs.db, itemId);
  if (expectedUpdatedAt != null && expectedUpdatedAt !== item.updated_at) {
    throw new AppError(
      'CONFLICT',
      'この改革項目は、表示した後に別の操作で変更されています。最新の内容を読み込み直してから、もう一度入力してください。',
    );
  }
  const plan = stmt(cs.db, 'SELECT first_fy, last_fy FROM plans WHERE id = ?').get(
    item.plan_id,
  ) as { first_fy: number; last_fy: number };
  const phases = new Set(
    (
      stmt(cs.db, 'SELECT id FROM schedule_phases WHERE plan_id = ?').all(item.plan_id) as {
        id: number;
      }[]
    ).map((p) => p.id),
  );
  const existing = new Set(
    (
      stmt(cs.db, 'SELECT id FROM initiatives WHERE item_id = ?').all(itemId) as { id: number }[]
    ).map((r) => r.id),
  );

  list.forEach((ini, k) => {
    for (const s of ini.spans) {
      if (s.startFy > s.endFy)
        throw new AppError(
          'VALIDATION',
          `${ini.label || `${k + 1}番目の取組`}の実施時期：開始年度が終了年度より後になっています。`,
        );
      if (s.startFy < plan.first_fy || s.endFy > plan.last_fy) {
        throw new AppError(
          'VALIDATION',
          `${ini.label || `${k + 1}番目の取組`}の実施時期が計画期間の外にあります。`,
        );
      }
      if (!phases.has(s.phaseId))
        throw new AppError(
          'VALIDATION',
          '実施時期の区分がこの計画にありません。画面を更新してください。',
        );
    }
    if (ini.id != null && !existing.has(ini.id)) {
      throw new AppError(
        'CONFLICT',
        '主な取組が別の操作で変更されています。画面を更新してからもう一度入力してください。',
      );
    }
  });

  const keep = new Set(list.map((i) => i.id).filter((id): id is number => id != null));
  for (const id of existing) {
    if (keep.has(id)) continue;
    recordChange(cs, {
      action: 'delete',
      entity: 'initiative',
      entityId: id,
      itemId,
      oldValue: snapshot(cs, id),
    });
    stmt(cs.db, 'DELETE FROM initiatives WHERE id = ?').run(id);
  }
  const insPoint = stmt(
    cs.db,
    'INSERT INTO initiative_points (initiative_id, text, sort_order) VALUES (?, ?, ?)',
  );
  const insSpan = stmt(
    cs.db,
    'INSERT INTO schedule_spans (initiative_id, start_fy, end_fy, phase_id) VALUES (?, ?, ?, ?)',
  );
  list.forEach((ini, k) => {
    let id = ini.id;
    const before = id != null ? snapshot(cs, id) : null;
    if (id == null) {
      id = Number(
        stmt(
          cs.db,
          'INSERT INTO initiatives (item_id, label, text, sort_order) VALUES (?, ?, ?, ?)',
        ).run(itemId, ini.label, ini.text, k + 1).lastInsertRowid,
      );
    } else {
      stmt(cs.db, 'UPDATE initiatives SET label = ?, text = ?, sort_order = ? WHERE id = ?').run(
        ini.label,
        ini.text,
        k + 1,
        id,
      );
      stmt(cs.db, 'DELETE FROM initiative_points WHERE initiative_id = ?').run(id);
      stmt(cs.db, 'DELETE FROM schedule_spans WHERE initiative_id = ?').run(id);
    }
    ini.points.forEach((p, j) => insPoint.run(id, p, j + 1));
    for (const s of ini.spans) insSpan.run(id, s.startFy, s.endFy, s.phaseId);
    const after = snapshot(cs, id);
    if (!before)
      recordChange(cs, {
        action: 'create',
        entity: 'initiative',
        entityId: id,
        itemId,
        newValue: after,
      });
    else if (JSON.stringify(before) !== JSON.stringify(after)) {
      recordChange(cs, {
        action: 'update',
        entity: 'initiative',
        entityId: id,
        itemId,
        field: 'initiative',
        oldValue: before,
        newValue: after,
      });
    }
  });
  stmt(cs.db, 'UPDATE reform_items SET updated_at = ? WHERE id = ?').run(cs.at, itemId);
}
