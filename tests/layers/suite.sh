#!/bin/sh
# tests/layers/suite.sh: the source tree's layers only point down.
# Each area of src/ has a rank; a file may include headers of its own
# area or of lower ranks only:
#   util < kern < render < store < tok < corpus < data < directives < md
#        < site < import < cli (src/main.c and src/cli/)
# A file of an area not listed here fails too, so a new area must be
# placed in the order before it can build.
. "$SRCDIR/tests/lib.sh"

rank() {
	case "$1" in
	util) echo 0 ;; kern) echo 1 ;; render) echo 2 ;; store) echo 3 ;;
	tok) echo 4 ;; corpus) echo 5 ;; data) echo 6 ;; directives) echo 7 ;;
	md) echo 8 ;; site) echo 9 ;; import) echo 10 ;; cli) echo 11 ;;
	*) echo "" ;;
	esac
}

# check_tree SRC: prints one line per upward include under SRC.
check_tree() {
	for f in $(cd "$1" && find . -name '*.[ch]' | sed 's|^\./||' | sort); do
		case "$f" in
		*/*) area=${f%%/*} ;;
		*) area=cli ;;
		esac
		r=$(rank "$area")
		if [ -z "$r" ]; then
			echo "src/$f: area '$area' has no place in the layer order"
			continue
		fi
		for inc in $(sed -n 's/^#[[:space:]]*include[[:space:]]*"\([a-z_]*\)\/[^"]*".*/\1/p' "$1/$f" | sort -u); do
			ri=$(rank "$inc")
			if [ -z "$ri" ] || [ "$ri" -gt "$r" ]; then
				echo "src/$f: includes a header of '$inc', a higher layer than '$area'"
			fi
		done
	done
}

out=$(check_tree "$SRCDIR/src")
if [ -z "$out" ]; then pass; else fail "includes point up the layers:
$out"; fi

# The check itself can fail: a made-up upward include is caught.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/util"
printf '#include "site/site.h"\n' >"$tmp/util/x.c"
case "$(check_tree "$tmp")" in
"src/util/x.c: includes a header of 'site', a higher layer than 'util'") pass ;;
*) fail "the layer check did not catch util/x.c including site/site.h" ;;
esac
finish layers
