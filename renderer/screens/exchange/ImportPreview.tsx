import { useMemo, useState } from 'react';
import type { FieldDiff, ReturnPreview } from '../../../shared/domain/exchange';
import { RECORD_STATUS_LABELS } from '../../../shared/domain/pdca';
import { formatDateTime, formatFiscalYear } from '../../../shared/fiscal-year';
import { errorMessage } from '../../api/client';
import { useAppStore } from '../../stores/app-store';
import { withUndo } from '../../stores/undo-store';

const KIND_LABEL: Record<FieldDiff['kind'], string> = {
  change: '変更',
  conflict: '衝突',
  locked: '確定済み',
  ignored: '取り込まない欄',
};

const key = (recordId: number, field: string) => `${recordId}:${field}`;

/**
 * One returned file, before anything is written: its problems, then per item
 * and field the value now and the value in the file. Changes start accepted,
 * conflicts (changed in the app and in the file) start rejected and show the
 * value at export too; locked and fixed fields cannot be taken.
 */
export function ImportPreview({
  roundId,
  file,
  preview,
  onDone,
  onClose,
}: {
  roundId: number;
  file: { name: string; data: Uint8Array<ArrayBuffer> };
  preview: ReturnPreview;
  onDone(): void;
  onClose(): void;
}) {
  const notify = useAppStore((s) => s.notify);
  const takeable = useMemo(
    () =>
      preview.items.flatMap((i) =>
        i.fields
          .filter((f) => f.kind === 'change' || f.kind === 'conflict')
          .map((f) => ({ recordId: i.recordId, field: f.field, kind: f.kind })),
      ),
    [preview],
  );
  const [accepted, setAccepted] = useState<Set<string>>(
    () => new Set(takeable.filter((t) => t.kind === 'change').map((t) => key(t.recordId, t.field))),
  );
  const [busy, setBusy] = useState(false);
  const errors = preview.problems.filter((p) => p.level === 'error');
  const warnings = preview.problems.filter((p) => p.level === 'warning');
  const conflicts = takeable.filter((t) => t.kind === 'conflict').length;

  const toggle = (k: string) =>
    setAccepted((a) => {
      const n = new Set(a);
      if (n.has(k)) n.delete(k);
      else n.add(k);
      return n;
    });
  const setItem = (recordId: number, on: boolean) =>
    setAccepted((a) => {
      const n = new Set(a);
      for (const t of takeable.filter((x) => x.recordId === recordId)) {
        if (on) n.add(key(t.recordId, t.field));
        else n.delete(key(t.recordId, t.field));
      }
      return n;
    });

  const apply = async () => {
    setBusy(true);
    try {
      const summary = await withUndo(`「${file.name}」の取込`, 'exchange.applyReturn', {
        roundId,
        file,
        accept: takeable
          .filter((t) => accepted.has(key(t.recordId, t.field)))
          .map(({ recordId, field }) => ({ recordId, field })),
        revisions: preview.items.map((i) => ({ recordId: i.recordId, revision: i.revision })),
      });
      notify(
        'info',
        summary.importId === null
          ? `「${summary.fileName}」には取り込む変更がありませんでした（何も変えていません）。`
          : `「${summary.fileName}」を取り込みました：${summary.applied}欄を反映、${summary.answered}項目を回答済にしました。`,
      );
      onDone();
    } catch (e) {
      notify('error', errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <article
      className={`import-preview${preview.ok ? '' : ' has-errors'}`}
      aria-label={`${preview.fileName}の確認`}
    >
      <header className="import-head">
        <div>
          <h3>{preview.fileName}</h3>
          <div className="muted">
            {preview.orgUnitName ?? '（課不明）'}
            {preview.fiscalYear
              ? `　${formatFiscalYear(preview.fiscalYear)} ${preview.roundName ?? ''}`
              : ''}
            {preview.rows ? `　${preview.rows}行` : ''}
          </div>
        </div>
        <button
          type="button"
          className="icon-button"
          aria-label={`${preview.fileName}の確認を閉じる`}
          onClick={onClose}
        >
          ×
        </button>
      </header>
      {preview.alreadyImportedAt ? (
        <p className="notice-inline">
          このファイルは {formatDateTime(preview.alreadyImportedAt)}{' '}
          に取込済みです。もう一度取り込んでも変わる欄はありません。
        </p>
      ) : null}
      {errors.length > 0 ? (
        <div className="problems errors" role="alert">
          <p>このファイルは取り込めません（何も保存していません）。</p>
          <ul>
            {errors.map((p, i) => (
              <li key={i}>
                {p.where ? <span className="where">{p.where}</span> : null}
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {warnings.length > 0 ? (
        <ul className="problems warnings">
          {warnings.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      ) : null}
      {preview.ok && preview.items.length === 0 ? (
        <p>変更された欄はありません。取り込むと、回答のあった項目が「回答済」になります。</p>
      ) : null}
      {preview.items.length > 0 ? (
        <table className="preview-table">
          <thead>
            <tr>
              <th scope="col">改革項目</th>
              <th scope="col">欄</th>
              <th scope="col">いまの値</th>
              <th scope="col">回答の値</th>
              <th scope="col">種類</th>
              <th scope="col">取り込む</th>
            </tr>
          </thead>
          <tbody>
            {preview.items.map((i) =>
              i.fields.map((f, n) => {
                const k = key(i.recordId, f.field);
                const can = f.kind === 'change' || f.kind === 'conflict';
                return (
                  <tr key={k} className={`kind-${f.kind}`}>
                    {n === 0 ? (
                      <th scope="rowgroup" rowSpan={i.fields.length}>
                        <div>
                          {i.code} {i.name}
                        </div>
                        <div className="muted">{RECORD_STATUS_LABELS[i.status]}</div>
                        {i.fields.some((x) => x.kind === 'change' || x.kind === 'conflict') ? (
                          <div className="item-toggle">
                            <button type="button" onClick={() => setItem(i.recordId, true)}>
                              すべて取り込む
                            </button>
                            <button type="button" onClick={() => setItem(i.recordId, false)}>
                              すべて外す
                            </button>
                          </div>
                        ) : null}
                      </th>
                    ) : null}
                    <td>{f.label}</td>
                    <td className="pre">
                      {f.current}
                      {f.kind === 'conflict' ? <div className="muted">出力時：{f.base}</div> : null}
                    </td>
                    <td className="pre">{f.incoming}</td>
                    <td>
                      <span className={`diff-kind kind-${f.kind}`}>{KIND_LABEL[f.kind]}</span>
                    </td>
                    <td>
                      {can ? (
                        <input
                          type="checkbox"
                          aria-label={`${i.code} ${f.label}を取り込む`}
                          checked={accepted.has(k)}
                          onChange={() => toggle(k)}
                        />
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                );
              }),
            )}
          </tbody>
        </table>
      ) : null}
      {preview.ok ? (
        <div className="form-actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void apply()}>
            {busy ? '取り込んでいます…' : `選んだ ${accepted.size}欄を取り込む`}
          </button>
          {conflicts > 0 ? (
            <span className="muted">
              衝突 {conflicts}
              欄：出力した後にアプリでも変更された欄です。回答の値を使うときだけチェックしてください。
            </span>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
