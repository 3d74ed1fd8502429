import crypto from 'node:crypto';
import type { Channel, ParsedInputOf, ResultOf } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { assertXlsx } from '../exchange/file-sniff';
import type { ChangeSource } from '../../shared/domain/audit';
import { beginChangeSet, listAudit, recordChange } from '../audit/audit-log';
import type { ChangeSet } from '../audit/audit-log';
import { currentActor, setDisplayName } from '../app/user';
import type { Db } from '../db/open-store';
import { getItem, getItemRow, listItems } from '../items/item-queries';
import { setAssignments } from '../items/assignments';
import { setInitiatives } from '../items/initiatives';
import {
  createItem,
  deleteItems,
  deletionSummary,
  moveItem,
  renumberArea,
  setNumbers,
} from '../items/structure';
import { updateItem } from '../items/update-item';
import { createUnit, listOrgUnits, mergeUnits, renameUnit, retireUnit } from '../org/org-units';
import { createOutline, deleteOutline, moveOutline, updateOutline } from '../plans/outline';
import { setPhases } from '../plans/phases';
import { archivePlan, deletePlan, renamePlan } from '../plans/plan-admin';
import { getPlanDetail, listPlans, requirePlan } from '../plans/plan-queries';
import { dashboard } from '../pdca/dashboard';
import { applyReturn, listImports, undoImport } from '../exchange/apply-return';
import { buildRoundWorkbook, exportTargets, unassignedItems } from '../exchange/export-round';
import { publicationCsv, publicationXlsx } from '../exchange/publication';
import { readReturn } from '../exchange/read-return';
import {
  applyMapping,
  inspectWorkbook,
  listMappings,
  parseMapped,
  saveMapping,
} from '../exchange/plan-mapping';
import { buildPlanWorkbook, planToFile, readPlanWorkbook } from '../exchange/plan-workbook';
import { loadPlanFile } from '../plans/load-plan-file';
import { reportData } from '../reports/report-data';
import { reportWorkbook } from '../reports/report-xlsx';
import { buildReport } from '../../shared/reports/build';
import { listKpis, saveKpis, setKpiValues } from '../pdca/kpis';
import { deleteOpinion, listMeetings, saveMeeting, saveOpinion } from '../pdca/opinions';
import { itemYears, listRecords, updateRecords } from '../pdca/records';
import { itemLineage, rolloverPlan } from '../pdca/rollover';
import { listRounds, openYear, requireRound, setRecordStatus, updateRound } from '../pdca/rounds';
import { getPdcaSettings, saveScale, updatePdcaSettings } from '../pdca/settings';
import { setRoundAnswerer, unanswered } from '../pdca/answerers';
import { yearHandlers } from '../years/handlers';
import { recordRowsOf } from '../history/call-scope';
import { historyHandlers } from '../history/handlers';
import { backupBefore, backupHandlers } from '../backups/handlers';
import type { BackupDeps } from '../backups/handlers';

/** Everything a handler may touch, passed in: no handler reaches for globals. */
export interface HandlerDeps {
  db: Db;
  clock: () => Date;
  osLogin: string;
  host: 'electron' | 'browser';
  storePath: string;
  schemaVersion: number;
  appVersion: string;
  /** A copy of a file that cannot be written (or is in use elsewhere), open to view. */
  readOnly?: boolean;
}

export type Handler<C extends Channel> = (
  input: ParsedInputOf<C>,
) => ResultOf<C> | Promise<ResultOf<C>>;
export type HandlerRegistry = { [C in Channel]: Handler<C> };
/** Channels about which data file is in use: answered by the session, not by one store. */
export type DataFileChannel = Extract<Channel, `files.${string}`>;
export type StoreHandlers = { [C in Exclude<Channel, DataFileChannel>]: Handler<C> };
/** What dispatch can serve: the whole registry, or one store's part of it (tests). */
export type HandlerMap = { [C in Channel]?: Handler<C> };

const SCREEN: ChangeSource = { kind: 'screen' };
const sha256 = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');
const OK = { ok: true } as const;
/** File bytes as a Buffer without copying. */
const bytesOf = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/**
 * The one handler map. Electron's ipcMain and the browser host both dispatch
 * into it, so the two hosts cannot drift apart.
 */
export function createHandlers(deps: HandlerDeps): StoreHandlers {
  const { db, clock } = deps;

  /** Runs a change as one transaction with one audit batch. */
  function change<T>(source: ChangeSource, fn: (cs: ChangeSet) => T): T {
    return db
      .transaction(() => {
        const cs = beginChangeSet(db, currentActor(db, deps.osLogin), source, clock());
        const end = recordRowsOf(db, cs.batchId, cs.at);
        const result = fn(cs);
        end();
        return result;
      })
      .immediate();
  }

  function appInfo(): ResultOf<'app.info'> {
    const actor = currentActor(db, deps.osLogin);
    return {
      appName: '行革デスク',
      version: deps.appVersion,
      host: deps.host,
      storePath: deps.storePath,
      schemaVersion: deps.schemaVersion,
      readOnly: deps.readOnly ?? false,
      user: { login: actor.login, displayName: actor.displayName },
    };
  }

  const backups: BackupDeps = {
    db,
    storePath: deps.storePath,
    clock,
    actor: () => currentActor(db, deps.osLogin),
    change: (fn) => change(SCREEN, fn),
  };

  return {
    ...yearHandlers(db, (fn) => change(SCREEN, fn), backups),
    ...backupHandlers(backups),
    ...historyHandlers((fn) => change(SCREEN, fn)),
    'app.info': () => appInfo(),
    'app.setDisplayName': ({ displayName }) =>
      change(SCREEN, (cs) => {
        const before = currentActor(db, deps.osLogin).displayName;
        setDisplayName(db, displayName);
        recordChange(cs, {
          action: 'update',
          entity: 'setting',
          entityId: 0,
          field: 'user.displayName',
          oldValue: before,
          newValue: displayName.trim(),
        });
        return appInfo().user;
      }),
    'plans.list': () => listPlans(db),
    'plans.rename': (input) => change(SCREEN, (cs) => (renamePlan(cs, input), listPlans(db))),
    'plans.archive': (input) => change(SCREEN, (cs) => (archivePlan(cs, input), listPlans(db))),
    'plans.delete': (input) => {
      requirePlan(db, input.planId);
      backupBefore(backups, 'plan-delete', true);
      return change(SCREEN, (cs) => (deletePlan(cs, input), listPlans(db)));
    },
    'plans.get': ({ planId }) => getPlanDetail(db, planId),
    'plans.setPhases': ({ planId, phases }) =>
      change(SCREEN, (cs) => (setPhases(cs, planId, phases), getPlanDetail(db, planId))),
    'items.list': (q) => {
      requirePlan(db, q.planId);
      return listItems(db, q);
    },
    'items.get': ({ itemId }) => getItem(db, itemId),
    'items.update': ({ itemId, patch, expectedUpdatedAt }) =>
      change(SCREEN, (cs) => {
        updateItem(cs, itemId, patch, expectedUpdatedAt);
        return getItem(db, itemId);
      }),
    'items.updateMany': ({ changes }) =>
      change(SCREEN, (cs) => {
        // Revision checks first, before this batch touches anything.
        for (const c of changes) {
          if (
            c.expectedUpdatedAt != null &&
            getItemRow(db, c.itemId).updated_at !== c.expectedUpdatedAt
          ) {
            throw new AppError(
              'CONFLICT',
              'この改革項目は、表示した後に別の操作で変更されています。最新の内容を読み込み直してから、もう一度入力してください。',
            );
          }
        }
        // Numbers together, so a pasted column that swaps numbers never collides midway.
        const numbers = changes
          .filter((c) => c.patch?.number != null)
          .map((c) => ({ itemId: c.itemId, number: c.patch!.number! }));
        if (numbers.length > 0) setNumbers(cs, numbers);
        for (const c of changes) {
          const { number: _n, ...rest } = c.patch ?? {};
          if (Object.keys(rest).length > 0) updateItem(cs, c.itemId, rest);
          if (c.initiatives) setInitiatives(cs, c.itemId, c.initiatives);
        }
        return [...new Set(changes.map((c) => c.itemId))].map((id) => getItem(db, id));
      }),
    'items.create': (input) => change(SCREEN, (cs) => getItem(db, createItem(cs, input))),
    'items.deletionSummary': ({ itemIds }) => {
      for (const id of itemIds) getItem(db, id);
      return deletionSummary(db, itemIds);
    },
    'items.delete': ({ itemIds }) => change(SCREEN, (cs) => deleteItems(cs, itemIds)),
    'items.move': (input) => change(SCREEN, (cs) => (moveItem(cs, input), OK)),
    'items.renumber': ({ areaId }) => change(SCREEN, (cs) => (renumberArea(cs, areaId), OK)),
    'items.setInitiatives': ({ itemId, initiatives, expectedUpdatedAt }) =>
      change(SCREEN, (cs) => {
        setInitiatives(cs, itemId, initiatives, expectedUpdatedAt);
        return getItem(db, itemId);
      }),
    'items.setAssignments': ({ itemId, ...input }) =>
      change(SCREEN, (cs) => {
        setAssignments(cs, itemId, input);
        return getItem(db, itemId);
      }),
    'outline.create': ({ kind, parentId, title, afterId }) =>
      change(SCREEN, (cs) => ({ id: createOutline(cs, { kind, parentId, title, afterId }) })),
    'outline.update': (input) => change(SCREEN, (cs) => (updateOutline(cs, input), OK)),
    'outline.move': (input) => change(SCREEN, (cs) => (moveOutline(cs, input), OK)),
    'outline.delete': ({ kind, id }) =>
      change(SCREEN, (cs) => ({ items: deleteOutline(cs, kind, id).items })),
    'org.create': (input) => change(SCREEN, (cs) => (createUnit(cs, input), listOrgUnits(db))),
    'org.rename': (input) => change(SCREEN, (cs) => (renameUnit(cs, input), listOrgUnits(db))),
    'org.merge': (input) => change(SCREEN, (cs) => (mergeUnits(cs, input), listOrgUnits(db))),
    'org.retire': (input) => change(SCREEN, (cs) => (retireUnit(cs, input), listOrgUnits(db))),
    'org.list': ({ fiscalYear }) => listOrgUnits(db, fiscalYear),
    'audit.list': (q) => listAudit(db, q),
    'pdca.settings.get': ({ planId, withUsage }) => getPdcaSettings(db, planId, withUsage),
    'pdca.settings.update': (input) =>
      change(
        SCREEN,
        (cs) => (updatePdcaSettings(cs, input), getPdcaSettings(db, input.planId, false)),
      ),
    'pdca.scale.save': ({ planId, axis, levels, mapping }) =>
      change(
        SCREEN,
        (cs) => (saveScale(cs, planId, axis, levels, mapping), getPdcaSettings(db, planId)),
      ),
    'pdca.rounds.list': ({ planId, fiscalYear }) => listRounds(db, planId, fiscalYear),
    'pdca.rounds.open': ({ planId, fiscalYear }) =>
      change(SCREEN, (cs) => openYear(cs, planId, fiscalYear)),
    'pdca.rounds.update': (input) =>
      change(SCREEN, (cs) => {
        updateRound(cs, input);
        const r = requireRound(db, input.roundId);
        return listRounds(db, r.plan_id, r.fiscal_year);
      }),
    'pdca.records.list': ({ roundId }) => listRecords(db, roundId),
    'pdca.records.update': ({ changes, roundId, kpis }) =>
      change(SCREEN, (cs) => ({
        records: updateRecords(cs, changes),
        kpis: kpis.length > 0 ? setKpiValues(cs, roundId, kpis) : [],
      })),
    'pdca.records.setStatus': (input) =>
      change(SCREEN, (cs) => ({ changed: setRecordStatus(cs, input) })),
    'pdca.itemYears': ({ itemId }) => (getItemRow(db, itemId), itemYears(db, itemId)),
    'pdca.unanswered': ({ roundId }) => unanswered(db, roundId),
    'pdca.roundAnswerers.set': (input) => change(SCREEN, (cs) => (setRoundAnswerer(cs, input), OK)),
    'pdca.unassigned': ({ roundId }) => unassignedItems(db, roundId),
    'kpis.list': (q) => listKpis(db, q),
    'kpis.save': ({ itemId, kpis, roundId }) =>
      change(SCREEN, (cs) => (saveKpis(cs, itemId, kpis, roundId), listKpis(db, { itemId }))),
    'kpis.setValues': ({ roundId, changes }) =>
      change(SCREEN, (cs) => setKpiValues(cs, roundId, changes)),
    'meetings.list': ({ planId, fiscalYear }) => listMeetings(db, planId, fiscalYear),
    'meetings.save': (input) => change(SCREEN, (cs) => ({ id: saveMeeting(cs, input) })),
    'opinions.save': (input) => change(SCREEN, (cs) => ({ id: saveOpinion(cs, input) })),
    'opinions.delete': ({ id }) => change(SCREEN, (cs) => (deleteOpinion(cs, id), OK)),
    'dashboard.get': ({ planId, fiscalYear, roundId }) =>
      dashboard(db, planId, fiscalYear, roundId ?? null),
    'plans.rollover': (input) => {
      backupBefore(backups, 'rollover');
      return change(SCREEN, (cs) => ({ planId: rolloverPlan(cs, input) }));
    },
    'items.lineage': ({ itemId }) => itemLineage(db, itemId),
    'exchange.exportTargets': ({ roundId, scope }) => exportTargets(db, roundId, scope),
    'exchange.exportWorkbook': async (input) => {
      const actor = currentActor(db, deps.osLogin);
      const built = await buildRoundWorkbook(
        db,
        { ...input, exportedBy: actor.displayName },
        clock(),
      );
      change(SCREEN, (cs) => built.commit(cs));
      return {
        fileName: built.fileName,
        data: built.buffer,
        items: built.items,
      };
    },
    'exchange.previewReturn': async ({ roundId, file }) =>
      (await readReturn(db, { name: file.name, data: bytesOf(file.data) }, roundId)).preview,
    'exchange.applyReturn': async ({ roundId, file, accept, revisions }) => {
      const data = bytesOf(file.data);
      backupBefore(backups, 'import');
      const read = await readReturn(db, { name: file.name, data }, roundId);
      const source: ChangeSource = {
        kind: 'import',
        fileName: file.name,
        fileHash: read.preview.fileHash,
      };
      return change(source, (cs) =>
        applyReturn(cs, read, accept, new Map(revisions.map((r) => [r.recordId, r.revision]))),
      );
    },
    'exchange.imports': ({ roundId }) => listImports(db, roundId),
    'exchange.undoImport': ({ importId }) =>
      change(SCREEN, (cs) => ({ undone: undoImport(cs, importId) })),
    'planFiles.export': async ({ planId }) => {
      const out = await buildPlanWorkbook(planToFile(db, planId));
      return { fileName: out.fileName, data: out.buffer };
    },
    'planFiles.import': ({ file }) => {
      const data = bytesOf(file.data);
      assertXlsx(data, file.name);
      const read = readPlanWorkbook(data);
      if (!read.ok) {
        throw new AppError(
          'VALIDATION',
          `「${file.name}」を計画として読めませんでした。${read.problems[0]!.message}`,
          read.problems.map((p) => ({ path: p.where ?? '', message: p.message })),
        );
      }
      const source: ChangeSource = { kind: 'import', fileName: file.name, fileHash: sha256(data) };
      backupBefore(backups, 'plan-import');
      return change(source, (cs) => ({
        planId: loadPlanFile(cs, read.file, `${file.name}から取り込み`),
        title: read.file.plan.title,
      }));
    },
    'planFiles.inspect': ({ file }) => inspectWorkbook(bytesOf(file.data), file.name),
    'planFiles.previewMapping': ({ file, mapping }) =>
      applyMapping(bytesOf(file.data), file.name, mapping).preview,
    'planFiles.importMapped': ({ file, mapping, saveAs }) => {
      const data = bytesOf(file.data);
      const plan = parseMapped(applyMapping(data, file.name, mapping));
      const source: ChangeSource = { kind: 'import', fileName: file.name, fileHash: sha256(data) };
      backupBefore(backups, 'plan-import');
      return change(source, (cs) => {
        if (saveAs) saveMapping(cs, saveAs.trim(), mapping);
        return {
          planId: loadPlanFile(cs, plan, `${file.name}から取り込み`),
          title: plan.plan.title,
        };
      });
    },
    'planFiles.mappings': () => listMappings(db),
    'reports.data': ({ planId, fiscalYear, roundId }) =>
      reportData(db, planId, fiscalYear, roundId ?? null),
    'reports.xlsx': async (options) => {
      const doc = buildReport(
        reportData(db, options.planId, options.fiscalYear, options.roundId),
        options,
      );
      const out = await reportWorkbook(doc, options);
      return { fileName: out.fileName, data: out.data };
    },
    // Printing to PDF needs Electron's webContents; the desktop shell answers this itself.
    'reports.pdf': () => {
      throw new AppError(
        'VALIDATION',
        'ブラウザ版では「印刷」を押し、印刷先に「PDF に保存」を選んで保存してください。',
      );
    },
    'exchange.publication': async ({ planId, fiscalYear, format }) => {
      const out =
        format === 'csv'
          ? publicationCsv(db, planId, fiscalYear)
          : await publicationXlsx(db, planId, fiscalYear);
      return { fileName: out.fileName, data: out.data };
    },
  };
}
