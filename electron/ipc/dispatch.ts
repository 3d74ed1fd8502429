import type { Channel } from '../../shared/contract';
import { contract, isChannel } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import type { AppErrorData, Envelope } from '../../shared/errors';
import { summarizeIssues, toIssues } from '../../shared/validation';
import type { HandlerMap } from './registry';
import { withCallScope } from './call-scope';

export interface DispatchOptions {
  /** Check results against the contract too (tests and development). */
  validateResults?: boolean;
  /** Where unexpected errors are written; staff see only the Japanese message. */
  log?: (message: string, error: unknown) => void;
}

const SQLITE_MESSAGES: Record<string, AppErrorData> = {
  SQLITE_BUSY: {
    code: 'STORE',
    message:
      'データファイルが他のプログラムで使用中のため保存できませんでした。しばらく待ってから、もう一度操作してください。入力内容は保存されていません。',
  },
  SQLITE_READONLY: {
    code: 'READ_ONLY',
    message:
      'データファイルに書き込めないため保存できませんでした。ファイルが読み取り専用になっていないか確認してください。入力内容は保存されていません。',
  },
  SQLITE_FULL: {
    code: 'STORE',
    message:
      'ディスクの空き容量が足りないため保存できませんでした。不要なファイルを削除してから、もう一度操作してください。',
  },
  SQLITE_IOERR: {
    code: 'STORE',
    message:
      'データファイルの読み書きに失敗しました（ネットワークドライブの切断など）。接続を確認してから、もう一度操作してください。入力内容は保存されていません。',
  },
  SQLITE_CORRUPT: {
    code: 'STORE',
    message:
      'データファイルの一部が壊れているため、操作を完了できませんでした。これ以上書き込まずに「バックアップ」の画面を開き、壊れる前のバックアップから復元してください。入力内容は保存されていません。',
  },
  SQLITE_NOTADB: {
    code: 'STORE',
    message:
      'データファイルが行革デスクのデータとして読めなくなっています（壊れたか、別のファイルに置き換えられました）。「バックアップ」の画面を開き、バックアップから復元してください。',
  },
  SQLITE_CONSTRAINT: {
    code: 'VALIDATION',
    message:
      '入力内容がデータの決まりに合わないため保存できませんでした（番号の重複など）。内容を確認してください。',
  },
};

function toErrorData(e: unknown, log: DispatchOptions['log']): AppErrorData {
  if (e instanceof AppError) return e.toData();
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') {
    const base = Object.keys(SQLITE_MESSAGES).find((k) => code === k || code.startsWith(`${k}_`));
    if (base) return SQLITE_MESSAGES[base]!;
  }
  // The connection was closed under us (the data file was switched or the app is closing).
  if (e instanceof TypeError && /database connection is not open/i.test(e.message)) {
    return {
      code: 'STORE',
      message:
        'データファイルが閉じられているため操作できません。画面を再読み込み（F5）してください。続く場合は行革デスクを起動し直してください。',
    };
  }
  log?.('unexpected error in handler', e);
  return {
    code: 'INTERNAL',
    message:
      '予期しないエラーが発生したため、操作を完了できませんでした。入力内容は保存されていません。繰り返し起きる場合は、画面の内容と時刻を控えてサポート担当にご連絡ください。',
  };
}

/**
 * The single entry from outside: untrusted channel name and payload in, an
 * envelope out. Never throws.
 */
export async function dispatch(
  handlers: HandlerMap,
  channel: string,
  payload: unknown,
  options: DispatchOptions = {},
): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    return {
      ok: false,
      error: {
        code: 'UNKNOWN_CHANNEL',
        message: `不明な操作です（${channel.slice(0, 60)}）。アプリを再起動してください。`,
      },
    };
  }
  const spec = contract[channel];
  const parsed = spec.input.safeParse(payload ?? {});
  if (!parsed.success) {
    const issues = toIssues(parsed.error);
    // A file over the limit speaks for itself: the message both hosts give.
    const file = issues.find((i) => /\bdata$/.test(i.path) && i.message.includes('大きすぎます'));
    return {
      ok: false,
      error: {
        code: 'VALIDATION',
        message: file ? file.message : `入力内容に誤りがあります。${summarizeIssues(issues)}`,
        issues,
      },
    };
  }
  try {
    const handler = handlers[channel] as ((input: unknown) => unknown) | undefined;
    if (!handler)
      throw new AppError(
        'UNKNOWN_CHANNEL',
        'この操作はここでは使えません。アプリを再起動してください。',
      );
    const undoable = spec.mutates && spec.undo !== false;
    const { value, batches } = await withCallScope(undoable, async (scope) => ({
      value: await handler(parsed.data),
      batches: scope.batches,
    }));
    if (options.validateResults) {
      const check = spec.result.safeParse(value);
      if (!check.success) {
        throw new Error(
          `result of ${channel as Channel} breaks the contract: ${summarizeIssues(toIssues(check.error))}`,
        );
      }
    }
    const undo = batches[batches.length - 1];
    return undo ? { ok: true, value, undo } : { ok: true, value };
  } catch (e) {
    return { ok: false, error: toErrorData(e, options.log) };
  }
}
