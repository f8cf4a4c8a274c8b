/*
 * import/repair: undoes a double encoding and brings back the characters
 * whose bytes the code page could not carry.
 * Reads UTF-8 text and the code page it went through; produces the text
 * as first written, with every lost character either recovered (by the
 * syllable list, the same word elsewhere in the pages, the case of the
 * word) or marked and listed. Never guesses among equals.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/HTMLparser.h>
#include <zlib.h>

#include <utf8proc.h>

#include "import/import.h"
#include "util/fsutil.h"
#include "util/mojibake.h"
#include "util/xalloc.h"

static uint32_t
utf8_next(const unsigned char *s, size_t len, size_t *i)
{
	utf8proc_int32_t c;
	utf8proc_ssize_t n = utf8proc_iterate(s + *i,
	    (utf8proc_ssize_t)(len - *i), &c);

	if (n <= 0) {
		(*i)++;
		return s[*i - 1];
	}
	*i += (size_t)n;
	return (uint32_t)c;
}

static int
seq_cp(const unsigned char *b, int n, uint32_t *out)
{
	uint32_t c;
	int k;

	if (n < 2 || moji_seqlen(b[0]) != n)
		return -1;
	c = b[0] & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
	for (k = 1; k < n; k++) {
		if ((b[k] & 0xC0) != 0x80)
			return -1;
		c = (c << 6) | (b[k] & 0x3F);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	*out = c;
	return 0;
}

static int
is_letter(uint32_t c)
{
	utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);

	return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_LO;
}

/* Latin letters (Basic Latin to Latin Extended-B, Latin Extended
 * Additional): the only ones a lost character of a Latin-script page
 * can be. */
static int
is_latin(uint32_t c)
{
	return c < 0x250 || (c >= 0x1E00 && c <= 0x1EFF);
}

/* A candidate is worth offering when it is an assigned, visible
 * character (or the variation selector / joiner emoji need). */
static int
acceptable(uint32_t c)
{
	utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);

	if (c == 0xFE0F || c == 0x200D)
		return 1;
	return k != UTF8PROC_CATEGORY_CN && k != UTF8PROC_CATEGORY_CO &&
	    k != UTF8PROC_CATEGORY_CC && k != UTF8PROC_CATEGORY_CF &&
	    k != UTF8PROC_CATEGORY_CS && k != UTF8PROC_CATEGORY_ZS &&
	    k != UTF8PROC_CATEGORY_MN;
}

static void
add_cand(struct imp_spot *sp, uint32_t c)
{
	char u[5];
	int i, n;

	if (!acceptable(c) || sp->ncand >= IMP_MAXCAND)
		return;
	n = (int)utf8proc_encode_char((utf8proc_int32_t)c, (utf8proc_uint8_t *)u);
	u[n] = '\0';
	for (i = 0; i < sp->ncand; i++)
		if (strcmp(sp->cand[i], u) == 0)
			return;
	memcpy(sp->cand[sp->ncand++], u, 5);
	if (is_letter(c))
		sp->letters++;
}

/*
 * The candidates for a sequence with lead byte seq[0], k continuation
 * bytes present (seq[1..k]) and n-1-k lost: every way to put bytes the
 * code page loses into the missing places, keeping the present ones in
 * order, that makes a character.
 */
static void
candidates(const struct moji_table *t, const unsigned char *seq, int k,
    int n, struct imp_spot *sp)
{
	int miss = n - 1 - k, mask, a, b;

	for (mask = 0; mask < (1 << (n - 1)); mask++) {
		int bits = __builtin_popcount((unsigned)mask);

		if (bits != miss)
			continue;
		for (a = 0; a < t->nlost; a++)
			for (b = 0; b < (miss == 2 ? t->nlost : 1); b++) {
				unsigned char s[4];
				int p, q = 1, used = 0;
				uint32_t c;

				s[0] = seq[0];
				for (p = 1; p < n; p++) {
					if (mask & (1 << (p - 1)))
						s[p] = used++ == 0 ? t->lost[a] : t->lost[b];
					else
						s[p] = seq[q++];
				}
				if (seq_cp(s, n, &c) == 0)
					add_cand(sp, c);
			}
	}
}

void
imp_decode(const char *text, size_t len, int cp, long line, int col,
    struct imp_text *t)
{
	const unsigned char *s = (const unsigned char *)text;
	const struct moji_table *tb = cp >= 0 ? moji_table((enum moji_cp)cp) : NULL;
	size_t i = 0, bol = 0;
	long ln = line;
	int col0 = col;

	memset(t, 0, sizeof(*t));
	buf_init(&t->out);
	if (tb == NULL) {
		buf_put(&t->out, text, len);
		return;
	}
	while (i < len) {
		size_t at = i, j;
		uint32_t c = utf8_next(s, len, &i);
		int b, n, k;
		unsigned char seq[4];
		uint32_t dc;

		if (c == '\n') {
			buf_putc(&t->out, '\n');
			ln++;
			bol = i;
			col0 = 1;
			continue;
		}
		if (c < 0x80) {
			buf_putc(&t->out, (int)c);
			continue;
		}
		b = moji_byte(tb, c);
		if (b < 0 || (n = moji_seqlen((unsigned)b)) == 0) {
			buf_put(&t->out, text + at, i - at);
			t->unencodable++;
			continue;
		}
		seq[0] = (unsigned char)b;
		j = i;
		for (k = 1; k < n && j < len; k++) {
			size_t save = j;
			int cb = moji_byte(tb, utf8_next(s, len, &j));

			if (cb < 0x80 || cb > 0xBF) {
				j = save;
				break;
			}
			seq[k] = (unsigned char)cb;
		}
		if (k == n && seq_cp(seq, n, &dc) == 0) {
			char u[5];
			int m = (int)utf8proc_encode_char((utf8proc_int32_t)dc,
			    (utf8proc_uint8_t *)u);

			buf_put(&t->out, u, (size_t)m);
			t->repaired++;
			i = j;
			continue;
		}
		if (k == n || n - k > 2 || tb->nlost == 0) {
			/* Not a damaged sequence we can reason about. */
			buf_put(&t->out, text + at, i - at);
			t->unencodable++;
			continue;
		}
		/* Bytes were lost: a spot. */
		{
			struct imp_spot *sp;

			t->spots = xreallocarray(t->spots, t->nspots + 1,
			    sizeof(*t->spots));
			sp = &t->spots[t->nspots++];
			memset(sp, 0, sizeof(*sp));
			sp->line = ln;
			sp->col = (int)(at - bol) + col0;
			sp->chosen = -1;
			candidates(tb, seq, k - 1, n, sp);
			buf_putc(&t->out, IMP_SPOT);
			i = j;
		}
	}
}

void
imp_text_clear(struct imp_text *t)
{
	if (t == NULL)
		return;
	buf_clear(&t->out);
	free(t->spots);
	t->spots = NULL;
	t->nspots = 0;
}

void
imp_lexicon_init(struct imp_lexicon *lx)
{
	memset(lx, 0, sizeof(*lx));
	strmap_init(&lx->dict);
	strmap_init(&lx->words);
	strmap_init(&lx->chars);
	strmap_init(&lx->choices);
	strmap_init(&lx->resolved);
	strmap_init(&lx->bigrams);
	strmap_init(&lx->extbigrams);
	strmap_init(&lx->extwords);
	strmap_init(&lx->rhymes);
}

void
imp_lexicon_clear(struct imp_lexicon *lx)
{
	size_t i;

	for (i = 0; i < lx->choices.cap; i++)
		if (lx->choices.v[i].key != NULL)
			free(lx->choices.v[i].val.ptr);
	strmap_clear(&lx->dict);
	strmap_clear(&lx->words);
	strmap_clear(&lx->chars);
	strmap_clear(&lx->choices);
	strmap_clear(&lx->resolved);
	strmap_clear(&lx->bigrams);
	strmap_clear(&lx->extbigrams);
	strmap_clear(&lx->extwords);
	strmap_clear(&lx->rhymes);
}

static int
is_tone(uint32_t c)
{
	return c == 0x300 || c == 0x301 || c == 0x303 || c == 0x309 ||
	    c == 0x323;
}

/*
 * Lowercased NFC copy of s (heap), with the tone of a final "oa", "oe",
 * "uy" on its first vowel: Vietnamese writes both "họa" and "hoạ", and
 * the syllable list keeps only one of them.
 */
static char *
lower(const char *s, size_t n)
{
	utf8proc_int32_t cps[128], tone;
	utf8proc_ssize_t m;
	utf8proc_uint8_t *r = NULL;
	size_t k, i;

	m = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
	    cps, 128, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STABLE);
	if (m < 0 || m > 124) {
		if (utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
		    &r, UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STABLE) < 0)
			return xstrndup(s, n);
		return (char *)r;
	}
	k = (size_t)m;
	/* ...o a <tone> (or with a circumflex/breve/horn before the tone) */
	if (k >= 3 && is_tone((uint32_t)cps[k - 1]) &&
	    ((cps[k - 3] == 'o' && (cps[k - 2] == 'a' || cps[k - 2] == 'e')) ||
	    (cps[k - 3] == 'u' && cps[k - 2] == 'y'))) {
		tone = cps[k - 1];
		cps[k - 1] = cps[k - 2];
		cps[k - 2] = tone;
	}
	m = utf8proc_normalize_utf32(cps, (utf8proc_ssize_t)k, UTF8PROC_COMPOSE |
	    UTF8PROC_STABLE);
	k = m > 0 ? (size_t)m : 0;
	{
		struct buf b = BUF_INIT;

		for (i = 0; i < k; i++) {
			utf8proc_uint8_t u[4];
			utf8proc_ssize_t l;

			if (cps[i] < 0)
				break;
			l = utf8proc_encode_char(cps[i], u);
			buf_put(&b, u, (size_t)l);
		}
		return b.data != NULL ? buf_detach(&b) : xstrdup("");
	}
}

int
imp_lexicon_dict(struct imp_lexicon *lx, const char *path, struct diag *d)
{
	struct buf b = BUF_INIT;
	char *p, *e, *end;
	int first = 1;

	if (fs_read(path, &b, d) != 0)
		return -1;
	p = b.data;
	end = b.data + b.len;
	while (p != NULL && p < end) {
		size_t n;

		e = memchr(p, '\n', (size_t)(end - p));
		if (e == NULL)
			e = end;
		n = (size_t)(e - p);
		if (memchr(p, '/', n) != NULL)
			n = (size_t)((char *)memchr(p, '/', n) - p);
		while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' '))
			n--;
		if (!first && n > 0) {
			char *w = lower(p, n);

			strmap_put(&lx->dict, w, strlen(w), NULL);
			free(w);
		}
		first = 0;
		p = e + 1;
	}
	buf_clear(&b);
	lx->have_dict = lx->dict.n > 0;
	return 0;
}

int
imp_lexicon_choices(struct imp_lexicon *lx, const char *path, struct diag *d)
{
	struct buf b = BUF_INIT;
	char *p, *e, *end;
	long line = 0;

	if (fs_read(path, &b, d) != 0)
		return -1;
	p = b.data;
	end = b.data + b.len;
	while (p != NULL && p < end) {
		char *sp;
		struct strmap_ent *en;

		line++;
		e = memchr(p, '\n', (size_t)(end - p));
		if (e == NULL)
			e = end;
		*e = '\0';
		if (*p == '#' || *p == '\0') {
			p = e + 1;
			continue;
		}
		sp = strrchr(p, ' ');
		if (sp == NULL || sp[1] == '\0') {
			buf_clear(&b);
			return diag_fail(d, path, line, 1,
			    "expected 'FILE:LINE:COL TEXT'");
		}
		*sp = '\0';
		en = strmap_put(&lx->choices, p, strlen(p), NULL);
		free(en->val.ptr);
		en->val.ptr = xstrdup(sp + 1);
		p = e + 1;
	}
	buf_clear(&b);
	return 0;
}

/* Whether s starts with a vowel letter, with or without its marks. */
static int
starts_vowel(const char *s)
{
	utf8proc_int32_t c, d[4];
	utf8proc_ssize_t k, m;
	int last;

	k = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &c);
	if (k <= 0 || c == 0)
		return 0;
	m = utf8proc_decompose_char(c, d, 4, UTF8PROC_DECOMPOSE, &last);
	return m >= 1 && m <= 4 && d[0] < 0x80 &&
	    strchr("aeiouy", (int)d[0]) != NULL;
}

/*
 * A Vietnamese syllable is an initial consonant (or none), a rhyme and a
 * tone. The initials, longest first: "gi" is one only before a vowel
 * ("giờ"; "gìn" is g + ìn), as "qu" ("quả": qu + ả).
 */
const char *
imp_rhyme(const char *low)
{
	static const char *const initials[] = { "ngh", "ng", "gh", "gi", "kh",
	    "nh", "ph", "th", "tr", "ch", "qu", "\xC4\x91", "b", "c", "d",
	    "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", NULL };
	const char *const *p;

	for (p = initials; *p != NULL; p++) {
		size_t n = strlen(*p);

		if (strncmp(low, *p, n) == 0 && starts_vowel(low + n))
			return low + n;
	}
	return starts_vowel(low) ? low : NULL;
}

/* The extent of the word around byte i of s: letters, combining marks,
 * apostrophes inside and spots whose candidates are letters. */
static int
word_char(uint32_t c)
{
	utf8proc_category_t k = utf8proc_category((utf8proc_int32_t)c);

	return is_letter(c) || k == UTF8PROC_CATEGORY_MN ||
	    (k == UTF8PROC_CATEGORY_ND && c < 0x80);
}

/*
 * Counts words of a decoded text: with resolved = 0 the words without
 * lost characters (and the non-letter characters), with resolved = 1
 * the words whose lost characters all have been settled, spelled with
 * their choices. Pairs of neighbouring words (only spaces between) go to
 * bigrams, the rhyme of each word counted to rhymes. Any map may be NULL.
 */
static void
learn(struct strmap *map, struct strmap *chars, struct strmap *bigrams,
    struct strmap *rhymes, const struct imp_text *t, int resolved)
{
	const unsigned char *s = (const unsigned char *)t->out.data;
	size_t len = t->out.len, i = 0, si = 0, prevend = 0;
	struct buf w = BUF_INIT;
	char *prev = NULL;
	int prevnew = 0;

	while (i < len) {
		size_t st = i, en, g;
		int spots = 0, open = 0, adjacent;
		uint32_t c = utf8_next(s, len, &i);

		if (!resolved && c >= 0x80 && !is_letter(c) && chars != NULL) {
			struct strmap_ent *e = strmap_put(chars,
			    (const char *)s + st, i - st, NULL);

			e->val.num++;
		}
		if (c == (uint32_t)IMP_SPOT && si < t->nspots &&
		    t->spots[si].letters == 0) {
			si++;
			continue;
		}
		if (!word_char(c) && c != (uint32_t)IMP_SPOT)
			continue;
		buf_reset(&w);
		en = st;
		while (en < len) {
			size_t k = en;
			uint32_t d = utf8_next(s, len, &k);

			if (d == (uint32_t)IMP_SPOT && si < t->nspots) {
				const struct imp_spot *sp = &t->spots[si++];

				spots++;
				if (sp->chosen < 0 || sp->how == IMP_CHOICE)
					open = 1;
				else
					buf_puts(&w, sp->cand[sp->chosen]);
			} else if (word_char(d))
				buf_put(&w, s + en, k - en);
			else
				break;
			en = k;
		}
		adjacent = prev != NULL && st > prevend;
		for (g = prevend; adjacent && g < st; g++)
			if (s[g] != ' ')
				adjacent = 0;
		if (!open && (!resolved || spots > 0 || prev != NULL)) {
			char *lw = lower(buf_str(&w), w.len);
			int isnew = resolved ? spots > 0 : 1;

			if (map != NULL && isnew) {
				struct strmap_ent *e = strmap_put(map, lw,
				    strlen(lw), NULL);

				e->val.num++;
			}
			if (rhymes != NULL && isnew && imp_rhyme(lw) != NULL) {
				struct strmap_ent *e = strmap_put(rhymes,
				    imp_rhyme(lw), strlen(imp_rhyme(lw)), NULL);

				e->val.num++;
			}
			if (bigrams != NULL && adjacent && (isnew || prevnew)) {
				char *bg = xasprintf("%s %s", prev, lw);
				struct strmap_ent *e = strmap_put(bigrams, bg,
				    strlen(bg), NULL);

				e->val.num++;
				free(bg);
			}
			free(prev);
			prev = lw;
			prevnew = isnew;
			prevend = en;
		} else {
			free(prev);
			prev = NULL;
			if (!open) {
				prev = lower(buf_str(&w), w.len);
				prevnew = 0;
				prevend = en;
			}
		}
		i = en > st ? en : i;
	}
	free(prev);
	buf_clear(&w);
}

void
imp_lexicon_learn(struct imp_lexicon *lx, const struct imp_text *t)
{
	learn(&lx->words, &lx->chars, &lx->bigrams, NULL, t, 0);
}

void
imp_lexicon_learn_resolved(struct imp_lexicon *lx, const struct imp_text *t)
{
	learn(&lx->resolved, NULL, &lx->bigrams, NULL, t, 1);
}

static int
valid_utf8(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)
		    s + i, (utf8proc_ssize_t)(len - i), &c);

		if (k <= 0)
			return 0;
		i += (size_t)k;
	}
	return 1;
}

static int
ends_with(const char *s, const char *suf)
{
	size_t n = strlen(s), m = strlen(suf);

	return n >= m && strcmp(s + n - m, suf) == 0;
}

/* Inflates a gzip file into b: 0, or -1 with the error in d. */
static int
read_gz(const char *path, struct buf *b, struct diag *d)
{
	gzFile gz = gzopen(path, "rb");
	char chunk[65536];
	int n;

	if (gz == NULL) {
		return diag_fail(d, path, 0, 0, "cannot read: %s",
		    strerror(errno));
	}
	while ((n = gzread(gz, chunk, sizeof(chunk))) > 0)
		buf_put(b, chunk, (size_t)n);
	if (n < 0) {
		int e;

		diag_fail(d, path, 0, 0, "not a readable gzip file: %s",
		    gzerror(gz, &e));
		gzclose(gz);
		return -1;
	}
	gzclose(gz);
	return 0;
}

/* Elements inside a line of text: no break around them. */
static int
html_inline(const xmlChar *name)
{
	static const char *const tags[] = { "a", "abbr", "b", "big", "cite",
	    "code", "em", "font", "i", "kbd", "q", "s", "samp", "small",
	    "span", "strong", "sub", "sup", "tt", "u", "var", NULL };
	const char *const *t;

	for (t = tags; *t != NULL; t++)
		if (xmlStrcasecmp(name, (const xmlChar *)*t) == 0)
			return 1;
	return 0;
}

/* The text of an HTML tree, markup dropped: a line break after each
 * block, none around inline elements ("m&agrave;u <b>tím</b>" is one
 * pair of words); scripts and styles skipped. */
static void
html_text(xmlNode *n, struct buf *out)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			buf_puts(out, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE &&
		    xmlStrcasecmp(n->name, (const xmlChar *)"script") != 0 &&
		    xmlStrcasecmp(n->name, (const xmlChar *)"style") != 0) {
			html_text(n->children, out);
			if (!html_inline(n->name))
				buf_putc(out, '\n');
		}
	}
}

static int
corpus_file(struct imp_lexicon *lx, const char *path, struct diag *d)
{
	struct buf b = BUF_INIT, h = BUF_INIT;
	struct imp_text t;
	const char *text;
	size_t len;

	if ((ends_with(path, ".gz") ? read_gz(path, &b, d) :
	    fs_read(path, &b, d)) != 0) {
		buf_clear(&b);
		return -1;
	}
	text = b.data != NULL ? b.data : "";
	len = b.len;
	if (ends_with(path, ".html") || ends_with(path, ".htm") ||
	    ends_with(path, ".html.gz") || ends_with(path, ".xhp")) {
		htmlDocPtr doc = htmlReadMemory(text, (int)(len < 0x7fffffff ?
		    len : 0x7fffffff), path, "UTF-8", HTML_PARSE_NOERROR |
		    HTML_PARSE_NOWARNING | HTML_PARSE_NONET);

		if (doc != NULL) {
			html_text(xmlDocGetRootElement(doc), &h);
			xmlFreeDoc(doc);
		}
		text = h.data != NULL ? h.data : "";
		len = h.len;
	}
	/* Evidence must be text: a byte sequence that is not UTF-8 would
	 * decode to nonsense words, so such a file is skipped whole. */
	if (!valid_utf8(text, len)) {
		buf_clear(&b);
		buf_clear(&h);
		return 0;
	}
	imp_decode(text, len, -1, 1, 1, &t);
	learn(&lx->extwords, NULL, &lx->extbigrams, &lx->rhymes, &t, 0);
	imp_text_clear(&t);
	buf_clear(&b);
	buf_clear(&h);
	lx->corpus_files++;
	return 0;
}

static int
cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
imp_lexicon_corpus(struct imp_lexicon *lx, const char *path, struct diag *d)
{
	struct stat st;
	DIR *dir;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	if (stat(path, &st) != 0) {
		return diag_fail(d, path, 0, 0, "cannot read: %s",
		    strerror(errno));
	}
	if (!S_ISDIR(st.st_mode))
		return corpus_file(lx, path, d);
	/* A folder: its files in name order, so the counts never depend
	 * on the order the file system lists them in. */
	if ((dir = opendir(path)) == NULL) {
		return diag_fail(d, path, 0, 0, "cannot read: %s",
		    strerror(errno));
	}
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[n++] = xasprintf("%s/%s", path, de->d_name);
	}
	closedir(dir);
	if (n > 0)
		qsort(names, n, sizeof(*names), cmp_name);
	for (i = 0; i < n; i++) {
		if (rc == 0 && imp_lexicon_corpus(lx, names[i], d) != 0)
			rc = -1;
		free(names[i]);
	}
	free(names);
	return rc;
}

/* The lowercased word before ws (dir < 0) or after we (dir > 0), when
 * only spaces separate it and it lost nothing; heap, or NULL. */
static char *
neighbour(const unsigned char *s, size_t len, size_t ws, size_t we, int dir)
{
	size_t a, b;

	if (dir < 0) {
		b = ws;
		while (b > 0 && s[b - 1] == ' ')
			b--;
		if (b == ws || b == 0)
			return NULL;
		a = b;
		while (a > 0) {
			size_t k = a - 1, kk;
			uint32_t c;

			while (k > 0 && (s[k] & 0xC0) == 0x80)
				k--;
			kk = k;
			c = utf8_next(s, len, &kk);
			if (c == (uint32_t)IMP_SPOT)
				return NULL;
			if (!word_char(c))
				break;
			a = k;
		}
	} else {
		a = we;
		while (a < len && s[a] == ' ')
			a++;
		if (a == we)
			return NULL;
		b = a;
		while (b < len) {
			size_t k = b;
			uint32_t c = utf8_next(s, len, &k);

			if (c == (uint32_t)IMP_SPOT)
				return NULL;
			if (!word_char(c))
				break;
			b = k;
		}
	}
	return b > a ? lower((const char *)s + a, b - a) : NULL;
}

static long
bigram_count(const struct imp_lexicon *lx, const char *x, const char *y)
{
	char *bg;
	struct strmap_ent *e, *f;
	long n;

	if (x == NULL || y == NULL)
		return 0;
	bg = xasprintf("%s %s", x, y);
	e = strmap_get(&lx->bigrams, bg, strlen(bg));
	f = strmap_get(&lx->extbigrams, bg, strlen(bg));
	n = (e != NULL ? e->val.num : 0) + (f != NULL ? f->val.num : 0);
	free(bg);
	return n;
}

/* Case a letter at a spot must have: 1 upper, -1 lower, 0 either. */
static int
case_wanted(const unsigned char *s, size_t ws, size_t we, size_t at)
{
	size_t i = ws;
	int up = 0, low = 0, others = 0;

	while (i < we) {
		size_t st = i;
		uint32_t c = utf8_next(s, we, &i);

		if (st == at || c == (uint32_t)IMP_SPOT || !is_letter(c))
			continue;
		others++;
		if (utf8proc_isupper((utf8proc_int32_t)c))
			up++;
		else if (utf8proc_islower((utf8proc_int32_t)c))
			low++;
	}
	/* All capitals ("TÍM"): two other capitals and no small letter. */
	if (low == 0 && up >= 2)
		return 1;
	if (low > 0 && at != ws)
		return -1;
	if (at != ws && up == 1 && low == 0 && others == 1)
		return -1;	/* "V?" after a capital: "Ví", not "VÍ" */
	return 0;
}

/* The case the context suggests for a word's first letter: a capital
 * where a sentence or an item starts, a small letter inside a sentence
 * (only a tie-breaker: titles capitalise every word). */
static int
case_context(const unsigned char *s, size_t ws, size_t at)
{
	if (at == ws) {
		size_t k = ws;

		while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t'))
			k--;
		if (k == 0 || s[k - 1] == '\n' || s[k - 1] == '.' ||
		    s[k - 1] == '!' || s[k - 1] == '?')
			return 1;
		if (s[k - 1] == '-' || (k >= 3 && memcmp(s + k - 3, "\xE2\x80\xA2", 3) == 0)) {
			size_t b = k - (s[k - 1] == '-' ? 1 : 3);

			while (b > 0 && (s[b - 1] == ' ' || s[b - 1] == '\t'))
				b--;
			if (b == 0 || s[b - 1] == '\n')
				return 1;
		}
		if (s[k - 1] == ',' || (s[k - 1] >= 'a' && s[k - 1] <= 'z') ||
		    s[k - 1] >= 0x80)
			return -1;
	}
	return 0;
}

static int
cand_case(const char *u)
{
	utf8proc_int32_t c;

	utf8proc_iterate((const utf8proc_uint8_t *)u, -1, &c);
	if (utf8proc_isupper(c))
		return 1;
	if (utf8proc_islower(c))
		return -1;
	return 0;
}

#define MAXSPOTS_WORD 4
#define MAXCOMBOS 256
#define EXT_MIN 5
#define RHYME_MIN 100

/* The word s[ws..we) lowercased, its spots spelled with candidates
 * pick[0..ns-1] (heap); w is scratch. */
static char *
spelled(const struct imp_text *t, const unsigned char *s, size_t ws,
    size_t we, size_t first, size_t ns, const int *pick, struct buf *w)
{
	size_t i = ws, sq = 0;

	buf_reset(w);
	while (i < we) {
		size_t st = i;
		uint32_t c = utf8_next(s, we, &i);

		if (c == (uint32_t)IMP_SPOT && sq < ns) {
			buf_puts(w, t->spots[first + sq].cand[pick[sq]]);
			sq++;
		} else
			buf_put(w, s + st, i - st);
	}
	return lower(buf_str(w), w->len);
}

/* Settles the spots of one word s[ws..we) (spots first..first+ns-1). */
static void
resolve_word(struct imp_text *t, const struct imp_lexicon *lx,
    const unsigned char *s, size_t ws, size_t we, size_t first, size_t ns,
    const size_t *offs)
{
	int allowed[MAXSPOTS_WORD][IMP_MAXCAND], na[MAXSPOTS_WORD];
	int idx[MAXSPOTS_WORD], best[MAXCOMBOS][MAXSPOTS_WORD];
	long bestscore = -1;
	int nbest = 0, k, dict_hits = 0;
	enum imp_how how = IMP_AMBIGUOUS;
	char *before = NULL, *after = NULL;
	size_t combos = 1, q;
	struct buf w = BUF_INIT;

	if (ns > MAXSPOTS_WORD)
		ns = MAXSPOTS_WORD;
	for (q = 0; q < ns; q++) {
		struct imp_spot *sp = &t->spots[first + q];
		int want = case_wanted(s, ws, we, offs[q]), c;

		na[q] = 0;
		for (c = 0; c < sp->ncand; c++) {
			int cc = cand_case(sp->cand[c]);
			utf8proc_int32_t cp;

			utf8proc_iterate((const utf8proc_uint8_t *)sp->cand[c], -1, &cp);
			if (!is_letter((uint32_t)cp) || !is_latin((uint32_t)cp))
				continue;
			if (want != 0 && cc != 0 && cc != want)
				continue;
			allowed[q][na[q]++] = c;
		}
		if (na[q] == 0) {
			/* Nothing fits the case: let case go. */
			for (c = 0; c < sp->ncand; c++) {
				utf8proc_int32_t cp;

				utf8proc_iterate((const utf8proc_uint8_t *)
				    sp->cand[c], -1, &cp);
				if (is_letter((uint32_t)cp) && is_latin((uint32_t)cp))
					allowed[q][na[q]++] = c;
			}
		}
		if (na[q] == 0) {
			sp->how = IMP_NONE;
			buf_clear(&w);
			return;
		}
		combos *= (size_t)na[q];
	}
	if (combos > MAXCOMBOS) {
		/* More spellings than any real word has: leave it open. */
		for (q = 0; q < ns; q++) {
			struct imp_spot *sp = &t->spots[first + q];
			int c;

			sp->how = IMP_AMBIGUOUS;
			sp->nalts = 0;
			for (c = 0; c < na[q]; c++)
				memcpy(sp->alts[sp->nalts++], sp->cand[allowed[q][c]], 5);
		}
		buf_clear(&w);
		return;
	}
	before = neighbour(s, t->out.len, ws, we, -1);
	after = neighbour(s, t->out.len, ws, we, 1);
	for (q = 0; q < ns; q++)
		idx[q] = 0;
	for (k = 0; k < (int)combos; k++) {
		size_t i = ws, sq = 0;
		char *low;
		long score;
		int ctx = 1;
		struct strmap_ent *e, *e2;
		int indict;

		buf_reset(&w);
		while (i < we) {
			size_t st = i;
			uint32_t c = utf8_next(s, we, &i);

			if (c == (uint32_t)IMP_SPOT && sq < ns) {
				buf_puts(&w, t->spots[first + sq].cand[allowed[sq][idx[sq]]]);
				sq++;
			} else
				buf_put(&w, s + st, i - st);
		}
		low = lower(buf_str(&w), w.len);
		indict = lx->have_dict && strmap_get(&lx->dict, low, strlen(low)) != NULL;
		e = strmap_get(&lx->words, low, strlen(low));
		e2 = strmap_get(&lx->resolved, low, strlen(low));
		/* The list first, then how often the pages use the word
		 * (undamaged, or repaired beyond doubt elsewhere). */
		score = (indict ? 100000000L : 0) + (e != NULL ? e->val.num : 0) +
		    (e2 != NULL ? e2->val.num : 0) + 10000L *
		    (bigram_count(lx, before, low) + bigram_count(lx, low, after));
		for (q = 0; q < ns; q++) {
			int want = case_context(s, ws, offs[q]);

			if (want != 0 && cand_case(t->spots[first + q].cand[
			    allowed[q][idx[q]]]) != want)
				ctx = 0;
		}
		score = score * 2 + ctx;
		free(low);
		dict_hits += indict;
		if (indict || !lx->have_dict)
			for (q = 0; q < ns; q++) {
				struct imp_spot *sp = &t->spots[first + q];
				const char *cd = sp->cand[allowed[q][idx[q]]];
				int r, seen = 0;

				for (r = 0; r < sp->nrivals; r++)
					seen |= strcmp(sp->rivals[r], cd) == 0;
				if (!seen && sp->nrivals < IMP_MAXCAND)
					memcpy(sp->rivals[sp->nrivals++], cd, 5);
			}
		if (score > bestscore) {
			bestscore = score;
			nbest = 0;
			how = score / 2 % 100000000L > 0 ? IMP_CORPUS :
			    indict ? IMP_DICT : IMP_CONTEXT;
		}
		if (score == bestscore && nbest < MAXCOMBOS) {
			for (q = 0; q < ns; q++)
				best[nbest][q] = allowed[q][idx[q]];
			nbest++;
		}
		/* next combination */
		for (q = 0; q < ns; q++) {
			if (++idx[q] < na[q])
				break;
			idx[q] = 0;
		}
	}
	free(before);
	free(after);
	/*
	 * A tie the pages cannot break even in the last round (no use of
	 * any spelling, no pair): the words of the --corpus texts may, when
	 * they use one spelling at least EXT_MIN times and never any other.
	 * Only then: how often a manual uses "cờ" (flag) says nothing about
	 * a lesson's "c? sát", which stays open. Weaker evidence than the
	 * pages', so reported for review. Never in the first round, where
	 * it would outvote the words that round settles.
	 */
	if (lx->final && nbest > 1 && nbest <= MAXCOMBOS) {
		long cnt[MAXCOMBOS], top = -1, second = 0;
		int b, at = -1;

		for (b = 0; b < nbest; b++) {
			char *low = spelled(t, s, ws, we, first, ns, best[b], &w);
			struct strmap_ent *e;

			e = strmap_get(&lx->extwords, low, strlen(low));
			cnt[b] = e != NULL ? e->val.num : 0;
			free(low);
		}
		for (b = 0; b < nbest; b++)
			if (cnt[b] > top) {
				second = top < 0 ? 0 : top;
				top = cnt[b];
				at = b;
			} else if (cnt[b] > second)
				second = cnt[b];
		if (at >= 0 && top >= EXT_MIN && second == 0) {
			for (q = 0; q < ns; q++)
				best[0][q] = best[at][q];
			nbest = 1;
			how = IMP_EXTERNAL;
		}
	}
	/*
	 * Still tied, and every spelling a syllable of the list that the
	 * --corpus texts never use (or use in several spellings): back off
	 * from the word to its rhyme. When the texts write the rhyme of one
	 * spelling at least RHYME_MIN times and never that of any other
	 * ("chọn", "gọn" but no word in "-ờn": "tr?n" is "trọn"), that one
	 * is the living word. Only the texts' rhymes count: a few pages are
	 * too small a sample for "never" to mean anything. Rhymes the texts
	 * all use ("c?": "họ", "nhỏ", "giờ", "thử") leave the spot open.
	 * Reported for review, like a corpus word.
	 */
	if (lx->final && nbest > 1 && lx->have_dict) {
		long top = -1, second = 0;
		int b, at = -1, syllables = 1;

		for (b = 0; b < nbest && syllables; b++) {
			char *low = spelled(t, s, ws, we, first, ns, best[b], &w);
			const char *r = imp_rhyme(low);
			struct strmap_ent *e;
			long cnt;

			if (r == NULL || strmap_get(&lx->dict, low,
			    strlen(low)) == NULL)
				syllables = 0;
			e = r != NULL ? strmap_get(&lx->rhymes, r, strlen(r)) : NULL;
			cnt = e != NULL ? e->val.num : 0;
			free(low);
			if (cnt > top) {
				second = top < 0 ? 0 : top;
				top = cnt;
				at = b;
			} else if (cnt > second)
				second = cnt;
		}
		if (syllables && at >= 0 && top >= RHYME_MIN && second == 0) {
			for (q = 0; q < ns; q++)
				best[0][q] = best[at][q];
			nbest = 1;
			how = IMP_RHYME;
		}
	}
	buf_clear(&w);
	for (q = 0; q < ns; q++) {
		struct imp_spot *sp = &t->spots[first + q];
		int b;

		sp->nalts = 0;
		for (b = 0; b < nbest; b++) {
			int c = best[b][q], j, seen = 0;

			for (j = 0; j < sp->nalts; j++)
				if (strcmp(sp->alts[j], sp->cand[c]) == 0)
					seen = 1;
			if (!seen && sp->nalts < IMP_MAXCAND)
				memcpy(sp->alts[sp->nalts++], sp->cand[c], 5);
		}
		if (nbest == 1) {
			sp->chosen = best[0][q];
			sp->how = how == IMP_EXTERNAL || how == IMP_RHYME ? how :
			    combos == 1 ? IMP_ONLY :
			    dict_hits == 1 && bestscore / 2 >= 100000000L ?
			    IMP_DICT : how;
		} else
			sp->how = IMP_AMBIGUOUS;
	}
}

/* A spot outside words: emoji, quotes, dashes. */
static void
resolve_symbol(struct imp_text *t, const struct imp_lexicon *lx, size_t si,
    const unsigned char *s, size_t off)
{
	struct imp_spot *sp = &t->spots[si];
	long bestn = -1;
	int c, nbest = 0, pick = -1;

	sp->nalts = 0;
	if (sp->ncand == 0) {
		sp->how = IMP_NONE;
		return;
	}
	if (sp->ncand == 1) {
		sp->chosen = 0;
		sp->how = IMP_ONLY;
		return;
	}
	/* A closing quote when an opening one is still open on the line. */
	for (c = 0; c < sp->ncand; c++)
		if (strcmp(sp->cand[c], "\xE2\x80\x9D") == 0) {
			size_t i = off, open = 0, close = 0;

			while (i > 0 && s[i - 1] != '\n')
				i--;
			for (; i + 2 < off; i++) {
				if (memcmp(s + i, "\xE2\x80\x9C", 3) == 0)
					open++;
				if (memcmp(s + i, "\xE2\x80\x9D", 3) == 0)
					close++;
			}
			if (open > close) {
				sp->chosen = c;
				sp->how = IMP_CONTEXT;
				return;
			}
		}
	for (c = 0; c < sp->ncand; c++) {
		struct strmap_ent *e = strmap_get(&lx->chars, sp->cand[c],
		    strlen(sp->cand[c]));
		long n = e != NULL ? e->val.num : 0;

		if (n > bestn) {
			bestn = n;
			nbest = 0;
			pick = c;
		}
		if (n == bestn)
			nbest++;
	}
	if (bestn > 0 && nbest == 1) {
		sp->chosen = pick;
		sp->how = IMP_CORPUS;
		return;
	}
	for (c = 0; c < sp->ncand && sp->nalts < IMP_MAXCAND; c++)
		memcpy(sp->alts[sp->nalts++], sp->cand[c], 5);
	sp->how = IMP_AMBIGUOUS;
}

void
imp_resolve(struct imp_text *t, const struct imp_lexicon *lx, const char *file)
{
	const unsigned char *s = (const unsigned char *)t->out.data;
	size_t len = t->out.len, i = 0, si = 0;

	for (si = 0; si < t->nspots; si++) {
		t->spots[si].chosen = -1;
		t->spots[si].how = IMP_AMBIGUOUS;
		t->spots[si].nalts = 0;
		t->spots[si].nrivals = 0;
	}
	si = 0;
	while (i < len && si < t->nspots) {
		size_t st = i;
		uint32_t c = utf8_next(s, len, &i);
		size_t ws, we, first, ns = 0, offs[MAXSPOTS_WORD];
		int isword;

		if (c != (uint32_t)IMP_SPOT)
			continue;
		/* The word around the spot, if its candidates are letters. */
		isword = t->spots[si].letters > 0;
		ws = st;
		we = i;
		if (isword) {
			while (ws > 0) {
				size_t k = ws - 1;

				while (k > 0 && (s[k] & 0xC0) == 0x80)
					k--;
				{
					size_t kk = k;
					uint32_t d = utf8_next(s, len, &kk);

					if (!word_char(d) && d != (uint32_t)IMP_SPOT)
						break;
				}
				ws = k;
			}
			while (we < len) {
				size_t k = we;
				uint32_t d = utf8_next(s, len, &k);

				if (!word_char(d) && !(d == (uint32_t)IMP_SPOT &&
				    si + ns + 1 < t->nspots &&
				    t->spots[si + ns + 1].letters > 0 &&
				    ns + 1 < MAXSPOTS_WORD))
					break;
				if (d == (uint32_t)IMP_SPOT)
					offs[++ns] = we;
				we = k;
			}
			offs[0] = st;
			ns++;
			first = si;
			{
				/* Spots before st in the word were settled with
				 * their own word already; count them out. */
				size_t k = ws;

				while (k < st) {
					uint32_t d = utf8_next(s, len, &k);

					if (d == (uint32_t)IMP_SPOT) {
						ws = k;
					}
				}
			}
			resolve_word(t, lx, s, ws, we, first, ns, offs);
		} else {
			resolve_symbol(t, lx, si, s, st);
			ns = 1;
			we = i;
		}
		{
			size_t q;

			for (q = 0; q < ns; q++) {
				struct imp_spot *sp = &t->spots[si + q];
				size_t a = ws, k = 0;
				struct strmap_ent *e;
				char key[700];

				/* The word with spots as '?', for the report. */
				while (a < we && k + 6 < sizeof(sp->word)) {
					size_t b0 = a;
					uint32_t d = utf8_next(s, we, &a);

					if (d == (uint32_t)IMP_SPOT)
						sp->word[k++] = '?';
					else {
						memcpy(sp->word + k, s + b0, a - b0);
						k += a - b0;
					}
				}
				sp->word[k] = '\0';
				snprintf(key, sizeof(key), "%s:%ld:%d", file,
				    sp->line, sp->col);
				e = strmap_get(&lx->choices, key, strlen(key));
				if (e != NULL) {
					int c2;

					for (c2 = 0; c2 < sp->ncand; c2++)
						if (strcmp(sp->cand[c2],
						    (const char *)e->val.ptr) == 0)
							break;
					if (c2 == sp->ncand && sp->ncand < IMP_MAXCAND) {
						snprintf(sp->cand[c2], 5, "%s",
						    (const char *)e->val.ptr);
						sp->ncand++;
					}
					if (c2 < IMP_MAXCAND) {
						sp->chosen = c2;
						sp->how = IMP_CHOICE;
					}
				}
			}
		}
		si += ns;
		i = we;
	}
}

void
imp_render(const struct imp_text *t, struct buf *out)
{
	const char *s = t->out.data;
	size_t i, si = 0;

	for (i = 0; i < t->out.len; i++) {
		const struct imp_spot *sp;
		int k;

		if (s[i] != IMP_SPOT || si >= t->nspots) {
			buf_putc(out, s[i]);
			continue;
		}
		sp = &t->spots[si++];
		if (sp->chosen >= 0) {
			buf_puts(out, sp->cand[sp->chosen]);
			continue;
		}
		buf_puts(out, "[?");
		for (k = 0; k < sp->nalts; k++) {
			if (k > 0)
				buf_putc(out, '/');
			buf_puts(out, sp->alts[k]);
		}
		buf_puts(out, "?]");
	}
}
