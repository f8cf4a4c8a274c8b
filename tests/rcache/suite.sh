#!/bin/sh
# The directive result cache (DIR/.vecdoc-cache/results.bin): a prose
# edit runs no kernel; a data file whose bytes change re-runs exactly the
# directives that read it, and the build reports what changed (stderr and
# review.html); touching a file without changing it re-runs nothing;
# `vecdoc cache status` says fresh or why stale; damage costs only time;
# output always equals a build without any cache.
. "$SRCDIR/tests/lib.sh"
unset VECDOC_NO_CACHE
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
c=$work/c
mkdir -p "$c/m"
cp "$SRCDIR/tests/directives/site/tiny.txt" "$SRCDIR/tests/directives/site/other.txt" "$c/"
cat >"$c/vecdoc.yml" <<'EOF'
title: Result cache test
language: en
spaces:
  tiny:
    path: tiny.txt
    format: glove
  other:
    path: other.txt
    format: glove
EOF
cat >"$c/index.md" <<'EOF'
---
title: Home
---

# Home

```{nearest}
:space: tiny
:k: 2
cat
```
EOF
cat >"$c/m/index.md" <<'EOF'
---
title: Module
---

# Module

```{nearest}
:space: other
:k: 2
zebra
```

```{random-cosine}
:dims: 2, 3
:pairs: 200
:chart: false
```
EOF

expect() {	# expect NAME WANT GOT
	if [ "$2" = "$3" ]; then pass; else fail "$1"; printf '  want: %s\n  got:  %s\n' "$2" "$3"; fi
}
build() {	# the summary line without its time
	"$VECDOC" build -C "$c" -o "$work/o" "$@" >/dev/null 2>"$work/err"
	echo "rc=$?"
	sed 's/ in [0-9.]* s$//' "$work/err"
}
same_as_fresh() {	# NAME [-x review.html]: the output equals a --no-cache build's
	"$VECDOC" build --quiet --no-cache -C "$c" -o "$work/fresh" 2>/dev/null
	if diff -r $2 $3 "$work/o" "$work/fresh" >/dev/null; then pass; else fail "$1: output differs from a build without the cache"; fi
}
status() { "$VECDOC" cache status -C "$c" "$@" 2>&1; }

expect "status before any build" "$c/index.md:7: {nearest}: stale (never built)
$c/m/index.md:7: {nearest}: stale (never built)
$c/m/index.md:13: {random-cosine}: stale (never built)
3 directives: 0 fresh, 3 stale" "$(status)"
expect "status writes nothing" "" "$(ls "$c/.vecdoc-cache" 2>/dev/null)"
build >/dev/null
same_as_fresh "first build"
[ -f "$c/.vecdoc-cache/results.bin" ] && pass || fail "results.bin not written"
expect "all fresh after a build" "3 directives: 3 fresh, 0 stale" "$(status | tail -1)"
expect "status of one page" "$c/m/index.md:13: {random-cosine}: fresh
2 directives: 2 fresh, 0 stale" "$(status m/index.md | tail -2)"
grep -q 'No computed result differs from the previous build.' "$work/o/review.html" &&
    grep -q '<a href="review.html">review</a>' "$work/o/index.html" && pass ||
    fail "review page and its footer link"

# A prose edit above a directive: nothing re-runs (results come from the
# cache even though the page is rebuilt), the output equals a fresh build.
sed -i 's/^# Home$/# Home\n\nA new paragraph.\n/' "$c/index.md"
expect "prose edit: still fresh" "$c/index.md:10: {nearest}: fresh" "$(status index.md | head -1)"
build >/dev/null
same_as_fresh "prose edit"
expect "prose edit: no change reported" "" "$(grep 'changed since' "$work/err")"

# Touching a data file without changing its bytes re-runs nothing.
touch "$c/tiny.txt"
expect "touch: fresh" "3 directives: 3 fresh, 0 stale" "$(status | tail -1)"
build >/dev/null
same_as_fresh "touch"

# Changing the bytes of tiny.txt makes exactly its directive stale and
# the build reports the changed values.
sed -i 's/^dog 0.6 0.8 /dog 0.1 0.9 /' "$c/tiny.txt"
expect "changed data: why" "$c/index.md:10: {nearest}: stale (data changed: space tiny)
$c/m/index.md:7: {nearest}: fresh
$c/m/index.md:13: {random-cosine}: fresh
3 directives: 2 fresh, 1 stale" "$(status)"
build >/dev/null
# (review.html differs by design: it lists what changed)
same_as_fresh "changed data" -x review.html
if grep -q "^vecdoc: 1 result changed since the previous build (see review.html):" "$work/err" &&
    grep -q "^$c/index.md:10: {nearest}:" "$work/err" &&
    grep -q '^  nearest-1\[1, word\]: dog → the$' "$work/err"; then pass; else fail "review report on stderr: $(cat "$work/err")"; fi
grep -q "index.md:10: {nearest}:" "$work/o/review.html" && pass || fail "review.html lists the change"

# Bytes rewritten in place with the same size and the old mtime put back
# (what cp -p, tar and touch -r do): size, mtime and inode all match the
# memo, the ctime does not. The memo is written only for a file that has
# not changed in the last few seconds (a whole-second timestamp could hide
# a second write), so wait that long before the build that writes it.
touch -d '2020-01-02 03:04:05' "$c/other.txt"
sleep 4
build >/dev/null
ino=$(stat -c %i "$c/other.txt")
sed 's/^zebra 1 0 0$/zebra 1 1 0/' "$c/other.txt" >"$work/t"
cmp -s "$work/t" "$c/other.txt" && fail "fixture: the edit changed nothing"
[ "$(wc -c <"$work/t")" = "$(wc -c <"$c/other.txt")" ] || fail "fixture: the edit changed the size"
cat "$work/t" >"$c/other.txt"
touch -d '2020-01-02 03:04:05' "$c/other.txt"
expect "in-place rewrite keeps the inode" "$ino" "$(stat -c %i "$c/other.txt")"
expect "mtime restored: why" "$c/m/index.md:7: {nearest}: stale (data changed: space other)" "$(status m/index.md | head -1)"
build >/dev/null
same_as_fresh "mtime restored" -x review.html

# An option change names the option.
sed -i 's/^:k: 2$/:k: 3/' "$c/m/index.md"
expect "changed option: why" "$c/m/index.md:7: {nearest}: stale (changed: option :k:)" "$(status m/index.md | head -1)"
build >/dev/null
same_as_fresh "changed option" -x review.html

# Damage to results.bin costs a full run, never a wrong page.
f="$c/.vecdoc-cache/results.bin"
head -c 100 "$f" >"$work/t" && cp "$work/t" "$f"
build >/dev/null
same_as_fresh "truncated results.bin"
printf 'garbage' >"$f"
build >/dev/null
same_as_fresh "garbage results.bin"
n=$(wc -c <"$f")
printf 'X' | dd of="$f" bs=1 seek=$((n / 2)) conv=notrunc 2>/dev/null
build >/dev/null
same_as_fresh "flipped byte in results.bin"

# --no-cache and check never write it; cache clear removes the cache.
rm -rf "$c/.vecdoc-cache"
"$VECDOC" build --quiet --no-cache -C "$c" -o "$work/o" 2>/dev/null
"$VECDOC" check --quiet -C "$c" 2>/dev/null
expect "--no-cache and check write no results" "" "$(ls "$c/.vecdoc-cache" 2>/dev/null | grep -v '\.vds$\|^stat-')"
build >/dev/null
expect "cache clear" "removed $c/.vecdoc-cache" "$("$VECDOC" cache clear -C "$c")"
[ ! -e "$c/.vecdoc-cache" ] && pass || fail "cache clear left the cache"
"$VECDOC" cache frob -C "$c" >/dev/null 2>&1; expect "unknown cache action exits 2" 2 $?
finish rcache
