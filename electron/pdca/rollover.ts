import type { LineageEntry } from '../../shared/domain/pdca';
import { AppError } from '../../shared/errors';
import { formatFiscalYear } from '../../shared/fiscal-year';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange } from '../audit/audit-log';
import type { Db } from '../db/open-store';
import { CODE_COLUMNS, getItemRow, itemCode } from '../items/item-queries';
import type { CodeParts } from '../items/item-queries';
import { requirePlan } from '../plans/plan-queries';
import { copyPdcaSettings } from './settings';

export interface RolloverInput {
  planId: number;
  title: string;
  firstFy: number;
  lastFy: number;
  /** Items carried over as 【継続項目】; the others end with the current plan. */
  itemIds: number[];
}

/**
 * The next plan from the current one: same 重点項目 and 分野, phases, scales and
 * rounds; the chosen items carried as 【継続項目】 linked to their predecessor,
 * with initiatives, sections and KPI definitions. Schedules and yearly values
 * are the new plan's to decide, so they start empty.
 */
export function rolloverPlan(cs: ChangeSet, input: RolloverInput): number {
  const db = cs.db;
  const from = requirePlan(db, input.planId);
  if (input.firstFy <= from.first_fy) {
    throw new AppError(
      'VALIDATION',
      `次期計画の開始年度は、現計画の開始（${formatFiscalYear(from.first_fy)}）より後にしてください。`,
    );
  }
  if (input.lastFy < input.firstFy || input.lastFy - input.firstFy >= 20) {
    throw new AppError('VALIDATION', '計画期間は開始年度から20年以内で指定してください。');
  }
  const chosen = new Set(input.itemIds);
  for (const id of chosen) {
    const row = getItemRow(db, id);
    if (row.plan_id !== input.planId) {
      throw new AppError(
        'VALIDATION',
        '引き継ぐ改革項目に、この計画のものでない項目が含まれています。',
      );
    }
  }
  const planId = Number(
    db
      .prepare(
        `INSERT INTO plans (title, municipality, first_fy, last_fy, predecessor_plan_id, source_note, created_at, updated_at,
           heading_levels, number_pattern, priority_label, area_label, group_label)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        input.title.trim(),
        from.municipality,
        input.firstFy,
        input.lastFy,
        from.id,
        `${from.title}から作成`,
        cs.at,
        cs.at,
        // the same shape; the items are numbered anew, so numbers as written do not carry
        from.heading_levels,
        from.number_pattern,
        from.priority_label,
        from.area_label,
        from.group_label,
      ).lastInsertRowid,
  );
  recordChange(cs, {
    action: 'create',
    entity: 'plan',
    entityId: planId,
    newValue: {
      title: input.title,
      firstFy: input.firstFy,
      lastFy: input.lastFy,
      predecessorPlanId: from.id,
    },
  });
  db.prepare(
    `INSERT INTO schedule_phases (plan_id, code, label, sort_order)
     SELECT ?, code, label, sort_order FROM schedule_phases WHERE plan_id = ?`,
  ).run(planId, from.id);
  db.prepare(
    `INSERT INTO glossary_terms (plan_id, term, description, sort_order)
     SELECT ?, term, description, sort_order FROM glossary_terms WHERE plan_id = ?`,
  ).run(planId, from.id);
  copyPdcaSettings(cs, from.id, planId);

  const priorities = db
    .prepare(
      'SELECT * FROM priorities WHERE plan_id = ? AND deleted_at IS NULL ORDER BY sort_order',
    )
    .all(from.id) as {
    id: number;
    number: number;
    title: string;
    lead_text: string;
    sort_order: number;
    group_id: number | null;
  }[];
  const insPriority = db.prepare(
    'INSERT INTO priorities (plan_id, number, title, lead_text, sort_order) VALUES (?, ?, ?, ?, ?)',
  );
  const insArea = db.prepare(
    'INSERT INTO areas (priority_id, number, title, lead_text, sort_order) VALUES (?, ?, ?, ?, ?)',
  );
  const insItem = db.prepare(
    `INSERT INTO reform_items (plan_id, area_id, number, name, is_continued, predecessor_item_id, promotion,
       involves_related_sections, sort_order, created_at, updated_at)
     SELECT ?, ?, ?, name, 1, id, promotion, involves_related_sections, ?, ?, ? FROM reform_items WHERE id = ?`,
  );
  const items = db.prepare(
    'SELECT id FROM reform_items WHERE area_id = ? AND deleted_at IS NULL ORDER BY sort_order',
  );
  let order = 0;
  const newId = new Map<number, number>();
  const newArea = new Map<number, number>();
  // 基本目標 copied as they are, each 重点項目 under its copy.
  const newGroup = new Map<number, number>();
  for (const g of db
    .prepare('SELECT id, number, title, sort_order FROM heading_groups WHERE plan_id = ?')
    .all(from.id) as { id: number; number: number; title: string; sort_order: number }[])
    newGroup.set(
      g.id,
      Number(
        db
          .prepare(
            'INSERT INTO heading_groups (plan_id, number, title, sort_order) VALUES (?, ?, ?, ?)',
          )
          .run(planId, g.number, g.title, g.sort_order).lastInsertRowid,
      ),
    );
  for (const p of priorities) {
    const pid = Number(
      insPriority.run(planId, p.number, p.title, p.lead_text, p.sort_order).lastInsertRowid,
    );
    if (p.group_id != null)
      db.prepare('UPDATE priorities SET group_id = ? WHERE id = ?').run(
        newGroup.get(p.group_id) ?? null,
        pid,
      );
    const areas = db
      .prepare(
        'SELECT * FROM areas WHERE priority_id = ? AND deleted_at IS NULL ORDER BY sort_order',
      )
      .all(p.id) as {
      id: number;
      number: number;
      title: string;
      lead_text: string;
      sort_order: number;
    }[];
    for (const a of areas) {
      const aid = Number(
        insArea.run(pid, a.number, a.title, a.lead_text, a.sort_order).lastInsertRowid,
      );
      newArea.set(a.id, aid);
      let number = 0;
      for (const oldId of (items.pluck().all(a.id) as number[]).filter((id) => chosen.has(id))) {
        const id = Number(
          insItem.run(planId, aid, ++number, ++order, cs.at, cs.at, oldId).lastInsertRowid,
        );
        copyItemParts(db, oldId, id);
        newId.set(oldId, id);
        recordChange(cs, {
          action: 'create',
          entity: 'reform_item',
          entityId: id,
          itemId: id,
          newValue: { continuedFrom: oldId, number },
        });
      }
    }
  }
  // 再掲 of carried items, where both ends carried over.
  for (const r of db
    .prepare(
      `SELECT rp.item_id, rp.area_id, rp.sort_order FROM item_reposts rp
         JOIN reform_items i ON i.id = rp.item_id WHERE i.plan_id = ?`,
    )
    .all(from.id) as { item_id: number; area_id: number; sort_order: number }[]) {
    const item = newId.get(r.item_id);
    const area = newArea.get(r.area_id);
    if (item !== undefined && area !== undefined)
      db.prepare('INSERT INTO item_reposts (item_id, area_id, sort_order) VALUES (?, ?, ?)').run(
        item,
        area,
        r.sort_order,
      );
  }
  return planId;
}

function copyItemParts(db: Db, fromItem: number, toItem: number): void {
  const initiatives = db
    .prepare(
      'SELECT id, label, text, sort_order FROM initiatives WHERE item_id = ? ORDER BY sort_order',
    )
    .all(fromItem) as { id: number; label: string; text: string; sort_order: number }[];
  for (const n of initiatives) {
    const nid = Number(
      db
        .prepare('INSERT INTO initiatives (item_id, label, text, sort_order) VALUES (?, ?, ?, ?)')
        .run(toItem, n.label, n.text, n.sort_order).lastInsertRowid,
    );
    db.prepare(
      `INSERT INTO initiative_points (initiative_id, text, sort_order)
       SELECT ?, text, sort_order FROM initiative_points WHERE initiative_id = ?`,
    ).run(nid, n.id);
  }
  db.prepare(
    `INSERT INTO item_assignments (item_id, org_unit_id, role, sort_order)
     SELECT ?, coalesce(
         (SELECT s.id FROM org_units s WHERE s.id = a.org_unit_id AND s.valid_to_fy IS NULL),
         (SELECT s.successor_id FROM org_units s WHERE s.id = a.org_unit_id),
         a.org_unit_id),
       role, sort_order FROM item_assignments a WHERE item_id = ? AND a.valid_to_fy IS NULL`,
  ).run(toItem, fromItem);
  db.prepare(
    `INSERT INTO kpis (item_id, name, unit, direction, progress_method, base_fy, base_value, final_target, sort_order)
     SELECT ?, name, unit, direction, progress_method, base_fy, base_value, final_target, sort_order FROM kpis WHERE item_id = ?`,
  ).run(toItem, fromItem);
}

/** An item across plans: its predecessors and successors, each with its yearly evaluations. */
export function itemLineage(db: Db, itemId: number): LineageEntry[] {
  getItemRow(db, itemId);
  const chain: number[] = [itemId];
  const pred = db.prepare('SELECT predecessor_item_id FROM reform_items WHERE id = ?').pluck();
  const succ = db
    .prepare('SELECT id FROM reform_items WHERE predecessor_item_id = ? AND deleted_at IS NULL')
    .pluck();
  for (
    let id = pred.get(itemId) as number | null;
    id != null && !chain.includes(id);
    id = pred.get(id) as number | null
  ) {
    chain.unshift(id);
  }
  for (
    let id = succ.get(itemId) as number | undefined;
    id != null && !chain.includes(id);
    id = succ.get(id) as number | undefined
  ) {
    chain.push(id);
  }
  const info = db.prepare(
    `SELECT i.id, i.name, ${CODE_COLUMNS}, pl.id AS plan_id, pl.title, pl.first_fy, pl.last_fy
     FROM reform_items i JOIN areas a ON a.id = i.area_id JOIN priorities p ON p.id = a.priority_id
     JOIN plans pl ON pl.id = i.plan_id WHERE i.id = ?`,
  );
  const evals = db.prepare(
    `SELECT o.fiscal_year, o.name AS round, l.label FROM pdca_records r
     JOIN pdca_rounds o ON o.id = r.round_id JOIN scale_levels l ON l.id = r.evaluation_id
     WHERE r.item_id = ? ORDER BY o.fiscal_year, o.sort_order`,
  );
  return chain.map((id) => {
    const r = info.get(id) as CodeParts & {
      id: number;
      name: string;
      plan_id: number;
      title: string;
      first_fy: number;
      last_fy: number;
    };
    return {
      planId: r.plan_id,
      planTitle: r.title,
      firstFy: r.first_fy,
      lastFy: r.last_fy,
      itemId: r.id,
      code: itemCode(r),
      name: r.name,
      evaluations: (evals.all(id) as { fiscal_year: number; round: string; label: string }[]).map(
        (e) => ({
          fiscalYear: e.fiscal_year,
          round: e.round,
          label: e.label,
        }),
      ),
    };
  });
}
