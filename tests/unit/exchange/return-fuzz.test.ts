import crypto from 'node:crypto';
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/ipc/dispatch';
import type { ReturnPreview } from '../../../shared/domain/exchange';
import { corpusStore } from '../../fixtures/bad-returns/corpus-store';
import { editWorkbook } from './helpers';
import { parts, writeZip } from './zip-tools';

/**
 * 「a return is imported exactly or refused」: a valid return, damaged at
 * random — bytes flipped or cut, XML broken, zip entries dropped, doubled or
 * renamed — or changed in ways that keep its meaning (whitespace, unknown
 * attributes and elements, namespace prefixes). Every result is either
 * exactly the intended import or a refusal with a Japanese message; the store
 * is byte for byte unchanged after every refusal; never an INTERNAL error.
 */
type Ctx = Awaited<ReturnType<typeof corpusStore>>;

function fingerprint(ctx: Ctx): string {
  ctx.store.db.pragma('wal_checkpoint(TRUNCATE)');
  const h = crypto.createHash('sha256').update(fs.readFileSync(ctx.file));
  const wal = `${ctx.file}-wal`;
  if (fs.existsSync(wal)) h.update(fs.readFileSync(wal));
  return h.digest('hex');
}

const JAPANESE = /[ぁ-んァ-ヶ一-龯]/;
const key = (p: ReturnPreview) =>
  JSON.stringify(
    p.items.map((i) => [
      i.recordId,
      i.fields
        .filter((f) => f.kind === 'change' || f.kind === 'conflict')
        .map((f) => [f.field, f.incoming]),
    ]),
  );

type Mutation =
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'cut'; at: number }
  | { kind: 'breakXml'; part: number; how: number; at: number }
  | { kind: 'zip'; part: number; how: 'drop' | 'duplicate' | 'rename' }
  | { kind: 'keep'; how: 'space' | 'attr' | 'ext' | 'prefix' | 'crlf' };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    xor: fc.integer({ min: 1, max: 255 }),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('breakXml' as const),
    part: fc.nat(),
    how: fc.nat(9),
    at: fc.nat(),
  }),
  fc.record({
    kind: fc.constant('zip' as const),
    part: fc.nat(),
    how: fc.constantFrom('drop' as const, 'duplicate' as const, 'rename' as const),
  }),
  fc.record({
    kind: fc.constant('keep' as const),
    how: fc.constantFrom(
      'space' as const,
      'attr' as const,
      'ext' as const,
      'prefix' as const,
      'crlf' as const,
    ),
  }),
);

/** Damage that leaves no well-formed, meaningful XML behind. */
function breakXml(xml: string, how: number, at: number): string {
  const tags = [...xml.matchAll(/<\/?[A-Za-z][^>]*>/g)];
  const t = tags[at % tags.length]!;
  const i = t.index!;
  switch (how) {
    case 0: {
      // a closing tag removed
      const closes = [...xml.matchAll(/<\/[A-Za-z:]+>/g)];
      const c = closes[at % closes.length]!;
      return xml.slice(0, c.index) + xml.slice(c.index! + c[0].length);
    }
    case 1: // a tag cut in the middle
      return (
        xml.slice(0, i + Math.max(1, Math.floor(t[0].length / 2))) + xml.slice(i + t[0].length)
      );
    case 2: // a stray <
      return `${xml.slice(0, i + t[0].length)}<${xml.slice(i + t[0].length)}`;
    case 3: // an unquoted attribute
      return xml.replace(/(\s[A-Za-z:]+=)"([^"]*)"/, '$1$2');
    case 4: // a bare &
      return `${xml.slice(0, i + t[0].length)}a & b${xml.slice(i + t[0].length)}`;
    case 5: // an unclosed CDATA
      return `${xml.slice(0, i + t[0].length)}<![CDATA[x${xml.slice(i + t[0].length)}`;
    case 6: // the end cut off
      return xml.slice(0, Math.max(10, xml.length - 1 - (at % 40)));
    case 7: // a mismatched closing tag
      return xml.replace(/<\/(row|si|sheetData|Relationships|sheets|cellXfs)>/, '</wrong>');
    case 8: // a DOCTYPE
      return xml.replace(/^(<\?xml[^>]*\?>)?/, '$1<!DOCTYPE d [<!ENTITY e "x">]>');
    default: // a second root
      return `${xml}<extra/>`;
  }
}

/** Changes any conforming reader must read through. */
function keep(p: Map<string, string | Buffer>, how: string): Map<string, string | Buffer> {
  const out = new Map(p);
  for (const [n, v] of p) {
    if (typeof v !== 'string' || !/^xl\/.*\.xml$/.test(n)) continue;
    let x = v;
    if (how === 'space') x = x.replace(/></g, '>\n  <').replace(/(<row\b)/g, '$1 ');
    if (how === 'attr') x = x.replace(/<(c|row|si|sheet) /g, '<$1 x14ac:dyDescent="0.25" ');
    if (how === 'ext' && /<\/worksheet>\s*$/.test(x))
      x = x.replace(/<\/worksheet>\s*$/, '<extLst><ext uri="{X}"><y/></ext></extLst></worksheet>');
    if (how === 'crlf') x = x.replace(/\n/g, '\r\n').replace(/></g, '>\r\n<');
    if (how === 'prefix' && /^xl\/(workbook|worksheets\/|sharedStrings|styles)/.test(n))
      x = x
        .replace(
          /xmlns="http:\/\/schemas.openxmlformats.org\/spreadsheetml\/2006\/main"/,
          'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"',
        )
        .replace(/<(\/?)(?![?!])([A-Za-z]+)(?=[\s>/])/g, (m, slash: string, tag: string) =>
          tag.includes(':') ? m : `<${slash}x:${tag}`,
        );
    out.set(n, x);
  }
  return out;
}

describe('a damaged return is imported exactly or refused', () => {
  it('over random damage of bytes, XML and zip structure', async () => {
    const ctx = await corpusStore();
    const exported = ctx.main;
    const intendedFile = await editWorkbook(exported, [
      { code: '1-(1)-1', header: '取組実績（D）', value: '電子申請を拡充した' },
      { code: '1-(1)-2', header: '自己評価', value: 'A 計画どおり' },
    ]);
    const base = await parts(intendedFile);
    const names = [...base.keys()];
    // The parts the reader reads: damage there must be refused.
    const wbXml = base.get('xl/workbook.xml') as string;
    const rels = base.get('xl/_rels/workbook.xml.rels') as string;
    const sheetPart = (sheet: string) => {
      const rid = new RegExp(`name="${sheet}"[^>]*r:id="(rId\\d+)"`).exec(wbXml)![1]!;
      const t = new RegExp(
        `Id="${rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${rid}"`,
      ).exec(rels)!;
      return `xl/${(t[1] ?? t[2]!).replace(/^\/?xl\//, '')}`;
    };
    const read = new Set([
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      sheetPart('進捗管理表'),
      sheetPart('_meta'),
    ]);
    const clean = writeZip(base);
    const intended = await dispatch(ctx.handlers, 'exchange.previewReturn', {
      roundId: ctx.roundId,
      file: { name: 'r.xlsx', data: clean },
    });
    if (!intended.ok) throw new Error(intended.error.message);
    expect((intended.value as ReturnPreview).ok).toBe(true);
    const want = key(intended.value as ReturnPreview);
    const before = fingerprint(ctx);
    const tally = { refused: 0, exact: 0 };

    await fc.assert(
      fc.asyncProperty(mutation, async (m) => {
        let data: Buffer;
        let mustRefuse = false;
        if (m.kind === 'flip') {
          data = Buffer.from(clean);
          const i = m.at % data.length;
          data[i] = data[i]! ^ m.xor;
        } else if (m.kind === 'cut') data = clean.subarray(0, m.at % clean.length);
        else if (m.kind === 'breakXml') {
          const xmlParts = [...read].filter((n) => base.has(n));
          const name = xmlParts[m.part % xmlParts.length]!;
          mustRefuse = true;
          const p = new Map(base);
          p.set(name, breakXml(base.get(name) as string, m.how, m.at));
          data = writeZip(p);
        } else if (m.kind === 'zip') {
          const name = names[m.part % names.length]!;
          const p = new Map(base);
          if (m.how === 'drop') p.delete(name);
          if (m.how === 'rename') {
            p.delete(name);
            p.set(`${name}.bak`, base.get(name)!);
          }
          data = writeZip(p, m.how === 'duplicate' ? { duplicate: name } : {});
        } else data = writeZip(keep(base, m.how));

        const file = { name: 'r.xlsx', data };
        const env = await dispatch(ctx.handlers, 'exchange.previewReturn', {
          roundId: ctx.roundId,
          file,
        });
        if (!env.ok) {
          expect(env.error.code).not.toBe('INTERNAL');
          expect(env.error.message).toMatch(JAPANESE);
        } else {
          const p = env.value as ReturnPreview;
          if (p.ok) {
            // read through: exactly the intended changes, nothing else
            expect(key(p), JSON.stringify(m)).toBe(want);
            tally.exact++;
            expect(mustRefuse, `read through damage: ${JSON.stringify(m)}`).toBe(false);
            return;
          }
          const errors = p.problems.filter((x) => x.level === 'error');
          expect(errors.length, JSON.stringify(m)).toBeGreaterThan(0);
          for (const e of errors) expect(e.message).toMatch(JAPANESE);
        }
        // refused: an attempt to apply it anyway writes nothing
        const applied = await dispatch(ctx.handlers, 'exchange.applyReturn', {
          roundId: ctx.roundId,
          file,
          accept: [],
          revisions: [],
        });
        expect(applied.ok).toBe(false);
        if (!applied.ok) expect(applied.error.code).not.toBe('INTERNAL');
        tally.refused++;
      }),
      { numRuns: 400, seed: Number(process.env.FUZZ_SEED ?? 1202) },
    );
    // every meaning-keeping change reads through
    for (const how of ['space', 'attr', 'ext', 'prefix', 'crlf']) {
      const env = await dispatch(ctx.handlers, 'exchange.previewReturn', {
        roundId: ctx.roundId,
        file: { name: 'r.xlsx', data: writeZip(keep(base, how)) },
      });
      expect(env.ok && key(env.value as ReturnPreview), how).toBe(want);
    }
    expect(fingerprint(ctx)).toBe(before);
    console.log(`fuzz: ${tally.refused} refused, ${tally.exact} read exactly`);
    expect(tally.refused).toBeGreaterThan(200);
    ctx.store.close();
  }, 300_000);
});
