import { useState } from 'react';
import { useAppStore } from '../stores/app-store';
import { BackupScreen } from './BackupScreen';
import { FileChoices } from './DataFileScreen';

/**
 * When the data file cannot be opened (damaged, not a data file): what
 * happened, and the ways forward without leaving the app — restore a backup
 * (the damaged file is kept), open another file or start a new one.
 */
export function RecoveryScreen() {
  const dataFile = useAppStore((s) => s.dataFile);
  const [state, setState] = useState(dataFile);
  if (!state) return null;
  return (
    <div className="app recovery">
      <header className="app-header">
        <div className="brand">行革デスク</div>
      </header>
      <main className="content">
        <header className="content-header">
          <h1>データファイルを開けませんでした</h1>
        </header>
        <section className="settings-section problem" aria-labelledby="rc-h">
          <h2 id="rc-h">
            「{state.name}」（<code>{state.path}</code>）
          </h2>
          <p role="alert">{state.problem}</p>
          <p>
            {state.recoverable
              ? '下の一覧から、壊れる前の日時のバックアップを選んで「復元…」を押してください。壊れたファイルは消さずに残します。'
              : 'このファイルのバックアップは見つかりません。別のデータファイルを開くか、新しく作ってください。'}
          </p>
        </section>
        {state.recoverable ? <BackupScreen recovery /> : null}
        <FileChoices state={state} onState={setState} />
      </main>
    </div>
  );
}
