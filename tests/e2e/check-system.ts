import { execSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * The e2e tests need Debian's Chromium and Japanese fonts. Name what is
 * missing with the command that installs it, instead of failing obscurely.
 */
const missing: string[] = [];
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) missing.push('chromium');
let fonts = '';
try {
  fonts = execSync('fc-list :lang=ja family', { encoding: 'utf8' });
} catch {
  fonts = '';
}
if (!/Noto Sans CJK JP|Noto Sans JP|IPAexGothic|BIZ UD/i.test(fonts))
  missing.push('fonts-noto-cjk');
if (missing.length > 0) {
  console.error(`E2E テストに必要なパッケージがありません: ${missing.join(', ')}`);
  console.error(
    `次のコマンドでインストールしてください: sudo apt-get install -y ${missing.join(' ')}`,
  );
  process.exit(1);
}
