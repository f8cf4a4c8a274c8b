/*
 * cli/import: `vecdoc import`, the front end of import/ (legacy pages in).
 * Reads legacy pages (files, or folders that become modules); produces
 * vecdoc pages in DIR and a report of every repair and every doubt.
 * Never overwrites a page without --force, never writes into a source
 * folder, writes nothing at all with --dry-run or after an error.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <utf8proc.h>

#include "config.h"
#include "cli/cli.h"
#include "import/import.h"
#include "md/slug.h"
#include "md/texmath.h"
#include "util/fsutil.h"
#include "util/mojibake.h"
#include "util/xalloc.h"

#ifndef VECDOC_VI_DIC
#define VECDOC_VI_DIC "/usr/share/hunspell/vi_VN.dic"
#endif

/*
 * Vietnamese text Debian ships (manpages-vi, maint-guide-vi,
 * libreoffice-help-vi): the evidence corpora used when no --corpus is
 * given. Their word pairs settle a lost character the pages leave open
 * ("t?a độ": "tọa độ"), their words break the remaining ties.
 */
static const char *const default_corpora[] = {
	"/usr/share/man/vi",
	"/usr/share/doc/maint-guide-vi/maint-guide.vi.txt.gz",
	"/usr/share/libreoffice/help/vi/text",
	NULL
};

struct src {
	char		*path;		/* as given */
	char		*folder;	/* module folder name, or NULL */
	char		*text;
	size_t		 len;
	struct moji_verdict v;
	int		 cp;
	struct imp_text	 body[3];
	long		 bodyline[3];	/* body line where piece i starts */
	long		 srcline[3];	/* its line in the file */
	int		 nbody;
	struct imp_text	 nav, foot;
	int		 hasnav, hasfoot;
	struct imp_page	 pg;
	size_t		 formulas, badformulas, dropped;
};

static void
usage(FILE *fp)
{
	fprintf(fp,
	    "usage: vecdoc import [--dry-run] [--force] [--report FILE] "
	    "[--choose FILE]\n"
	    "                     [--dict FILE] [--corpus FILE|DIR]... "
	    "[--no-corpus] SRC... "
	    "-C CONTENT_DIR\n"
	    "Brings legacy course pages into a content directory: repairs\n"
	    "double-encoded text (and characters lost on the way), strips the\n"
	    "hand-kept navigation, writes front matter, Markdown structure and\n"
	    "repaired formulas. A folder SRC becomes a module.\n");
}

static void
line_col(const char *s, size_t off, long *line, int *col)
{
	size_t i, bol = 0;
	long l = 1;

	for (i = 0; i < off; i++)
		if (s[i] == '\n') {
			l++;
			bol = i + 1;
		}
	*line = l;
	*col = (int)(off - bol) + 1;
}

/* Reads and checks one source: 0, or -1 with the error in diags. */
static int
load(struct src *sr, struct diaglist *diags)
{
	struct buf b = BUF_INIT;
	struct diag d;
	size_t i;
	long line;
	int col;

	if (fs_read(sr->path, &b, &d) != 0) {
		diaglist_push(diags, &d);
		return -1;
	}
	sr->len = b.len;
	sr->text = b.data != NULL ? buf_detach(&b) : xstrdup("");
	if (sr->len >= 3 && memcmp(sr->text, "\xEF\xBB\xBF", 3) == 0) {
		memmove(sr->text, sr->text + 3, sr->len - 2);
		sr->len -= 3;
	}
	for (i = 0; i < sr->len && isspace((unsigned char)sr->text[i]); i++)
		;
	if (i == sr->len)
		return diaglist_add(diags, DIAG_ERROR, sr->path, 1, 1,
		    "empty page: nothing to import");
	for (i = 0; i < sr->len; i++) {
		unsigned char c = (unsigned char)sr->text[i];

		if (c < 0x20 && c != '\n' && c != '\t' && c != '\r' && c != '\f') {
			line_col(sr->text, i, &line, &col);
			return diaglist_add(diags, DIAG_ERROR, sr->path, line, col,
			    "binary file (byte 0x%02X): not a page", c);
		}
	}
	for (i = 0; i < sr->len; ) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n;

		if ((unsigned char)sr->text[i] < 0x80) {
			i++;
			continue;
		}
		n = utf8proc_iterate((const utf8proc_uint8_t *)sr->text + i,
		    (utf8proc_ssize_t)(sr->len - i), &c);
		if (n < 0) {
			line_col(sr->text, i, &line, &col);
			return diaglist_add(diags, DIAG_ERROR, sr->path, line, col,
			    "not UTF-8 (byte 0x%02X): vecdoc import reads UTF-8 "
			    "pages, double-encoded or not; convert this one with "
			    "iconv first", (unsigned char)sr->text[i]);
		}
		i += (size_t)n;
	}
	return 0;
}

static long
count_lines(const char *s, size_t n)
{
	long l = 0;
	size_t i;

	for (i = 0; i < n; i++)
		l += s[i] == '\n';
	return l;
}

static void
decode(struct src *sr)
{
	struct imp_range body[3], nav, foot;
	int i, nb;
	long bl = 1;

	sr->cp = moji_detect(sr->text, sr->len, &sr->v) ? sr->v.cp : -1;
	sr->pg.nblocks = imp_split(sr->text, sr->len, body, &nb, &nav, &foot);
	sr->nbody = nb;
	for (i = 0; i < nb; i++) {
		long line;
		int col;

		line_col(sr->text, body[i].start, &line, &col);
		imp_decode(sr->text + body[i].start, body[i].end - body[i].start,
		    sr->cp, line, col, &sr->body[i]);
		sr->bodyline[i] = bl;
		sr->srcline[i] = line;
		bl += count_lines(sr->text + body[i].start,
		    body[i].end - body[i].start);
	}
	if ((sr->hasnav = nav.end > nav.start)) {
		long line;
		int col;

		line_col(sr->text, nav.start, &line, &col);
		imp_decode(sr->text + nav.start, nav.end - nav.start, sr->cp,
		    line, col, &sr->nav);
	}
	if ((sr->hasfoot = foot.end > foot.start)) {
		long line;
		int col;

		line_col(sr->text, foot.start, &line, &col);
		imp_decode(sr->text + foot.start, foot.end - foot.start, sr->cp,
		    line, col, &sr->foot);
	}
}

/* The source line of line "bl" of the joined body. */
static long
src_line(const struct src *sr, long bl)
{
	int i;

	for (i = sr->nbody - 1; i > 0; i--)
		if (bl >= sr->bodyline[i])
			break;
	return sr->nbody > 0 ? sr->srcline[i] + (bl - sr->bodyline[i]) : bl;
}

static int
first_number(const char *name)
{
	const char *b = strrchr(name, '/');

	b = b != NULL ? b + 1 : name;
	while (*b && !isdigit((unsigned char)*b))
		b++;
	return *b ? atoi(b) : 0;
}

static char *
short_slug(const char *title)
{
	char *s = slugify(title, strlen(title));
	size_t n = strlen(s);

	if (n > 60) {
		n = 60;
		while (n > 20 && s[n] != '-')
			n--;
		s[n] = '\0';
		while (n > 0 && s[n - 1] == '-')
			s[--n] = '\0';
	}
	return s;
}

static void
yaml_str(struct buf *b, const char *key, const char *v)
{
	const char *p;

	buf_printf(b, "%s: \"", key);
	for (p = v; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *p);
	}
	buf_puts(b, "\"\n");
}

/* Rewrites the links of page k to imported pages; drops the others. */
/* Lines the front matter adds above the body (see the writer below). */
static long
fm_lines(const struct imp_page *pg)
{
	return pg->description != NULL ? 6 : 5;
}

static void
links(struct src *all, size_t n, size_t k, const char *cdir)
{
	struct src *sr = &all[k];
	const char *s = sr->pg.text, *p = s;
	struct buf o = BUF_INIT;
	char *dir = fs_dirname(sr->pg.outpath);
	char *wp = fs_join(cdir, sr->pg.outpath);

	while (*p) {
		const char *o1 = strstr(p, "](");
		const char *ob, *cb;
		char *target, *key;
		size_t j;
		int found = 0;

		if (o1 == NULL)
			break;
		/* the '[' that opens it, on the same line */
		for (ob = o1; ob > p && *ob != '[' && *ob != '\n'; ob--)
			;
		cb = strchr(o1 + 2, ')');
		if (*ob != '[' || cb == NULL || memchr(o1, '\n', (size_t)(cb - o1))) {
			buf_put(&o, p, (size_t)(o1 + 2 - p));
			p = o1 + 2;
			continue;
		}
		target = xstrndup(o1 + 2, (size_t)(cb - o1 - 2));
		if (strstr(target, "://") != NULL || target[0] == '#' ||
		    strncmp(target, "mailto:", 7) == 0 ||
		    (strstr(target, ".md") == NULL && strstr(target, ".txt") == NULL)) {
			free(target);
			buf_put(&o, p, (size_t)(cb + 1 - p));
			p = cb + 1;
			continue;
		}
		key = imp_namekey(target);
		for (j = 0; j < n && !found; j++) {
			char *a = all[j].pg.origname ? imp_namekey(all[j].pg.origname) : NULL;
			char *b = imp_namekey(all[j].path);

			if ((a != NULL && strcmp(a, key) == 0) || strcmp(b, key) == 0) {
				char *rel = fs_relpath(dir, all[j].pg.outpath);

				buf_put(&o, p, (size_t)(o1 + 2 - p));
				buf_puts(&o, rel);
				buf_putc(&o, ')');
				free(rel);
				sr->pg.links++;
				found = 1;
			}
			free(a);
			free(b);
		}
		if (!found) {
			long line;
			int col;

			buf_put(&o, p, (size_t)(ob - p));
			buf_put(&o, ob + 1, (size_t)(o1 - ob - 1));
			line_col(s, (size_t)(ob - s), &line, &col);
			diaglist_add(&sr->pg.notes, DIAG_WARNING, wp,
			    line + fm_lines(&sr->pg), col,
			    "link to a page that was not imported, kept as text: %s",
			    target);
			sr->dropped++;
		}
		free(key);
		free(target);
		p = cb + 1;
	}
	buf_puts(&o, p);
	free(sr->pg.text);
	sr->pg.text = buf_detach(&o);
	free(dir);
	free(wp);
}

/* Counts the formulas of the final page and those that do not parse. */
static void
verify(struct src *sr, const char *cdir)
{
	struct mathspan *sp = NULL;
	struct diaglist dl;
	size_t n, i;
	char *wp = fs_join(cdir, sr->pg.outpath);

	diaglist_init(&dl);
	n = math_scan(sr->pg.text, strlen(sr->pg.text), wp,
	    1 + fm_lines(&sr->pg), &sp, &dl);
	sr->formulas = n;
	for (i = 0; i < n; i++) {
		struct buf h = BUF_INIT;
		size_t off;
		char msg[256];

		if (tex_to_mathml(sr->pg.text + sp[i].tstart,
		    sp[i].tend - sp[i].tstart, sp[i].display, &h, &off, msg,
		    sizeof(msg)) != 0) {
			long line;
			int col;

			line_col(sr->pg.text, sp[i].tstart + off, &line, &col);
			diaglist_add(&sr->pg.notes, DIAG_WARNING, wp,
			    line + fm_lines(&sr->pg), col,
			    "formula does not parse: %s", msg);
			sr->badformulas++;
		}
		buf_clear(&h);
	}
	for (i = 0; i < dl.n; i++)
		diaglist_push(&sr->pg.notes, &dl.v[i]);
	sr->badformulas += dl.n;
	diaglist_clear(&dl);
	free(sp);
	free(wp);
}

struct tally {
	size_t	 lost, autom, choice, amb, none, repaired;
};

static void
tally_text(const struct imp_text *t, struct tally *ty)
{
	size_t i;

	ty->repaired += t->repaired;
	for (i = 0; i < t->nspots; i++) {
		ty->lost++;
		switch (t->spots[i].how) {
		case IMP_AMBIGUOUS:
			ty->amb++;
			break;
		case IMP_NONE:
			ty->none++;
			break;
		case IMP_CHOICE:
			ty->choice++;
			break;
		default:
			ty->autom++;
		}
	}
}

static void
report(struct src *all, size_t n, struct buf *r, int dry, const char *dir)
{
	size_t k, i, m;
	struct strmap seen;
	struct tally tot;

	memset(&tot, 0, sizeof(tot));
	buf_printf(r, "# vecdoc import report\n\n");
	buf_printf(r, "%zu page%s into `%s`%s.\n", n, n == 1 ? "" : "s", dir,
	    dry ? " (dry run: nothing written)" : "");
	for (k = 0; k < n; k++) {
		struct src *sr = &all[k];
		struct tally ty;
		int b;

		memset(&ty, 0, sizeof(ty));
		for (b = 0; b < sr->nbody; b++)
			tally_text(&sr->body[b], &ty);
		tot.lost += ty.lost;
		tot.autom += ty.autom;
		tot.amb += ty.amb;
		tot.none += ty.none;
		tot.choice += ty.choice;
		tot.repaired += ty.repaired;
		buf_printf(r, "\n## %s → %s\n\n", sr->path, sr->pg.outpath);
		buf_printf(r, "- title: %s\n", sr->pg.title ? sr->pg.title : "");
		if (sr->cp >= 0)
			buf_printf(r, "- encoding: double-encoded through %s; "
			    "%zu characters repaired\n",
			    moji_table((enum moji_cp)sr->cp)->name, ty.repaired);
		else
			buf_printf(r, "- encoding: clean UTF-8, left as it was\n");
		buf_printf(r, "- lost characters: %zu; recovered automatically %zu, "
		    "chosen with --choose %zu, ambiguous %zu, without candidate %zu\n",
		    ty.lost, ty.autom, ty.choice, ty.amb, ty.none);
		buf_printf(r, "- navigation blocks stripped: %d\n", sr->pg.nblocks);
		if (sr->hasnav || sr->hasfoot) {
			struct tally tn;

			memset(&tn, 0, sizeof(tn));
			if (sr->hasnav)
				tally_text(&sr->nav, &tn);
			if (sr->hasfoot)
				tally_text(&sr->foot, &tn);
			buf_printf(r, "- in the stripped blocks (read for the lesson "
			    "list only): %zu lost characters, %zu recovered "
			    "automatically\n", tn.lost, tn.autom);
		}
		buf_printf(r, "- formulas: %zu in the page, %zu repaired, %zu left "
		    "as they were, %zu not parsing\n", sr->formulas,
		    sr->pg.maths_fixed, sr->pg.maths_left, sr->badformulas);
		buf_printf(r, "- links rewritten: %zu; links to pages not imported: "
		    "%zu\n", sr->pg.links, sr->dropped);
		for (b = 0; b < sr->nbody; b++)
			for (i = 0; i < sr->body[b].nspots; i++) {
				const struct imp_spot *sp = &sr->body[b].spots[i];
				int c;

				if ((sp->how == IMP_CORPUS && sp->nrivals > 1) ||
				    sp->how == IMP_EXTERNAL || sp->how == IMP_RHYME) {
					buf_printf(r, "- %s:%ld:%d: `%s` chosen as %s by "
					    "%s (check it), also possible:", sr->path,
					    sp->line, sp->col, sp->word,
					    sp->cand[sp->chosen],
					    sp->how == IMP_EXTERNAL ?
					    "the --corpus texts' word counts" :
					    sp->how == IMP_RHYME ?
					    "the --corpus texts' rhymes" :
					    "the pages' word counts");
					for (c = 0; c < sp->nrivals; c++)
						if (strcmp(sp->rivals[c],
						    sp->cand[sp->chosen]) != 0)
							buf_printf(r, " %s", sp->rivals[c]);
					buf_putc(r, '\n');
					continue;
				}
				if (sp->how != IMP_AMBIGUOUS && sp->how != IMP_NONE)
					continue;
				buf_printf(r, "- %s:%ld:%d: %s `%s`, candidates:",
				    sr->path, sp->line, sp->col,
				    sp->how == IMP_NONE ? "lost character, nothing fits" :
				    "ambiguous", sp->word);
				for (c = 0; c < sp->nalts; c++)
					buf_printf(r, " %s", sp->alts[c]);
				buf_putc(r, '\n');
			}
		for (i = 0; i < sr->pg.notes.n; i++) {
			char line[1600];
			struct diag d = sr->pg.notes.v[i];

			diag_format(&d, line, sizeof(line));
			buf_printf(r, "- %s\n", line);
		}
	}
	/* Lessons the footers name that were not imported, per module. */
	strmap_init(&seen);
	for (k = 0; k < n; k++) {
		char *ok = all[k].pg.origname ? imp_namekey(all[k].pg.origname) :
		    imp_namekey(all[k].path);

		strmap_put(&seen, ok, strlen(ok), NULL);
		free(ok);
	}
	for (k = 0; k < n; k++) {
		struct src *sr = &all[k];
		size_t missing = 0;

		if (sr->pg.nlessons == 0)
			continue;
		for (m = 0; m < k; m++)
			if (all[m].pg.modkey && sr->pg.modkey &&
			    strcmp(all[m].pg.modkey, sr->pg.modkey) == 0 &&
			    all[m].pg.nlessons > 0)
				break;
		if (m < k)
			continue;	/* module already listed */
		buf_printf(r, "\n## Lessons of module \"%s\" not imported\n\n",
		    sr->pg.module ? sr->pg.module : "");
		for (i = 0; i < sr->pg.nlessons; i++) {
			char *key = imp_namekey(sr->pg.lessons[i]);
			struct strmap_ent *e = strmap_get(&seen, key, strlen(key));

			if (e == NULL) {
				strmap_put(&seen, key, strlen(key), NULL);
				buf_printf(r, "- %s (`%s`)\n", sr->pg.lessontitles[i],
				    sr->pg.lessons[i]);
				missing++;
			}
			free(key);
		}
		buf_printf(r, "\n%zu of %zu lessons missing.\n", missing,
		    sr->pg.nlessons);
	}
	strmap_clear(&seen);
	buf_printf(r, "\n## Total\n\n%zu characters repaired; %zu lost, %zu "
	    "recovered automatically, %zu chosen, %zu ambiguous, %zu without "
	    "candidate.\n", tot.repaired, tot.lost, tot.autom, tot.choice,
	    tot.amb, tot.none);
}

int
cmd_import(int argc, char **argv)
{
	const char *dir = NULL, *repfile = NULL, *choose = NULL;
	const char *dict = getenv("VECDOC_VI_DIC");
	int dry = 0, force = 0, i, rc = 0;
	struct src *all = NULL;
	size_t n = 0, k;
	struct diaglist diags;
	struct imp_lexicon lx;
	struct diag d;
	char **srcs = NULL, **corpora = NULL;
	size_t nsrcs = 0, ncorpora = 0;
	int nocorpus = 0;
	struct buf rep = BUF_INIT;

	if (dict == NULL)
		dict = VECDOC_VI_DIC;
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--dry-run") == 0)
			dry = 1;
		else if (strcmp(argv[i], "--force") == 0)
			force = 1;
		else if (strcmp(argv[i], "-C") == 0 && i + 1 < argc)
			dir = argv[++i];
		else if (strcmp(argv[i], "--report") == 0 && i + 1 < argc)
			repfile = argv[++i];
		else if (strcmp(argv[i], "--choose") == 0 && i + 1 < argc)
			choose = argv[++i];
		else if (strcmp(argv[i], "--dict") == 0 && i + 1 < argc)
			dict = argv[++i];
		else if (strcmp(argv[i], "--no-corpus") == 0)
			nocorpus = 1;
		else if (strcmp(argv[i], "--corpus") == 0 && i + 1 < argc) {
			corpora = xreallocarray(corpora, ncorpora + 1,
			    sizeof(char *));
			corpora[ncorpora++] = argv[++i];
		}
		else if (argv[i][0] == '-')
			return cli_usage_error("import", "unknown option '%s'", argv[i]);
		else {
			srcs = xreallocarray(srcs, nsrcs + 1, sizeof(char *));
			srcs[nsrcs++] = argv[i];
		}
	}
	if (dir == NULL || nsrcs == 0) {
		free(srcs);
		return cli_usage_error("import", "%s",
		    dir == NULL ? "no content directory (-C DIR)" : "no page to import");
	}
	diaglist_init(&diags);
	imp_lexicon_init(&lx);
	/* Sources: files, or folders whose pages form a module. */
	{
		char *adir = fs_abspath(dir);

		for (k = 0; k < nsrcs; k++) {
			char *asrc = fs_abspath(srcs[k]);

			if (!fs_exists(srcs[k]))
				diaglist_add(&diags, DIAG_ERROR, srcs[k], 0, 0,
				    "no such file or directory");
			else if (fs_isdir(srcs[k])) {
				char **names;
				long nn, j;
				const char *base;

				if (fs_within(adir, asrc))
					diaglist_add(&diags, DIAG_ERROR, dir, 0, 0,
					    "the content directory lies inside the "
					    "source folder %s: choose another", srcs[k]);
				nn = fs_list(srcs[k], &names, &d);
				if (nn < 0)
					diaglist_push(&diags, &d);
				base = strrchr(asrc, '/');
				base = base != NULL ? base + 1 : asrc;
				for (j = 0; j < nn; j++) {
					size_t l = strlen(names[j]);
					char *p;

					if (!((l > 3 && strcmp(names[j] + l - 3, ".md") == 0) ||
					    (l > 4 && strcmp(names[j] + l - 4, ".txt") == 0)))
						continue;
					p = fs_join(srcs[k], names[j]);
					if (fs_isdir(p)) {
						free(p);
						continue;
					}
					all = xreallocarray(all, n + 1, sizeof(*all));
					memset(&all[n], 0, sizeof(*all));
					all[n].path = p;
					all[n].folder = xstrdup(base);
					n++;
				}
				if (nn > 0)
					fs_names_free(names, nn);
			} else {
				all = xreallocarray(all, n + 1, sizeof(*all));
				memset(&all[n], 0, sizeof(*all));
				all[n].path = xstrdup(srcs[k]);
				n++;
			}
			free(asrc);
		}
		free(adir);
	}
	free(srcs);
	if (diags.nerrors > 0)
		goto out;
	for (k = 0; k < n; k++) {
		diaglist_init(&all[k].pg.notes);
		if (load(&all[k], &diags) == 0)
			decode(&all[k]);
	}
	if (diags.nerrors > 0)
		goto out;
	if (imp_lexicon_dict(&lx, dict, &d) != 0)
		fprintf(stderr, "vecdoc import: warning: no Vietnamese syllable "
		    "list (%s); install hunspell-vi or pass --dict FILE\n", dict);
	if (ncorpora == 0 && !nocorpus) {
		const char *const *p;
		struct stat st;

		for (p = default_corpora; *p != NULL; p++)
			if (stat(*p, &st) == 0) {
				corpora = xreallocarray(corpora, ncorpora + 1,
				    sizeof(char *));
				corpora[ncorpora++] = (char *)*p;
			}
	}
	for (k = 0; k < ncorpora; k++)
		if (imp_lexicon_corpus(&lx, corpora[k], &d) != 0) {
			diaglist_push(&diags, &d);
			goto out;
		}
	if (choose != NULL && imp_lexicon_choices(&lx, choose, &d) != 0) {
		diaglist_push(&diags, &d);
		goto out;
	}
	for (k = 0; k < n; k++) {
		int b;

		for (b = 0; b < all[k].nbody; b++)
			imp_lexicon_learn(&lx, &all[k].body[b]);
		if (all[k].hasnav)
			imp_lexicon_learn(&lx, &all[k].nav);
		if (all[k].hasfoot)
			imp_lexicon_learn(&lx, &all[k].foot);
	}
	/* Two rounds: words repaired beyond doubt in the first round are
	 * evidence for the doubtful ones in the second. */
	for (i = 0; i < 2; i++)
		for (k = 0; k < n; k++) {
			int b;

			for (b = 0; b < all[k].nbody; b++) {
				if (i == 0)
					imp_resolve(&all[k].body[b], &lx, all[k].path);
				else
					imp_lexicon_learn_resolved(&lx, &all[k].body[b]);
			}
			if (all[k].hasnav && i == 0)
				imp_resolve(&all[k].nav, &lx, all[k].path);
			else if (all[k].hasnav)
				imp_lexicon_learn_resolved(&lx, &all[k].nav);
			if (all[k].hasfoot && i == 0)
				imp_resolve(&all[k].foot, &lx, all[k].path);
			else if (all[k].hasfoot)
				imp_lexicon_learn_resolved(&lx, &all[k].foot);
		}
	lx.final = 1;
	for (k = 0; k < n; k++) {
		struct src *sr = &all[k];
		struct imp_page *pg = &sr->pg;
		struct buf body = BUF_INIT, nav = BUF_INIT, foot = BUF_INIT;
		int b;
		size_t j;

		for (b = 0; b < sr->nbody; b++) {
			imp_resolve(&sr->body[b], &lx, sr->path);
			imp_render(&sr->body[b], &body);
		}
		if (sr->hasnav) {
			imp_resolve(&sr->nav, &lx, sr->path);
			imp_render(&sr->nav, &nav);
		}
		if (sr->hasfoot) {
			imp_resolve(&sr->foot, &lx, sr->path);
			imp_render(&sr->foot, &foot);
		}
		pg->src = sr->path;
		pg->text = body.data != NULL ? buf_detach(&body) : xstrdup("");
		imp_read_nav(pg, sr->hasnav ? buf_str(&nav) : NULL,
		    sr->hasfoot ? buf_str(&foot) : NULL);
		buf_clear(&nav);
		buf_clear(&foot);
		if (sr->folder != NULL) {
			free(pg->module);
			free(pg->modkey);
			{
				char *m;
				int w;

				/* "11-Investigating-token-embeddings" */
				m = xstrdup(sr->folder);
				for (j = 0; m[j]; j++)
					if (m[j] == '_' || m[j] == '-')
						m[j] = ' ';
				pg->module = NULL;
				{
					char *e;
					long v = strtol(m, &e, 10);

					w = e != m ? (int)v : 0;
					while (*e == ' ')
						e++;
					pg->module = xstrdup(e != m ? e : m);
				}
				pg->modweight = w;
				free(m);
			}
			pg->modkey = slugify(pg->module, strlen(pg->module));
		}
		if (pg->module == NULL) {
			char *dn = fs_dirname(sr->path), *bn;

			bn = strrchr(dn, '/');
			bn = bn != NULL ? bn + 1 : dn;
			pg->module = xstrdup(*bn ? bn : "imported");
			pg->modkey = slugify(pg->module, strlen(pg->module));
			free(dn);
		}
		imp_convert(pg, sr->path);
		/* Notes carry body lines; make them source lines. */
		for (j = 0; j < pg->notes.n; j++)
			pg->notes.v[j].line = src_line(sr, pg->notes.v[j].line);
		pg->weight = first_number(pg->origname ? pg->origname : sr->path);
		pg->slug = short_slug(pg->title ? pg->title : "page");
		pg->outpath = xasprintf("%s/%s.md", pg->modkey, pg->slug);
		for (j = 0; j < k; j++)
			if (strcmp(all[j].pg.outpath, pg->outpath) == 0) {
				free(pg->outpath);
				pg->outpath = xasprintf("%s/%s-%zu.md", pg->modkey,
				    pg->slug, k + 1);
				break;
			}
	}
	for (k = 0; k < n; k++) {
		links(all, n, k, dir);
		verify(&all[k], dir);
	}
	/* Refuse to overwrite before writing anything. */
	for (k = 0; k < n && !force; k++) {
		char *p = fs_join(dir, all[k].pg.outpath);

		if (fs_exists(p))
			diaglist_add(&diags, DIAG_ERROR, p, 0, 0,
			    "page exists; vecdoc import overwrites only with --force");
		free(p);
	}
	if (diags.nerrors > 0)
		goto out;
	for (k = 0; k < n && !dry; k++) {
		struct imp_page *pg = &all[k].pg;
		struct buf o = BUF_INIT;
		char *p = fs_join(dir, pg->outpath);
		char *ix = xasprintf("%s/%s/index.md", dir, pg->modkey);

		buf_puts(&o, "---\n");
		yaml_str(&o, "title", pg->title ? pg->title : "");
		if (pg->description != NULL)
			yaml_str(&o, "description", pg->description);
		buf_printf(&o, "weight: %d\n---\n\n", pg->weight);
		buf_puts(&o, pg->text);
		if (fs_write(p, o.data, o.len, &d) != 0)
			diaglist_push(&diags, &d);
		buf_reset(&o);
		if (!fs_exists(ix)) {
			buf_puts(&o, "---\n");
			yaml_str(&o, "title", pg->module);
			buf_printf(&o, "weight: %d\n---\n\n# %s\n", pg->modweight,
			    pg->module);
			if (fs_write(ix, o.data, o.len, &d) != 0)
				diaglist_push(&diags, &d);
		}
		buf_clear(&o);
		free(p);
		free(ix);
	}
	report(all, n, &rep, dry, dir);
	fputs(buf_str(&rep), stdout);
	if (repfile != NULL && !dry && fs_write(repfile, rep.data, rep.len, &d) != 0)
		diaglist_push(&diags, &d);
out:
	diaglist_print(stderr, &diags);
	rc = diags.nerrors > 0 ? 1 : 0;
	for (k = 0; k < n; k++) {
		struct src *sr = &all[k];
		int b;

		for (b = 0; b < sr->nbody; b++)
			imp_text_clear(&sr->body[b]);
		imp_text_clear(&sr->nav);
		imp_text_clear(&sr->foot);
		for (i = 0; i < (int)sr->pg.nlessons; i++) {
			free(sr->pg.lessons[i]);
			free(sr->pg.lessontitles[i]);
		}
		free(sr->pg.lessons);
		free(sr->pg.lessontitles);
		free(sr->pg.text);
		free(sr->pg.title);
		free(sr->pg.description);
		free(sr->pg.origname);
		free(sr->pg.module);
		free(sr->pg.modkey);
		free(sr->pg.slug);
		free(sr->pg.outpath);
		diaglist_clear(&sr->pg.notes);
		free(sr->path);
		free(sr->folder);
		free(sr->text);
	}
	free(all);
	free(corpora);
	imp_lexicon_clear(&lx);
	buf_clear(&rep);
	diaglist_clear(&diags);
	return rc;
}
