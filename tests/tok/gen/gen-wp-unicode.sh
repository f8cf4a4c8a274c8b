#!/bin/sh
# tests/tok/gen/gen-wp-unicode.sh: regenerates src/tok/wp_unicode.h, the
# Unicode tables that make WordPiece's normalisation match Hugging Face's
# Rust tokenizers code point for code point. Needs node, npm (the
# registry), cc, utf8proc and /usr/bin/python3. Run from the source tree:
#   sh tests/tok/gen/gen-wp-unicode.sh > src/tok/wp_unicode.h
# then check with tests/tok/suite.sh (its BERT sweep).
set -e
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent tokenizers@0.23.2 >/dev/null && tar xzf tokenizers-0.23.2.tgz)
node "$here/bert-classes.js" "$work/package" > "$work/rust.txt"
cc -O2 -o "$work/u8" "$here/utf8proc-classes.c" $(pkg-config --cflags --libs libutf8proc)
"$work/u8" > "$work/u8.txt"
v=$(printf '#include <utf8proc.h>\n#include <stdio.h>\nint main(void){printf("%%s (Unicode %%s)", utf8proc_version(), utf8proc_unicode_version());return 0;}\n' > "$work/v.c" && cc -o "$work/v" "$work/v.c" $(pkg-config --cflags --libs libutf8proc) && "$work/v")
/usr/bin/python3 "$here/gen-wp-unicode.py" "$work/rust.txt" "$work/u8.txt" "$v"
