#!/bin/sh
# tests/tensorfetch/suite.sh: `vecdoc fetch` of one tensor of a remote
# safetensors file (a model-file source) against an HTTP server on
# 127.0.0.1 that this suite starts (Python's http.server, written below):
# with and without Range support, a transfer that breaks once (resumed)
# or for good (truncated body, its part file kept), a lying header, a
# wrong digest, a missing tensor name, a dtype vecdoc cannot convert, and
# a tokenizer whose vocabulary disagrees with the rows. Every failure
# must be one located diagnostic, exit 1, and leave nothing in the
# content directory but what the test put there (and, for a broken
# transfer, the part file the next run resumes). Resuming across runs:
# after a cut or a kill, with the server unchanged, changed (header or
# ETag), or no longer honouring Range. The progress bar on a terminal
# (script(1)'s pseudo-terminal) and its absence elsewhere. Never the
# internet.
. "$SRCDIR/tests/lib.sh"
W=$(mktemp -d "${TMPDIR:-/tmp}/vecdoc-tf.XXXXXX")
PY=/usr/bin/python3
SPID=
cleanup() {
	[ -n "$SPID" ] && kill "$SPID" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT

if ! [ -x "$PY" ]; then
	skip "tensorfetch: python3 is needed for the test's HTTP server"
	finish tensorfetch
	exit $?
fi

# --- the model files: hand-packed safetensors -----------------------------
# m.safetensors: a 1000 x 16 F32 tensor "big" first (what a stream must
# pass by), then emb.weight F32 5x3, emb.f16 F16 5x3, emb.bf16 BF16 5x3,
# pos.weight F32 4x2 and ids I32 5x3. Values are multiples of 1/4, exact
# in every dtype, so that the converted text is known exactly.
cat >"$W/make.py" <<'EOF'
import hashlib, json, struct, sys
out = sys.argv[1]
def f32(v): return struct.pack("<%df" % len(v), *v)
def f16(v): return struct.pack("<%de" % len(v), *v)
def bf16(v): return b"".join(struct.pack("<f", x)[2:4] for x in v)
def i32(v): return struct.pack("<%di" % len(v), *[int(x) for x in v])
emb = [(r * 3 + c) / 4 - 2 for r in range(5) for c in range(3)]
pos = [(r - c) / 4 for r in range(4) for c in range(2)]
big = [((i * 7) % 13) / 4 for i in range(1000 * 16)]
tensors = [("big", "F32", [1000, 16], f32(big)),
           ("emb.weight", "F32", [5, 3], f32(emb)),
           ("emb.f16", "F16", [5, 3], f16(emb)),
           ("emb.bf16", "BF16", [5, 3], bf16(emb)),
           ("pos.weight", "F32", [4, 2], f32(pos)),
           ("ids", "I32", [5, 3], i32(emb))]
def pack(tensors, lie=None):
    hdr, data = {"__metadata__": {"format": "pt"}}, b""
    for name, dt, shape, b in tensors:
        hdr[name] = {"dtype": dt, "shape": shape,
                     "data_offsets": [len(data), len(data) + len(b)]}
        data += b
    if lie == "shape":
        hdr["emb.weight"]["shape"] = [6, 3]
    h = json.dumps(hdr).encode()
    h += b" " * (-len(h) % 8)
    return struct.pack("<Q", len(h)) + h + data, len(h)
blob, hl = pack(tensors)
open(out + "/m.safetensors", "wb").write(blob)
# the file cut inside emb.weight: its header promises more than there is
cut = 8 + hl + 64000 + 30
open(out + "/short.safetensors", "wb").write(blob[:cut])
open(out + "/shape.safetensors", "wb").write(pack(tensors, "shape")[0])
# the same layout with other values of emb.weight (the header is the
# same byte for byte), and the same tensors in another order
emb2 = [x * 2 for x in emb]
t2 = [(n, dt, sh, f32(emb2) if n == "emb.weight" else b) for n, dt, sh, b in tensors]
blob2, hl2 = pack(t2)
assert hl2 == hl and blob2[:8 + hl] == blob[:8 + hl]
open(out + "/m2.safetensors", "wb").write(blob2)
open(out + "/sha-emb2", "w").write(hashlib.sha256(f32(emb2)).hexdigest())
open(out + "/m3.safetensors", "wb").write(pack(tensors[1:] + tensors[:1])[0])
open(out + "/emb3-begin", "w").write(str(8 + pack(tensors[1:] + tensors[:1])[1]))
for name, dt, shape, b in tensors:
    open(out + "/sha-" + name, "w").write(hashlib.sha256(b).hexdigest())
# where emb.weight's bytes start, for the server's "drop" modes
open(out + "/emb-begin", "w").write(str(8 + hl + 64000))
def row(words, v, d):
    return "\n".join(w + " " + " ".join("%g" % x for x in v[i*d:(i+1)*d])
                     for i, w in enumerate(words))
pieces = ["hello", "\u0120world", "##ing", "[CLS]", "x"]
open(out + "/vocab.txt", "w").write("\n".join(pieces) + "\n")
open(out + "/vocab4.txt", "w").write("\n".join(pieces[:4]) + "\n")
open(out + "/want-emb", "w").write(row(pieces, emb, 3) + "\n")
open(out + "/want-emb2", "w").write(row(pieces, emb2, 3) + "\n")
open(out + "/want-pos", "w").write(row([str(i) for i in range(4)], pos, 2) + "\n")
EOF
"$PY" "$W/make.py" "$W" || { fail "making the model files"; finish tensorfetch; exit 1; }
mkdir -p "$W/www"
mv "$W/m.safetensors" "$W/short.safetensors" "$W/shape.safetensors" \
    "$W/m2.safetensors" "$W/m3.safetensors" "$W/www/"

# --- the server -----------------------------------------------------------
# GET /MODE/FILE serves www/FILE. MODE: range (honours Range with 206 and
# Content-Range), norange (ignores Range: 200 and the whole file), drop1
# (as range, but the first request that reaches emb.weight's bytes sends
# 20 of them and closes the connection), cut (as range, but every
# response stops at file byte emb-begin + 20 although Content-Length
# promises more), first8 (honours only a Range from byte 0: the
# header's request gets the whole file), flaky (behaves as the first
# word of the file "flaky" says when the request comes: range, norange,
# cut, or stall — as cut, then silent for 20 s; with the word "etag",
# responses carry an ETag and a Last-Modified date derived from the
# file's bytes). Each request is logged to log.txt as "MODE RANGE".
cat >"$W/server.py" <<'EOF'
import email.utils, hashlib, http.server, os, re, sys, threading, time
root = sys.argv[1]
begin = int(open(os.path.join(root, "emb-begin")).read())
state = {"dropped": False}
lock = threading.Lock()
class H(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a):
        pass
    def end_headers(self):
        for k, v in getattr(self, "validators", []):
            self.send_header(k, v)
        super().end_headers()
    def do_GET(self):
        self.validators = []
        parts = self.path.strip("/").split("/", 1)
        mode = parts[0]
        path = os.path.join(root, "www", parts[1] if len(parts) > 1 else "")
        rng = self.headers.get("Range", "")
        with lock:
            open(os.path.join(root, "log.txt"), "a").write("%s %s\n" % (mode, rng or "-"))
        etag = False
        if mode == "flaky":
            words = open(os.path.join(root, "flaky")).read().split()
            mode, etag = words[0], "etag" in words
        if not os.path.isfile(path):
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        data = open(path, "rb").read()
        if etag:
            h = hashlib.sha256(data).hexdigest()
            self.validators = [("ETag", '"%s"' % h[:16]), ("Last-Modified",
                email.utils.formatdate(1e9 + int(h[:6], 16), usegmt=True))]
        else:
            self.validators = []
        m = re.match(r"bytes=(\d+)-(\d*)$", rng)
        if mode == "norange" or not m or (mode == "first8" and m.group(1) != "0"):
            self.send_response(200)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
            return
        a = int(m.group(1))
        b = int(m.group(2)) if m.group(2) else len(data) - 1
        b = min(b, len(data) - 1)
        if a >= len(data):
            self.send_response(416)
            self.send_header("Content-Range", "bytes */%d" % len(data))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(206)
        self.send_header("Content-Range", "bytes %d-%d/%d" % (a, b, len(data)))
        self.send_header("Content-Length", str(b - a + 1))
        self.end_headers()
        body = data[a:b + 1]
        stop = None
        if mode == "drop1" and a <= begin + 20 < b and not state["dropped"]:
            state["dropped"] = True
            stop = begin + 20 - a
        if mode in ("cut", "stall") and b >= begin + 20:
            stop = max(0, begin + 20 - a)
        if stop is not None:
            self.wfile.write(body[:stop])
            self.wfile.flush()
            if mode == "stall":
                for i in range(200):
                    time.sleep(0.1)
            self.close_connection = True
            return
        self.wfile.write(body)
class S(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass	# a client that stops reading is what these tests do
s = S(("127.0.0.1", 0), H)
open(os.path.join(root, "port"), "w").write(str(s.server_address[1]))
s.serve_forever()
EOF
"$PY" "$W/server.py" "$W" &
SPID=$!
i=0
while ! [ -s "$W/port" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
if ! [ -s "$W/port" ]; then
	fail "the test's HTTP server did not start"
	finish tensorfetch
	exit 1
fi
U="http://127.0.0.1:$(cat "$W/port")"
SHA_EMB=$(cat "$W/sha-emb.weight")

# site NAME SPACE-YAML: a content directory $W/NAME with vocab.txt and a
# vecdoc.yml declaring one space "m" (the YAML is its body, indented).
site() {
	mkdir -p "$W/$1"
	cp "$W/vocab.txt" "$W/vocab4.txt" "$W/$1/"
	printf 'title: t\nspaces:\n  m:\n%s\n' "$2" >"$W/$1/vecdoc.yml"
}
# fetch NAME: runs vecdoc fetch there (stdout in out, stderr in err).
fetch() {
	"$VECDOC" fetch -C "$W/$1" >"$W/$1.out" 2>"$W/$1.err"
	echo $? >"$W/$1.rc"
}
# only_inputs NAME: nothing but what the test wrote is left.
only_inputs() {
	left=$(cd "$W/$1" && find . -type f ! -name vecdoc.yml ! -name 'vocab*.txt' | sort)
	expect_eq "$1: files left" "$left" ""
	left=$(cd "$W/$1" && find . -type d -name '.vecdoc-fetch-*')
	expect_eq "$1: work directories left" "$left" ""
}
expect_eq() {
	if [ "$2" = "$3" ]; then pass; else fail "$1: got '$2', wanted '$3'"; fi
}
# expect_fail NAME MESSAGE: exit 1, stderr's first line is MESSAGE
# followed by the summary, and no file left behind.
expect_fail() {
	expect_eq "$1: exit" "$(cat "$W/$1.rc")" 1
	expect_eq "$1: stderr" "$(cat "$W/$1.err")" "$2
vecdoc fetch: 1 declared file not obtained"
	only_inputs "$1"
}
L=$(printf '    sources:\n      - url:')

# 1. Range requests: F32 with the tokenizer's pieces as rows.
site range "    path: data/m.vds
    format: vds
    tokenizer: {kind: wordpiece, vocab: vocab.txt}
$L $U/range/m.safetensors
        tensor: emb.weight
        sha256: $SHA_EMB"
: >"$W/log.txt"
fetch range
expect_eq "range: exit" "$(cat "$W/range.rc")" 0
expect_eq "range: requests" "$(cat "$W/log.txt")" "range bytes=0-7
range bytes=8-$((8 + $(cat "$W/emb-begin") - 64000 - 8 - 1))
range bytes=$(cat "$W/emb-begin")-$(($(cat "$W/emb-begin") + 59))"
expect_eq "range: the tensor line" "$(grep 'tensor emb.weight:' "$W/range.out")" \
    "fetch: m: tensor emb.weight: F32 5 x 3, bytes [$(cat "$W/emb-begin"), $(($(cat "$W/emb-begin") + 60))) of a known size (range requests)"
expect_eq "range: provenance" "$(cat "$W/range/data/m.vds.source")" \
    "url $U/range/m.safetensors tensor emb.weight F32 5x3 sha256 $(echo "$SHA_EMB" | cut -c1-16)"
expect_eq "range: loaded, with the tensor bytes' digest" "$(grep -c '^fetch: m: 5 x 3, xxh3 [0-9a-f]\{12\}, cache written$' "$W/range.out")" 1
"$VECDOC" convert "$W/range/data/m.vds" "$W/range.txt" >/dev/null 2>&1
expect_eq "range: vectors and pieces" "$(cat "$W/range.txt")" "$(cat "$W/want-emb")"
rm -f "$W/range/data/m.vds" "$W/range/data/m.vds.source"
rm -rf "$W/range/.vecdoc-cache"
rmdir "$W/range/data" 2>/dev/null
only_inputs range

# 2. A server that ignores Range: one request, streamed; F16 and BF16.
for t in emb.f16 emb.bf16; do
	site "norange-$t" "    path: data/m.vds
    format: vds
    tokenizer: {kind: wordpiece, vocab: vocab.txt}
$L $U/norange/m.safetensors
        tensor: $t
        sha256: $(cat "$W/sha-$t")"
	: >"$W/log.txt"
	fetch "norange-$t"
	expect_eq "norange $t: exit" "$(cat "$W/norange-$t.rc")" 0
	expect_eq "norange $t: one request" "$(cat "$W/log.txt")" "norange bytes=0-7"
	expect_eq "norange $t: streamed" "$(grep -c 'the server ignores Range: streamed past the other tensors' "$W/norange-$t.out")" 1
	"$VECDOC" convert "$W/norange-$t/data/m.vds" "$W/norange-$t.txt" >/dev/null 2>&1
	expect_eq "norange $t: vectors" "$(cat "$W/norange-$t.txt")" "$(cat "$W/want-emb")"
done

# ... and one that honours Range for the length only: the header's
# request answers the whole file, which is then read as a stream.
site first8 "    path: data/m.vds
    format: vds
    tokenizer: {kind: wordpiece, vocab: vocab.txt}
$L $U/first8/m.safetensors
        tensor: emb.weight
        sha256: $SHA_EMB"
: >"$W/log.txt"
fetch first8
expect_eq "first8: exit" "$(cat "$W/first8.rc")" 0
expect_eq "first8: two requests" "$(cat "$W/log.txt")" "first8 bytes=0-7
first8 bytes=8-$((8 + $(cat "$W/emb-begin") - 64000 - 8 - 1))"
"$VECDOC" convert "$W/first8/data/m.vds" "$W/first8.txt" >/dev/null 2>&1
expect_eq "first8: vectors" "$(cat "$W/first8.txt")" "$(cat "$W/want-emb")"

# 3. No tokenizer: rows named by number (a position matrix).
site rownum "    path: data/p.vds
    format: vds
$L $U/range/m.safetensors
        tensor: pos.weight
        sha256: $(cat "$W/sha-pos.weight")"
fetch rownum
"$VECDOC" convert "$W/rownum/data/p.vds" "$W/rownum.txt" >/dev/null 2>&1
expect_eq "row numbers" "$(cat "$W/rownum.txt")" "$(cat "$W/want-pos")"

# 4. A transfer that breaks once is resumed from the part file.
site drop1 "    path: data/m.vds
    format: vds
    tokenizer: {kind: wordpiece, vocab: vocab.txt}
$L $U/drop1/m.safetensors
        tensor: emb.weight
        sha256: $SHA_EMB"
: >"$W/log.txt"
fetch drop1
B=$(cat "$W/emb-begin")
expect_eq "drop1: exit" "$(cat "$W/drop1.rc")" 0
expect_eq "drop1: resumed" "$(grep 'resuming' "$W/drop1.out")" \
    "fetch: emb.weight: transfer broke at byte $((B + 20)); resuming"
expect_eq "drop1: the resumed request" "$(tail -n 1 "$W/log.txt")" "drop1 bytes=$((B + 20))-$((B + 59))"
"$VECDOC" convert "$W/drop1/data/m.vds" "$W/drop1.txt" >/dev/null 2>&1
expect_eq "drop1: vectors" "$(cat "$W/drop1.txt")" "$(cat "$W/want-emb")"

# --- failures: one located message each, nothing left behind -------------
Y="$W/X/vecdoc.yml"
loc() { echo "$W/$1/vecdoc.yml:8:9: error: m: "; }
fail_case() {	# NAME TENSOR URL-PATH [EXTRA-YAML]
	site "$1" "    path: data/m.vds
    format: vds
    tokenizer: {kind: wordpiece, vocab: ${5:-vocab.txt}}
$L $U/$3
        tensor: $2${4:+
        $4}"
	fetch "$1"
}

# 5. A transfer that always breaks at the same byte: truncated body;
# the 20 bytes received stay in a part file for the next run.
fail_case cut emb.weight cut/m.safetensors "sha256: $SHA_EMB"
PF=$(cd "$W/cut" && ls .vecdoc-cache/fetch/tensor-*.part 2>/dev/null)
expect_eq "cut: exit" "$(cat "$W/cut.rc")" 1
expect_eq "cut: stderr" "$(cat "$W/cut.err")" "$(loc cut)$U/cut/m.safetensors: byte $((B + 20)): truncated body: tensor \"emb.weight\" is bytes [$B, $((B + 60))), the transfer stops at byte $((B + 20)) (20 of 60 bytes kept in $W/cut/$PF: the next vecdoc fetch resumes there)
vecdoc fetch: 1 declared file not obtained"
expect_eq "cut: the part file and its record" "$(cd "$W/cut" && find . -type f ! -name vecdoc.yml ! -name 'vocab*.txt' | sort)" \
    "./${PF%.part}.meta
./$PF"
expect_eq "cut: 20 bytes kept" "$(wc -c <"$W/cut/$PF")" 20
expect_eq "cut: the record" "$(sed 's/^header [0-9a-f]*$/header H/' "$W/cut/${PF%.part}.meta")" "vecdoc tensor part 1
url $U/cut/m.safetensors
tensor emb.weight
header H
bytes $B $((B + 60))
size $(wc -c <"$W/www/m.safetensors")
etag 
last-modified "
rm -rf "$W/cut/.vecdoc-cache"
only_inputs cut

# 6. A file shorter than its header says (offsets outside the file).
fail_case short emb.weight range/short.safetensors
expect_fail short "$(loc short)$U/range/short.safetensors: byte 8: tensor \"emb.weight\": data_offsets [64000, 64060) out of range (the data is 64030 bytes)"
# ... and the same file from a server without Range: the stream ends.
fail_case short2 emb.weight norange/short.safetensors
expect_fail short2 "$(loc short2)$U/norange/short.safetensors: byte 8: tensor \"emb.weight\": data_offsets [64000, 64060) out of range (the data is 64030 bytes)"

# 7. A header whose shape disagrees with its offsets.
fail_case shape emb.weight range/shape.safetensors
expect_fail shape "$(loc shape)$U/range/shape.safetensors: byte 8: tensor \"emb.weight\": data_offsets span 60 bytes but F32 of that shape needs 72"

# 8. A wrong digest.
fail_case digest emb.weight range/m.safetensors "sha256: $(cat "$W/sha-pos.weight")"
expect_fail digest "$(loc digest)sha256 mismatch for tensor emb.weight of $U/range/m.safetensors: got $SHA_EMB, declared $(cat "$W/sha-pos.weight")"

# 9. A tensor name that is not in the header: did-you-mean.
fail_case name emb.weigth range/m.safetensors
expect_fail name "$(loc name)$U/range/m.safetensors: no tensor \"emb.weigth\" (did you mean \"emb.weight\"?)"

# ... and a name with a module prefix the file does not have.
fail_case prefix transformer.emb.weight range/m.safetensors
expect_fail prefix "$(loc prefix)$U/range/m.safetensors: no tensor \"transformer.emb.weight\" (did you mean \"emb.weight\"?)"

# 10. A dtype vecdoc cannot convert.
fail_case dtype ids range/m.safetensors
expect_fail dtype "$(loc dtype)$U/range/m.safetensors: tensor \"ids\" has dtype I32; embeddings must be F32, F16, BF16 or F64"

# 11. Rows against the tokenizer's vocabulary (never truncated).
fail_case vocab emb.weight range/m.safetensors "" vocab4.txt
expect_fail vocab "$(loc vocab)$U/range/m.safetensors: tensor \"emb.weight\" has 5 rows but the tokenizer's vocabulary $W/vocab/vocab4.txt has 4 pieces (padding rows? vecdoc does not drop rows silently)"

# 12. No such file on the server.
fail_case http404 emb.weight range/nothere.safetensors
expect_fail http404 "$(loc http404)$U/range/nothere.safetensors: HTTP 404"

# 13. Optional data that cannot be obtained: a warning, exit 0.
site optional "    path: data/m.vds
    format: vds
    optional: true
$L $U/range/nothere.safetensors
        tensor: emb.weight"
fetch optional
expect_eq "optional: exit" "$(cat "$W/optional.rc")" 0
expect_eq "optional: stderr" "$(cat "$W/optional.err")" \
    "$W/optional/vecdoc.yml:8:9: warning: m: $U/range/nothere.safetensors: HTTP 404"
expect_eq "optional: said" "$(tail -n 1 "$W/optional.out")" \
    "fetch: m: unavailable (optional: pages that use it cannot be built until it is fetched)"
only_inputs optional

# 14. http:// is for this machine only; tensor: goes with url:.
site plainhttp "    path: data/m.vds
$L http://example.org/m.safetensors
        tensor: emb.weight"
fetch plainhttp
expect_eq "plain http" "$(cat "$W/plainhttp.err")" \
    "$W/plainhttp/vecdoc.yml:6:9: error: url: only https:// URLs are fetched (http:// only from 127.0.0.1 or localhost)"
site tensormirror "    path: data/m.vds
    sources:
      - mirror: m.npy
        tensor: emb.weight"
fetch tensormirror
expect_eq "tensor: with mirror:" "$(cat "$W/tensormirror.err")" \
    "$W/tensormirror/vecdoc.yml:6:9: error: tensor: goes with url: (a safetensors file) and neither member: nor format:"

# --- resuming across runs ------------------------------------------------
# rsite NAME [SHA256]: a site fetching emb.weight of www/NAME.safetensors
# (a copy of m.safetensors) through the flaky mode.
rsite() {
	cp "$W/www/m.safetensors" "$W/www/$1.safetensors"
	site "$1" "    path: data/m.vds
    format: vds
    tokenizer: {kind: wordpiece, vocab: vocab.txt}
$L $U/flaky/$1.safetensors
        tensor: emb.weight${2:+
        sha256: $2}"
}
part_of() { (cd "$W/$1" && ls .vecdoc-cache/fetch/tensor-*.part 2>/dev/null); }
HE=$((B - 64000 - 1))	# the header's last byte
# vectors NAME WANT: the fetched space's rows are those of file WANT.
vectors() {
	"$VECDOC" convert "$W/$1/data/m.vds" "$W/$1.txt" >/dev/null 2>&1
	expect_eq "$1: vectors" "$(cat "$W/$1.txt")" "$(cat "$W/$2")"
}

# 15. A run cut off leaves 20 bytes; the next asks for the other 40 only
# and removes the part file (and one of a tensor no longer declared).
rsite resume "$SHA_EMB"
echo cut >"$W/flaky"
fetch resume
expect_eq "resume: the first run fails" "$(cat "$W/resume.rc")" 1
PF=$(part_of resume)
expect_eq "resume: 20 bytes kept" "$(wc -c <"$W/resume/$PF" 2>/dev/null)" 20
printf 'x' >"$W/resume/.vecdoc-cache/fetch/tensor-0123456789abcdef.part"
printf 'x' >"$W/resume/.vecdoc-cache/fetch/tensor-0123456789abcdef.meta"
echo range >"$W/flaky"
: >"$W/log.txt"
fetch resume
expect_eq "resume: exit" "$(cat "$W/resume.rc")" 0
expect_eq "resume: only the missing bytes" "$(cat "$W/log.txt")" "flaky bytes=0-7
flaky bytes=8-$HE
flaky bytes=$((B + 20))-$((B + 59))"
expect_eq "resume: said" "$(grep 'resuming\|resumed)' "$W/resume.out")" \
    "fetch: emb.weight: resuming at byte $((B + 20)): 20 of 60 bytes from an earlier run
fetch: m: tensor emb.weight: F32 5 x 3, bytes [$B, $((B + 60))) of a known size (range requests, resumed)"
vectors resume want-emb
expect_eq "resume: part files removed" "$(ls -A "$W/resume/.vecdoc-cache/fetch" 2>&1)" \
    "ls: cannot access '$W/resume/.vecdoc-cache/fetch': No such file or directory"

# 16. A run killed (SIGTERM) while the server is silent stops cleanly:
# exit 130, its work directory gone, the part file kept and resumed.
rsite killed "$SHA_EMB"
echo stall >"$W/flaky"
"$VECDOC" fetch -C "$W/killed" >"$W/killed.out" 2>"$W/killed.err" &
VPID=$!
i=0
while [ "$(cat "$W"/killed/.vecdoc-cache/fetch/tensor-*.part 2>/dev/null | wc -c)" -lt 20 ] &&
    [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -TERM "$VPID"
wait "$VPID"
expect_eq "killed: exit" "$?" 130
PF=$(part_of killed)
expect_eq "killed: stderr" "$(cat "$W/killed.err")" "$(loc killed)$U/flaky/killed.safetensors: byte $((B + 20)): interrupted (20 of 60 bytes kept in $W/killed/$PF: the next vecdoc fetch resumes there)
vecdoc fetch: interrupted"
expect_eq "killed: what is left" "$(cd "$W/killed" && find . ! -name vecdoc.yml ! -name 'vocab*.txt' | sort)" \
    ".
./.vecdoc-cache
./.vecdoc-cache/fetch
./${PF%.part}.meta
./$PF
./data"
echo range >"$W/flaky"
: >"$W/log.txt"
fetch killed
expect_eq "killed: resumed" "$(cat "$W/killed.rc") $(tail -n 1 "$W/log.txt")" \
    "0 flaky bytes=$((B + 20))-$((B + 59))"
vectors killed want-emb

# 17. The file changed on the server between the runs: a new header
# (the same tensors in another order) ...
rsite changed "$SHA_EMB"
echo cut >"$W/flaky"
fetch changed
cp "$W/www/m3.safetensors" "$W/www/changed.safetensors"
B3=$(cat "$W/emb3-begin")
echo range >"$W/flaky"
: >"$W/log.txt"
fetch changed
expect_eq "changed header: exit" "$(cat "$W/changed.rc")" 0
expect_eq "changed header: said" "$(grep 'earlier run' "$W/changed.out")" \
    "fetch: emb.weight: the part file of an earlier run is discarded: the file's header changed since that run (20 bytes)"
expect_eq "changed header: the whole tensor" "$(tail -n 1 "$W/log.txt")" \
    "flaky bytes=$B3-$((B3 + 59))"
vectors changed want-emb
# ... or the same header with other values, told by the ETag.
rsite etag "$(cat "$W/sha-emb2")"
echo cut etag >"$W/flaky"
fetch etag
expect_eq "etag: the first run fails" "$(cat "$W/etag.rc")" 1
cp "$W/www/m2.safetensors" "$W/www/etag.safetensors"
echo range etag >"$W/flaky"
: >"$W/log.txt"
fetch etag
expect_eq "etag: exit" "$(cat "$W/etag.rc")" 0
expect_eq "etag: said" "$(grep 'earlier run' "$W/etag.out")" \
    "fetch: emb.weight: the part file of an earlier run is discarded: the file's ETag changed since that run (20 bytes)"
expect_eq "etag: the whole tensor" "$(tail -n 1 "$W/log.txt")" \
    "flaky bytes=$B-$((B + 59))"
vectors etag want-emb2

# ... or a part file without its record: nothing can vouch for it.
rsite norecord "$SHA_EMB"
echo cut >"$W/flaky"
fetch norecord
rm -f "$W"/norecord/.vecdoc-cache/fetch/tensor-*.meta
echo range >"$W/flaky"
: >"$W/log.txt"
fetch norecord
expect_eq "no record: said" "$(grep 'earlier run' "$W/norecord.out")" \
    "fetch: emb.weight: the part file of an earlier run is discarded: it has no record of where its bytes come from (20 bytes)"
expect_eq "no record: the whole tensor" "$(cat "$W/norecord.rc") $(tail -n 1 "$W/log.txt")" \
    "0 flaky bytes=$B-$((B + 59))"

# A part file another fetch holds (flock(1) stands for it) is left alone.
if command -v flock >/dev/null 2>&1; then
	rsite locked "$SHA_EMB"
	echo cut >"$W/flaky"
	fetch locked
	PF=$(part_of locked)
	echo range >"$W/flaky"
	flock "$W/locked/$PF" "$VECDOC" fetch -C "$W/locked" >"$W/locked.out" 2>"$W/locked.err"
	expect_eq "locked: stderr" "$(cat "$W/locked.err")" "$(loc locked)$W/locked/$PF: another vecdoc fetch is downloading tensor \"emb.weight\" (its part file is locked)
vecdoc fetch: 1 declared file not obtained"
	expect_eq "locked: the part file kept" "$(wc -c <"$W/locked/$PF")" 20
fi

# 18. The server ignores Range on the second run: one request for the
# whole file; the bytes the part file has pass by, the rest are stored.
rsite norange2 "$SHA_EMB"
echo cut >"$W/flaky"
fetch norange2
echo norange >"$W/flaky"
: >"$W/log.txt"
fetch norange2
expect_eq "norange2: exit" "$(cat "$W/norange2.rc")" 0
expect_eq "norange2: one request" "$(cat "$W/log.txt")" "flaky bytes=0-7"
expect_eq "norange2: said" "$(grep 'tensor emb.weight:' "$W/norange2.out")" \
    "fetch: m: tensor emb.weight: F32 5 x 3, bytes [$B, $((B + 60))) of a known size (the server ignores Range: streamed past the other tensors, resumed)"
vectors norange2 want-emb
expect_eq "norange2: part files removed" "$(part_of norange2)" ""

# --- the progress bar ----------------------------------------------------
# 19. On a terminal (script(1)'s pseudo-terminal), a 40-column bar on
# stderr that ends at 100% and the size in kB; not on a pipe, not under
# --quiet (which prints nothing at all when everything goes well).
site bar "    path: data/b.vds
    format: vds
$L $U/range/m.safetensors
        tensor: big"
CR=$(printf '\r')
BAR="  [########################################] 100% 64.0/64.0 kB"
if ! command -v script >/dev/null 2>&1; then
	skip "tensorfetch: script(1) (util-linux) is needed for the progress bar"
else
	script -qec "'$VECDOC' fetch --no-convert -C '$W/bar'" /dev/null \
	    </dev/null >"$W/bar.tty" 2>&1
	expect_eq "bar: on a terminal" "$(tr "$CR" '\n' <"$W/bar.tty" | grep -cxF "$BAR")" 1
	expect_eq "bar: redrawn in place" "$(grep -c "$CR  \[#" "$W/bar.tty")" 1
	rm -rf "$W/bar/data"
	script -qec "'$VECDOC' fetch --quiet --no-convert -C '$W/bar'" /dev/null \
	    </dev/null >"$W/barq.tty" 2>&1
	expect_eq "bar: --quiet on a terminal" "$(cat "$W/barq.tty")" ""
	expect_eq "bar: --quiet fetched" "$(test -s "$W/bar/data/b.vds" && echo yes)" yes
	rm -rf "$W/bar/data"
fi
"$VECDOC" fetch --no-convert -C "$W/bar" >"$W/bar.out" 2>"$W/bar.err"
expect_eq "bar: not on a pipe" "$(cat "$W/bar.err")" ""
expect_eq "bar: plain lines on stdout" "$(grep -c "$CR\|\[#" "$W/bar.out") $(grep -c '^fetch: m: ' "$W/bar.out")" "0 4"

finish tensorfetch
