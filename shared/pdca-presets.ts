import type { RoundTemplate, ScaleAxis, ScaleLevelInput } from './domain/pdca';

/**
 * Scales and rounds seen in the cities of domain.md, offered as starting
 * points. A plan copies one and then owns it: editing a preset here never
 * changes a plan.
 */
export interface ScalePreset {
  id: string;
  name: string;
  axis: ScaleAxis;
  levels: ScaleLevelInput[];
}

const lv = (
  code: string,
  label: string,
  definition: string,
  color: string,
  defaultPercent: number | null = null,
  excluded = false,
): ScaleLevelInput => ({ code, label, definition, color, defaultPercent, excluded });

const EXCLUDED = lv('－', '対象外', 'この年度は評価の対象としない', '#757575', null, true);

export const SCALE_PRESETS: ScalePreset[] = [
  {
    id: 'eval-sabc',
    name: 'S/A/B/C（下野市型）',
    axis: 'evaluation',
    levels: [
      lv('S', '計画以上', '計画を上回って進んでいる', '#1b5e20'),
      lv('A', '計画どおり', '計画どおり進んでいる', '#43a047'),
      lv('B', 'やや遅れている', '計画よりやや遅れている', '#f9a825'),
      lv('C', 'ほとんど進んでいない', '計画より大きく遅れている', '#e53935'),
      EXCLUDED,
    ],
  },
  {
    id: 'eval-kizugawa',
    name: 'S/A/B/C（木津川市型）',
    axis: 'evaluation',
    levels: [
      lv('S', '特に良好に進捗', '目標を上回る成果があった', '#1b5e20'),
      lv('A', '良好に進捗', '目標どおりの成果があった', '#43a047'),
      lv('B', '概ね進捗', '概ね目標どおりに進んでいる', '#f9a825'),
      lv('C', '進捗に課題あり', '進捗に課題がある', '#e53935'),
      lv('－', '対象外・未評価', '評価の対象としない', '#757575', null, true),
    ],
  },
  {
    id: 'eval-three',
    name: '計画以上/計画どおり/計画以下（三好市型）',
    axis: 'evaluation',
    levels: [
      lv('上', '計画以上', '計画を上回った', '#1b5e20'),
      lv('中', '計画どおり', '計画どおり', '#43a047'),
      lv('下', '計画以下', '計画を下回った', '#e53935'),
      EXCLUDED,
    ],
  },
  {
    id: 'eval-fukuchiyama',
    name: '達成/部分実施/検討中（福知山市型）',
    axis: 'evaluation',
    levels: [
      lv('達成', '達成', '取組を達成した', '#2e7d32', 100),
      lv('部分', '部分実施', '一部を実施した', '#f9a825', 50),
      lv('検討', '検討中', '検討を進めている', '#e53935', 0),
      EXCLUDED,
    ],
  },
  {
    id: 'eval-nagoya',
    name: '順調/やや遅れ/遅れ（進捗率型）',
    axis: 'evaluation',
    levels: [
      lv('順調', '順調', '進捗率80%以上', '#2e7d32', 80),
      lv('やや', 'やや遅れ', '進捗率60%以上80%未満', '#f9a825', 60),
      lv('遅れ', '遅れ', '進捗率60%未満', '#e53935', 0),
      EXCLUDED,
    ],
  },
  {
    id: 'progress-three',
    name: '未着手/取組中/完了',
    axis: 'progress',
    levels: [
      lv('未', '未着手', '取組に着手していない', '#9e9e9e', 0),
      lv('中', '取組中', '取組を進めている', '#1e88e5'),
      lv('完', '完了', '取組が完了した', '#2e7d32', 100),
    ],
  },
  {
    id: 'progress-miyakojima',
    name: '検討/調整/内容決定/実行準備/実行（宮古島市型の工程）',
    axis: 'progress',
    levels: [
      lv('検討', '検討', '取組の方法を検討している', '#9e9e9e', 0),
      lv('調整', '調整', '関係者と調整している', '#90caf9', 25),
      lv('決定', '内容決定', '取組の内容が決まった', '#42a5f5', 50),
      lv('準備', '実行準備', '実行に向けて準備している', '#1e88e5', 75),
      lv('実行', '実行', '取組を実行した', '#2e7d32', 100),
    ],
  },
  {
    id: 'progress2-achievement',
    name: '未達成/一部達成/達成（2軸目）',
    axis: 'progress2',
    levels: [
      lv('未', '未達成', '目標を達成していない', '#e53935', 0),
      lv('一部', '一部達成', '目標の一部を達成した', '#f9a825', 50),
      lv('達成', '達成', '目標を達成した', '#2e7d32', 100),
    ],
  },
  {
    id: 'direction-six',
    name: '拡充/継続/見直し/縮小/完了/廃止',
    axis: 'direction',
    levels: [
      lv('拡充', '拡充', '取組を拡大・強化する', '#1565c0'),
      lv('継続', '継続', '今のまま継続する', '#43a047'),
      lv('見直し', '見直し', '内容を見直して継続する', '#f9a825'),
      lv('縮小', '縮小', '取組を縮小する', '#fb8c00'),
      lv('完了', '完了', '目的を達成し終了する', '#6d4c41'),
      lv('廃止', '廃止', '取組を中止・廃止する', '#757575'),
    ],
  },
  {
    id: 'direction-national',
    name: '拡充強化/今のまま継続/内容の見直し/縮小/中止・廃止（国の様式）',
    axis: 'direction',
    levels: [
      lv('拡充', '拡充強化', '取組を拡充・強化する', '#1565c0'),
      lv('継続', '今のまま継続', '今のまま継続する', '#43a047'),
      lv('見直し', '内容の見直し', '内容を見直す', '#f9a825'),
      lv('縮小', '縮小', '取組を縮小する', '#fb8c00'),
      lv('廃止', '中止・廃止', '取組を中止・廃止する', '#757575'),
    ],
  },
];

export interface RoundPreset {
  id: string;
  name: string;
  rounds: RoundTemplate[];
}

export const ROUND_PRESETS: RoundPreset[] = [
  {
    id: 'year-end',
    name: '年1回（年度末の実績）',
    rounds: [{ name: '実績', month: 5, day: 31, afterYearEnd: true }],
  },
  {
    id: 'three',
    name: '年3回（当初計画・中間・実績、白老町型）',
    rounds: [
      { name: '当初計画', month: 4, day: 30, afterYearEnd: false },
      { name: '中間', month: 10, day: 31, afterYearEnd: false },
      { name: '実績', month: 3, day: 31, afterYearEnd: false },
    ],
  },
];

/** The deadline of a round in a fiscal year, as YYYY-MM-DD (clamped to the month's end). */
export function roundDeadline(fy: number, t: RoundTemplate): string {
  // 1–3月 belong to the fiscal year that started the April before; a round after
  // the year's end (実績 reported in May) falls in the next calendar spring.
  const year = t.afterYearEnd ? fy + 1 + (t.month <= 3 ? 1 : 0) : fy + (t.month <= 3 ? 1 : 0);
  const last = new Date(Date.UTC(year, t.month, 0)).getUTCDate();
  const day = Math.min(t.day, last);
  return `${year}-${String(t.month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Starting points per city of domain.md: which scales, rounds and heading
 * names its plan uses. Chosen when a plan comes in from the city's own sheet;
 * the plan then owns its copy.
 */
export interface CityPreset {
  id: string;
  name: string;
  headingNames: { priority: string; area: string };
  scales: { evaluation: string; progress: string; direction: string };
  rounds: string;
}

export const CITY_PRESETS: readonly CityPreset[] = [
  {
    id: 'nihonmatsu',
    name: '二本松市型（S/A/B/C、年1回）',
    headingNames: { priority: '重点項目', area: '取組分野' },
    scales: { evaluation: 'eval-sabc', progress: 'progress-three', direction: 'direction-six' },
    rounds: 'year-end',
  },
  {
    id: 'shimotsuke',
    name: '下野市型（S 計画以上/A 計画どおり/B やや遅れている/C ほとんど進んでいない）',
    headingNames: { priority: '基本方針', area: '推進項目' },
    scales: { evaluation: 'eval-sabc', progress: 'progress-three', direction: 'direction-six' },
    rounds: 'year-end',
  },
  {
    id: 'kizugawa',
    name: '木津川市型（S 特に良好に進捗…C 進捗に課題あり、対象外・未評価）',
    headingNames: { priority: '重点項目', area: '取組分野' },
    scales: { evaluation: 'eval-kizugawa', progress: 'progress-three', direction: 'direction-six' },
    rounds: 'year-end',
  },
  {
    id: 'miyoshi',
    name: '三好市型（計画以上/計画どおり/計画以下）',
    headingNames: { priority: '基本方針', area: '取組項目' },
    scales: { evaluation: 'eval-three', progress: 'progress-three', direction: 'direction-six' },
    rounds: 'year-end',
  },
  {
    id: 'fukuchiyama',
    name: '福知山市型（達成/部分実施/検討中）',
    headingNames: { priority: '重点項目', area: '取組分野' },
    scales: {
      evaluation: 'eval-fukuchiyama',
      progress: 'progress-three',
      direction: 'direction-national',
    },
    rounds: 'year-end',
  },
  {
    id: 'miyakojima',
    name: '宮古島市型（工程：検討→調整→内容決定→実行準備→実行）',
    headingNames: { priority: '基本方針', area: '推進項目' },
    scales: {
      evaluation: 'eval-sabc',
      progress: 'progress-miyakojima',
      direction: 'direction-six',
    },
    rounds: 'year-end',
  },
  {
    id: 'shiraoi',
    name: '白老町型（年3回：当初計画・中間・実績）',
    headingNames: { priority: '重点項目', area: '取組分野' },
    scales: { evaluation: 'eval-sabc', progress: 'progress-three', direction: 'direction-six' },
    rounds: 'three',
  },
  {
    id: 'nagoya-port',
    name: '名古屋港管理組合型（順調/やや遅れ/遅れ）',
    headingNames: { priority: '基本方針', area: '取組項目' },
    scales: { evaluation: 'eval-nagoya', progress: 'progress-three', direction: 'direction-six' },
    rounds: 'year-end',
  },
];

export const DEFAULT_CITY_PRESET = CITY_PRESETS[0]!;
