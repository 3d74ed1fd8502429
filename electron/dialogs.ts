import { dialog } from 'electron';
import type { BrowserWindow } from 'electron';

/** A blocking error box before any window exists (the app could not start at all). */
export function showStartupError(message: string): void {
  dialog.showErrorBox('行革デスクを起動できません', message);
}

const DATA_FILE_FILTERS = [
  { name: '行革デスクのデータファイル', extensions: ['sqlite3', 'sqlite', 'db'] },
];

/** The system's dialog to pick a data file to open, or where to create a new one. */
export async function chooseDataFile(
  purpose: 'open' | 'create',
  parent: BrowserWindow | null,
  defaultFolder: string,
): Promise<string | null> {
  if (purpose === 'open') {
    const options: Electron.OpenDialogOptions = {
      title: 'データファイルを開く',
      defaultPath: defaultFolder,
      filters: DATA_FILE_FILTERS,
      properties: ['openFile'],
    };
    const r = parent
      ? await dialog.showOpenDialog(parent, options)
      : await dialog.showOpenDialog(options);
    return r.canceled ? null : (r.filePaths[0] ?? null);
  }
  const options: Electron.SaveDialogOptions = {
    title: '新しいデータファイルの保存先',
    defaultPath: `${defaultFolder}/新しいデータ.sqlite3`,
    filters: [{ name: '行革デスクのデータファイル', extensions: ['sqlite3'] }],
    properties: ['showOverwriteConfirmation'],
  };
  const r = parent
    ? await dialog.showSaveDialog(parent, options)
    : await dialog.showSaveDialog(options);
  return r.canceled ? null : (r.filePath ?? null);
}
