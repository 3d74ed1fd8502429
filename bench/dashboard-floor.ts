import Database from 'better-sqlite3';

/**
 * The floor under the dashboard: the same aggregates (evaluation and status
 * counts per 重点項目 for the year and the year before, per lead section,
 * 効果額 per year of each year's last round, KPI bands) as hand-written SQL
 * over the same file, with nothing around it — no schema validation, no
 * closed-year snapshots, no transport. Returns one run's milliseconds.
 */
export function dashboardFloor(file: string, fiscalYear: number): number {
  const db = new Database(file, { readonly: true });
  try {
    const t0 = performance.now();
    const last = `SELECT o.id, o.fiscal_year FROM pdca_rounds o WHERE o.plan_id = 1 AND o.sort_order =
      (SELECT max(sort_order) FROM pdca_rounds x WHERE x.plan_id = 1 AND x.fiscal_year = o.fiscal_year)`;
    db.prepare(
      `WITH last AS (${last})
       SELECT last.fiscal_year, a.priority_id, r.evaluation_id, r.progress_id, count(*)
       FROM last JOIN pdca_records r ON r.round_id = last.id
       JOIN reform_items i ON i.id = r.item_id AND i.deleted_at IS NULL
       JOIN areas a ON a.id = i.area_id
       WHERE last.fiscal_year IN (@fy, @fy - 1)
       GROUP BY last.fiscal_year, a.priority_id, r.evaluation_id, r.progress_id`,
    )
      .raw()
      .all({ fy: fiscalYear });
    db.prepare(
      `WITH last AS (${last}),
       lead AS (SELECT item_id, min(org_unit_id) AS unit FROM item_assignments WHERE role = 'lead' GROUP BY item_id)
       SELECT lead.unit, r.evaluation_id, count(*)
       FROM last JOIN pdca_records r ON r.round_id = last.id JOIN lead ON lead.item_id = r.item_id
       WHERE last.fiscal_year = @fy
       GROUP BY lead.unit, r.evaluation_id`,
    )
      .raw()
      .all({ fy: fiscalYear });
    db.prepare(
      `WITH last AS (${last})
       SELECT last.fiscal_year, r.evaluation_id, count(*),
         sum(coalesce(r.revenue_plan, 0) + coalesce(r.saving_plan, 0)),
         sum(r.revenue_actual), sum(r.saving_actual)
       FROM last JOIN pdca_records r ON r.round_id = last.id
       GROUP BY last.fiscal_year, r.evaluation_id`,
    )
      .raw()
      .all();
    db.prepare(
      `SELECT CASE WHEN v.actual IS NULL OR v.target IS NULL OR v.target = 0 THEN 'none'
                   WHEN v.actual * 100.0 / v.target >= 100 THEN 'achieved'
                   WHEN v.actual * 100.0 / v.target >= 80 THEN 'near' ELSE 'behind' END AS band,
              count(*)
       FROM kpis k LEFT JOIN kpi_values v ON v.kpi_id = k.id AND v.fiscal_year = @fy
       GROUP BY band`,
    )
      .raw()
      .all({ fy: fiscalYear });
    return performance.now() - t0;
  } finally {
    db.close();
  }
}
