import { useState } from 'react';
import type { FormEvent } from 'react';
import { Dialog } from '../components/Dialog';
import { useAppStore } from '../stores/app-store';

/** Version, where the data lives, and who changes are recorded as. */
export function AboutDialog() {
  const { info, aboutOpen, setAboutOpen } = useAppStore();
  if (!info) return null;
  return (
    <Dialog title="行革デスクについて" open={aboutOpen} onClose={() => setAboutOpen(false)}>
      <dl className="about">
        <dt>バージョン</dt>
        <dd>{info.version}</dd>
        <dt>起動方法</dt>
        <dd>
          {info.host === 'electron'
            ? 'デスクトップアプリ'
            : 'ブラウザ版（このパソコンの中だけで動作）'}
        </dd>
        <dt>データファイル</dt>
        <dd className="path">{info.storePath}</dd>
        <dt>データ形式</dt>
        <dd>{info.schemaVersion}</dd>
        <dt>ログイン名</dt>
        <dd>{info.user.login}</dd>
      </dl>
      <DisplayNameForm
        key={`${info.user.displayName}:${aboutOpen}`}
        current={info.user.displayName}
      />
      <p className="muted">
        行革デスクはインターネットに接続しません。データはこのパソコン（または指定したフォルダー）のデータファイルだけに保存されます。
      </p>
    </Dialog>
  );
}

function DisplayNameForm({ current }: { current: string }) {
  const setDisplayName = useAppStore((s) => s.setDisplayName);
  const [name, setName] = useState(current);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await setDisplayName(name);
  };
  return (
    <form onSubmit={submit} className="inline-form">
      <label>
        変更履歴に記録する表示名
        <input value={name} onChange={(e) => setName(e.target.value)} maxLength={50} required />
      </label>
      <button type="submit">表示名を保存</button>
    </form>
  );
}
