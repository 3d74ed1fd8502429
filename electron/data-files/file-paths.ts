import fs from 'node:fs';
import path from 'node:path';
import { DATA_FILE_EXTENSIONS } from '../../shared/domain/data-files';
import { AppError } from '../../shared/errors';

export interface PathRules {
  /** null: any folder (the desktop app, where staff pick with the system dialog). */
  allowedFolders: string[] | null;
}

const invalid = (message: string) => new AppError('VALIDATION', message);

/** The real location of a path whose last parts may not exist yet. */
function realOf(p: string): string {
  let head = p;
  const tail: string[] = [];
  while (!fs.existsSync(head)) {
    const parent = path.dirname(head);
    if (parent === head) return p;
    tail.unshift(path.basename(head));
    head = parent;
  }
  return path.join(fs.realpathSync.native(head), ...tail);
}

function inside(child: string, folder: string): boolean {
  const rel = path.relative(folder, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Backups are restored from the バックアップ screen, never opened (and written to) directly. */
function refuseBackup(file: string): void {
  if (
    path.basename(path.dirname(file)) === 'backups' &&
    /^gyokaku-\d{8}-\d{6}/.test(path.basename(file))
  )
    throw invalid(
      'バックアップのファイルは直接開けません（開くと書き換わり、バックアップでなくなります）。「バックアップ」の画面から復元してください。',
    );
}

/**
 * A path staff typed or chose, checked before anything is opened or created:
 * absolute, a data file's name, not a backup, and — in the browser host,
 * which takes typed paths — inside the user's own folders.
 */
export function checkDataFilePath(
  input: string,
  purpose: 'open' | 'create',
  rules: PathRules,
): string {
  const typed = input.trim().replace(/^"(.*)"$/, '$1');
  if (!path.isAbsolute(typed))
    throw invalid(
      `データファイルの場所は、${process.platform === 'win32' ? 'C:\\Users\\…\\gyokaku.sqlite3' : '/home/…/gyokaku.sqlite3'} のように、ドライブやフォルダーの始めから入力してください。`,
    );
  let file = path.resolve(typed);
  const ext = path.extname(file).toLowerCase();
  if (purpose === 'create' && ext === '') file += '.sqlite3';
  else if (purpose === 'create' && ext !== '.sqlite3')
    throw invalid('新しいデータファイルの名前は「.sqlite3」で終わるようにしてください。');
  else if (!(DATA_FILE_EXTENSIONS as readonly string[]).includes(ext))
    throw invalid(
      `「${path.basename(file)}」は行革デスクのデータファイルの名前ではありません（${DATA_FILE_EXTENSIONS.join('、')} で終わるファイルを選んでください）。Excel のファイルは「照会・回収」や「計画の取込」から読み込みます。`,
    );
  refuseBackup(file);
  if (rules.allowedFolders) {
    const real = realOf(file);
    const folders = rules.allowedFolders.map((f) => realOf(path.resolve(f)));
    if (!folders.some((f) => inside(real, f)))
      throw invalid(
        `ブラウザ版で開けるのは、次のフォルダーの中のデータファイルだけです: ${rules.allowedFolders.join('、')}。ファイルをそこへコピーするか、デスクトップ版で開いてください。`,
      );
  }
  if (purpose === 'open') {
    if (!fs.existsSync(file))
      throw invalid(`「${file}」が見つかりません。場所と名前を確かめてください。`);
    if (fs.statSync(file).isDirectory())
      throw invalid(`「${file}」はフォルダーです。データファイル（.sqlite3）を指定してください。`);
  } else {
    if (fs.existsSync(file))
      throw invalid(
        `「${file}」はもうあります。上書きはしません。別の名前にするか、「開く」で開いてください。`,
      );
    if (!fs.existsSync(path.dirname(file)))
      throw invalid(
        `フォルダー「${path.dirname(file)}」がありません。先にフォルダーを作ってください。`,
      );
  }
  return file;
}
