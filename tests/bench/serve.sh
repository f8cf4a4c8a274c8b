#!/bin/sh
# make bench-serve: a load test of `vecdoc serve` on loopback with wrk
# (Debian package), 60 s by default, reporting requests/s, errors and the
# server's resident memory before and after. A benchmark, not a test.
set -eu
VECDOC=${1:-./vecdoc}
SECS=${BENCH_SECS:-60}
here=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
cp -R "$here/tests/sites/basic/content" "$work/content"
"$VECDOC" serve -C "$work/content" -o "$work/out" --port 18765 >"$work/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
rss() { awk '/VmRSS/ {print $2 " kB"}' /proc/$pid/status; }
echo "RSS before: $(rss)"
wrk -t2 -c64 -d"${SECS}s" http://127.0.0.1:18765/m1/one.html | grep -E "Requests/sec|requests in|Socket errors|Non-2xx" || true
echo "RSS after:  $(rss)"
wrk -t2 -c64 -d"${SECS}s" http://127.0.0.1:18765/_vecdoc/style.css | grep -E "Requests/sec|requests in|Socket errors|Non-2xx" || true
echo "RSS after static: $(rss)"
