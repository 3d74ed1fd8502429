import type { AuditEntry } from '../../shared/domain/audit';
import { formatDateTime } from '../../shared/fiscal-year';
import { sourceLabel } from '../format';

/**
 * 変更履歴 of an item or a record: when, who, from where, then what changed.
 * The three facts are separate elements (a space typed between them in JSX
 * was dropped, and 「佐藤画面」 read as one word).
 */
export function HistoryList({
  history,
  line,
}: {
  history: readonly AuditEntry[];
  line(e: AuditEntry): string;
}) {
  return (
    <section aria-label="変更履歴" className="history">
      <h3>変更履歴</h3>
      {history.length === 0 ? <p className="muted">履歴はありません。</p> : null}
      <ol>
        {history.map((e) => (
          <li key={e.id}>
            <div className="history-meta">
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              <span className="history-who">{e.userName}</span>
              <span className="history-source">{sourceLabel(e)}</span>
            </div>
            <div className="history-change">{line(e)}</div>
          </li>
        ))}
      </ol>
    </section>
  );
}
