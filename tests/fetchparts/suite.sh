#!/bin/sh
# tests/fetchparts/suite.sh: `vecdoc fetch` of a "parts" source (a file
# assembled from several downloads through a named conversion, here
# "gutenberg": Project Gutenberg e-texts to one paragraph per line)
# against an HTTP server on 127.0.0.1 that this suite starts, on
# synthetic PG-style e-texts written below (header, START/END markers,
# CRLF and CR line ends, credits, hard-wrapped paragraphs, Unicode
# spaces). Checks the exact bytes assembled, then each failure: a part
# with a wrong digest, a part that is missing, a part without its END
# line, a part that is not UTF-8, an assembled file whose digest differs,
# and bad declarations. Every failure is one located diagnostic, exit 1,
# and nothing left in the content directory. Never the internet.
. "$SRCDIR/tests/lib.sh"
W=$(mktemp -d "${TMPDIR:-/tmp}/vecdoc-parts.XXXXXX")
PY=/usr/bin/python3
SPID=
cleanup() {
	[ -n "$SPID" ] && kill "$SPID" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT

if ! [ -x "$PY" ]; then
	skip "fetchparts: python3 is needed for the test's HTTP server"
	finish fetchparts
	exit $?
fi

# --- the e-texts ------------------------------------------------------------
mkdir -p "$W/www"
cat >"$W/make.py" <<'EOF'
import hashlib, sys
www = sys.argv[1]
nb = "\u00a0"
a = ("\ufeffThe Project Gutenberg EBook of Alpha, by A. Writer\r\n\r\n"
     "This eBook is for the use of anyone anywhere at no cost.\r\n\r\n"
     "*** START OF THIS PROJECT GUTENBERG EBOOK ALPHA ***\r\n\r\n\r\n"
     "Produced by Somebody and the Online\r\n"
     "Distributed Proofreading Team\r\n\r\n"
     "E-text prepared by Another Person\r\n\r\n"
     "  ALPHA\r\n\r\n"
     "CHAPTER I\r\n\r\n"
     "It was a dark and\r\n"
     "stormy night;  the rain\tfell\r\n"
     "in torrents" + nb + "\u2014 except at\r\n"
     "occasional intervals.\r\n"
     "   \r\n"
     "Produced by the sun, the light was dim.\r\n\r\n"
     "End of the Project Gutenberg EBook of Alpha, by\r\nA. Writer\r\n\r\n"
     "*** END OF THIS PROJECT GUTENBERG EBOOK ALPHA ***\r\n\r\n"
     "This file should be named alpha.txt\r\n")
b = ("Title: Beta\n\n"
     "***START OF THE PROJECT GUTENBERG EBOOK BETA***\n"
     "Verse one line\rverse two line \n\n\n"
     "A caf\u00e9\u2009au lait\u200b.\n"
     "*** END OF THE PROJECT GUTENBERG EBOOK BETA ***\n"
     "footer\n")
c = ("Title: Gamma\n"
     "*** START OF THIS PROJECT GUTENBERG EBOOK GAMMA ***\n"
     "Some text that stops here\n")
open(www + "/a.txt", "wb").write(a.encode())
open(www + "/b.txt", "wb").write(b.encode())
open(www + "/c.txt", "wb").write(c.encode())
open(www + "/latin1.txt", "wb").write(
    ("Title: Delta\n*** START OF THIS PROJECT GUTENBERG EBOOK D ***\n"
     "caf\u00e9\n*** END OF THIS PROJECT GUTENBERG EBOOK D ***\n").encode("latin-1"))
open(www + "/bom.txt", "wb").write(
    "\ufeff*** START OF THE PROJECT GUTENBERG EBOOK E ***\nOne.\n"
    "*** END OF THE PROJECT GUTENBERG EBOOK E ***\n".encode())
open(www + "/nostart.txt", "wb").write(b"Just some text\nand more\n")
EOF
"$PY" "$W/make.py" "$W/www" || { fail "making the e-texts"; finish fetchparts; exit 1; }
# What the two parts must give, written out by hand: the credits at the
# start of Alpha dropped (not the later paragraph that starts alike),
# and PG's "End of the Project Gutenberg EBook" paragraph at its end,
# white space (tab, two spaces, U+00A0, U+2009) folded, U+200B kept,
# a CR alone a line end, the text outside the markers gone.
printf 'ALPHA\nCHAPTER I\nIt was a dark and stormy night; the rain fell in torrents \342\200\224 except at occasional intervals.\nProduced by the sun, the light was dim.\nVerse one line verse two line\nA caf\303\251 au lait\342\200\213.\n' >"$W/want"
sha() { sha256sum "$1" | cut -c1-64; }
SA=$(sha "$W/www/a.txt")
SB=$(sha "$W/www/b.txt")
SW=$(sha "$W/want")

# --- the server -------------------------------------------------------------
cat >"$W/server.py" <<'EOF'
import functools, http.server, os, sys
root = sys.argv[1]
class H(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a):
        pass
s = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
    functools.partial(H, directory=os.path.join(root, "www")))
open(os.path.join(root, "port"), "w").write(str(s.server_address[1]))
s.serve_forever()
EOF
"$PY" "$W/server.py" "$W" &
SPID=$!
i=0
while ! [ -s "$W/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if ! [ -s "$W/port" ]; then
	fail "the test's HTTP server did not start"
	finish fetchparts
	exit 1
fi
U="http://127.0.0.1:$(cat "$W/port")"

# site NAME SOURCES-YAML: a content directory $W/NAME whose vecdoc.yml
# declares one file "book" at data/book.txt (the source list indented
# under sources:, from line 6).
site() {
	mkdir -p "$W/$1"
	printf 'title: t\nfiles:\n  book:\n    path: data/book.txt\n    sources:\n%s\n' "$2" >"$W/$1/vecdoc.yml"
}
fetch() {
	"$VECDOC" fetch -C "$W/$1" >"$W/$1.out" 2>"$W/$1.err"
	echo $? >"$W/$1.rc"
}
expect_eq() {
	if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', wanted '$3'"; fi
}
# only_inputs NAME: nothing but vecdoc.yml is left.
only_inputs() {
	left=$(cd "$W/$1" && find . ! -name vecdoc.yml ! -name . ! -name data | sort)
	expect_eq "$1: files left" "$left" ""
}
expect_fail() {
	expect_eq "$1: exit" "$(cat "$W/$1.rc")" 1
	expect_eq "$1: stderr" "$(cat "$W/$1.err")" "$2
vecdoc fetch: 1 declared file not obtained"
	only_inputs "$1"
}
# parts URL-A SHA-A URL-B CONVERT SHA: the usual two-part source.
parts() {
	printf '      - parts:\n          - url: %s\n            sha256: %s\n          - url: %s\n        convert: %s\n        sha256: %s' "$@"
}

# 1. Two parts assembled, the first checked by its digest, the whole by
# its own; the exact bytes, the provenance line.
site ok "$(parts "$U/a.txt" "$SA" "$U/b.txt" gutenberg "$SW")"
fetch ok
expect_eq "ok: exit" "$(cat "$W/ok.rc")" 0
expect_eq "ok: stderr" "$(cat "$W/ok.err")" ""
if cmp -s "$W/ok/data/book.txt" "$W/want"; then pass; else
	fail "ok: assembled bytes differ: $(od -c "$W/ok/data/book.txt" | head -20)"; fi
expect_eq "ok: provenance" "$(cat "$W/ok/data/book.txt.source")" \
    "parts 2 convert gutenberg (1 with sha256) sha256 $(echo "$SW" | cut -c1-16)"
expect_eq "ok: said" "$(sed -n 1p "$W/ok.out")" \
    "fetch: book: assembling 2 parts (convert: gutenberg)"
expect_eq "ok: work directories left" "$(cd "$W/ok" && find . -name '.vecdoc-fetch-*')" ""
# present: not fetched again
fetch ok
expect_eq "ok: present" "$(cat "$W/ok.out")" "fetch: book: present (data/book.txt)"

# A file that starts with its START line after a byte-order mark.
site bom "      - parts:
          - url: $U/bom.txt
        convert: gutenberg"
fetch bom
expect_eq "bom: exit" "$(cat "$W/bom.rc")" 0
expect_eq "bom: text" "$(od -An -c "$W/bom/data/book.txt" | tr -s ' ')" " O n e . \\n"

# concat keeps the bytes: the two e-texts end to end.
site concat "$(parts "$U/a.txt" "$SA" "$U/b.txt" concat \
    "$(cat "$W/www/a.txt" "$W/www/b.txt" | sha256sum | cut -c1-64)")"
fetch concat
expect_eq "concat: exit" "$(cat "$W/concat.rc")" 0
if cat "$W/www/a.txt" "$W/www/b.txt" | cmp -s - "$W/concat/data/book.txt"; then
	pass; else fail "concat: bytes differ"; fi

# 2. A part whose digest differs: located at the part.
site badpart "$(parts "$U/a.txt" "$SB" "$U/b.txt" gutenberg "$SW")"
fetch badpart
expect_fail badpart "$W/badpart/vecdoc.yml:7:13: error: book: part 1: sha256 mismatch for $U/a.txt: got $SA, declared $SB"

# 3. A part the server does not have.
site missing "$(parts "$U/a.txt" "$SA" "$U/nothere.txt" gutenberg "$SW")"
fetch missing
# (curl says why on its own line first: the HTTP status)
expect_eq "missing: curl's line" "$(grep -c '^curl: .*404' "$W/missing.err")" 1
sed -i '/^curl: /d' "$W/missing.err"
expect_fail missing "$W/missing/vecdoc.yml:9:13: error: book: part 2: download of $U/nothere.txt failed (curl exit 22)"

# 4. A part without its END line: the part's START line named.
site noend "$(parts "$U/a.txt" "$SA" "$U/c.txt" gutenberg "$SW")"
fetch noend
expect_fail noend "$W/noend/vecdoc.yml:9:13: error: book: part 2: $U/c.txt:2: no \"*** END OF THE PROJECT GUTENBERG\" (or THIS) line after this START line (a truncated download?)"

# ... without a START line, and not UTF-8 (Latin-1: the line of the byte).
site nostart "$(parts "$U/a.txt" "$SA" "$U/nostart.txt" gutenberg "$SW")"
fetch nostart
expect_fail nostart "$W/nostart/vecdoc.yml:9:13: error: book: part 2: $U/nostart.txt: no \"*** START OF THE PROJECT GUTENBERG\" (or THIS) line: not a Project Gutenberg e-text"
site latin1 "$(parts "$U/latin1.txt" "$SA" "$U/b.txt" gutenberg "$SW")"
# (the digest of part 1 is checked first: declare none for it here)
sed -i '8d' "$W/latin1/vecdoc.yml"
fetch latin1
expect_fail latin1 "$W/latin1/vecdoc.yml:7:13: error: book: part 1: $U/latin1.txt:3: not UTF-8 (byte 0xe9 at offset 64)"

# 5. Every part fine, the assembled file not the declared one.
site badall "$(parts "$U/a.txt" "$SA" "$U/b.txt" gutenberg "$SA")"
fetch badall
expect_fail badall "$W/badall/vecdoc.yml:6:9: error: book: sha256 mismatch for parts (2, convert: gutenberg): got $SW, declared $SA"

# 6. Declarations.
site noconv "      - parts:
          - url: $U/a.txt"
fetch noconv
expect_eq "no convert:" "$(cat "$W/noconv.err")" \
    "$W/noconv/vecdoc.yml:6:9: error: a parts source needs convert: (one of concat, gutenberg)"
site unkconv "$(parts "$U/a.txt" "$SA" "$U/b.txt" gutenbrg "$SW")"
fetch unkconv
expect_eq "unknown convert:" "$(cat "$W/unkconv.err")" \
    "$W/unkconv/vecdoc.yml:10:18: error: convert: unknown conversion \"gutenbrg\" (known: concat, gutenberg)"
site emptyparts "      - parts: []
        convert: concat"
fetch emptyparts
expect_eq "empty parts:" "$(cat "$W/emptyparts.err")" \
    "$W/emptyparts/vecdoc.yml:6:16: error: parts: expected a non-empty list of {url: ..., sha256: ...}"
site httpparts "$(parts "http://example.org/a.txt" "$SA" "$U/b.txt" gutenberg "$SW")"
fetch httpparts
expect_eq "plain http part" "$(cat "$W/httpparts.err")" \
    "$W/httpparts/vecdoc.yml:7:13: error: url: only https:// URLs are fetched (http:// only from 127.0.0.1 or localhost)"
site shortsha "$(parts "$U/a.txt" "abc" "$U/b.txt" gutenberg "$SW")"
fetch shortsha
expect_eq "part sha256 not hex" "$(cat "$W/shortsha.err")" \
    "$W/shortsha/vecdoc.yml:7:13: error: sha256: expected 64 lowercase hex digits"
site convurl "      - url: $U/a.txt
        convert: gutenberg"
fetch convurl
expect_eq "convert: without parts:" "$(cat "$W/convurl.err")" \
    "$W/convurl/vecdoc.yml:7:18: error: convert: goes with parts:"
site twokinds "      - parts:
          - url: $U/a.txt
        mirror: x.txt
        convert: concat"
fetch twokinds
expect_eq "parts: and mirror:" "$(cat "$W/twokinds.err")" \
    "$W/twokinds/vecdoc.yml:6:9: error: a source has exactly one of mirror:, npm:, url: or parts:"

# The course's own parts source (content/vecdoc.yml, files: gutenberg):
# the 115 e-texts of ../shared's index, in the corpus's order, each URL
# naming the author folder and file (a CR of a file name as %0D) at the
# commit they were taken from, each with the index's sha256, and the
# whole with the mirror's digest.
IDX=${VECDOC_SHARED:-$SRCDIR/../shared}/data/corpora/gutenberg_classics_8authors.index.tsv
if [ -f "$IDX" ]; then
	r=$($PY - "$SRCDIR/content/vecdoc.yml" "$IDX" <<'EOF'
import re, sys, urllib.parse
yml = open(sys.argv[1], encoding="utf-8").read()
blk = yml[yml.index("\n  gutenberg:\n"):]
blk = blk[:blk.index("\n  gutenberg-index:")]
parts = blk[blk.index("- parts:"):]
pairs = re.findall(r"- url: (\S+)\n\s+sha256: ([0-9a-f]{64})", parts)
conv = re.search(r"convert: (\S+)\n\s+sha256: ([0-9a-f]{64})", parts)
mirror = re.search(r"- mirror: \S+\n\s+sha256: ([0-9a-f]{64})", blk).group(1)
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8")][1:]
base = "https://raw.githubusercontent.com/rcdm-uga/Gutenberg_Text/66aedf67ee948bad7952b0a4e2e00d3cac52935c/"
bad = []
if len(pairs) != len(rows):
    bad.append("%d parts for %d books" % (len(pairs), len(rows)))
for (url, sha), row in zip(pairs, rows):
    want = row[3] + "/" + row[4].replace(" / ", "\r")
    if not url.startswith(base) or urllib.parse.unquote(url[len(base):]) != want:
        bad.append("url " + url)
    if sha != row[7]:
        bad.append("sha256 of " + want)
if conv is None or conv.group(1) != "gutenberg" or conv.group(2) != mirror:
    bad.append("convert/sha256 of the whole")
print("ok %d" % len(pairs) if not bad else "; ".join(bad[:5]))
EOF
)
	expect_eq "course parts source = the index" "$r" "ok 115"
else
	skip "the index of ../shared's Gutenberg corpus is not beside the clone"
fi

finish fetchparts
