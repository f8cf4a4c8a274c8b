/*
 * cli/run: `vecdoc run` — one directive outside any page, its
 * result printed as JSON (tables as columns/rows, per-token values,
 * chart series), the same numbers a page shows.
 * Reads the command line and the content directory's vecdoc.yml.
 * Never writes files.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "directives/directive.h"
#include "directives/run.h"
#include "md/markdown.h"
#include "site/site.h"
#include "data/data.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

static const char run_help[] =
"usage: vecdoc run [-C DIR] NAME [--arg TEXT] [--OPTION VALUE]...\n"
"                  [--body TEXT | --body-file FILE] [--budget OPS[,BYTES]]\n"
"                  [--example] [--estimate] [--pretty] [--values] [--name N]\n"
"\n"
"Runs directive NAME with the given options (the page's ':option: value'\n"
"lines as '--option value'; a flag option may stand alone) and prints its\n"
"result as JSON: {\"directive\": NAME, \"items\": [...]}, where a table is\n"
"{\"table\", \"columns\", \"rows\"}, per-token values {\"tokens\", \"values\"},\n"
"and a chart series {\"series\", \"x\", \"y\"}. Data names (spaces, corpora)\n"
"are those declared in DIR/vecdoc.yml (default DIR: ./content or .).\n"
"--example runs the directive's documented example instead (options and\n"
"body from vecdoc-directives(5)); --estimate prints the work estimate\n"
"({\"operations\", \"bytes\"}) instead of running it.\n"
"The work budget is vecdoc.yml's budget: (default 10^12 operations,\n"
"4e9 bytes); --budget overrides it for this run.\n"
"'vecdoc run --list' lists the directives; 'vecdoc run --man' prints\n"
"their reference (vecdoc-directives(5)). --values lists instead the named\n"
"values {val} and {claim} can use, as PATH = VALUE lines, under the name\n"
"given with --name (default: the directive's name).\n";

void	 directives_man(struct buf *b);

struct runsite {
	struct site_config	 cfg;
	int			 have;
};

int
cmd_run(int argc, char **argv)
{
	const char *root = NULL, *name = NULL, *body = NULL, *bodyfile = NULL;
	const char *arg = NULL, *budget = NULL;
	int example = 0, estimate = 0;
	struct buf lit = BUF_INIT, out = BUF_INIT, bb = BUF_INIT;
	struct diaglist diags;
	struct result r;
	struct drun dr;
	struct data *data = NULL;
	struct runsite rs;
	char *info, *cfgpath;
	int i, pretty = 0, listvals = 0, rc = 1;
	const char *valname = NULL;
	size_t k;

	memset(&rs, 0, sizeof(rs));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(run_help, stdout);
			return 0;
		} else if (strcmp(a, "--man") == 0) {
			struct buf m = BUF_INIT;

			directives_man(&m);
			fwrite(m.data, 1, m.len, stdout);
			buf_clear(&m);
			return 0;
		} else if (strcmp(a, "--list") == 0) {
			for (k = 0; k < directive_count(); k++)
				printf("%-18s %s\n", directive_at(k)->name,
				    directive_at(k)->summary);
			return 0;
		} else if (strcmp(a, "-C") == 0 && i + 1 < argc)
			root = argv[++i];
		else if (strcmp(a, "--pretty") == 0)
			pretty = 1;
		else if (strcmp(a, "--values") == 0)
			listvals = 1;
		else if (strcmp(a, "--name") == 0 && i + 1 < argc) {
			if (name == NULL)
				return cli_usage_error("run",
				    "the directive name comes before its options");
			valname = argv[++i];
			buf_printf(&lit, ":name: %s\n", valname);
		}
		else if (strcmp(a, "--body") == 0 && i + 1 < argc)
			body = argv[++i];
		else if (strcmp(a, "--body-file") == 0 && i + 1 < argc)
			bodyfile = argv[++i];
		else if (strcmp(a, "--example") == 0)
			example = 1;
		else if (strcmp(a, "--estimate") == 0)
			estimate = 1;
		else if (strcmp(a, "--budget") == 0 && i + 1 < argc)
			budget = argv[++i];
		else if (strcmp(a, "--arg") == 0 && i + 1 < argc)
			arg = argv[++i];
		else if (strncmp(a, "--", 2) == 0 && a[2] != '\0') {
			const char *v = "";

			if (name == NULL)
				return cli_usage_error("run",
				    "the directive name comes before its options");
			if (i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0)
				v = argv[++i];
			buf_printf(&lit, ":%s: %s\n", a + 2, v);
		} else if (a[0] == '-')
			return cli_usage_error("run", "unknown option '%s'", a);
		else if (name == NULL)
			name = a;
		else
			return cli_usage_error("run", "unexpected argument '%s'", a);
	}
	if (name == NULL)
		return cli_usage_error("run", "which directive? ('vecdoc run --list' lists them)");
	if (body != NULL && bodyfile != NULL)
		return cli_usage_error("run", "give --body or --body-file, not both");
	diaglist_init(&diags);
	if (root == NULL)
		root = !fs_exists("vecdoc.yml") && fs_exists("content/vecdoc.yml") ?
		    "content" : ".";
	cfgpath = fs_join(root, "vecdoc.yml");
	if (fs_exists(cfgpath)) {
		rs.have = config_load(&rs.cfg, cfgpath, &diags) == 0;
		if (!rs.have)
			goto out;
	}
	if (bodyfile != NULL) {
		struct diag dg;

		if (fs_read(bodyfile, &bb, &dg) != 0) {
			diaglist_push(&diags, &dg);
			goto out;
		}
		body = buf_str(&bb);
	}
	if (listvals && valname == NULL)
		buf_printf(&lit, ":name: %s\n", name);
	if (body != NULL && body[0] != '\0') {
		buf_putc(&lit, '\n');
		buf_puts(&lit, body);
	}
	info = arg ? xasprintf("{%s} %s", name, arg) : xasprintf("{%s}", name);
	if (example) {
		/* The directive's documented example block, as written. */
		const struct directive_spec *sp = directive_find(name);
		char *ei, *el;

		if (sp == NULL || drun_example(sp, &ei, &el) != 0) {
			cli_usage_error("run", "--example: no directive '%s' with "
			    "an example ('vecdoc run --list' lists them)", name);
			goto done;
		}
		free(info);
		info = ei;
		buf_clear(&lit);
		buf_puts(&lit, el);
		free(el);
	}
	md_init();
	data = data_new(rs.have ? rs.cfg.root : NULL, cfgpath, root, &diags);
	memset(&dr, 0, sizeof(dr));
	drun_init(&dr);
	dr.data = data;
	dr.cfg = rs.have ? rs.cfg.root : NULL;
	if (budget_config(&dr.budget, dr.cfg, cfgpath, &diags) != 0)
		goto done;
	if (budget != NULL) {
		if (budget_parse(&dr.budget, budget) != 0) {
			cli_usage_error("run", "--budget needs operations, or "
			    "operations and bytes (e.g. 1e12 or 1e12,8e9), not "
			    "'%s'", budget);
			goto done;
		}
		dr.budget.from = "--budget";
	}
	if (estimate) {
		struct work_estimate we;

		if (drun_estimate(&dr, info, buf_str(&lit), lit.len,
		    "<command line>", 0, 0, &diags, &we) == 0) {
			printf("{\"directive\":\"%s\",\"operations\":%.17g,"
			    "\"bytes\":%.17g}\n", name, we.ops, we.bytes);
			rc = 0;
		}
		goto done;
	}
	result_init(&r, name);
	if (drun_block(&dr, info, buf_str(&lit), lit.len, "<command line>", 0, 0,
	    &diags, &r) == 0) {
		/* Markdown items are shown as the HTML a page would carry. */
		for (k = 0; k < r.nitems; k++)
			if (r.items[k].kind == ITEM_MARKDOWN) {
				char *h = md_to_html(r.items[k].html,
				    strlen(r.items[k].html));

				free(r.items[k].html);
				r.items[k].html = h;
				r.items[k].kind = ITEM_HTML;
			}
		if (listvals) {
			const struct values *v = drun_values(&dr, "<command line>");

			for (k = 0; v != NULL && k < v->npaths; k++) {
				buf_printf(&out, "%s = ", v->paths[k]);
				values_format(values_get(v, v->paths[k]), NULL, "en",
				    &out);
				buf_putc(&out, '\n');
			}
		} else
			result_json(&r, &out, pretty);
		fwrite(out.data, 1, out.len, stdout);
		rc = diags.nerrors > 0;
	}
	result_clear(&r);
done:
	free(info);
	drun_clear(&dr);
out:
	data_free(data);
	diaglist_print(stderr, &diags);
	diaglist_clear(&diags);
	if (rs.have || rs.cfg.file)
		config_clear(&rs.cfg);
	free(cfgpath);
	buf_clear(&lit);
	buf_clear(&out);
	buf_clear(&bb);
	return rc;
}
