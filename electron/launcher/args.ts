export interface LaunchArgs {
  browser: boolean;
  db: string | null;
  /** null: the port of the last start (kept-port.ts), else a free one. */
  port: number | null;
  open: boolean;
}

export class UsageError extends Error {}

/** `--db PATH`, `--db=PATH`, `--port N`, `--no-open`, `--browser`. */
export function parseLaunchArgs(argv: readonly string[]): LaunchArgs {
  const out: LaunchArgs = { browser: false, db: null, port: null, open: true };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const [flag, inline] =
      raw.startsWith('--') && raw.includes('=')
        ? [raw.slice(0, raw.indexOf('=')), raw.slice(raw.indexOf('=') + 1)]
        : [raw, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} には値を指定してください`);
      return v;
    };
    switch (flag) {
      case '--browser':
        out.browser = true;
        break;
      case '--no-open':
        out.open = false;
        break;
      case '--db':
        out.db = value();
        break;
      case '--port': {
        const v = value();
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0 || n > 65535)
          throw new UsageError(`--port の値が正しくありません: ${v}（0〜65535）`);
        out.port = n;
        break;
      }
      default:
        throw new UsageError(
          `不明な指定です: ${raw}（使えるもの: --db パス, --port 番号, --no-open）`,
        );
    }
  }
  return out;
}
