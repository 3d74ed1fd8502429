import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderApiDocs } from './api-docs';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'api.md');
fs.writeFileSync(out, renderApiDocs());
console.log(`wrote ${path.relative(process.cwd(), out)}`);
