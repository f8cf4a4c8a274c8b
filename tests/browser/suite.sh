#!/bin/sh
# Browser tests (tests/browser/browser.mjs) on the course: built and
# opened from file://, then served by `vecdoc serve`. Needs Debian's
# chromium, node and npm (bootstrap.sh installs them) and the npm packages
# in package.json (installed here into $BUILDDIR/tests/work/node, not
# committed). Screenshots are left in $BUILDDIR/tests/work/screenshots.
. "$SRCDIR/tests/lib.sh"
if ! command -v node >/dev/null 2>&1 || [ ! -x /usr/bin/chromium ]; then
	skip "browser: needs node and /usr/bin/chromium (apt-get install chromium nodejs)"
	finish browser; exit 0
fi
nm="$BUILDDIR/tests/work/node"
if [ ! -d "$nm/node_modules/playwright-core" ] || [ ! -d "$nm/node_modules/axe-core" ]; then
	mkdir -p "$nm" && cp "$SRCDIR/tests/browser/package.json" "$nm/"
	if ! (cd "$nm" && npm install --no-audit --no-fund --loglevel=error >/dev/null 2>&1); then
		skip "browser: npm install of playwright-core and axe-core failed"
		finish browser; exit 0
	fi
fi
cp "$SRCDIR/tests/browser/browser.mjs" "$nm/"
work=$(mktemp -d)
export ARTIFACTS="$BUILDDIR/tests/work/screenshots"
content="$SRCDIR/content"
# The course runs its directives on real data: obtain it first (from the
# mirror, ../shared/data by default, then the declared public sources).
if ! VECDOC_MIRROR=${VECDOC_MIRROR:-$VECDOC_SHARED/data} "$VECDOC" fetch -C "$content" >"$work/fetch" 2>&1; then
	skip "browser: the course's data could not be fetched: $(tail -2 "$work/fetch")"
	finish browser; exit 0
fi
if ! "$VECDOC" build --quiet -C "$content" -o "$work/out" 2>"$work/err"; then
	fail "browser: the course does not build: $(head -5 "$work/err")"
	finish browser; exit 1
fi
grep -q '<math' "$work/out"/*/*.html 2>/dev/null && export EXPECT_MATH=1
node "$nm/browser.mjs" "file://$work/out/index.html" file >"$work/log" 2>&1
cat "$work/log"
line=$(grep -E '^browser-file: [0-9]+ passed' "$work/log")
[ -n "$line" ] || fail "browser (file://) did not finish"
port=$((30000 + $$ % 2000))
"$VECDOC" serve -C "$content" -o "$work/served" --port "$port" >"$work/serve.log" 2>&1 &
pid=$!
# the first build runs every directive on the real data (the result
# cache is off under make check, and the sanitizer round is slow): allow
# it time, up to 20 minutes, while the server process lives
i=0
while [ $i -lt 4000 ] && kill -0 $pid 2>/dev/null &&
    ! curl -s -o /dev/null "http://127.0.0.1:$port/"; do sleep 0.3; i=$((i + 1)); done
node "$nm/browser.mjs" "http://127.0.0.1:$port/index.html" serve >"$work/log2" 2>&1
cat "$work/log2"
kill $pid; wait $pid 2>/dev/null
grep -qE '^browser-serve: [0-9]+ passed' "$work/log2" || fail "browser (serve) did not finish"
# Add up both runs into this suite's line.
for l in "$work/log" "$work/log2"; do
	p=$(sed -n 's/^browser-[a-z]*: \([0-9]*\) passed.*/\1/p' "$l"); f=$(sed -n 's/^browser-[a-z]*: [0-9]* passed, \([0-9]*\) failed/\1/p' "$l")
	P=$((P + ${p:-0})); F=$((F + ${f:-0}))
done
rm -rf "$work"
finish browser
