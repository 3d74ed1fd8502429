import { useState } from 'react';
import type { PlanDetail } from '../../../shared/domain/plan';
import { errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useAppStore } from '../../stores/app-store';
import { usePlanStore } from '../../stores/plan-store';
import { withUndo } from '../../stores/undo-store';

interface Row {
  id?: number;
  code: string;
  label: string;
}

/** The plan's 実施時期 phases: order, names, new ones; one in use cannot be removed. */
export function PhaseEditor({ plan, onClose }: { plan: PlanDetail; onClose(): void }) {
  const [rows, setRows] = useState<Row[]>(
    plan.phases.map((p) => ({ id: p.id, code: p.code, label: p.label })),
  );
  const notify = useAppStore((s) => s.notify);
  const save = async () => {
    try {
      await withUndo('実施時期の区分の変更', 'plans.setPhases', {
        planId: plan.id,
        phases: rows.map((r) => ({ ...r, code: r.code.trim() || r.label.trim() })),
      });
      await usePlanStore.getState().reload();
      notify('info', '実施時期の区分を保存しました。');
      onClose();
    } catch (e) {
      notify('error', errorMessage(e));
    }
  };
  const move = (i: number, d: -1 | 1) =>
    setRows((rs) => {
      const n = [...rs];
      const j = i + d;
      if (j < 0 || j >= n.length) return rs;
      [n[i], n[j]] = [n[j]!, n[i]!];
      return n;
    });
  return (
    <Dialog
      title="実施時期の区分"
      open
      onClose={onClose}
      footer={
        <>
          <button type="button" className="primary" onClick={() => void save()}>
            保存
          </button>
          <button type="button" onClick={onClose}>
            取り消し
          </button>
        </>
      }
    >
      <p className="muted">
        この計画の実施時期に使う区分です（例：検討・試行・実施・継続）。使われている区分は削除できません。
      </p>
      <ol className="phase-list">
        {rows.map((r, i) => (
          <li key={r.id ?? `new${i}`}>
            <input
              aria-label={`${i + 1}番目の区分`}
              value={r.label}
              maxLength={20}
              onChange={(e) =>
                setRows((rs) =>
                  rs.map((x, k) =>
                    k === i
                      ? {
                          ...x,
                          label: e.target.value,
                          code: x.id == null ? e.target.value : x.code,
                        }
                      : x,
                  ),
                )
              }
            />
            <button
              type="button"
              aria-label={`${r.label}を上へ`}
              onClick={() => move(i, -1)}
              disabled={i === 0}
            >
              ↑
            </button>
            <button
              type="button"
              aria-label={`${r.label}を下へ`}
              onClick={() => move(i, 1)}
              disabled={i === rows.length - 1}
            >
              ↓
            </button>
            <button
              type="button"
              onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))}
              disabled={rows.length === 1}
            >
              削除
            </button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => setRows((rs) => [...rs, { code: '', label: '' }])}>
        区分を追加
      </button>
    </Dialog>
  );
}
