// First: the start's reads leave before the rest of the app's modules are evaluated.
import './boot';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles/app.css';
import { startApp } from './stores/startup';
import { isPrintWindow } from '../shared/reports/print-window';

const root = document.getElementById('root')!;
if (isPrintWindow(window.location.search)) {
  // A hidden window of the desktop app that prints parts of a long report. The
  // drawing code loads here only, not with the app's first script; the hook is
  // there from the start (the shell calls it once the page has loaded).
  const drawer = import('./screens/reports/PrintWindow').then((m) => m.printWindow(root));
  window.__gyokakuPrintPart = async (part) => (await drawer)(part);
} else {
  void startApp();
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
