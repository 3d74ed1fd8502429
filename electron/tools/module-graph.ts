import fs from 'node:fs';
import path from 'node:path';

/**
 * The module structure drawn from the imports themselves: one node per
 * folder of electron/ (its domains) plus shared/ and renderer/, one arrow per
 * folder that imports another (type-only imports included: they are
 * dependencies too). Printed as a Mermaid graph for docs/architecture.md.
 *
 *   npx tsx electron/tools/module-graph.ts [checkout]
 */
const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'"]*?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sourceFiles(p);
    return /\.(ts|tsx)$/.test(e.name) ? [p] : [];
  });
}

/** The node a file belongs to: electron/<folder> (shell files together), shared, renderer. */
function nodeOf(root: string, file: string): string | null {
  const rel = path.relative(root, file).split(path.sep);
  if (rel[0] === 'shared' || rel[0] === 'renderer') return rel[0];
  if (rel[0] !== 'electron') return null;
  return rel.length === 2 ? 'electron (shell)' : rel[1]!;
}

export function moduleEdges(root: string): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const top of ['electron', 'shared', 'renderer'])
    for (const file of sourceFiles(path.join(root, top))) {
      const from = nodeOf(root, file);
      if (!from) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      for (const m of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const to = nodeOf(root, path.resolve(path.dirname(file), m[1]!));
        if (to && to !== from) edges.get(from)!.add(to);
      }
    }
  return edges;
}

export function mermaid(edges: Map<string, Set<string>>): string {
  const id = (n: string) => n.replace(/[^a-z]/gi, '_');
  const lines = ['graph LR'];
  for (const n of [...edges.keys()].sort()) lines.push(`  ${id(n)}["${n}"]`);
  for (const [from, tos] of [...edges.entries()].sort())
    for (const to of [...tos].sort()) lines.push(`  ${id(from)} --> ${id(to)}`);
  return lines.join('\n');
}

if (process.argv[1] && /module-graph\.ts$/.test(process.argv[1]))
  console.log(mermaid(moduleEdges(path.resolve(process.argv[2] ?? '.'))));
