import { spawnSync } from 'node:child_process';
import { findElectronBinary } from '../../electron/launcher/electron-binary';

// Refuse clearly instead of skipping: this suite needs the real Electron binary.
if (!findElectronBinary()) {
  console.error(
    'Electron の実行ファイルがないため、デスクトップ版の E2E テストは実行できません（npx install-electron で取得できる環境で実行してください）。',
  );
  process.exit(1);
}
const r = spawnSync(
  'npx',
  ['playwright', 'test', '-c', 'tests/electron-e2e/playwright.electron.config.ts'],
  { stdio: 'inherit' },
);
process.exit(r.status ?? 1);
