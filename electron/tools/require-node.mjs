// `npm run dist:win` needs a newer Node.js than the tests do (Electron 45's
// tools ask for 22.12 or later). Said in Japanese before anything is built,
// instead of an English failure halfway through packaging.
const [need = '22.12.0'] = process.argv.slice(2);
const parts = (v) => v.split('.').map(Number);
const [a, b, c] = parts(process.versions.node);
const [x, y, z] = parts(need);
const ok = a !== x ? a > x : b !== y ? b > y : (c ?? 0) >= (z ?? 0);
if (!ok) {
  console.error(
    `Windows 用のデスクトップ版を作るには Node.js ${need} 以降が必要です（いまは ${process.versions.node}）。Node.js を入れ替えてから、もう一度実行してください。テストとブラウザ版は Node.js 20 で動きます。`,
  );
  process.exit(1);
}
