#!/bin/sh
# Bad inputs: each case under tests/bad/cases/NAME/ is a set of files laid
# over tests/bad/base/ (a valid course); "expect" holds the exact
# diagnostics `vecdoc check` (or the command in "cmd") must print, and the
# exit status on its first line ("exit N"). Files named "remove" list base
# files to delete. Paths in messages are relative: the suite runs in the
# temporary directory with -C content.
. "$SRCDIR/tests/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for case in "$SRCDIR"/tests/bad/cases/*/; do
	name=$(basename "$case")
	rm -rf "$work/content" "$work/out"
	cp -R "$SRCDIR/tests/bad/base" "$work/content"
	(cd "$case" && find . -type f ! -name expect ! -name cmd ! -name remove ! -name '*.sh' |
	    while read -r f; do mkdir -p "$work/content/$(dirname "$f")"; cp "$f" "$work/content/$f"; done)
	[ -f "$case/remove" ] && (cd "$work/content" && xargs rm -rf <"$case/remove")
	[ -f "$case/setup.sh" ] && (cd "$work" && sh "$case/setup.sh")
	cmd="check -C content"
	[ -f "$case/cmd" ] && cmd=$(cat "$case/cmd")
	(cd "$work" && "$VECDOC" $cmd >/dev/null 2>"$work/stderr")
	rc=$?
	want_rc=$(head -1 "$case/expect" | sed 's/^exit //')
	tail -n +2 "$case/expect" >"$work/want"
	# The summary line is checked by its own cases; compare diagnostics.
	grep -v '^vecdoc [a-z]*: [0-9]* [a-z]*, ' "$work/stderr" >"$work/got"
	if [ "$rc" != "$want_rc" ]; then
		fail "$name: exit $rc, expected $want_rc"; cat "$work/stderr"
	elif ! diff -u "$work/want" "$work/got" >"$work/diff"; then
		fail "$name: diagnostics differ"; cat "$work/diff"
	else
		pass
	fi
done
finish bad
