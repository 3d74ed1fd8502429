import { useAppStore } from '../stores/app-store';

/** Errors as alerts (read out at once and kept until dismissed), infos as status. */
export function Notices() {
  const { notices, dismiss } = useAppStore();
  return (
    <div className="notices">
      {notices.map((n) => (
        <div
          key={n.id}
          className={`notice notice-${n.kind}`}
          role={n.kind === 'error' ? 'alert' : 'status'}
        >
          <span>{n.text}</span>
          <button
            type="button"
            className="icon-button"
            aria-label="メッセージを閉じる"
            onClick={() => dismiss(n.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
