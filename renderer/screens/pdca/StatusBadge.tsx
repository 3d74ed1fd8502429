import type { RecordStatus } from '../../../shared/domain/pdca';
import { RECORD_STATUS_LABELS } from '../../../shared/domain/pdca';

/** 未依頼 … 確定; 確定 carries a lock drawn in SVG (no emoji font on staff PCs is assumed). */
export function StatusBadge({ status }: { status: RecordStatus }) {
  return (
    <span className={`status-badge status-${status}`}>
      {status === 'final' ? (
        <svg className="lock-icon" viewBox="0 0 12 14" width="10" height="12" aria-hidden="true">
          <path d="M3 6V4a3 3 0 0 1 6 0v2" fill="none" stroke="currentColor" strokeWidth="1.6" />
          <rect x="1" y="6" width="10" height="7.5" rx="1.5" fill="currentColor" />
        </svg>
      ) : null}
      {RECORD_STATUS_LABELS[status]}
    </span>
  );
}
