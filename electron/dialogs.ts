import { dialog } from 'electron';

/** A blocking error box before any window exists (store could not be opened). */
export function showStartupError(message: string): void {
  dialog.showErrorBox('行革デスクを起動できません', message);
}
