import { z } from 'zod';
import { channel } from './channel';

/** Undo on the server: any operation by the batch id its call returned. */
export const historyChannels = {
  'history.undo': channel({
    summary:
      '操作を1つ元に戻す（その操作の呼び出しが返した batchId を指定。あとで同じところが変わっていれば理由を添えて断る）。やり直しは、元に戻した操作の batchId を指定する',
    input: z
      .object({ batchId: z.string().uuid({ message: '操作の番号が正しくありません' }) })
      .strict(),
    result: z.object({ batchId: z.string() }),
    mutates: true,
  }),
};
