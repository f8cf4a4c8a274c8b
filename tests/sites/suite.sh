#!/bin/sh
# Golden site tests: each tests/sites/NAME/content is built and diffed
# against tests/sites/NAME/expected (theme CSS/JS excluded: they are not
# generated). VECDOC_UPDATE_GOLDEN=1 rewrites expected/. Also: byte-reproducible
# builds, and the output-safety rules.
. "$SRCDIR/tests/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for dir in "$SRCDIR"/tests/sites/*/; do
	name=$(basename "$dir")
	[ -d "$dir/content" ] || continue
	out="$work/$name"
	if ! "$VECDOC" build --quiet -C "$dir/content" -o "$out" 2>"$work/err"; then
		fail "golden $name: build failed: $(cat "$work/err")"
		continue
	fi
	rm -f "$out/_vecdoc/style.css" "$out/_vecdoc/vecdoc.js" "$out/_vecdoc/search.js"
	if update_golden; then
		rm -rf "$dir/expected" && cp -R "$out" "$dir/expected"
		echo "updated $dir/expected"
	fi
	if diff -r "$dir/expected" "$out" >"$work/diff" 2>&1; then
		pass
	else
		fail "golden $name differs:"; head -40 "$work/diff"
	fi
done

basic="$SRCDIR/tests/sites/basic/content"
# Byte-reproducible: two builds, one thread and four, identical files.
if ! "$VECDOC" build --quiet -j 1 -C "$basic" -o "$work/r1"; then
	fail "build -j 1"
elif ! "$VECDOC" build --quiet -j 4 -C "$basic" -o "$work/r2"; then
	fail "build -j 4"
elif diff -r "$work/r1" "$work/r2" >/dev/null; then pass; else fail "two builds differ"; fi
# Pages parsed on many threads at once keep their GFM extensions
# (cmark-gfm's special-character table is process-wide).
bad=0
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	"$VECDOC" build --quiet -j 8 -C "$basic" -o "$work/r3" &&
	    diff -r "$work/r1" "$work/r3" >/dev/null || bad=$((bad + 1))
done
if [ "$bad" -eq 0 ]; then pass; else fail "$bad of 12 builds on 8 threads differ from one thread"; fi

# A failed build leaves the previous output untouched.
cp -R "$basic" "$work/c"
"$VECDOC" build --quiet -C "$work/c" -o "$work/o" || fail "first build"
sum1=$(cd "$work/o" && find . -type f | sort | xargs cat | cksum)
printf '\n[broken](nowhere.md)\n' >>"$work/c/m1/one.md"
if "$VECDOC" build --quiet -C "$work/c" -o "$work/o" 2>"$work/err"; then
	fail "build with a broken link succeeded"
else
	sum2=$(cd "$work/o" && find . -type f | sort | xargs cat | cksum)
	if [ "$sum1" = "$sum2" ]; then pass; else fail "failed build changed the output"; fi
	ls -a "$work" | grep -q 'vecdoc-tmp' && fail "temporary directory left behind" || pass
fi

# A directory vecdoc did not make is never replaced.
mkdir -p "$work/mine" && echo precious >"$work/mine/notes.txt"
if "$VECDOC" build --quiet -C "$basic" -o "$work/mine" 2>"$work/err"; then
	fail "replaced a directory vecdoc did not make"
else
	grep -q "exists and was not made by vecdoc" "$work/err" && [ -f "$work/mine/notes.txt" ] && pass ||
	    fail "wrong message: $(cat "$work/err")"
fi

# A theme overrides single files of the default theme: an asset, a UI
# string, the template; the rest comes from the default theme.
mkdir -p "$work/t/mytheme/assets" "$work/t/mytheme/i18n"
cp "$basic/index.md" "$work/t/index.md"
printf 'title: T\nlanguage: vi\ntheme: mytheme\n' >"$work/t/vecdoc.yml"
echo 'body { color: red }' >"$work/t/mytheme/assets/style.css"
echo 'extra' >"$work/t/mytheme/assets/extra.txt"
printf 'home: Nhà\n' >"$work/t/mytheme/i18n/vi.yml"
sed -i 's/\[bài một\](m1\/one.md) và \[phần cuối\](m2\/index.md#tong-ket)/x/' "$work/t/index.md"
if "$VECDOC" build --quiet -C "$work/t" -o "$work/to" 2>"$work/err"; then
	grep -q 'color: red' "$work/to/_vecdoc/style.css" && [ -f "$work/to/_vecdoc/vecdoc.js" ] &&
	    [ -f "$work/to/_vecdoc/extra.txt" ] && grep -q '>Nhà<' "$work/to/index.html" &&
	    grep -q 'Đến nội dung chính' "$work/to/index.html" && pass || fail "theme override"
else
	fail "theme build: $(cat "$work/err")"
fi
# English interface strings when the course says so.
sed -i 's/language: vi/language: en/' "$work/t/vecdoc.yml"
"$VECDOC" build --quiet -C "$work/t" -o "$work/to" 2>"$work/err" &&
    grep -q '<html lang="en"' "$work/to/index.html" && grep -q 'Skip to content' "$work/to/index.html" &&
    pass || fail "english UI: $(cat "$work/err")"

# check writes nothing.
"$VECDOC" check --quiet -C "$basic" && [ ! -e "$SRCDIR/tests/sites/basic/output" ] && pass ||
    fail "vecdoc check"

# Usage errors exit 2; --help and --version exit 0.
"$VECDOC" build --bogus >/dev/null 2>&1; [ $? -eq 2 ] && pass || fail "bad option should exit 2"
"$VECDOC" frobnicate >/dev/null 2>&1; [ $? -eq 2 ] && pass || fail "unknown command should exit 2"
"$VECDOC" build -j 0 >/dev/null 2>&1; [ $? -eq 2 ] && pass || fail "-j 0 should exit 2"
for c in build check run serve; do
	"$VECDOC" $c --help >/dev/null 2>&1 && pass || fail "vecdoc $c --help"
done
"$VECDOC" --version | grep -q '^vecdoc [0-9]' && pass || fail "--version"

# vecdoc run prints a directive's result as JSON.
got=$("$VECDOC" run note --title T --body 'x')
exp='{"directive":"note","items":[{"html":"\u003caside class=\"admonition note\" role=\"note\">\u003cp class=\"admonition-title\">T\u003c/p>"},{"html":"\u003cp>x\u003c/p>\n"},{"html":"\u003c/aside>\n"}]}'
[ "$got" = "$exp" ] && pass || fail "vecdoc run note: $got"

# The committed directive reference is the one the registry generates.
"$VECDOC" run --man >"$work/man5"
if diff -u "$SRCDIR/man/vecdoc-directives.5" "$work/man5" >"$work/diff"; then pass
else fail "man/vecdoc-directives.5 is stale (run make man)"; head -20 "$work/diff"; fi

finish sites
