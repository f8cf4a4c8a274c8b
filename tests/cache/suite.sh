#!/bin/sh
# The page cache of `vecdoc build` (DIR/.vecdoc-cache/pages.bin): which
# pages a build takes from it, that their output is byte-identical to a
# build without it, and what invalidates it (page text, a linked page,
# vecdoc.yml, a declared data file), damage to the file, --no-cache.
. "$SRCDIR/tests/lib.sh"
unset VECDOC_NO_CACHE
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
c=$work/c
mkdir -p "$c/m"
cp "$SRCDIR/tests/directives/site/tiny.txt" "$c/"
cat >"$c/vecdoc.yml" <<'EOF'
title: Cache test
language: en
spaces:
  tiny:
    path: tiny.txt
    format: glove
EOF
cat >"$c/index.md" <<'EOF'
---
title: Home
---

# Home

See [the module](m/index.md#module) and $\notacommand{x}$.

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

No links here.
EOF

expect() {	# expect NAME WANT GOT
	if [ "$2" = "$3" ]; then pass; else fail "$1"; printf '  want: %s\n  got:  %s\n' "$2" "$3"; fi
}
# build [OPTIONS]: the summary line without its time, then the warnings
build() {
	"$VECDOC" build -C "$c" -o "$work/o" "$@" >/dev/null 2>"$work/err"
	echo "rc=$?"
	sed 's/ in [0-9.]* s$//' "$work/err"
}
same_as_fresh() {	# NAME: the output equals a --no-cache build's
	"$VECDOC" build --quiet --no-cache -C "$c" -o "$work/fresh" 2>/dev/null
	if diff -r "$work/o" "$work/fresh" >/dev/null; then pass; else fail "$1: output differs from a build without the cache"; fi
}
W="$c/index.md:7:42: warning: bad TeX: unknown command '\\notacommand'"

expect "first build runs everything" "rc=0
$W
vecdoc build: 2 pages, 1 directives, 1 warning, 13 files" "$(build)"
[ -s "$c/.vecdoc-cache/pages.bin" ] && pass || fail "no cache file written"
expect "second build takes every page, warnings included" "rc=0
$W
vecdoc build: 2 pages (2 from the cache), 0 directives, 1 warning, 13 files" "$(build)"
same_as_fresh "all from the cache"

# An edited page is built again, and the page linking to it (index.md).
printf '\nMore text.\n' >>"$c/m/index.md"
expect "edited page" "rc=0
$W
vecdoc build: 2 pages, 1 directives, 1 warning, 13 files" "$(build)"
same_as_fresh "after an edit"
printf '\nOne more line.\n' >>"$c/index.md"
expect "edited page with the directive" "rc=0
$W
vecdoc build: 2 pages (1 from the cache), 1 directives, 1 warning, 13 files" "$(build)"
grep -q 'One more line' "$work/o/index.html" && pass || fail "edit not in the output"
same_as_fresh "after an edit of the directive's page"

# The anchor a cached page links to disappears: that page fails now.
sed -i 's/^# Module$/# Renamed/' "$c/m/index.md"
r=$(build)
case "$r" in
rc=1*"index.md:7:5: error: "*"#module"*) pass ;;
*) fail "broken anchor from a cached page not found"; echo "$r" ;;
esac
sed -i 's/^# Renamed$/# Module/' "$c/m/index.md"
expect "fixed again" "rc=0" "$(build | head -1)"

# A declared data file whose bytes change: every page again. Only its
# time (touch): nothing, as the pages depend on its bytes alone.
expect "cached again" "vecdoc build: 2 pages (2 from the cache), 0 directives, 1 warning, 13 files" "$(build | tail -1)"
touch "$c/tiny.txt"
expect "data file touched" "vecdoc build: 2 pages (2 from the cache), 0 directives, 1 warning, 13 files" "$(build | tail -1)"
sed -i 's/^dog 0.6 0.8 /dog 0.1 0.9 /' "$c/tiny.txt"
expect "data file changed" "vecdoc build: 2 pages, 1 directives, 1 warning, 13 files" "$(build | tail -1)"
# ... and vecdoc.yml.
printf 'description: changed\n' >>"$c/vecdoc.yml"
expect "vecdoc.yml changed" "vecdoc build: 2 pages, 1 directives, 1 warning, 13 files" "$(build | tail -1)"
same_as_fresh "after a config change"

# A damaged or foreign cache file costs a full build, never an error.
f=$c/.vecdoc-cache/pages.bin
size=$(wc -c <"$f")
head -c $((size / 2)) "$f" >"$work/half" && cp "$work/half" "$f"
expect "truncated cache" "vecdoc build: 2 pages, 1 directives, 1 warning, 13 files" "$(build | tail -1)"
printf 'X' | dd of="$f" bs=1 seek=200 conv=notrunc 2>/dev/null
expect "a flipped byte" "vecdoc build: 2 pages, 1 directives, 1 warning, 13 files" "$(build | tail -1)"
printf 'garbage' >"$f"
expect "garbage" "vecdoc build: 2 pages, 1 directives, 1 warning, 13 files" "$(build | tail -1)"
expect "rewritten" "vecdoc build: 2 pages (2 from the cache), 0 directives, 1 warning, 13 files" "$(build | tail -1)"

# --no-cache and VECDOC_NO_CACHE neither read nor write it.
rm -rf "$c/.vecdoc-cache"
expect "--no-cache" "vecdoc build: 2 pages, 1 directives, 1 warning, 13 files" "$(build --no-cache | tail -1)"
[ ! -e "$f" ] && pass || fail "--no-cache wrote the cache"
VECDOC_NO_CACHE=1 "$VECDOC" build --quiet -C "$c" -o "$work/o" 2>/dev/null
[ ! -e "$f" ] && pass || fail "VECDOC_NO_CACHE wrote the cache"
# vecdoc check never touches it.
"$VECDOC" check --quiet -C "$c" 2>/dev/null
[ ! -e "$f" ] && pass || fail "check wrote the cache"
finish cache
