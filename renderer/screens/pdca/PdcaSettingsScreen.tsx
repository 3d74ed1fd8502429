// kept whole: one settings screen with its sections (axis names, rounds, the scale editor with its merge of levels in use).
import { useEffect, useState } from 'react';
import type { AnswerPolicy } from '../../../shared/domain/years';
import { ANSWER_POLICIES, ANSWER_POLICY_LABELS } from '../../../shared/domain/years';
import type {
  PdcaSettings,
  RoundTemplate,
  ScaleAxis,
  ScaleLevel,
  ScaleLevelInput,
} from '../../../shared/domain/pdca';
import { SCALE_AXIS_DEFAULT_LABELS } from '../../../shared/domain/pdca';
import type { PlanDetail } from '../../../shared/domain/plan';
import { ROUND_PRESETS, SCALE_PRESETS } from '../../../shared/pdca-presets';
import { call, errorMessage } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { useAppStore } from '../../stores/app-store';
import { usePdcaStore } from '../../stores/pdca-store';
import { withUndo } from '../../stores/undo-store';

type LevelDraft = ScaleLevelInput & { usage: number };

const toDraft = (l: ScaleLevel): LevelDraft => ({
  id: l.id,
  code: l.code,
  label: l.label,
  definition: l.definition,
  color: l.color,
  defaultPercent: l.defaultPercent,
  excluded: l.excluded,
  usage: l.usage,
});

/**
 * What a plan measures with: the names of the status axes (one or two), the
 * evaluation and direction scales with their definitions and colours, the unit
 * of 効果額, and the reporting rounds of a year. Presets from other cities are
 * starting points; a level in use is never dropped silently.
 */
export function PdcaSettingsScreen({ plan }: { plan: PlanDetail }) {
  const settings = usePdcaStore((s) => s.settings);
  const notify = useAppStore((s) => s.notify);
  useEffect(() => {
    const st = usePdcaStore.getState();
    if (st.planId !== plan.id || !st.settings) void st.load(plan.id, plan.firstFy, plan.lastFy);
    // How many records use each level: shown here, where removing a level is decided.
    call('pdca.settings.get', { planId: plan.id, withUsage: true })
      .then((s) => usePdcaStore.getState().setSettings(s))
      .catch((e: unknown) => notify('error', errorMessage(e)));
  }, [plan.id, plan.firstFy, plan.lastFy, notify]);
  if (!settings)
    return (
      <main className="content" aria-busy="true">
        <p className="muted">読み込んでいます…</p>
      </main>
    );
  return (
    <main className="content settings-screen" aria-label="評価基準・照会回の設定">
      <header className="content-header">
        <h1>評価基準・照会回　{plan.title}</h1>
      </header>
      <GeneralSettings
        key={`g${JSON.stringify(settings.axisLabels)}${JSON.stringify(settings.rounds)}${settings.amountUnit}${settings.answerPolicy}`}
        settings={settings}
      />
      {(
        [
          'progress',
          ...(settings.axisLabels.progress2 !== null ? (['progress2'] as const) : []),
          'evaluation',
          'direction',
        ] as ScaleAxis[]
      ).map((axis) => (
        <ScaleEditor
          key={`${axis}${settings.levels
            .filter((l) => l.axis === axis)
            .map((l) => `${l.id}:${l.label}:${l.code}:${l.usage}`)
            .join(',')}`}
          settings={settings}
          axis={axis}
        />
      ))}
    </main>
  );
}

function GeneralSettings({ settings }: { settings: PdcaSettings }) {
  const notify = useAppStore((s) => s.notify);
  const [labels, setLabels] = useState(settings.axisLabels);
  const [unit, setUnit] = useState(settings.amountUnit);
  const [policy, setPolicy] = useState<AnswerPolicy>(settings.answerPolicy);
  const [rounds, setRounds] = useState<RoundTemplate[]>(settings.rounds);
  const [error, setError] = useState<string | null>(null);
  const setRound = (i: number, patch: Partial<RoundTemplate>) =>
    setRounds((r) => r.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  const save = async () => {
    try {
      const next = await withUndo('評価基準・照会回の設定', 'pdca.settings.update', {
        planId: settings.planId,
        axisLabels: labels,
        amountUnit: unit,
        rounds,
        answerPolicy: policy,
      });
      usePdcaStore.getState().setSettings(next);
      setError(null);
      notify(
        'info',
        '設定を保存しました。新しい照会回の構成は、これから作成する年度に使われます。',
      );
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <section className="settings-section" aria-labelledby="general-h">
      <h2 id="general-h">区分の名称・効果額・照会回</h2>
      <div className="settings-grid">
        <label>
          進捗の名称
          <input
            value={labels.progress}
            onChange={(e) => setLabels({ ...labels, progress: e.target.value })}
          />
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={labels.progress2 !== null}
            onChange={(e) =>
              setLabels({
                ...labels,
                progress2: e.target.checked ? SCALE_AXIS_DEFAULT_LABELS.progress2 : null,
              })
            }
          />
          2つ目の進捗の軸を使う（例：着手状況と達成度）
        </label>
        {labels.progress2 !== null ? (
          <label>
            2つ目の軸の名称
            <input
              value={labels.progress2}
              onChange={(e) => setLabels({ ...labels, progress2: e.target.value })}
            />
          </label>
        ) : null}
        <label>
          評価の名称
          <input
            value={labels.evaluation}
            onChange={(e) => setLabels({ ...labels, evaluation: e.target.value })}
          />
        </label>
        <label>
          方向性の名称
          <input
            value={labels.direction}
            onChange={(e) => setLabels({ ...labels, direction: e.target.value })}
          />
        </label>
        <fieldset>
          <legend>複数の課が担当する改革項目の回答</legend>
          {ANSWER_POLICIES.map((p) => (
            <label className="check" key={p}>
              <input
                type="radio"
                name="answer-policy"
                checked={policy === p}
                onChange={() => setPolicy(p)}
              />
              {ANSWER_POLICY_LABELS[p]}
            </label>
          ))}
          <p className="muted">
            どちらでも、回答済になるのは回答を書き込んだ行だけです。未回答一覧は主担当課ごとに載ります。
          </p>
        </fieldset>
        <fieldset>
          <legend>効果額の表示・入力の単位（保存は常に円単位）</legend>
          <label className="check">
            <input
              type="radio"
              name="unit"
              checked={unit === 'thousand'}
              onChange={() => setUnit('thousand')}
            />
            千円
          </label>
          <label className="check">
            <input
              type="radio"
              name="unit"
              checked={unit === 'yen'}
              onChange={() => setUnit('yen')}
            />
            円
          </label>
        </fieldset>
      </div>
      <h3>1年間の照会回</h3>
      <div className="toolbar">
        {ROUND_PRESETS.map((p) => (
          <button key={p.id} type="button" onClick={() => setRounds(p.rounds)}>
            ひな形：{p.name}
          </button>
        ))}
      </div>
      <table className="settings-table">
        <thead>
          <tr>
            <th scope="col">名称</th>
            <th scope="col">締切（月）</th>
            <th scope="col">締切（日）</th>
            <th scope="col">年度末の後</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {rounds.map((r, i) => (
            <tr key={i}>
              <td>
                <input
                  aria-label={`${i + 1}回目の名称`}
                  value={r.name}
                  onChange={(e) => setRound(i, { name: e.target.value })}
                />
              </td>
              <td>
                <select
                  aria-label={`${i + 1}回目の締切の月`}
                  value={r.month}
                  onChange={(e) => setRound(i, { month: Number(e.target.value) })}
                >
                  {[4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3].map((m) => (
                    <option key={m} value={m}>
                      {m}月
                    </option>
                  ))}
                </select>
              </td>
              <td>
                <input
                  aria-label={`${i + 1}回目の締切の日`}
                  type="number"
                  min={1}
                  max={31}
                  value={r.day}
                  onChange={(e) =>
                    setRound(i, { day: Math.max(1, Math.min(31, Number(e.target.value) || 1)) })
                  }
                />
              </td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${i + 1}回目は年度末の後（翌年度）に締め切る`}
                  checked={r.afterYearEnd}
                  onChange={(e) => setRound(i, { afterYearEnd: e.target.checked })}
                />
              </td>
              <td>
                <button
                  type="button"
                  disabled={rounds.length <= 1}
                  onClick={() => setRounds(rounds.filter((_, j) => j !== i))}
                >
                  削除
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button
          type="button"
          onClick={() =>
            setRounds([
              ...rounds,
              { name: `第${rounds.length + 1}回`, month: 3, day: 31, afterYearEnd: false },
            ])
          }
        >
          照会回を追加
        </button>
        <button type="button" className="primary" onClick={() => void save()}>
          保存
        </button>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

function ScaleEditor({ settings, axis }: { settings: PdcaSettings; axis: ScaleAxis }) {
  const notify = useAppStore((s) => s.notify);
  const current = settings.levels.filter((l) => l.axis === axis);
  const [drafts, setDrafts] = useState<LevelDraft[]>(current.map(toDraft));
  const [error, setError] = useState<string | null>(null);
  const [mapping, setMapping] = useState<Record<string, number> | null>(null);
  const name = settings.axisLabels[axis] ?? SCALE_AXIS_DEFAULT_LABELS[axis];
  const presets = SCALE_PRESETS.filter(
    (p) => p.axis === axis || (axis === 'progress2' && p.axis === 'progress2'),
  );
  const removedInUse = current.filter((l) => l.usage > 0 && !drafts.some((d) => d.id === l.id));
  const kept = current.filter((l) => drafts.some((d) => d.id === l.id));
  const set = (i: number, patch: Partial<LevelDraft>) =>
    setDrafts((d) => d.map((x, j) => (j === i ? { ...x, ...patch } : x)));
  const move = (i: number, by: number) =>
    setDrafts((d) => {
      const next = [...d];
      const [x] = next.splice(i, 1);
      next.splice(i + by, 0, x!);
      return next;
    });

  const applyPreset = (id: string) => {
    const p = SCALE_PRESETS.find((x) => x.id === id);
    if (!p) return;
    // Levels with the same code or label keep their identity, so records stay on them.
    setDrafts(
      p.levels.map((l) => {
        const same = current.find((c) => c.code === l.code || c.label === l.label);
        return { ...l, id: same?.id, usage: same?.usage ?? 0 };
      }),
    );
  };

  const save = async (map: Record<string, number>) => {
    try {
      const next = await withUndo('評価の段階の変更', 'pdca.scale.save', {
        planId: settings.planId,
        axis,
        levels: drafts.map(({ usage: _u, ...l }) => ({ ...l, defaultPercent: l.defaultPercent })),
        mapping: map,
      });
      usePdcaStore.getState().setSettings(next);
      setMapping(null);
      setError(null);
      notify('info', `「${name}」の段階を保存しました。`);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const trySave = () => {
    if (removedInUse.length > 0) {
      if (kept.length === 0) {
        setError(
          '使用中の段階を削除するには、統合先として既存の段階を1つ以上残してください（新しい段階は保存後に統合先にできます）。',
        );
        return;
      }
      setMapping(Object.fromEntries(removedInUse.map((l) => [String(l.id), kept[0]!.id])));
      return;
    }
    void save({});
  };

  return (
    <section className="settings-section" aria-labelledby={`scale-${axis}`}>
      <h2 id={`scale-${axis}`}>{name}の段階</h2>
      {presets.length > 0 ? (
        <label>
          ひな形から設定
          <select value="" onChange={(e) => applyPreset(e.target.value)}>
            <option value="">選んでください</option>
            {presets.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <table className="settings-table">
        <thead>
          <tr>
            <th scope="col">記号</th>
            <th scope="col">名称</th>
            <th scope="col">定義</th>
            <th scope="col">色</th>
            <th scope="col">既定の進捗率</th>
            {axis === 'evaluation' ? <th scope="col">対象外</th> : null}
            <th scope="col">使用</th>
            <th scope="col">操作</th>
          </tr>
        </thead>
        <tbody>
          {drafts.map((d, i) => (
            <tr key={d.id ?? `n${i}`}>
              <td>
                <input
                  className="short"
                  aria-label={`${i + 1}段階目の記号`}
                  value={d.code}
                  onChange={(e) => set(i, { code: e.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`${i + 1}段階目の名称`}
                  value={d.label}
                  onChange={(e) => set(i, { label: e.target.value })}
                />
              </td>
              <td>
                <input
                  className="wide"
                  aria-label={`${i + 1}段階目の定義`}
                  value={d.definition}
                  onChange={(e) => set(i, { definition: e.target.value })}
                />
              </td>
              <td>
                <input
                  type="color"
                  aria-label={`${i + 1}段階目の色`}
                  value={d.color}
                  onChange={(e) => set(i, { color: e.target.value })}
                />
              </td>
              <td>
                <input
                  className="short"
                  aria-label={`${i + 1}段階目の既定の進捗率（%）`}
                  value={d.defaultPercent ?? ''}
                  onChange={(e) => {
                    const v = e.target.value.trim();
                    const n = Number(v);
                    set(i, {
                      defaultPercent:
                        v === '' || !Number.isFinite(n) ? null : Math.max(0, Math.min(100, n)),
                    });
                  }}
                />
              </td>
              {axis === 'evaluation' ? (
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${i + 1}段階目は対象外`}
                    checked={d.excluded}
                    onChange={(e) => set(i, { excluded: e.target.checked })}
                  />
                </td>
              ) : null}
              <td className="number">{d.usage}件</td>
              <td className="row-actions">
                <button
                  type="button"
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  aria-label={`${d.label}を上へ`}
                >
                  ↑
                </button>
                <button
                  type="button"
                  disabled={i === drafts.length - 1}
                  onClick={() => move(i, 1)}
                  aria-label={`${d.label}を下へ`}
                >
                  ↓
                </button>
                <button type="button" onClick={() => setDrafts(drafts.filter((_, j) => j !== i))}>
                  削除
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="form-actions">
        <button
          type="button"
          onClick={() =>
            setDrafts([
              ...drafts,
              {
                code: '',
                label: '',
                definition: '',
                color: '#607d8b',
                defaultPercent: null,
                excluded: false,
                usage: 0,
              },
            ])
          }
        >
          段階を追加
        </button>
        <button type="button" onClick={() => setDrafts(current.map(toDraft))}>
          元に戻す
        </button>
        <button type="button" className="primary" onClick={trySave}>
          保存
        </button>
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {mapping ? (
        <Dialog
          title={`「${name}」の使用中の段階の統合`}
          open
          onClose={() => setMapping(null)}
          footer={
            <>
              <button type="button" className="primary" onClick={() => void save(mapping)}>
                統合して保存
              </button>
              <button type="button" onClick={() => setMapping(null)}>
                取り消し
              </button>
            </>
          }
        >
          <p>
            削除する段階は記録で使われています。記録をどの段階に付け替えるかを選んでください。付け替えは変更履歴に残ります。
          </p>
          {removedInUse.map((l) => (
            <label key={l.id} className="stacked">
              「{l.label}」（{l.usage}件）の統合先
              <select
                value={mapping[String(l.id)]}
                onChange={(e) => setMapping({ ...mapping, [String(l.id)]: Number(e.target.value) })}
              >
                {kept.map((k) => (
                  <option key={k.id} value={k.id}>
                    {drafts.find((d) => d.id === k.id)?.label ?? k.label}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </Dialog>
      ) : null}
    </section>
  );
}
