/**
 * Killed with SIGKILL by crash.test.ts at a random moment: imports returns
 * (each answer sets 取組実績（D） of four items to the same text) and imports
 * the plan workbook as a new plan, over and over, with the backups taken
 * before each import.
 */
import { startRuntime } from '../../../electron/app/runtime';
import { dispatch } from '../../../electron/ipc/dispatch';
import type { ResultOf } from '../../../shared/contract';
import { acceptAll, editWorkbook } from '../exchange/helpers';

const CRASH_CODES = ['1-(1)-1', '1-(1)-2', '1-(1)-3', '1-(2)-1'];

const storePath = process.argv[2]!;
const rt = startRuntime({ storePath, host: 'browser', osLogin: 'crash' });
async function call<C extends Parameters<typeof dispatch>[1]>(channel: C, input: unknown) {
  const env = await dispatch(rt.handlers, channel, input);
  if (!env.ok) throw new Error(`${channel}: ${env.error.message}`);
  return env.value as ResultOf<C & keyof typeof rt.handlers>;
}

const rounds = await call('pdca.rounds.list', { planId: 1, fiscalYear: 2025 });
const round = rounds[0] ?? (await call('pdca.rounds.open', { planId: 1, fiscalYear: 2025 }))[0]!;
const targets = await call('exchange.exportTargets', { roundId: round.id, scope: 'section' });
const target = targets.find((t) => t.name === '人事行政課')!;
const exported = await call('exchange.exportWorkbook', {
  roundId: round.id,
  orgUnitId: target.orgUnitId,
  scope: 'section',
  contact: '人事行政課',
});
const planFile = await call('planFiles.export', { planId: 1 });
// The answers are made before the kill window opens, so kills land in imports, not in exceljs.
const stamp = Date.now();
const answers: Buffer[] = [];
for (let i = 0; i < 12; i++)
  answers.push(
    await editWorkbook(
      Buffer.from(exported.data),
      CRASH_CODES.map((code) => ({ code, header: '取組実績（D）', value: `回答${stamp}-${i}` })),
    ),
  );
process.stdout.write('ready\n');
for (let i = 0; ; i++) {
  const file = { name: `回答${i}.xlsx`, data: answers[i % answers.length]! };
  const preview = await call('exchange.previewReturn', { roundId: round.id, file });
  await call('exchange.applyReturn', { roundId: round.id, file, ...acceptAll(preview) });
  if (i % 3 === 0)
    await call('planFiles.import', { file: { name: '計画.xlsx', data: planFile.data } });
}
