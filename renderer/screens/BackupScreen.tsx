import { useCallback, useEffect, useState } from 'react';
import type { BackupInfo } from '../../shared/domain/backups';
import { formatDateTime, formatFiscalYear } from '../../shared/fiscal-year';
import { call, errorMessage } from '../api/client';
import { Dialog } from '../components/Dialog';
import { useAppStore } from '../stores/app-store';
import { download } from './exchange/files';

const time = formatDateTime;
const size = (n: number) =>
  n >= 1024 * 1024
    ? `${(n / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(n / 1024))} KB`;

/**
 * バックアップ: the backups of the data file (when, why, how large, what they
 * hold), 今すぐバックアップ, saving one elsewhere, and 復元 after a look at
 * what the backup holds. The current state is backed up before a restore.
 */
export function BackupScreen({ recovery = false }: { recovery?: boolean }) {
  const notify = useAppStore((s) => s.notify);
  const [data, setData] = useState<{
    folder: string | null;
    policy: string;
    backups: BackupInfo[];
  } | null>(null);
  const [busy, setBusy] = useState(false);
  const [restoring, setRestoring] = useState<BackupInfo | null>(null);

  const load = useCallback(() => {
    call('backups.list', {})
      .then(setData)
      .catch((e: unknown) => notify('error', errorMessage(e)));
  }, [notify]);
  useEffect(load, [load]);

  const create = async () => {
    setBusy(true);
    try {
      const b = await call('backups.create', {});
      notify('info', `バックアップを作りました（${b.file}、${size(b.size)}）。`);
      load();
    } catch (e) {
      notify('error', errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const saveElsewhere = async (b: BackupInfo) => {
    try {
      const out = await call('backups.download', { file: b.file });
      download(out.fileName, out.data);
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };

  const body = (
    <>
      <section className="settings-section" aria-labelledby="bk-h">
        <h2 id="bk-h">データファイルのバックアップ</h2>
        <p>
          保存先：<code>{data?.folder ?? '（このデータはファイルに保存されていません）'}</code>
        </p>
        <p className="muted">
          その日の最初の起動時と、回答の取込・計画の取込・次期計画の作成・年度の締め・復元の前に、自動で作ります。
          {data?.policy}
        </p>
        {recovery ? null : (
          <div className="form-actions">
            <button
              type="button"
              className="primary"
              disabled={busy || !data?.folder}
              onClick={() => void create()}
            >
              今すぐバックアップ
            </button>
          </div>
        )}
        {data && data.backups.length === 0 ? (
          <p className="empty">バックアップはまだありません。</p>
        ) : null}
        {data && data.backups.length > 0 ? (
          <table className="settings-table backups" aria-label="バックアップの一覧">
            <thead>
              <tr>
                <th scope="col">日時</th>
                <th scope="col">きっかけ</th>
                <th scope="col">大きさ</th>
                <th scope="col">含まれる計画</th>
                <th scope="col">最新の年度・照会回</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {data.backups.map((b) => (
                <tr key={b.file} className={b.ok ? undefined : 'damaged'}>
                  <td>{time(b.at)}</td>
                  <td>{b.reasonLabel}</td>
                  <td className="number">{size(b.size)}</td>
                  <td>
                    {b.ok ? b.plans.join('、') || '（計画なし）' : '壊れています（復元できません）'}
                  </td>
                  <td>
                    {b.latestYear != null
                      ? `${formatFiscalYear(b.latestYear)} ${b.latestRound ?? ''}`
                      : '—'}
                  </td>
                  <td>
                    <button
                      type="button"
                      disabled={!b.ok}
                      aria-label={`${time(b.at)}のバックアップから復元`}
                      onClick={() => setRestoring(b)}
                    >
                      復元…
                    </button>
                    <button
                      type="button"
                      aria-label={`${time(b.at)}のバックアップを別の場所に保存`}
                      onClick={() => void saveElsewhere(b)}
                    >
                      別の場所に保存
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </section>
      <section className="settings-section" aria-labelledby="bk-help">
        <h2 id="bk-help">データファイルが壊れたときは</h2>
        <ol>
          <li>
            「データファイルの一部が壊れています」と表示されたら、それ以上入力せずにこの画面を開きます。
          </li>
          <li>
            一覧から、壊れる前の日時のバックアップを選んで「復元…」を押し、中身を確かめて復元します。
          </li>
          <li>復元の前の状態も自動でバックアップされるので、選び直すこともできます。</li>
        </ol>
      </section>
      {restoring ? (
        <RestoreDialog
          backup={restoring}
          recovery={recovery}
          onClose={() => setRestoring(null)}
          onDone={() => {
            setRestoring(null);
            load();
          }}
        />
      ) : null}
    </>
  );
  // While the data file cannot be opened, this is part of the recovery screen.
  if (recovery) return body;
  return (
    <main className="content backup-screen">
      <header className="content-header">
        <h1>バックアップ</h1>
      </header>
      {body}
    </main>
  );
}

function RestoreDialog({
  backup,
  recovery,
  onClose,
  onDone,
}: {
  backup: BackupInfo;
  /** The data file itself is damaged: it is kept aside, not backed up. */
  recovery: boolean;
  onClose(): void;
  onDone(): void;
}) {
  const notify = useAppStore((s) => s.notify);
  const reloadWith = useAppStore((s) => s.reloadWith);
  const [preview, setPreview] = useState<BackupInfo | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    call('backups.inspect', { file: backup.file })
      .then(setPreview)
      .catch((e: unknown) => notify('error', errorMessage(e)));
  }, [backup.file, notify]);
  const restore = async () => {
    setBusy(true);
    try {
      const r = await call('backups.restore', { file: backup.file });
      onDone();
      // every screen reads the restored data afresh
      reloadWith(
        recovery
          ? `${time(backup.at)}のバックアップから復元しました。壊れていたファイルは、同じフォルダーに ${r.safetyBackup} として残しています。`
          : `${time(backup.at)}のバックアップから復元しました。復元の前の状態は ${r.safetyBackup} に保存しています。`,
      );
    } catch (e) {
      notify('error', errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title="バックアップから復元"
      open
      onClose={onClose}
      footer={
        <>
          <button
            type="button"
            className="danger"
            disabled={!preview || busy}
            onClick={() => void restore()}
          >
            このバックアップに戻す
          </button>
          <button type="button" onClick={onClose}>
            やめる
          </button>
        </>
      }
    >
      <p>
        データファイル全体を、{time(backup.at)}（{backup.reasonLabel}
        ）の状態に戻します。それ以後の入力・取込はなくなります。
        {recovery
          ? '壊れたデータファイルは消さずに、名前を変えて同じフォルダーに残します。'
          : 'いまの状態は、戻す前に自動でバックアップします。'}
      </p>
      {preview ? (
        <dl className="detail-fields" aria-label="バックアップの中身">
          <dt>計画</dt>
          <dd>{preview.plans.join('、') || '（なし）'}</dd>
          <dt>最新の年度・照会回</dt>
          <dd>
            {preview.latestYear != null
              ? `${formatFiscalYear(preview.latestYear)} ${preview.latestRound ?? ''}`
              : '—'}
          </dd>
          <dt>進捗の記録</dt>
          <dd>{preview.records.toLocaleString('ja-JP')}件</dd>
          <dt>大きさ</dt>
          <dd>{size(preview.size)}</dd>
        </dl>
      ) : (
        <p className="muted">バックアップの中身を確かめています…</p>
      )}
    </Dialog>
  );
}
