import { useId, useState } from 'react';
import type { DataFileState } from '../../shared/domain/data-files';
import { formatDateTime } from '../../shared/fiscal-year';
import { call, errorMessage } from '../api/client';
import { useAppStore } from '../stores/app-store';
import { download } from './exchange/files';

const time = formatDateTime;

const MODE_LABEL: Record<DataFileState['mode'], string> = {
  normal: '通常（変更できます）',
  readOnly: '読み取り専用',
  unavailable: '開けません',
};

/**
 * データファイル: which file holds the data, and moving between files —
 * open another, create a new one, the recently used list, a copy saved
 * elsewhere. A successful switch reloads every screen on the new file.
 */
export function DataFileScreen() {
  const dataFile = useAppStore((s) => s.dataFile);
  const notify = useAppStore((s) => s.notify);
  const reloadWith = useAppStore((s) => s.reloadWith);
  const [state, setState] = useState(dataFile);
  if (!state) return null;
  const saveCopy = async () => {
    try {
      const out = await call('files.saveCopy', {});
      download(out.fileName, out.data);
      notify('info', `データファイルのコピー（${out.fileName}）を保存しました。`);
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };
  const reopen = async () => {
    try {
      const s = await call('files.open', { path: state.path });
      reloadWith(
        s.mode === 'normal'
          ? `「${s.name}」を開き直しました。変更できます。`
          : `「${s.name}」はまだ読み取り専用です。`,
      );
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };
  return (
    <main className="content data-file-screen">
      <header className="content-header">
        <h1>データファイル</h1>
      </header>
      <section className="settings-section" aria-labelledby="df-now">
        <h2 id="df-now">使用中のデータファイル</h2>
        <dl className="detail-fields">
          <dt>名前</dt>
          <dd>{state.name}</dd>
          <dt>場所</dt>
          <dd>
            <code>{state.path}</code>
          </dd>
          <dt>状態</dt>
          <dd>
            {MODE_LABEL[state.mode]}
            {state.viewedAt ? `（${time(state.viewedAt)} 時点の内容）` : ''}
          </dd>
        </dl>
        {state.problem ? <p className="read-only-reason">{state.problem}</p> : null}
        <div className="form-actions">
          <button type="button" onClick={() => void saveCopy()}>
            コピーを別の場所に保存
          </button>
          {state.mode === 'readOnly' ? (
            <button type="button" onClick={() => void reopen()}>
              開き直す
            </button>
          ) : null}
        </div>
      </section>
      <FileChoices state={state} onState={setState} />
    </main>
  );
}

/** The recently used list, open another file, create one: also offered when the file in use cannot be opened. */
export function FileChoices({
  state,
  onState,
}: {
  state: DataFileState;
  onState(s: DataFileState): void;
}) {
  const notify = useAppStore((s) => s.notify);
  const reloadWith = useAppStore((s) => s.reloadWith);
  const [busy, setBusy] = useState(false);
  const openPath = async (path: string) => {
    setBusy(true);
    try {
      const s = await call('files.open', { path });
      reloadWith(
        s.mode === 'normal'
          ? `データファイル「${s.name}」を開きました。`
          : `データファイル「${s.name}」を読み取り専用で開きました。`,
      );
    } catch (e) {
      notify('error', errorMessage(e));
      setBusy(false);
    }
  };
  const create = async (path: string, samplePlan: boolean) => {
    setBusy(true);
    try {
      const s = await call('files.create', { path, samplePlan });
      reloadWith(`新しいデータファイル「${s.name}」を作って開きました。`);
    } catch (e) {
      notify('error', errorMessage(e));
      setBusy(false);
    }
  };
  const forget = async (path: string) => {
    try {
      onState(await call('files.forget', { path }));
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };
  const others = state.recent;
  return (
    <>
      <section className="settings-section" aria-labelledby="df-recent">
        <h2 id="df-recent">最近使ったファイル</h2>
        {others.length === 0 ? (
          <p className="empty">まだありません。</p>
        ) : (
          <table className="settings-table" aria-label="最近使ったデータファイル">
            <thead>
              <tr>
                <th scope="col">名前</th>
                <th scope="col">フォルダー</th>
                <th scope="col">最後に開いた日時</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {others.map((r) => {
                const inUse = r.path === state.path && state.mode !== 'unavailable';
                return (
                  <tr key={r.path}>
                    <td>
                      {r.name}
                      {inUse ? <span className="tag">使用中</span> : null}
                      {!r.exists ? <span className="tag warn">見つかりません</span> : null}
                    </td>
                    <td>
                      <code>{r.folder}</code>
                    </td>
                    <td>{time(r.openedAt)}</td>
                    <td>
                      <button
                        type="button"
                        disabled={busy || inUse || !r.exists}
                        aria-label={`${r.name}を開く`}
                        onClick={() => void openPath(r.path)}
                      >
                        開く
                      </button>
                      <button
                        type="button"
                        disabled={inUse}
                        aria-label={`${r.name}を一覧から外す`}
                        onClick={() => void forget(r.path)}
                      >
                        一覧から外す
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      <PathForm
        heading="別のデータファイルを開く"
        purpose="open"
        state={state}
        busy={busy}
        action="開く"
        note="開けなかったときは、いまのファイルのまま使えます。書き込めないファイルや、ほかの人が使用中のファイルは読み取り専用で開きます。"
        onSubmit={(p) => void openPath(p)}
      />
      <PathForm
        heading="新しいデータファイルを作る"
        purpose="create"
        state={state}
        busy={busy}
        action="作って開く"
        note="試しに使うときや、別の計画を分けて管理するときに使います。同じ名前のファイルがあれば作りません（上書きしません）。"
        onSubmit={(p, sample) => void create(p, sample)}
      />
    </>
  );
}

function PathForm(props: {
  heading: string;
  purpose: 'open' | 'create';
  state: DataFileState;
  busy: boolean;
  action: string;
  note: string;
  onSubmit(path: string, samplePlan: boolean): void;
}) {
  const notify = useAppStore((s) => s.notify);
  const id = useId();
  const [path, setPath] = useState('');
  const [sample, setSample] = useState(false);
  const browse = async () => {
    try {
      const r = await call('files.choose', { purpose: props.purpose });
      if (r.path) setPath(r.path);
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };
  const folders = props.state.allowedFolders;
  return (
    <section className="settings-section" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{props.heading}</h2>
      <form
        className="path-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) props.onSubmit(path.trim(), sample);
          else notify('error', 'データファイルの場所を入力してください。');
        }}
      >
        <label htmlFor={`${id}-path`}>データファイルの場所</label>
        <div className="path-row">
          <input
            id={`${id}-path`}
            type="text"
            value={path}
            spellCheck={false}
            placeholder={
              props.purpose === 'open'
                ? '例: C:\\Users\\…\\Documents\\行革\\gyokaku.sqlite3'
                : '例: C:\\Users\\…\\Documents\\行革\\試行用.sqlite3'
            }
            onChange={(e) => setPath(e.target.value)}
          />
          {props.state.dialogs ? (
            <button type="button" onClick={() => void browse()}>
              参照…
            </button>
          ) : null}
        </div>
        {props.purpose === 'create' ? (
          <label className="check">
            <input type="checkbox" checked={sample} onChange={(e) => setSample(e.target.checked)} />
            見本の計画（二本松市 R3〜R7）を入れる
          </label>
        ) : null}
        <p className="muted">
          {props.note}
          {folders.length > 0
            ? ` ブラウザ版で使えるのは次のフォルダーの中のファイルです: ${folders.join('、')}`
            : ''}
        </p>
        <div className="form-actions">
          <button type="submit" className="primary" disabled={props.busy}>
            {props.action}
          </button>
        </div>
      </form>
    </section>
  );
}
