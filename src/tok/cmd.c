/*
 * tok/cmd: `vecdoc tokenize` — prints how a tokenizer splits a text, one
 * token per line (id, piece, byte start, byte end) or as JSON.
 * Reads vecdoc.yml for declared spaces and tokenizers, or vocabulary
 * files named on the command line. Never modifies anything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "site/site.h"
#include "store/data.h"
#include "tok/tok.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/json.h"
#include "util/xalloc.h"

static const char help[] =
"usage: vecdoc tokenize [-C DIR] (--space NAME | --tokenizer SPEC)\n"
"                       [--json] [--no-lowercase] [TEXT | -]\n"
"\n"
"Splits TEXT (or standard input, for '-' or no TEXT) into tokens and\n"
"prints one per line: id, piece, byte start, byte end (tab-separated;\n"
"the word tokenizer has no ids and prints -1).\n"
"\n"
"  -C DIR            the content directory (default: ./content when it has\n"
"                    a vecdoc.yml, else .)\n"
"  --space NAME      the tokenizer of a space declared in DIR/vecdoc.yml\n"
"  --tokenizer SPEC  a tokenizer declared under tokenizers:, or\n"
"                    KIND:FILE[,FILE]: word, wordpiece:vocab.txt,\n"
"                    bpe:encoder.json,vocab.bpe\n"
"  --json            an array of {id, piece, start, end, unk}\n"
"  --no-lowercase    wordpiece/word: keep case (cased models)\n";

int
cmd_tokenize(int argc, char **argv)
{
	const char *dir = NULL, *space = NULL, *spec = NULL, *text = NULL;
	int json = 0, lower = 1, i, rc = 1;
	struct tokenizer *own = NULL;
	const struct tokenizer *t = NULL;
	struct data *dt = NULL;
	struct site_config cfg;
	struct diaglist diags;
	struct toklist l;
	struct buf in = BUF_INIT, out = BUF_INIT;
	struct diag d;
	char *cfgpath = NULL;
	size_t k;

	memset(&cfg, 0, sizeof(cfg));
	diaglist_init(&diags);
	toklist_init(&l);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(help, stdout);
			return 0;
		} else if (strcmp(argv[i], "-C") == 0 && i + 1 < argc)
			dir = argv[++i];
		else if (strcmp(argv[i], "--space") == 0 && i + 1 < argc)
			space = argv[++i];
		else if (strcmp(argv[i], "--tokenizer") == 0 && i + 1 < argc)
			spec = argv[++i];
		else if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (strcmp(argv[i], "--no-lowercase") == 0)
			lower = 0;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage_error("tokenize", "unknown option '%s'",
			    argv[i]);
		else if (text == NULL)
			text = argv[i];
		else
			return cli_usage_error("tokenize", "give one TEXT (quote "
			    "it) or '-' for standard input");
	}
	if ((space == NULL) == (spec == NULL))
		return cli_usage_error("tokenize", "give either --space NAME or "
		    "--tokenizer SPEC");
	if (spec != NULL && strchr(spec, ':') == NULL && strcmp(spec, "word")
	    == 0) {
		own = tok_open("word", NULL, NULL, lower, &d);
	} else if (spec != NULL && strchr(spec, ':') != NULL) {
		char *kind = xstrndup(spec, (size_t)(strchr(spec, ':') - spec));
		char *files = xstrdup(strchr(spec, ':') + 1), *comma;

		comma = strchr(files, ',');
		if (comma)
			*comma++ = '\0';
		own = tok_open(kind, files[0] ? files : NULL, comma, lower, &d);
		free(kind);
		free(files);
	} else {
		if (dir == NULL)
			dir = !fs_exists("vecdoc.yml") &&
			    fs_exists("content/vecdoc.yml") ? "content" : ".";
		cfgpath = fs_join(dir, "vecdoc.yml");
		if (config_load(&cfg, cfgpath, &diags) != 0)
			goto out;
		dt = data_new(cfg.root, cfgpath, dir, &diags);
		if (diags.nerrors > 0)
			goto out;
		t = data_tokenizer(dt, space ? space : spec, &d);
	}
	if (own != NULL)
		t = own;
	if (t == NULL) {
		diag_print(stderr, &d);
		goto out;
	}
	if (text == NULL || strcmp(text, "-") == 0) {
		char tmp[65536];
		size_t n;

		while ((n = fread(tmp, 1, sizeof(tmp), stdin)) > 0)
			buf_put(&in, tmp, n);
	} else
		buf_puts(&in, text);
	if (tok_encode(t, in.data ? in.data : "", in.len, &l, &d) < 0) {
		diag_print(stderr, &d);
		goto out;
	}
	if (json) {
		struct jw w;

		jw_init(&w, &out, 0);
		jw_arr_begin(&w);
		for (k = 0; k < l.n; k++) {
			jw_obj_begin(&w);
			jw_key(&w, "id");
			jw_int(&w, l.v[k].id);
			jw_key(&w, "piece");
			jw_str(&w, l.v[k].piece);
			jw_key(&w, "start");
			jw_int(&w, (long long)l.v[k].start);
			jw_key(&w, "end");
			jw_int(&w, (long long)l.v[k].end);
			jw_key(&w, "unk");
			jw_bool(&w, l.v[k].unk);
			jw_obj_end(&w);
		}
		jw_arr_end(&w);
		buf_putc(&out, '\n');
	} else
		for (k = 0; k < l.n; k++)
			buf_printf(&out, "%ld\t%s\t%zu\t%zu\n", l.v[k].id,
			    l.v[k].piece, l.v[k].start, l.v[k].end);
	fwrite(out.data ? out.data : "", 1, out.len, stdout);
	rc = 0;
out:
	diaglist_print(stderr, &diags);
	diaglist_clear(&diags);
	toklist_free(&l);
	tok_free(own);
	data_free(dt);
	if (cfg.file)
		config_clear(&cfg);
	free(cfgpath);
	buf_clear(&in);
	buf_clear(&out);
	return rc;
}
