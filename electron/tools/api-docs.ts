import { z } from 'zod';
import { CHANNELS, contract } from '../../shared/contract';

function schemaBlock(schema: z.ZodType, io: 'input' | 'output'): string {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return ['```json', JSON.stringify(json, null, 2), '```'].join('\n');
}

/** docs/api.md, rendered from the contract so the two cannot drift apart. */
export function renderApiDocs(): string {
  const lines = [
    '# IPC / HTTP API',
    '',
    'このファイルは `shared/contract.ts` から `npm run docs:api` で生成しています。手で編集しないでください。',
    '',
    '- Electron: `window.gyokaku.invoke(channel, input)`（preload が公開する唯一の関数）',
    '- ブラウザ版: `POST /api/<channel>`、本文は input の JSON、ヘッダー `x-gyokaku-token` に起動時のトークン',
    '- ブラウザ版の画面は、表の編集とその後の変更履歴（`shared/socket-channels.ts`）を WebSocket `/api/socket` で送ります（サブプロトコル `gyokaku` と `token.<トークン>`、同じ Host・Origin の確認）。送るのは `{ "id", "channel", "payload" }` のテキスト、返るのは `{ "id", "env", "ms" }`（`env` は下の応答）。ファイルを返す呼び出しは、id（4バイト）に続けて HTTP と同じバイナリ形式で返ります。一覧の読み込み・ファイル・接続前と切断後の呼び出しは HTTP です',
    '- 応答はどちらも `{ "ok": true, "value": … }` または `{ "ok": false, "error": { "code", "message", "issues"? } }`',
    '- `code`: VALIDATION / NOT_FOUND / CONFLICT / LOCKED / READ_ONLY / UNKNOWN_CHANNEL / UNAUTHORIZED / FORBIDDEN / STORE / INTERNAL。`message` は利用者に見せる日本語',
    '',
    '| channel | 内容 | 変更 |',
    '|---|---|---|',
    ...CHANNELS.map(
      (c) =>
        `| [\`${c}\`](#${c.replace(/\./g, '').toLowerCase()}) | ${contract[c].summary} | ${contract[c].mutates ? 'あり' : '—'} |`,
    ),
    '',
  ];
  for (const c of CHANNELS) {
    const spec = contract[c];
    lines.push(
      `## ${c}`,
      '',
      spec.summary,
      '',
      '### input',
      '',
      schemaBlock(spec.input, 'input'),
      '',
      '### result',
      '',
      schemaBlock(spec.result, 'output'),
      '',
    );
  }
  return lines.join('\n');
}
