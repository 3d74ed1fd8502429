/**
 * The one limit on a file handed to the app (返送ファイル, plan workbooks),
 * enforced the same way by both hosts and checked in the page before
 * sending, with the same message naming the file.
 */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

export function fileTooLargeMessage(fileName: string, bytes: number): string {
  return `「${fileName}」は大きすぎます（${(bytes / 1024 / 1024).toFixed(1)} MB。取り込めるのは ${MAX_FILE_BYTES / 1024 / 1024} MB までです）。照会ファイルは通常 1 MB 未満です。余分なシートや画像を削除して保存し直すか、出力し直したファイルに入力してもらってください。`;
}
