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

# The output is hard links into the cache's link store
# (.vecdoc-cache/out): a build that reuses every page creates no file,
# yet a fresh output directory gets the same bytes.
ino() { stat -c %i "$1"; }
links() { stat -c %h "$1"; }
expect "output linked to the store" "2" "$(links "$work/o/index.html")"
rm -rf "$work/o"
expect "fresh output, every page reused" "vecdoc build: 2 pages (2 from the cache), 0 directives, 1 warning, 13 files" "$(build | tail -1)"
same_as_fresh "fresh output from the store"
n1=$(find "$work/o" -type f -links 1 | wc -l)
expect "every output file is a link" "0" "$n1"
# Each stored file is used by the output (none left over).
nout=$(find "$work/o" -type f -printf '%i\n' | sort -u | wc -l)
nstore=$(find "$c/.vecdoc-cache/out" -type f | wc -l)
expect "store holds what the output uses" "$nout" "$nstore"
# A file edited in place through the output changes the stored one (the
# same inode): the next build sees the difference and writes it anew.
printf 'EDITED' >>"$work/o/m/index.html"
old=$(ino "$work/o/m/index.html")
build >/dev/null
same_as_fresh "after an output file was edited in place"
grep -q EDITED "$work/o/m/index.html" && fail "edited bytes reused" || pass
[ "$(ino "$work/o/m/index.html")" != "$old" ] && pass || fail "edited file linked again"
grep -rq EDITED "$c/.vecdoc-cache/out" && fail "edited bytes left in the store" || pass
# An edit: the old version of the page leaves the store with the old output.
printf '\nA third line.\n' >>"$c/m/index.md"
build >/dev/null
same_as_fresh "after an edit, from the store"
nout=$(find "$work/o" -type f -printf '%i\n' | sort -u | wc -l)
nstore=$(find "$c/.vecdoc-cache/out" -type f | wc -l)
expect "old versions swept from the store" "$nout" "$nstore"
# Output on another filesystem than the cache (when /dev/shm is one): the
# links fail and the files are written instead.
if [ -d /dev/shm ] && [ "$(stat -c %d /dev/shm)" != "$(stat -c %d "$c")" ]; then
	shm=$(mktemp -d /dev/shm/vecdoc-XXXXXX)
	"$VECDOC" build --quiet -C "$c" -o "$shm/o" 2>/dev/null
	if diff -r "$shm/o" "$work/o" >/dev/null; then pass; else fail "output on another filesystem differs"; fi
	rm -rf "$shm"
else
	skip "no second filesystem at /dev/shm"
fi

# What the scan found of an unchanged page is taken from the cache, its
# warnings included: a page read through the wrong code page warns on
# every build, not only on the one that read it first.
printf -- '---\ntitle: Moji\n---\n\nTi\303\241\302\272\302\277ng Vi\303\241\302\273\342\200\241t c\303\203\302\263 d\303\241\302\272\302\245u\n' >"$c/m/moji.md"
w1=$(build | grep -c 'm/moji.md:.*warning')
w2=$(build | grep -c 'm/moji.md:.*warning')
expect "scan warning on the first build" "1" "$w1"
expect "scan warning on the cached build" "1" "$w2"
rm "$c/m/moji.md"
# A front matter edit (the title) reaches the navigation of every page.
sed -i 's/^title: Module$/title: Renamed module/' "$c/m/index.md"
build >/dev/null
grep -q 'Renamed module' "$work/o/index.html" && pass || fail "new title not in the navigation"
same_as_fresh "after a title edit"

# A page with a claim runs again on every build (the review page lists
# claims), its text read again though the scan knew it.
cat >"$c/m/claim.md" <<'EOF'
---
title: Claim
---

```{nearest}
:space: tiny
:k: 2
:name: nn
cat
```

Checked: {claim-text}`nn.1.similarity <= 1`.
EOF
build >/dev/null
expect "claim page built again" "vecdoc build: 3 pages (2 from the cache), 1 directives, 1 warning, 15 files" "$(build | tail -1)"
grep -q "nn.1.similarity &lt;= 1" "$work/o/m/claim.html" && pass || fail "claim text missing: $(grep -o 'Checked:[^<]*' "$work/o/m/claim.html")"
same_as_fresh "with a claim page"
rm "$c/m/claim.md"

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
