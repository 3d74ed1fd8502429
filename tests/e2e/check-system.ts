import { execSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * The tests need Debian's Chromium and Japanese fonts (e2e), and LibreOffice
 * with its Python bridge and poppler (the independent Excel reader/writer
 * and PDF checks of the exchange tests). Name what is missing with the
 * command that installs it, instead of failing obscurely.
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
// BIZ UDPゴシック is what staff PCs print with and what the workbooks name; with
// only a fallback font the reports' pages and the PDFs' fonts differ from theirs.
if (!/BIZ UDPGothic/i.test(fonts)) missing.push('fonts-morisawa-bizud-gothic');
if (!/Noto Sans CJK JP|Noto Sans JP|IPAexGothic/i.test(fonts)) missing.push('fonts-noto-cjk');
if (!fs.existsSync('/usr/bin/soffice')) missing.push('libreoffice-calc-nogui');
try {
  execSync('/usr/bin/python3 -c "import uno"', { stdio: 'ignore' });
} catch {
  missing.push('python3-uno');
}
try {
  execSync('/usr/bin/python3 -c "import openpyxl"', { stdio: 'ignore' });
} catch {
  missing.push('python3-openpyxl');
}
if (!fs.existsSync('/usr/bin/pdfinfo')) missing.push('poppler-utils');
if (missing.length > 0) {
  console.error(`テストに必要なパッケージがありません: ${missing.join(', ')}`);
  console.error(
    `次のコマンドでインストールしてください: sudo apt-get install -y ${missing.join(' ')}`,
  );
  process.exit(1);
}
