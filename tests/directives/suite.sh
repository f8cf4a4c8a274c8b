#!/bin/sh
# Analysis directives on a tiny hand-made space (tests/directives/site/
# tiny.txt: 12 words in 4 dimensions, values chosen so that every score
# can be checked by hand — see the comments), through `vecdoc run` (JSON)
# and through pages (`vecdoc check`, exact located diagnostics).
. "$SRCDIR/tests/lib.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$SRCDIR/tests/directives/site" "$work/site"
rm -rf "$work/site/.vecdoc-cache"
cd "$work/site" || exit 1

expect() {	# expect NAME WANT GOT
	if [ "$2" = "$3" ]; then pass; else fail "$1"; printf '  want: %s\n  got:  %s\n' "$2" "$3"; fi
}
PROV='"provenance":"tiny · tiny.txt · xxh3 8b6dbe88 · 12 × 4"'

# cat = (.8,.6,0,0), dog = (.6,.8,0,0): cos .96; the = (2,0,0,0): cos .8,
# dot 1.6; king = (.5,.5,.5,.5): cos .7, |cat - king| = sqrt(.6) = .7746,
# tied with queen (the lower row wins); |cat - dog| = sqrt(.08) = .2828.
expect "nearest: three metrics" \
"{\"directive\":\"nearest\",$PROV,\"items\":[{\"table\":\"nearest-1\",\"columns\":[\"#\",\"cosine\",\"similarity\",\"dot\",\"product\",\"euclidean\",\"distance\"],\"rows\":[[1,\"dog\",0.9600000381469727,\"the\",1.600000023841858,\"dog\",0.2828426957130432],[2,\"the\",0.800000011920929,\"dog\",0.9600000381469727,\"king\",0.7745966911315918],[3,\"king\",0.7000000476837158,\"king\",0.7000000476837158,\"queen\",0.7745966911315918]]}]}" \
"$("$VECDOC" run nearest -C . --space tiny --k 3 --metric cosine,dot,euclidean --words cat)"

# king - man + woman = (.5,.5,-.5,.5) = queen exactly: 3CosAdd 1; 3CosMul
# ((1+.5)/2)^2 / ((1+0)/2 + 1e-6) = 1.1249977.
expect "analogy: both methods" \
"{\"directive\":\"analogy\",$PROV,\"items\":[{\"table\":\"analogy-1\",\"columns\":[\"#\",\"3CosAdd\",\"score\",\"3CosMul\",\"score\"],\"rows\":[[1,\"queen\",1,\"queen\",1.1249977350234985],[2,\"cat\",0.7000000476837158,\"cat\",0.8499984741210938]],\"scalars\":{\"rank-3cosadd\":1,\"rank-3cosmul\":1}}]}" \
"$("$VECDOC" run analogy -C . --space tiny --k 2 --body 'man : king :: woman : queen')"

# q.txt: 2 family questions right, 1 misc right, 1 with an unknown word.
expect "analogy-eval: sections and total" \
"{\"directive\":\"analogy-eval\",$PROV,\"items\":[{\"table\":\"analogy-eval\",\"columns\":[\"section\",\"correct\",\"incorrect\",\"questions\",\"accuracy %\"],\"rows\":[[\"family\",2,0,2,100],[\"misc\",1,0,1,100],[\"total\",3,0,3,100]],\"scalars\":{\"questions-in-file\":4,\"skipped-oov\":1,\"lines-ignored\":0,\"rows\":300000}}]}" \
"$("$VECDOC" run analogy-eval -C . --space tiny --file questions --chart false)"

# pairs.tsv: 4 pairs known, 1 with an unknown word (20 % OOV).
expect "word-pairs-eval" \
"{\"directive\":\"word-pairs-eval\",$PROV,\"items\":[{\"table\":\"word-pairs-eval\",\"columns\":[\"dataset\",\"pairs used\",\"OOV %\",\"Pearson r\",\"p\",\"Spearman ρ\",\"p\"],\"rows\":[[\"pairs\",4,20,0.22828046055906004,0.77171953944094,0.31622776601683794,0.683772233983162]]}]}" \
"$("$VECDOC" run word-pairs-eval -C . --space tiny --files pairs --chart false)"

# RSA of a space with itself is 1 with the smallest p 1/(1+99); a space
# sharing no word with it is an error, not a NaN.
expect "rsa of a space with itself" '["tiny vs tiny",12,1,1,0.01]' \
    "$("$VECDOC" run rsa -C . --a tiny --b tiny --permutations 99 | grep -o '\["tiny vs tiny",[^]]*\]')"
expect "rsa without shared words" "<command line>: error: {rsa} needs at least 3 words known to both spaces, found 0" \
    "$("$VECDOC" run rsa -C . --a tiny --b other 2>&1)"
expect "cosine-scatter identical spaces" '[6,1,0.9999999999999999,0,0]' \
    "$("$VECDOC" run cosine-scatter -C . --a tiny --b tiny --words cat,dog,car,red | grep -o '"rows":\[\[[^]]*\]' | sed 's/"rows":\[//')"

# Corpora: c1.txt has 12 tokens, 7 types, 3 hapaxes (on, mat, and):
# 42.857 %; counts 3,2,2,2,1,1,1 give H = .5 + 3(2/12)log2 6 + 3(1/12)
# log2 12 = 2.68872 bits. Too few ranks for a Zipf fit is said, not NaN.
expect "corpus-stats by hand" '["one",12,7,42.857142857142854,2.6887218755408666,0.9577420562022178,null,"too few ranks",null,null,"no fit"]' \
    "$("$VECDOC" run corpus-stats -C . --corpora one --top 0 | grep -o '\["one",[^]]*\]')"
expect "empty corpus" "<command line>:1: error: corpus 'empty': frequencies: the corpus has no tokens (entropy and shares are undefined)" \
    "$("$VECDOC" run corpus-stats -C . --corpora empty 2>&1)"
expect "word absent from a corpus" "<command line>:2: error: word 'zebra' does not occur in corpus 'one'" \
    "$("$VECDOC" run cooccurrence -C . --corpus one --words cat,zebra 2>&1)"
expect "spaces with no shared word" "<command line>: error: the two spaces share no word (compared exactly; try case-insensitive)" \
    "$("$VECDOC" run space-compare -C . --a tiny --b other 2>&1)"

# rot.txt is tiny.txt rotated by 90° in its first two dimensions: every
# within-space comparison is unchanged and Procrustes undoes the rotation.
"$VECDOC" run space-compare -C . --a tiny --b rot --top 50 --k 3 --examples 1 >"$work/sc.json"
expect "procrustes recovers a rotation" "yes" \
    "$(/usr/bin/python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["items"][0]["rows"]; d={r[0]:r[1] for r in t}; print("yes" if abs(d["orthogonal Procrustes: mean shift ‖E₁(w)R − E₂(w)‖"]) < 1e-6 and abs(d["RSA (Spearman)"] - 1) < 1e-12 else d)' "$work/sc.json" 2>&1)"

# {tokens}: "Cat's 3.14" is cat + 's + 3.14 (10 characters / 3 tokens),
# each with its byte range; an undeclared tokenizer is an error.
expect "tokens summary and pieces" '{"table":"tokens","columns":["tokenizer","tokens","[UNK]","characters per token"],"rows":[["tiny",3,0,3.3333333333333335]]},{"table":"tokens-tiny","columns":["#","id","piece","start","end"],"rows":[[1,-1,"cat",0,3],[2,-1,"'"'"'s",3,5],[3,-1,"3.14",6,10]]}]}' \
    "$("$VECDOC" run tokens -C . --tokenizer tiny --pieces --body "Cat's 3.14" | grep -o '{"table":"tokens".*')"
expect "tokens: undeclared tokenizer" "<command line>:1: error: tokenizer 'bert' is not declared in vecdoc.yml" \
    "$("$VECDOC" run tokens -C . --tokenizer tiny,bert --body x 2>&1)"

# Errors through `vecdoc run`.
expect "undeclared file fetched first" \
"<command line>:1: error: space 'missing': nothere.txt is missing (run \`vecdoc fetch\`)" \
"$("$VECDOC" run nearest -C . --space missing --words cat 2>&1)"
expect "every unknown word in one message" \
"<command line>:2: error: words not in space 'tiny' (12 words): 'zebra', 'unicorn'" \
"$("$VECDOC" run nearest -C . --space tiny --words cat,zebra,Dog,unicorn 2>&1)"

# Errors in pages, located at the option or the body line.
page() {	# page BODY...: writes m/t.md with a directive
	printf -- '---\ntitle: T\n---\n\n# T\n\n' >m/t.md
	printf '%s\n' "$@" >>m/t.md
}
check() { (cd .. && "$VECDOC" check -C site 2>&1 >/dev/null | grep -v '^vecdoc check:'); }
page '```{nearest}' ':space: tiny' ':metric: cosine, manhattan' 'cat' '```'
expect "unknown metric" "site/m/t.md:9:1: error: unknown metric 'manhattan' (known: cosine, dot, euclidean)" "$(check)"
page '```{nearest}' ':space: tyni' 'cat' '```'
expect "undeclared space" "site/m/t.md:8:1: error: {nearest}: 'tyni' is not the name of a space declared in vecdoc.yml (declared spaces: tiny, missing, other, rot)" "$(check)"
page '```{nearest}' ':space: tiny' '```'
expect "no words" "site/m/t.md:7:1: error: {nearest} needs query words (:words: or the body)" "$(check)"
page '```{analogy}' ':space: tiny' 'man : king :: woman : queen' 'man king' '```'
expect "analogy line located" 'site/m/t.md:10:1: error: expected "a : b :: c" or "a : b :: c : d", found 2 words' "$(check)"
page '```{analogy}' ':space: tiny' 'man : king :: wombat' '```'
expect "analogy OOV located" "site/m/t.md:9:1: error: word not in space 'tiny' (12 words): 'wombat'" "$(check)"
page '```{similarity-matrix}' ':space: tiny' 'cat' '```'
expect "similarity-matrix needs two words" "site/m/t.md:7:1: error: {similarity-matrix} needs 2 to 60 words, found 1" "$(check)"
page '```{contrastive}' ':space: tiny' ':query: cat' ':positive: dog' ':negatives: car' ':tau: 0.1, -1' '```'
expect "bad temperature" "site/m/t.md:12:1: error: option ':tau:' needs positive numbers, not '-1'" "$(check)"
page '```{analogy-eval}' ':space: tiny' ':file: questons' '```'
expect "undeclared file" "site/m/t.md:9:1: error: {analogy-eval}: 'questons' is not the name of a file declared in vecdoc.yml (did you mean 'questions'?)" "$(check)"
page '```{anisotropy}' ':space: tiny' ':abtt: 4' '```'
expect "abtt below the dimension" "site/m/t.md:9:1: error: option ':abtt:' must be below the dimension (4)" "$(check)"

# The similarity matrix is a labelled heatmap; hostile words are text.
page '```{similarity-matrix}' ':space: tiny' 'cat <script> "q"' '```'
if "$VECDOC" build --quiet -C . -o "$work/out" 2>"$work/err"; then
	html=$(cat "$work/out/m/t.html")
	case $html in
	*'<script>'*'<script>'*) # the theme's own scripts only
		if printf '%s' "$html" | grep -q '&lt;script&gt;'; then pass; else fail "hostile word not escaped"; fi ;;
	*) pass ;;
	esac
	if printf '%s' "$html" | grep -q '<script> 0 1'; then fail "raw data in page"; else pass; fi
else
	fail "build with a similarity matrix"; cat "$work/err"
fi

# --- {token-heatmap} ------------------------------------------------------
# cosine with the previous token: cat none (first), dog .96, car 0,
# red .8 (car = (0,0,1,0), red = (0,0,.8,.6)), purple .96; min-max over
# [0, .96] puts dog and purple in class 10, car in 0, red in
# floor(.8/.96 * 11) = 9. Hostile characters are text; tokens without a
# vector are marked and listed.
WANT_HEAT=$(cat "$SRCDIR/tests/directives/heatmap.json")
expect "token-heatmap golden" "$WANT_HEAT" \
"$("$VECDOC" run token-heatmap -C . --space tiny --measure cosine-previous --body 'cat dog car red purple <script>"q"' --top 2)"
page '```{token-heatmap}' ':space: tiny' ':measure: cosine-target' 'cat dog' '```'
expect "missing target" "site/m/t.md:7:1: error: measure 'cosine-target' needs ':target:' (the word to compare with)" "$(check)"
page '```{token-heatmap}' ':space: tiny' ':measure: cosine-target' ':target: zebra' 'cat dog' '```'
expect "target out of vocabulary" "site/m/t.md:10:1: error: target 'zebra' is not in space 'tiny'" "$(check)"
page '```{token-heatmap}' ':space: tiny' ':measure: cosine' 'cat' '```'
expect "unknown measure" "site/m/t.md:9:1: error: option ':measure:' must be one of norm, cosine-previous, cosine-target, not 'cosine'" "$(check)"
page '```{token-heatmap}' ':space: tiny' '```'
expect "empty body" "site/m/t.md:7:1: error: {token-heatmap} needs a body: the paragraph to colour" "$(check)"
page '```{token-heatmap}' ':space: tiny' ':tokenizer: bert' 'cat' '```'
expect "no such tokenizer" "site/m/t.md:9:1: error: tokenizer 'bert' is not declared in vecdoc.yml" "$(check)"
# A space of words gets the word tokenizer (tests/edges); a token-level
# space without tokenizer: is an error where one is needed.
sed 's/^spaces:$/spaces:\n  bare:\n    sinusoidal: { length: 4, dim: 2 }/' vecdoc.yml >vecdoc.yml.new && mv vecdoc.yml.new vecdoc.yml
page '```{token-heatmap}' ':space: bare' 'cat' '```'
expect "space without a tokenizer" "site/m/t.md:7:1: error: space 'bare' declares no tokenizer: (add one under spaces: bare: in vecdoc.yml)" "$(check)"
# An unknown key in a tokenizers: entry is located, with a hint.
printf 'tokenizers:\n  t:\n    kind: word\n    lowercsae: true\n' >>vecdoc.yml
line=$(grep -n '    lowercsae: true' vecdoc.yml | cut -d: -f1)
expect "unknown tokenizer key" "site/vecdoc.yml:$line:5: error: unknown key \"lowercsae\" in tokenizer \"t\" (did you mean \"lowercase\"?)" "$(check)"
sed -i '/^tokenizers:$/,$d' vecdoc.yml

# A 150 KB paragraph renders (every token coloured), one over 256 KB is
# refused with its size.
awk 'BEGIN { for (i = 0; i < 18750; i++) printf "cat dog "; print "" }' >big.txt
n=$("$VECDOC" run token-heatmap -C . --space tiny --body-file big.txt | grep -o 'vd-tok vd-seq' | wc -l | tr -d ' ')
expect "150 KB body rendered" "37500" "$n"
awk 'BEGIN { for (i = 0; i < 33000; i++) printf "cat dog "; print "" }' >big.txt
expect "body over the limit" "<command line>: error: {token-heatmap} body is 263999 bytes; the limit is 262144" \
    "$("$VECDOC" run token-heatmap -C . --space tiny --body-file big.txt 2>&1 >/dev/null)"

# Every registered directive's documented example (vecdoc-directives(5))
# runs on tests/directives/examples/site, which declares the names the
# examples use over small hand-made files, and gives the JSON in
# examples/NAME.json (VECDOC_UPDATE_GOLDEN=1 rewrites them). A directive
# without a golden file fails here. Hand-checked: wiki.txt puts every
# family pair (man/woman, king/queen, ...) one offset g = 4·e₀ apart, so
# {analogy} answers queen and {analogy-eval} gets the 9 family and 2
# capital questions right and "cat : dog :: car : ?" wrong (11 of 12; the
# line with unicorn/zebra is skipped as OOV).
ex="$SRCDIR/tests/directives/examples"
cp -R "$ex/site" "$work/examples"
rm -rf "$work/examples/.vecdoc-cache"
for name in $("$VECDOC" run --list | awk '{ print $1 }'); do
	got=$(cd "$work/examples" && "$VECDOC" run -C . --example "$name" 2>&1)
	if update_golden; then
		printf '%s\n' "$got" >"$ex/$name.json"
	fi
	if [ ! -f "$ex/$name.json" ]; then
		fail "example of {$name}: no golden file $ex/$name.json"
	else
		expect "example of {$name}" "$(cat "$ex/$name.json")" "$got"
	fi
	# every scalar an example's result carries is documented under its
	# directive in vecdoc-directives(5)
	keys=$(printf '%s\n' "$got" | grep -o '"scalars":{[^}]*}' |
	    sed 's/^"scalars"://' | grep -o '"[^"]*":' | tr -d '":' | sort -u)
	doc=$("$VECDOC" run --man | awk -v d=".SS {$name}" \
	    '$0 == d { on = 1; next } /^\.SS / { on = 0 } on && /^\.B / { print $2 }' |
	    sed 's/\\-/-/g')
	for k in $keys; do
		printf '%s\n' "$doc" | grep -qx -- "$k" && pass ||
		    fail "{$name}: scalar '$k' not documented in vecdoc-directives(5)"
	done
done
# {norm-frequency} :head: and :dimensions: on tiny, by hand: dimension 0
# holds 2, .8, .6, 0 ×5, .5 ×4 (mean .45, population sd .54544), the
# largest |z| (2 − .45) / .54544 = 2.8418 at 'the', its minimum first at
# 'car'; dimension 3 next with (1 − .36667) / .33993 = 1.8631; the median
# (third of four) is dimension 1's (1 − .2) / .45826 = 1.7457.
expect "norm-frequency: head and dimensions" \
'{"table":"first-rows","columns":["rank","word","norm"],"rows":[[1,"the",2],[2,"cat",1]]},{"table":"dimensions","columns":["#","dimension","mean","sd","min","word at min","max","word at max","max |z|"],"rows":[[1,0,0.45000000298023224,0.5454356069156411,0,"car",2,"the",2.8417653291555203],[2,3,0.3666666696468989,0.33993463686964137,0,"the",1,"\"q\"",1.86310326063058]],"scalars":{"median-max-z":1.7457431038229392}}' \
"$("$VECDOC" run norm-frequency -C . --space tiny --examples 0 --head 2 --dimensions 2 | grep -o '{"table":"first-rows".*"scalars":{"median-max-z":[0-9.]*}}')"
# {cosine-correlation} :geometry: and :query: on tiny, by hand: cat·dog =
# .96 (angle acos .96 = 16.26°, |cat − dog| = √.08 = .2828 for raw and
# unit vectors alike); the = 2·e₀: cat·the = 1.6, cos .8, |cat − the| =
# √1.8 = 1.3416, unit √(2 − 1.6) = .6325. Pearson r with cat (centred
# (.45,.25,−.35,−.35), ‖‖² = .51): dog .47/.51 = .9216, the .9/√1.53 =
# .7276, queen .35/√(.51·.75) = .5659; king is constant (no r) and third
# by cosine (.7, tied with queen: the lower row wins): 2 shared.
expect "cosine-correlation: geometry and neighbours" \
'{"table":"pair-geometry","columns":["pair","norm of a","norm of b","dot product","cosine","angle (°)","Euclidean distance","distance of unit vectors"],"rows":[["cat–dog",1.000000023841858,1.000000023841858,0.960000052452088,0.9600000066757196,16.260203342274192,0.2828426956158796,0.28284268887238445],["cat–the",1.000000023841858,2,1.600000023841858,0.7999999928474427,36.869898328862924,1.341640786499874,0.6324555433428617]]},{"table":"neighbours-1","columns":["#","by cosine","cosine","by Pearson r","Pearson r"],"rows":[[1,"dog",0.9600000066757196,"dog",0.9215686402839673],[2,"the",0.7999999928474427,"the",0.727606863770764],[3,"king",0.7000000011920928,"queen",0.5659164603078161]],"scalars":{"shared":2,"searched-rows":12}}]}' \
"$("$VECDOC" run cosine-correlation -C . --space tiny --geometry --query cat --neighbours 3 --restrict 0 --body "$(printf 'cat dog\ncat the')" | sed 's/.*\]\]},{"table":"pair-geometry"/{"table":"pair-geometry"/')"
expect "cosine-correlation: unknown query word" \
    "<command line>:2: error: word not in the space (12 words): 'zebra'" \
    "$("$VECDOC" run cosine-correlation -C . --space tiny --query zebra --body 'cat dog' 2>&1)"
# {rsa} :pairs: on tiny against itself: cat–dog 1 − .96 = .04, cat–the
# 1 − .8 = .2, dog–the 1 − .6 = .4, ranks 1, 2, 3 on both sides.
expect "rsa: the pairs by hand" \
'{"table":"rsa-pairs","columns":["pair","distance in a","distance in b","rank in a","rank in b"],"rows":[["cat–dog",0.03999999332428039,0.03999999332428039,1,1],["cat–the",0.20000000715255728,0.20000000715255728,2,2],["dog–the",0.3999999904632572,0.3999999904632572,3,3]]}' \
"$("$VECDOC" run rsa -C . --a tiny --b tiny --words cat,dog,the --pairs --permutations 99 | grep -o '{"table":"rsa-pairs"[^}]*}')"
expect "rsa: too many words for :pairs:" \
    "<command line>:4: error: :pairs: lists the pairs of at most 20 words, not 21" \
    "$(cd "$SRCDIR/tests/directives/examples/site" && "$VECDOC" run rsa -C . --a glove-wiki-100d --b glove-wiki-100d --top 21 --pairs 2>&1 | head -1)"
# {analogy-eval} :exclude: false: "cat : dog :: red : purple" is then
# answered red (cos 1/‖dog − cat + red‖ beats purple), a question word;
# both family questions stay right (king − man + woman = queen exactly).
expect "analogy-eval: question words kept" \
'["family",2,0,2,100,0],["misc",0,1,1,0,1],["total",2,1,3,66.66666666666667,1]' \
"$("$VECDOC" run analogy-eval -C . --space tiny --file questions --exclude false --chart false | grep -o '\["family".*,1\]')"
expect "analogy-eval: 3cosmul cannot keep them" \
    "<command line>:3: error: :exclude: false needs :method: 3cosadd (3CosMul always excludes the question words)" \
    "$("$VECDOC" run analogy-eval -C . --space tiny --file questions --exclude false --method 3cosmul 2>&1)"
# {cosine-correlation}: numbers checked against numpy (cos and
# np.corrcoef of the float32 rows) in examples/cosine-correlation.json;
# its bad bodies, located.
ex="$SRCDIR/tests/directives/examples/site"
expect "cosine-correlation: one word on a line" \
    "<command line>:3:1: error: expected two words on this line, found 'king'" \
    "$(cd "$ex" && "$VECDOC" run cosine-correlation -C . --space glove-wiki-100d --body 'king' 2>&1 | head -1)"
expect "cosine-correlation: unknown word" \
    "<command line>:3:1: error: word not in the space (66 words): 'zzz'" \
    "$(cd "$ex" && "$VECDOC" run cosine-correlation -C . --space glove-wiki-100d --body 'king zzz' 2>&1 | head -1)"
finish directives
