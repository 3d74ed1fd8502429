import type { H } from '../exchange/helpers';
import { ok } from '../exchange/helpers';

export { reportOpts } from '../../support/report-options';

/**
 * Opens a year, answers every record (evaluations spread over the scale,
 * some 対象外, some 効果額), makes them 確定 and closes the year: a year as a
 * 事務局 publishes it.
 */
export async function closedYear(h: H, fiscalYear: number, close = true) {
  const rounds = await ok(h, 'pdca.rounds.open', { planId: 1, fiscalYear });
  const last = rounds[rounds.length - 1]!;
  const settings = await ok(h, 'pdca.settings.get', { planId: 1 });
  const evals = settings.levels.filter((l) => l.axis === 'evaluation');
  const records = await ok(h, 'pdca.records.list', { roundId: last.id });
  await ok(h, 'pdca.records.update', {
    roundId: last.id,
    kpis: [],
    changes: records.map((r, i) => ({
      recordId: r.id,
      patch: {
        resultText: `${fiscalYear}年度の実績 ${r.itemId}`,
        evaluationId: i % 7 === 6 ? null : evals[(r.itemId * 7 + fiscalYear) % evals.length]!.id,
        savingActual: i % 3 === 0 ? (r.itemId * 1000 + fiscalYear) * 1000 : null,
      },
    })),
  });
  const ids = records.map((r) => r.id);
  await ok(h, 'pdca.records.setStatus', { recordIds: ids, status: 'final', confirmEmptyIds: ids });
  if (close) await ok(h, 'years.close', { planId: 1, fiscalYear });
  return { round: last, records };
}
