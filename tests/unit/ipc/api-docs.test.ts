import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/contract';
import { renderApiDocs } from '../../../electron/tools/api-docs';

describe('docs/api.md', () => {
  it('is what the contract renders (run `npm run docs:api` after changing the contract)', () => {
    const file = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'api.md'), 'utf8');
    expect(file).toBe(renderApiDocs());
  });
  it('documents every channel', () => {
    const doc = renderApiDocs();
    for (const c of CHANNELS) expect(doc).toContain(`## ${c}`);
  });
});
