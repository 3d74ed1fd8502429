import { lazy, Suspense, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useAppStore } from '../stores/app-store';
import { usePlanStore } from '../stores/plan-store';
import { useUndoStore } from '../stores/undo-store';
import { useShallow } from 'zustand/react/shallow';
import { useLayoutStore } from '../stores/layout-store';

interface NavEntry {
  label: string;
  /** Screens of a plan are shown, disabled, before a plan is open: staff see where they are. */
  available: boolean;
  current?: boolean;
  onSelect?: () => void;
}

const NO_PLAN_REASON = '計画を開くと使えます。「計画の選択」で計画を選んでください。';

/** The application frame: title, navigation, the user, and notices. */

/** The help, with its pictures, loads when F1 or ？ first opens it. */
const HelpDialog = lazy(() => import('./HelpDialog').then((m) => ({ default: m.HelpDialog })));

export function AppFrame({ children }: { children: ReactNode }) {
  const info = useAppStore((s) => s.info);
  const setAboutOpen = useAppStore((s) => s.setAboutOpen);
  const plan = usePlanStore((s) => s.plan);
  const closePlan = usePlanStore((s) => s.closePlan);
  const view = usePlanStore((s) => s.view);
  const setPlanView = usePlanStore((s) => s.setView);
  const backupsOpen = useAppStore((s) => s.backupsOpen);
  const setBackupsOpen = useAppStore((s) => s.setBackupsOpen);
  const dataFilesOpen = useAppStore((s) => s.dataFilesOpen);
  const setDataFilesOpen = useAppStore((s) => s.setDataFilesOpen);
  const dataFile = useAppStore((s) => s.dataFile);
  const aside = backupsOpen || dataFilesOpen;
  const leaveAside = () => {
    setBackupsOpen(false);
    setDataFilesOpen(false);
  };
  const setView = (v: Parameters<typeof setPlanView>[0]) => {
    leaveAside();
    setPlanView(v);
  };
  const here = (v: string) => !aside && !!plan && view === v;
  useUndoKeys();
  const [helpOpen, setHelpOpen] = useState(false);
  const { sidebarCollapsed, detailOverlay, toggleSidebar } = useLayoutStore(
    useShallow((s) => ({
      sidebarCollapsed: s.sidebarCollapsed,
      detailOverlay: s.detailOverlay,
      toggleSidebar: s.toggleSidebar,
    })),
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F1') return;
      e.preventDefault(); // the browser's own help page would leave the app
      setHelpOpen(true);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  const nav: NavEntry[] = [
    {
      label: '計画の選択',
      available: true,
      current: !aside && !plan,
      onSelect: () => {
        leaveAside();
        closePlan();
      },
    },
    {
      label: '改革項目',
      available: !!plan,
      current: here('items'),
      onSelect: () => setView('items'),
    },
    {
      label: 'PDCA進捗管理',
      available: !!plan,
      current: here('pdca'),
      onSelect: () => setView('pdca'),
    },
    {
      label: 'ダッシュボード',
      available: !!plan,
      current: here('dashboard'),
      onSelect: () => setView('dashboard'),
    },
    {
      label: 'Excel 照会・回収',
      available: !!plan,
      current: here('exchange'),
      onSelect: () => setView('exchange'),
    },
    {
      label: '委員会資料',
      available: !!plan,
      current: here('reports'),
      onSelect: () => setView('reports'),
    },
    {
      label: '部・課',
      available: !!plan,
      current: here('sections'),
      onSelect: () => setView('sections'),
    },
    {
      label: '評価基準・照会回',
      available: !!plan,
      current: here('pdcaSettings'),
      onSelect: () => setView('pdcaSettings'),
    },
    {
      label: 'バックアップ',
      available: true,
      current: backupsOpen,
      onSelect: () => setBackupsOpen(true),
    },
    {
      label: 'データファイル',
      available: true,
      current: dataFilesOpen,
      onSelect: () => setDataFilesOpen(true),
    },
  ];
  return (
    <div
      className={`app${sidebarCollapsed ? ' sidebar-collapsed' : ''}${detailOverlay ? ' detail-overlay' : ''}`}
    >
      <header className="app-header">
        <button
          type="button"
          className="sidebar-toggle"
          aria-expanded={!sidebarCollapsed}
          aria-label={sidebarCollapsed ? '左の一覧を表示する' : '左の一覧を隠す'}
          title={sidebarCollapsed ? '左の一覧を表示する' : '左の一覧を隠す（画面が狭いとき）'}
          onClick={toggleSidebar}
        >
          {sidebarCollapsed ? '▶' : '◀'}
        </button>
        <div className="brand">行革デスク</div>
        <nav aria-label="メインメニュー" className="main-nav">
          <ul>
            {nav.map((n) => (
              <li key={n.label}>
                <button
                  type="button"
                  aria-current={n.current ? 'page' : undefined}
                  // aria-disabled, not disabled: still reached by Tab and hover, so the
                  // reason can be read
                  aria-disabled={n.available ? undefined : 'true'}
                  title={n.available ? undefined : NO_PLAN_REASON}
                  aria-description={n.available ? undefined : NO_PLAN_REASON}
                  onClick={n.available ? n.onSelect : undefined}
                >
                  {n.label}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-right">
          {info ? (
            <span className="user" title={`ログイン名: ${info.user.login}`}>
              {info.user.displayName}
            </span>
          ) : null}
          <button
            type="button"
            onClick={() => setHelpOpen(true)}
            aria-keyshortcuts="F1"
            aria-label="使い方（F1）"
            title="使い方（F1）"
          >
            ？<span className="label-wide"> 使い方</span>
          </button>
          <button type="button" onClick={() => setAboutOpen(true)}>
            このアプリについて
          </button>
        </div>
      </header>
      {dataFile?.mode === 'readOnly' ? (
        <div className="read-only-banner" role="status">
          <strong>読み取り専用</strong>
          <span>
            「{dataFile.name}」は変更できません（表示・印刷・書き出しはできます）。
            {dataFilesOpen ? '' : '理由と開き直し方は「データファイル」の画面にあります。'}
          </span>
          {dataFilesOpen ? null : (
            <button type="button" onClick={() => setDataFilesOpen(true)}>
              理由と開き直し
            </button>
          )}
        </div>
      ) : null}
      {children}
      {helpOpen ? (
        <Suspense fallback={null}>
          <HelpDialog open onClose={() => setHelpOpen(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}

/**
 * Ctrl+Z / Ctrl+Y (Ctrl+Shift+Z) anywhere in the app take back or put again
 * the newest operation, whichever screen it was made on. Text fields keep
 * their own undo of typing, and the grid handles the keys itself.
 */
function useUndoKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || !(e.ctrlKey || e.metaKey) || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      if (t?.closest('dialog[open]')) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void useUndoStore.getState().undo();
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        void useUndoStore.getState().redo();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
