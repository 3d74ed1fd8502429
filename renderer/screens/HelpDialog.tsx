import { useState } from 'react';
import { RECORD_STATUS_LABELS } from '../../shared/domain/pdca';
import type { RecordStatus } from '../../shared/domain/pdca';
import { Dialog } from '../components/Dialog';
import { useAppStore } from '../stores/app-store';
import settingsPicture from '../../docs/screenshots/pdca-settings.png';
import guidePicture from '../../docs/screenshots/exchange-guide.png';
import importPicture from '../../docs/screenshots/import-preview.png';
import gridPicture from '../../docs/screenshots/pdca-grid.png';
import confirmPicture from '../../docs/screenshots/status-confirm.png';
import reportsPicture from '../../docs/screenshots/reports.png';
import closedPicture from '../../docs/screenshots/year-closed.png';

/** The year as the 事務局 runs it, in the order of the screens that carry it. */
const FLOW: { title: string; screen: string; text: string; picture: string }[] = [
  {
    title: '評価基準と照会回を決める',
    screen: '評価基準・照会回',
    text: '自己評価・進捗状況・今後の方向性の段階と、年度の照会回（当初・中間・実績など）と締切を確かめます。前年度と同じなら変更は要りません。',
    picture: settingsPicture,
  },
  {
    title: '各課へ照会する',
    screen: 'Excel 照会・回収',
    text: '照会回を選び、課ごとの Excel ファイルを書き出して、庁内のメールや共有フォルダーで送ります。各課はアプリがなくても Excel だけで回答できます。',
    picture: guidePicture,
  },
  {
    title: '回答を取り込む',
    screen: 'Excel 照会・回収',
    text: '戻ってきたファイルを取り込むと、変わる内容が一覧で出ます。確かめてから反映します。読めない値があるファイルは、何も書き込まずに理由を表示します。取り込みは「元に戻す」で取り消せます。',
    picture: importPicture,
  },
  {
    title: '内容を確かめ、確定する',
    screen: 'PDCA進捗管理',
    text: '表で回答を確かめ、必要なら直接直します。確かめたものは「確認済」、会議に出す内容は「確定」にします。確定した記録は、理由を書いて解除するまで変わりません。',
    picture: gridPicture,
  },
  {
    title: '状況をまとめて確定する',
    screen: 'PDCA進捗管理',
    text: '複数の記録を選んで状況をまとめて変えられます。変える前に件数を確かめる画面が出ます。',
    picture: confirmPicture,
  },
  {
    title: '推進本部会議・委員会の資料を作る',
    screen: '委員会資料',
    text: '進捗状況一覧・個票・総括表・意見一覧表を選び、用紙と向きを決めて印刷・PDF 保存・Excel 書き出しをします。',
    picture: reportsPicture,
  },
  {
    title: '年度を締める',
    screen: 'PDCA進捗管理',
    text: '公表した年度は締めます。締めた年度の数字は、あとの年度をどう変えても変わりません。直す必要があれば「訂正」として理由と一緒に記録します。',
    picture: closedPicture,
  },
];

const SHORTCUTS: [string, string][] = [
  ['F1', 'このヘルプを開く'],
  ['Enter／Shift+Enter', '入力を確定して下／上のセルへ'],
  ['Tab／Shift+Tab', '入力を確定して右／左のセルへ'],
  ['F2', 'セルの中身を編集する（矢印キーで文字の間を移動）'],
  ['Alt+Enter', 'セルの中で改行する'],
  ['Esc', '入力を取り消す'],
  ['Alt+↓', '評価・進捗・方向性の選択肢を開く（↑↓で選び Enter、記号の文字で移動）'],
  ['Delete', '選んだセルを空にする'],
  [
    'Ctrl+C／Ctrl+X／Ctrl+V',
    'コピー／切り取り／貼り付け（Excel の範囲をそのまま貼り付けられます）',
  ],
  ['Ctrl+D', '上のセルの内容を下へコピー'],
  ['Ctrl+Z／Ctrl+Y', '元に戻す／やり直す（どの画面の操作でも、新しいものから順に）'],
  ['Ctrl+Shift+＋', '選んだ行の下に改革項目を追加'],
  ['Ctrl+－', '選んだ改革項目を削除（確認が出ます）'],
  ['Alt+Shift+↑／↓', '改革項目を上／下へ移動'],
  ['Alt+Shift+←／→', '列の幅を狭く／広く'],
  ['Ctrl+Home／Ctrl+End', '表の先頭／最後へ'],
  ['PageUp／PageDown', '1画面分上／下へ'],
  ['Enter（見出しの行で）', '重点項目・取組分野を折りたたむ／開く'],
];

const STATUS_MEANING: Record<RecordStatus, string> = {
  unrequested: 'まだ各課へ照会していない記録です。',
  requested: '照会のファイルを書き出し、回答を待っている記録です。',
  answered: '回答を取り込んだ（または画面で入力した）記録です。',
  checked: '事務局が内容を確かめた記録です。',
  final: '会議・公表に使う内容として確定した記録です。解除には理由が要ります。',
};

const SECTIONS = ['1年の流れ', 'キー操作', '状況の意味', 'データとバックアップ'] as const;

/** Help inside the app (F1 or ？): the yearly flow, the keys, the statuses, where the data is. */
export function HelpDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const info = useAppStore((s) => s.info);
  const [section, setSection] = useState<(typeof SECTIONS)[number]>('1年の流れ');
  const sep = info?.storePath.includes('\\') ? '\\' : '/';
  const folder = info ? info.storePath.slice(0, info.storePath.lastIndexOf(sep)) : '';
  return (
    <Dialog title="行革デスクの使い方" open={open} onClose={onClose} wide>
      <div className="help" role="tablist" aria-label="ヘルプの項目">
        {SECTIONS.map((s) => (
          <button
            key={s}
            type="button"
            role="tab"
            aria-selected={section === s}
            aria-controls={`help-${s}`}
            onClick={() => setSection(s)}
          >
            {s}
          </button>
        ))}
      </div>
      <section id={`help-${section}`} role="tabpanel" aria-label={section} className="help-body">
        {section === '1年の流れ' ? (
          <ol className="help-flow">
            {FLOW.map((f) => (
              <li key={f.title}>
                <h3>{f.title}</h3>
                <p>
                  <span className="help-screen">画面：{f.screen}</span>
                  {f.text}
                </p>
                <img src={f.picture} alt={`「${f.screen}」の画面：${f.title}`} loading="lazy" />
              </li>
            ))}
          </ol>
        ) : null}
        {section === 'キー操作' ? (
          <table className="help-keys">
            <caption>表（改革項目・PDCA進捗管理）で使えるキー</caption>
            <thead>
              <tr>
                <th scope="col">キー</th>
                <th scope="col">働き</th>
              </tr>
            </thead>
            <tbody>
              {SHORTCUTS.map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">
                    <kbd>{k}</kbd>
                  </th>
                  <td>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {section === '状況の意味' ? (
          <dl className="help-statuses">
            {(Object.keys(STATUS_MEANING) as RecordStatus[]).map((s) => (
              <div key={s}>
                <dt>{RECORD_STATUS_LABELS[s]}</dt>
                <dd>{STATUS_MEANING[s]}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        {section === 'データとバックアップ' ? (
          <dl className="help-data">
            <dt>データファイル</dt>
            <dd className="path">{info?.storePath ?? '（読み込み中）'}</dd>
            <dt>バックアップ</dt>
            <dd>
              <span className="path">
                {folder}
                {sep}backups
              </span>
              <br />
              その日の最初の起動のとき、回答や計画の取込・年度の締め・復元の前に自動で作られます。「バックアップ」の画面から今すぐ作ることも、選んで戻すこともできます。
            </dd>
            <dt>ネットワーク</dt>
            <dd>
              行革デスクはインターネットにも庁内のサーバーにも接続しません。データはこのデータファイルだけに保存されます。
            </dd>
          </dl>
        ) : null}
      </section>
    </Dialog>
  );
}
