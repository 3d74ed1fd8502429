// First: the start's reads leave before the rest of the app's modules are evaluated.
import './boot';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './styles/app.css';
import { startApp } from './stores/startup';
import { isPrintWindow } from '../shared/reports/print-window';
import { startPrintWindow } from './screens/reports/PrintWindow';

const root = document.getElementById('root')!;
if (isPrintWindow(window.location.search)) {
  // a hidden window of the desktop app that prints parts of a long report
  startPrintWindow(root);
} else {
  void startApp();
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
