import type { PlanFile } from '../../shared/domain/plan-file';
import { DEFAULT_HEADING_NAMES, DEFAULT_NUMBER_PATTERN } from '../../shared/domain/headings';
import type { ChangeSet } from '../audit/audit-log';
import { recordChange } from '../audit/audit-log';
import { stmt } from '../db/statements';
import { findOrCreateUnit } from '../org/org-units';

/**
 * Writes a whole plan document into the store, with a 'create' audit entry per
 * entity. The caller runs it inside one transaction: a plan arrives whole or
 * not at all.
 */
export function loadPlanFile(cs: ChangeSet, file: PlanFile, sourceNote: string): number {
  const { db, at } = cs;
  const p = file.plan;
  const planId = Number(
    db
      .prepare(
        `INSERT INTO plans (title, municipality, first_fy, last_fy, adopted_on, source_note, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(p.title, p.municipality, p.firstFy, p.lastFy, p.adoptedOn, sourceNote, at, at)
      .lastInsertRowid,
  );
  // The plan's shape, written only where it differs from the columns' defaults:
  // a plan of the usual shape loads into stores of older schema versions too
  // (the migration tests seed them with the sample plan).
  if (
    p.headingLevels !== 2 ||
    p.numberPattern !== DEFAULT_NUMBER_PATTERN ||
    p.headingNames.priority !== DEFAULT_HEADING_NAMES.priority ||
    p.headingNames.area !== DEFAULT_HEADING_NAMES.area ||
    p.headingNames.group !== DEFAULT_HEADING_NAMES.group ||
    p.repostCounting !== 'home'
  )
    db.prepare(
      `UPDATE plans SET heading_levels = ?, number_pattern = ?, priority_label = ?, area_label = ?,
         group_label = ?, repost_counting = ? WHERE id = ?`,
    ).run(
      p.headingLevels,
      p.numberPattern,
      p.headingNames.priority,
      p.headingNames.area,
      p.headingNames.group,
      p.repostCounting,
      planId,
    );
  // 基本目標 above the 重点項目, by their number, in the order they come.
  const groupIds = new Map<number, number>();
  const groupOf = (g: { number: number; title: string } | undefined): number | null => {
    if (!g || p.headingLevels !== 3) return null;
    let id = groupIds.get(g.number);
    if (id === undefined) {
      id = Number(
        db
          .prepare(
            'INSERT INTO heading_groups (plan_id, number, title, sort_order) VALUES (?, ?, ?, ?)',
          )
          .run(planId, g.number, g.title, groupIds.size + 1).lastInsertRowid,
      );
      groupIds.set(g.number, id);
      recordChange(cs, { action: 'create', entity: 'heading_group', entityId: id, newValue: g });
    }
    return id;
  };
  recordChange(cs, { action: 'create', entity: 'plan', entityId: planId, newValue: p });

  const phaseIds = new Map<string, number>();
  const insPhase = db.prepare(
    'INSERT INTO schedule_phases (plan_id, code, label, sort_order) VALUES (?, ?, ?, ?)',
  );
  file.phases.forEach((ph, i) => {
    phaseIds.set(ph.code, Number(insPhase.run(planId, ph.code, ph.label, i + 1).lastInsertRowid));
  });

  const insPriority = db.prepare(
    'INSERT INTO priorities (plan_id, number, title, lead_text, sort_order) VALUES (?, ?, ?, ?, ?)',
  );
  const insArea = db.prepare(
    'INSERT INTO areas (priority_id, number, title, lead_text, sort_order) VALUES (?, ?, ?, ?, ?)',
  );
  const insItem = db.prepare(
    `INSERT INTO reform_items (plan_id, area_id, number, name, is_continued, promotion,
       involves_related_sections, sort_order, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const setWritten = (itemId: number, written: string) =>
    stmt(db, 'UPDATE reform_items SET written_number = ? WHERE id = ?').run(written, itemId);
  const insInitiative = db.prepare(
    'INSERT INTO initiatives (item_id, label, text, sort_order) VALUES (?, ?, ?, ?)',
  );
  const insPoint = db.prepare(
    'INSERT INTO initiative_points (initiative_id, text, sort_order) VALUES (?, ?, ?)',
  );
  const insSpan = db.prepare(
    'INSERT INTO schedule_spans (initiative_id, start_fy, end_fy, phase_id) VALUES (?, ?, ?, ?)',
  );
  const insAssign = db.prepare(
    'INSERT INTO item_assignments (item_id, org_unit_id, role, sort_order) VALUES (?, ?, ?, ?)',
  );

  let itemOrder = 0;
  const itemIds = new Map<string, number>();
  const areaIds: [number, PlanFile['priorities'][number]['areas'][number], number][] = [];
  for (const [pi, pr] of file.priorities.entries()) {
    const priorityId = Number(
      insPriority.run(planId, pr.number, pr.title, pr.leadText, pi + 1).lastInsertRowid,
    );
    const groupId = groupOf(pr.group);
    if (groupId !== null)
      stmt(db, 'UPDATE priorities SET group_id = ? WHERE id = ?').run(groupId, priorityId);
    recordChange(cs, {
      action: 'create',
      entity: 'priority',
      entityId: priorityId,
      newValue: { number: pr.number, title: pr.title },
    });
    for (const [ai, ar] of pr.areas.entries()) {
      const areaId = Number(
        insArea.run(priorityId, ar.number, ar.title, ar.leadText, ai + 1).lastInsertRowid,
      );
      areaIds.push([pr.number, ar, areaId]);
      recordChange(cs, {
        action: 'create',
        entity: 'area',
        entityId: areaId,
        newValue: { number: ar.number, title: ar.title },
      });
      for (const it of ar.items) {
        const itemId = Number(
          insItem.run(
            planId,
            areaId,
            it.number,
            it.name,
            it.continued ? 1 : 0,
            it.promotion,
            it.relatedSections ? 1 : 0,
            ++itemOrder,
            at,
            at,
          ).lastInsertRowid,
        );
        if (it.writtenNumber) setWritten(itemId, it.writtenNumber);
        itemIds.set(`${pr.number}-${ar.number}-${it.number}`, itemId);
        recordChange(cs, {
          action: 'create',
          entity: 'reform_item',
          entityId: itemId,
          itemId,
          newValue: {
            number: it.number,
            ...(it.writtenNumber ? { writtenNumber: it.writtenNumber } : {}),
            name: it.name,
            isContinued: it.continued,
            promotion: it.promotion,
          },
        });
        for (const [ni, ini] of it.initiatives.entries()) {
          const iniId = Number(
            insInitiative.run(itemId, ini.label, ini.text, ni + 1).lastInsertRowid,
          );
          ini.points.forEach((pt, k) => insPoint.run(iniId, pt, k + 1));
          for (const s of ini.spans) insSpan.run(iniId, s.start, s.end, phaseIds.get(s.phase)!);
          recordChange(cs, {
            action: 'create',
            entity: 'initiative',
            entityId: iniId,
            itemId,
            newValue: { label: ini.label, text: ini.text, points: ini.points, spans: ini.spans },
          });
        }
        let order = 0;
        const assign = (refs: typeof it.lead, role: 'lead' | 'support') => {
          for (const ref of refs) {
            const dep = findOrCreateUnit(cs, 'department', ref.department, null);
            const sec = findOrCreateUnit(cs, 'section', ref.section, dep);
            insAssign.run(itemId, sec, role, ++order);
            recordChange(cs, {
              action: 'create',
              entity: 'item_assignment',
              entityId: sec,
              itemId,
              newValue: { role, department: ref.department, section: ref.section },
            });
          }
        };
        assign(it.lead, 'lead');
        assign(it.support, 'support');
      }
    }
  }
  // 再掲, once every item has its id.
  for (const [pr, ar, areaId] of areaIds)
    ar.reposts.forEach((r, k) => {
      const itemId = itemIds.get(`${r.priority}-${r.area}-${r.number}`);
      if (itemId === undefined || (r.priority === pr && r.area === ar.number)) return;
      // stmt prepares on first use: a plan without 再掲 loads into older schemas too
      stmt(
        db,
        'INSERT OR IGNORE INTO item_reposts (item_id, area_id, sort_order) VALUES (?, ?, ?)',
      ).run(itemId, areaId, k + 1);
      recordChange(cs, {
        action: 'create',
        entity: 'item_repost',
        entityId: itemId,
        itemId,
        newValue: { areaId },
      });
    });
  const insTerm = db.prepare(
    'INSERT INTO glossary_terms (plan_id, term, description, sort_order) VALUES (?, ?, ?, ?)',
  );
  file.glossary.forEach((g, i) => insTerm.run(planId, g.term, g.description, i + 1));
  return planId;
}
