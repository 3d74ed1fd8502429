import type { PlanFileInput } from '../shared/domain/plan-file';

/**
 * A large plan with the shape of a real one (long 推進内容, ①② initiatives with
 * points and spans, sections from many departments), reproducible from a seed.
 */
export function generatePlan(
  items: number,
  opts: { priorities?: number; areasPer?: number; departments?: number; sectionsPer?: number } = {},
): PlanFileInput {
  const P = opts.priorities ?? 5;
  const A = opts.areasPer ?? 10;
  const D = opts.departments ?? 10;
  const S = opts.sectionsPer ?? 5;
  const perArea = Math.ceil(items / (P * A));
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const words = [
    '行政手続',
    'オンライン化',
    '業務効率化',
    '財源確保',
    '公共施設',
    '窓口業務',
    '人材育成',
    '広域連携',
    'デジタル化',
    '市民協働',
    '経費削減',
    '事務改善',
  ];
  const sentence = (n: number) =>
    Array.from(
      { length: n },
      () => `${pick(words)}の${pick(['推進', '見直し', '検討', '充実', '強化'])}を図り、`,
    ).join('') + '効果的な行政運営に努める。';
  let made = 0;
  return {
    format: 'gyokaku-desk/plan@1',
    plan: {
      title: `ベンチマーク計画（${items.toLocaleString('ja-JP')}項目）`,
      municipality: 'ベンチ市',
      firstFy: 2026,
      lastFy: 2030,
      adoptedOn: null,
    },
    phases: [
      { code: '検討', label: '検討' },
      { code: '試行', label: '試行' },
      { code: '実施', label: '実施' },
      { code: '継続', label: '継続' },
    ],
    priorities: Array.from({ length: P }, (_, p) => ({
      number: p + 1,
      title: `重点項目${p + 1}の名称`,
      leadText: sentence(3),
      areas: Array.from({ length: A }, (_, a) => ({
        number: a + 1,
        title: `取組分野${p + 1}-${a + 1}`,
        leadText: sentence(2),
        items: Array.from({ length: Math.max(0, Math.min(perArea, items - made)) }, (_, i) => {
          made++;
          const start = 2026 + Math.floor(rand() * 3);
          return {
            number: i + 1,
            name: `${pick(words)}${pick(['の推進', 'の見直し', 'による効率化'])}（${p + 1}-${a + 1}-${i + 1}）`,
            continued: rand() < 0.4,
            promotion: sentence(1 + Math.floor(rand() * 3)),
            initiatives: [
              {
                label: '①',
                text: `${pick(words)}の検討`,
                points: [`${pick(words)}の調査`],
                spans: [{ start: 2026, end: start, phase: '検討' }],
              },
              {
                label: '②',
                text: `${pick(words)}の実施`,
                points: [],
                spans: [{ start: Math.min(2030, start + 1), end: 2030, phase: '実施' }],
              },
            ],
            lead: [
              {
                department: `第${1 + Math.floor(rand() * D)}部`,
                section: `第${1 + Math.floor(rand() * S)}課`,
              },
            ],
            relatedSections: rand() < 0.1,
          };
        }),
      })),
    })),
  };
}
