#!/usr/bin/env bash
# The first start on a fresh install, as a new user meets it: `npm run
# start:browser` (which builds better-sqlite3 and the renderer the first
# time) must print the host's address, and the host must answer app.info
# there with the token from that address. Run with the environment the
# install used (for CI: an empty HOME, no npm_config_nodedir).
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
out="$work/stdout"
err="$work/stderr"
# Its own process group, so that npm, the shell and the host stop together.
setsid npm run --silent start:browser -- --db "$work/first.sqlite3" --port 0 --no-open >"$out" 2>"$err" &
pid=$!
stop() { kill -TERM -- "-$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap stop EXIT

url=""
for _ in $(seq 1 600); do
  url=$(grep -m1 '^http://127\.0\.0\.1:' "$out" || true)
  [ -n "$url" ] && break
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "first start: the host stopped before printing its address" >&2
    cat "$err" >&2
    exit 1
  fi
  sleep 0.5
done
if [ -z "$url" ]; then
  echo "first start: no address after 300 s" >&2
  cat "$err" >&2
  exit 1
fi
origin=${url%%/#*}
token=${url##*#token=}
reply=$(curl -sS --max-time 30 -X POST -H 'content-type: application/json' \
  -H "x-gyokaku-token: $token" --data '{}' "$origin/api/app.info")
case "$reply" in
  '{"ok":true,'*) ;;
  *)
    echo "first start: app.info did not answer ok: $reply" >&2
    exit 1
    ;;
esac
# Without the token the host refuses.
status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'content-type: application/json' \
  --data '{}' "$origin/api/app.info")
[ "$status" = 401 ] || {
  echo "first start: app.info without the token answered $status, not 401" >&2
  exit 1
}
echo "first start: $origin answered app.info: ${reply:0:120}"
echo "first start: what the user saw:"
sed 's/^/  /' "$err"
