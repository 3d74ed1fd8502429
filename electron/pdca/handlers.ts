import { backupBefore } from '../backups/handlers';
import type { HandlerContext } from '../ipc/context';
import { OK } from '../ipc/context';
import type { HandlerRegistry } from '../ipc/registry';
import { getItemRow } from '../items/item-queries';
import { setRoundAnswerer, unanswered } from './answerers';
import { dashboard } from './dashboard';
import { listKpis, saveKpis, setKpiValues } from './kpis';
import { deleteOpinion, listMeetings, saveMeeting, saveOpinion } from './opinions';
import { itemYears, listRecords, updateRecords } from './records';
import { itemLineage, rolloverPlan } from './rollover';
import { listRounds, openYear, requireRound, setRecordStatus, updateRound } from './rounds';
import { getPdcaSettings, saveScale, updatePdcaSettings } from './settings';

/** The yearly PDCA cycle: settings, rounds, records, KPIs, meetings, dashboard, rollover. */
export function pdcaHandlers(ctx: HandlerContext): Partial<HandlerRegistry> {
  const { db, screen } = ctx;
  return {
    'pdca.settings.get': ({ planId, withUsage }) => getPdcaSettings(db, planId, withUsage),
    'pdca.settings.update': (input) =>
      screen((cs) => (updatePdcaSettings(cs, input), getPdcaSettings(db, input.planId, false))),
    'pdca.scale.save': ({ planId, axis, levels, mapping }) =>
      screen((cs) => (saveScale(cs, planId, axis, levels, mapping), getPdcaSettings(db, planId))),
    'pdca.rounds.list': ({ planId, fiscalYear }) => listRounds(db, planId, fiscalYear),
    'pdca.rounds.open': ({ planId, fiscalYear }) =>
      screen((cs) => openYear(cs, planId, fiscalYear)),
    'pdca.rounds.update': (input) =>
      screen((cs) => {
        updateRound(cs, input);
        const r = requireRound(db, input.roundId);
        return listRounds(db, r.plan_id, r.fiscal_year);
      }),
    'pdca.records.list': ({ roundId }) => listRecords(db, roundId),
    'pdca.records.update': ({ changes, roundId, kpis }) =>
      screen((cs) => ({
        records: updateRecords(cs, changes),
        kpis: kpis.length > 0 ? setKpiValues(cs, roundId, kpis) : [],
      })),
    'pdca.records.setStatus': (input) => screen((cs) => ({ changed: setRecordStatus(cs, input) })),
    'pdca.itemYears': ({ itemId }) => (getItemRow(db, itemId), itemYears(db, itemId)),
    'pdca.unanswered': ({ roundId }) => unanswered(db, roundId),
    'pdca.roundAnswerers.set': (input) => screen((cs) => (setRoundAnswerer(cs, input), OK)),
    'kpis.list': (q) => listKpis(db, q),
    'kpis.save': ({ itemId, kpis, roundId }) =>
      screen((cs) => (saveKpis(cs, itemId, kpis, roundId), listKpis(db, { itemId }))),
    'kpis.setValues': ({ roundId, changes }) => screen((cs) => setKpiValues(cs, roundId, changes)),
    'meetings.list': ({ planId, fiscalYear }) => listMeetings(db, planId, fiscalYear),
    'meetings.save': (input) => screen((cs) => ({ id: saveMeeting(cs, input) })),
    'opinions.save': (input) => screen((cs) => ({ id: saveOpinion(cs, input) })),
    'opinions.delete': ({ id }) => screen((cs) => (deleteOpinion(cs, id), OK)),
    'dashboard.get': ({ planId, fiscalYear, roundId }) =>
      dashboard(db, planId, fiscalYear, roundId ?? null),
    'plans.rollover': (input) => {
      backupBefore(ctx.backups, 'rollover');
      return screen((cs) => ({ planId: rolloverPlan(cs, input) }));
    },
    'items.lineage': ({ itemId }) => itemLineage(db, itemId),
  };
}
