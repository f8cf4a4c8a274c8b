/*
 * cli/tokenize: `vecdoc tokenize` — one text through one tokenizer.
 * Reads the command line, the text (argument or stdin) and, for
 * --space, DIR/vecdoc.yml; produces one line per token on stdout.
 * Never writes files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "data/data.h"
#include "store/config.h"
#include "tok/tok.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/json.h"
#include "util/xalloc.h"
#include "util/yamltree.h"

static const char tokenize_help[] =
"usage: vecdoc tokenize [-C DIR] (--space NAME | --tokenizer KIND[:FILE[,FILE]])\n"
"                       [--json] [--no-lowercase] [--pretokens] [TEXT | -]\n"
"\n"
"Splits TEXT (or standard input, when TEXT is '-' or absent) into tokens\n"
"and prints one per line: id, piece, first byte, end byte (exclusive),\n"
"separated by tabs. Byte offsets point into the text exactly as given\n"
"(a trailing newline from standard input is part of it).\n"
"\n"
"  --space NAME       the tokenizer of space NAME in DIR/vecdoc.yml\n"
"                     (default DIR: ./content if it has vecdoc.yml, else .)\n"
"  --tokenizer KIND:FILES\n"
"                     word                  GloVe-style words (id -1)\n"
"                     wordpiece:vocab.txt   BERT WordPiece\n"
"                     bpe:encoder.json,vocab.bpe   GPT-2 byte-level BPE\n"
"  --no-lowercase     keep case (wordpiece: a cased model; word: cased\n"
"                     vectors such as word2vec GoogleNews)\n"
"  --pretokens        the stage before the vocabulary instead (id -1):\n"
"                     GPT-2's regex matches, BERT's normalised words\n"
"  --json             a JSON array of {\"id\", \"piece\", \"start\", \"end\"}\n"
"                     (\"unk\": true on WordPiece's [UNK])\n"
"\n"
"Control characters in a piece (only pre-tokens have any) are shown as\n"
"\\t, \\n, \\r or \\xHH in the tab-separated output.\n"
"\n"
"Exit status: 0 done, 1 bad data (files, text), 2 bad usage.\n";

/* Reads all of standard input into b. */
static int
read_stdin(struct buf *b, struct diag *d)
{
	char tmp[65536];
	ssize_t n;

	for (;;) {
		n = read(0, tmp, sizeof(tmp));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return diag_fail(d, "<stdin>", 0, 0, "cannot read: %s",
			    strerror(errno));
		if (n == 0)
			return 0;
		buf_put(b, tmp, (size_t)n);
	}
}

/*
 * The tokenizer of space "name" in root/vecdoc.yml, or NULL with d set.
 * "lc" (-1: as declared) overrides the declared lowercase.
 */
static struct tokenizer *
open_space(const char *root, const char *name, int lc, struct diag *d)
{
	struct buf b = BUF_INIT;
	struct ynode *y = NULL;
	struct space_decl *v = NULL;
	struct tokenizer *t = NULL;
	const struct space_decl *sd = NULL;
	const char **names = NULL, *hint;
	char *cfg = fs_join(root, "vecdoc.yml");
	size_t n = 0, i;

	if (!fs_exists(cfg)) {
		diag_fail(d, cfg, 0, 0, "no such file (give the content "
		    "directory with -C, or use --tokenizer)");
		goto out;
	}
	if (fs_read(cfg, &b, d) < 0)
		goto out;
	if ((y = ynode_parse(b.data ? b.data : "", b.len, cfg, 0, d)) == NULL)
		goto out;
	if (spacedecls_parse(ynode_get(y, "spaces"), cfg, root, &v, &n,
	    d) < 0)
		goto out;
	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			sd = &v[i];
	if (sd == NULL) {
		names = xcalloc(n + 1, sizeof(*names));
		for (i = 0; i < n; i++)
			names[i] = v[i].name;
		hint = diag_suggest(name, names, n);
		if (hint != NULL)
			diag_fail(d, cfg, 0, 0, "no space \"%s\" under spaces: "
			    "(did you mean \"%s\"?)", name, hint);
		else
			diag_fail(d, cfg, 0, 0, "no space \"%s\" under spaces:",
			    name);
		goto out;
	}
	/* A derived space tokenizes as the space it derives from. */
	sd = space_decl_root(sd);
	if (sd->tok.kind == NULL && data_word_space(sd)) {
		t = tok_open("word", NULL, NULL, lc >= 0 ? lc : sd->lowercase, d);
		goto out;
	}
	if (sd->tok.kind == NULL) {
		diag_fail(d, cfg, sd->line, sd->col, "space \"%s\" has no "
		    "tokenizer: (add e.g. tokenizer: { kind: wordpiece, vocab: "
		    "vocab.txt, lowercase: true })", name);
		goto out;
	}
	t = tok_open(sd->tok.kind, sd->tok.vocab, sd->tok.merges,
	    lc >= 0 ? lc : sd->tok.lowercase, d);
	if (t == NULL && d->file[0] == '\0') {
		/* An unknown kind: point at it in vecdoc.yml. */
		const struct ynode *k = ynode_get(ynode_get(ynode_get(
		    ynode_get(y, "spaces"), name), "tokenizer"), "kind");

		snprintf(d->file, sizeof(d->file), "%s", cfg);
		d->line = k != NULL ? k->line : sd->line;
		d->col = k != NULL ? k->col : sd->col;
	}
out:
	free(names);
	spacedecls_free(v, n);
	ynode_free(y);
	buf_clear(&b);
	free(cfg);
	return t;
}

/* Opens "KIND[:FILE[,FILE]]". */
static struct tokenizer *
open_spec(const char *spec, int lc, struct diag *d)
{
	char *kind = xstrdup(spec), *files, *comma;
	const char *vocab = NULL, *merges = NULL;
	struct tokenizer *t;

	if ((files = strchr(kind, ':')) != NULL) {
		*files++ = '\0';
		if ((comma = strchr(files, ',')) != NULL) {
			*comma = '\0';
			merges = comma + 1;
		}
		vocab = files;
	}
	t = tok_open(kind, vocab && *vocab ? vocab : NULL,
	    merges && *merges ? merges : NULL, lc, d);
	free(kind);
	return t;
}

/* A decimal integer (printf is a third of the time of a large text). */
static void
put_num(struct buf *out, long long v)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	buf_put(out, p, (size_t)(tmp + sizeof(tmp) - p));
}

/* A piece with its control characters escaped. */
static void
put_piece(struct buf *out, const char *p)
{
	for (; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (c == '\t')
			buf_puts(out, "\\t");
		else if (c == '\n')
			buf_puts(out, "\\n");
		else if (c == '\r')
			buf_puts(out, "\\r");
		else if (c < 0x20 || c == 0x7F)
			buf_printf(out, "\\x%02X", c);
		else
			buf_putc(out, (char)c);
	}
}

static void
print_tokens(const struct toklist *l, int json, struct buf *out)
{
	struct jw w;
	size_t i;

	if (json)
		buf_puts(out, "[");
	for (i = 0; i < l->n; i++) {
		const struct token *tk = &l->v[i];

		if (!json) {
			put_num(out, tk->id);
			buf_putc(out, '\t');
			put_piece(out, tk->piece);
			buf_putc(out, '\t');
			put_num(out, (long long)tk->start);
			buf_putc(out, '\t');
			put_num(out, (long long)tk->end);
			buf_putc(out, '\n');
			continue;
		}
		buf_puts(out, i ? ",\n " : "\n ");
		jw_init(&w, out, 0);
		jw_obj_begin(&w);
		jw_key(&w, "id");
		jw_int(&w, tk->id);
		jw_key(&w, "piece");
		jw_str(&w, tk->piece);
		jw_key(&w, "start");
		jw_int(&w, (long long)tk->start);
		jw_key(&w, "end");
		jw_int(&w, (long long)tk->end);
		if (tk->unk) {
			jw_key(&w, "unk");
			jw_bool(&w, 1);
		}
		jw_obj_end(&w);
	}
	if (json)
		buf_puts(out, l->n ? "\n]\n" : "]\n");
}

/* vecdoc tokenize: see tokenize_help. */
int
cmd_tokenize(int argc, char **argv)
{
	const char *root = NULL, *space = NULL, *spec = NULL, *text = NULL;
	struct buf in = BUF_INIT, out = BUF_INIT;
	struct tokenizer *t = NULL;
	struct toklist l;
	struct diag d;
	int i, json = 0, lc = -1, rc = 1, fromstdin = 0, pre = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(tokenize_help, stdout);
			return 0;
		} else if (strcmp(a, "-C") == 0 || strcmp(a, "--space") == 0 ||
		    strcmp(a, "--tokenizer") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("tokenize", "%s needs a "
				    "value", a);
			if (a[1] == 'C')
				root = argv[++i];
			else if (a[2] == 's')
				space = argv[++i];
			else
				spec = argv[++i];
		} else if (strcmp(a, "--json") == 0)
			json = 1;
		else if (strcmp(a, "--no-lowercase") == 0)
			lc = 0;
		else if (strcmp(a, "--pretokens") == 0)
			pre = 1;
		else if (strcmp(a, "--") == 0 && i + 1 < argc && text == NULL) {
			text = argv[++i];
		} else if (a[0] == '-' && a[1] != '\0')
			return cli_usage_error("tokenize", "unknown option '%s'",
			    a);
		else if (text == NULL)
			text = a;
		else
			return cli_usage_error("tokenize", "one text only (quote "
			    "it, or give it on standard input)");
	}
	if ((space == NULL) == (spec == NULL))
		return cli_usage_error("tokenize", "give --space NAME or "
		    "--tokenizer KIND:FILE, one of the two");
	if (space != NULL && root == NULL)
		root = !fs_exists("vecdoc.yml") &&
		    fs_exists("content/vecdoc.yml") ? "content" : ".";
	memset(&d, 0, sizeof(d));
	toklist_init(&l);
	if (space != NULL)
		t = open_space(root, space, lc, &d);
	else
		t = open_spec(spec, lc < 0 ? 1 : lc, &d);
	if (t == NULL)
		goto fail;
	if (text == NULL || strcmp(text, "-") == 0) {
		fromstdin = 1;
		if (read_stdin(&in, &d) < 0)
			goto fail;
	} else
		buf_puts(&in, text);
	if ((pre ? tok_pretokenize : tok_encode)(t, in.data ? in.data : "",
	    in.len, &l, &d) < 0) {
		if (d.file[0] == '\0') {
			snprintf(d.file, sizeof(d.file), "%s", fromstdin ?
			    "<stdin>" : "<text>");
			d.offset = -1;
		}
		goto fail;
	}
	print_tokens(&l, json, &out);
	fwrite(out.data ? out.data : "", 1, out.len, stdout);
	rc = fflush(stdout) == 0 ? 0 : 1;
	goto done;
fail:
	diag_print(stderr, &d);
done:
	toklist_free(&l);
	tok_free(t);
	buf_clear(&in);
	buf_clear(&out);
	return rc;
}
