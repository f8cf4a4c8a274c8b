#!/bin/sh
# tests/fuzz/suite.sh: every parser fuzz target's saved inputs, replayed
# in `make check` by the ordinary build of the same harness
# (tests/fuzz/replay_NAME): the seeds and every crasher ever found, kept
# in tests/fuzz/corpus-NAME/, plus the course's own pages and, when
# present, the maintainer's seed pages (../shared/seeds, read here, never
# copied into the repository). Each input is handed over unterminated,
# right before an unreadable page, so a parser reading ptr[len] crashes.
. "$SRCDIR/tests/lib.sh"
VECDOC_FUZZ_SITE="$SRCDIR/tests/directives/site"
export VECDOC_FUZZ_SITE
pages="$SRCDIR/content"
seeds=""
[ -d "$VECDOC_SHARED/seeds" ] && seeds="$VECDOC_SHARED/seeds"
for t in texmath mathscan directive config frontmatter tok tok_vocab corpus page http \
    claim result_io import assemble pagecache; do
	prog="$BUILDDIR/tests/fuzz/replay_$t"
	if [ ! -x "$prog" ]; then
		fail "$t: $prog not built"
		continue
	fi
	extra=""
	case $t in
	mathscan|frontmatter|page)
		extra=$(find "$pages" -name '*.md' | sort)
		[ -n "$seeds" ] && extra="$extra $(find "$seeds" -name '*.txt' | sort)" ;;
	config)
		extra=$(find "$pages" "$SRCDIR/tests/sites" "$SRCDIR/tests/directives" \
		    -name vecdoc.yml | sort) ;;
	esac
	# shellcheck disable=SC2086
	if out=$("$prog" "$SRCDIR/tests/fuzz/corpus-$t" $extra 2>&1); then
		case $out in
		*"replay_$t: "*" passed, 0 failed"*) pass ;;
		*) fail "$t: $out" ;;
		esac
	else
		fail "$t: replay crashed: $(echo "$out" | tail -5)"
	fi
done
finish fuzz
