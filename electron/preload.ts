import { contextBridge, ipcRenderer } from 'electron';

// Sandboxed preload: the page gets one function and no Node or Electron object.
// Kept literal (not imported from policy.ts) so the bundle stays a single file.
contextBridge.exposeInMainWorld('gyokaku', {
  invoke: (channel: string, payload: unknown) =>
    ipcRenderer.invoke('gyokaku:invoke', channel, payload),
});
