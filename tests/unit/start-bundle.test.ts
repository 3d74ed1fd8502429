import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The modules the page must load before it can show anything: the renderer's
 * entry and everything it imports as values, not `import type` and not
 * `import()` (a screen loaded when it is opened).
 */
function startGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const queue = [path.join(ROOT, entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (graph.has(file)) continue;
    const src = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    const imports: string[] = [];
    for (const st of src.statements) {
      let spec: ts.Expression | undefined;
      if (ts.isImportDeclaration(st)) {
        const clause = st.importClause;
        const typeOnly =
          clause?.isTypeOnly ||
          (clause !== undefined &&
            !clause.name &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly));
        if (!typeOnly) spec = st.moduleSpecifier;
      } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && !st.isTypeOnly) {
        spec = st.moduleSpecifier;
      }
      if (!spec || !ts.isStringLiteral(spec)) continue;
      const name = spec.text;
      if (!name.startsWith('.')) {
        imports.push(name);
        continue;
      }
      const base = path.resolve(path.dirname(file), name);
      const resolved = ['', '.ts', '.tsx', '/index.ts', '/index.tsx']
        .map((ext) => base + ext)
        .find((f) => fs.existsSync(f) && fs.statSync(f).isFile());
      if (!resolved || !/\.tsx?$/.test(resolved)) continue; // CSS, images
      imports.push(path.relative(ROOT, resolved));
      queue.push(resolved);
    }
    graph.set(file, imports);
  }
  return graph;
}

/** Who brings a package into the start: the chain of modules from the entry. */
function chainTo(graph: Map<string, string[]>, entry: string, target: string): string[] | null {
  const seen = new Set<string>();
  const walk = (file: string, chain: string[]): string[] | null => {
    if (seen.has(file)) return null;
    seen.add(file);
    for (const imp of graph.get(path.join(ROOT, file)) ?? []) {
      if (imp === target) return [...chain, imp];
      if (imp.startsWith('renderer/') || imp.startsWith('shared/')) {
        const found = walk(imp, [...chain, imp]);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(entry, [entry]);
}

describe("the renderer's start bundle", () => {
  const entry = 'renderer/main.tsx';
  const graph = startGraph(entry);

  it('is found: the entry, the plan grid and the API client are in it', () => {
    const files = [...graph.keys()].map((f) => path.relative(ROOT, f));
    expect(files).toContain('renderer/main.tsx');
    expect(files).toContain('renderer/grid/DataGrid.tsx');
    expect(files).toContain('renderer/api/client.ts');
    // a screen opened later is not
    expect(files).not.toContain('renderer/screens/pdca/PdcaScreen.tsx');
  });

  // zod is a third of the start bundle when it comes along (12月7日: 435 KB with
  // it, 341 KB without), and the renderer validates nothing at start: the
  // main process validates every input. Words the screens show live in the
  // zod-free shared/domain/headings.ts and history-fields.ts.
  it('carries no zod', () => {
    expect(chainTo(graph, entry, 'zod')).toBeNull();
  });
});
