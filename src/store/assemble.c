/*
 * store/assemble: the conversions of a "parts" source: bytes of one
 * downloaded part in, text appended to the assembled file out.
 * "gutenberg" turns a Project Gutenberg e-text into the course corpus's
 * shape (one paragraph per line, PG's header, footer and credits gone);
 * "concat" keeps the bytes. Everything here is in memory and pure: the
 * caller (store/fetch.c) downloads, verifies and installs.
 */
#include <string.h>

#include "store/assemble.h"

int
assemble_known(const char *name)
{
	return strcmp(name, "concat") == 0 || strcmp(name, "gutenberg") == 0;
}

/*
 * Decodes one UTF-8 character at s (n bytes left) as Python's strict
 * decoder accepts it (no overlong forms, no surrogates, nothing above
 * U+10FFFF). Returns its length, or 0 when the bytes are not UTF-8.
 */
static size_t
utf8_get(const unsigned char *s, size_t n, unsigned long *cp)
{
	unsigned long c;
	size_t len, k;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		len = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		len = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		len = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (k = 1; k < len; k++) {
		if ((s[k] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[k] & 0x3f);
	}
	if ((len == 3 && (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))) ||
	    (len == 4 && (c < 0x10000 || c > 0x10ffff)))
		return 0;
	*cp = c;
	return len;
}

/*
 * White space as Python's str.split() and str.strip() see it: the
 * corpus was first made with them, so the same characters must fold
 * (U+00A0 and the typographic spaces included, U+200B not).
 */
static int
py_space(unsigned long c)
{
	return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) ||
	    c == 0x85 || c == 0xa0 || c == 0x1680 ||
	    (c >= 0x2000 && c <= 0x200a) || c == 0x2028 || c == 0x2029 ||
	    c == 0x202f || c == 0x205f || c == 0x3000;
}

/* Case-insensitive ASCII prefix test. */
static int
has_prefix_ci(const char *s, size_t n, const char *pre)
{
	size_t k, m = strlen(pre);

	if (n < m)
		return 0;
	for (k = 0; k < m; k++) {
		int a = (unsigned char)s[k], b = (unsigned char)pre[k];

		if (a >= 'a' && a <= 'z')
			a -= 32;
		if (b >= 'a' && b <= 'z')
			b -= 32;
		if (a != b)
			return 0;
	}
	return 1;
}

/*
 * 1 if the line is PG's marker "*** START OF THE PROJECT GUTENBERG ..."
 * (kind "START") or "*** END OF THIS PROJECT GUTENBERG ..." (kind
 * "END"): leading blanks, three stars, optional blanks, then the words,
 * THE or THIS, in any case (old e-texts differ in spacing only).
 */
static int
pg_marker(const char *s, size_t n, const char *kind)
{
	size_t i = 0, k = strlen(kind);

	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;		/* a byte-order mark on the file's first line */
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (n - i < 3 || memcmp(s + i, "***", 3) != 0)
		return 0;
	i += 3;
	while (i < n && s[i] == ' ')
		i++;
	if (!has_prefix_ci(s + i, n - i, kind))
		return 0;
	i += k;
	return has_prefix_ci(s + i, n - i, " OF THE PROJECT GUTENBERG") ||
	    has_prefix_ci(s + i, n - i, " OF THIS PROJECT GUTENBERG");
}

/* The next line of s[*pos, n): its start and length; CRLF, CR and LF
 * end a line. 0 at the end of the text. */
static int
next_line(const char *s, size_t n, size_t *pos, const char **ls, size_t *ll)
{
	size_t p = *pos, e;

	if (p >= n)
		return 0;
	for (e = p; e < n && s[e] != '\n' && s[e] != '\r'; e++)
		;
	*ls = s + p;
	*ll = e - p;
	if (e < n && s[e] == '\r' && e + 1 < n && s[e + 1] == '\n')
		e++;
	*pos = e < n ? e + 1 : e;
	return 1;
}

/* Ends a paragraph: drops it if it is a leading credit, else appends it
 * as one line, remembering where it starts in "out" (*last). */
static void
flush_para(struct buf *para, int *emitted, size_t *last, struct buf *out)
{
	if (para->len == 0)
		return;
	if (!*emitted && ((para->len >= 11 &&
	    memcmp(para->data, "Produced by", 11) == 0) ||
	    (para->len >= 18 && memcmp(para->data, "E-text prepared by",
	    18) == 0))) {
		buf_reset(para);
		return;
	}
	*last = out->len;
	buf_put(out, para->data, para->len);
	buf_putc(out, '\n');
	*emitted = 1;
	buf_reset(para);
}

static int
gutenberg(const char *s, size_t n, const char *what, struct buf *out,
    struct diag *d)
{
	struct buf para = BUF_INIT;
	const char *ls;
	size_t ll, pos = 0, i, k, last = 0;
	long line = 0, startline = 0;
	int emitted = 0, space;
	unsigned long cp;

	/* All of it must be UTF-8, header and footer too: a file in
	 * another encoding is not the e-text the declaration means. */
	for (i = 0, line = 1; i < n; i += k) {
		if ((k = utf8_get((const unsigned char *)s + i, n - i, &cp)) == 0)
			return diag_fail(d, what, line, 0, "not UTF-8 (byte "
			    "0x%02x at offset %zu)", (unsigned char)s[i], i);
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= n ||
		    s[i + 1] != '\n')))
			line++;
	}
	line = 0;
	while (next_line(s, n, &pos, &ls, &ll)) {
		line++;
		if (pg_marker(ls, ll, "START")) {
			startline = line;
			break;
		}
	}
	if (startline == 0)
		return diag_fail(d, what, 0, 0, "no \"*** START OF THE "
		    "PROJECT GUTENBERG\" (or THIS) line: not a Project "
		    "Gutenberg e-text");
	while (next_line(s, n, &pos, &ls, &ll)) {
		line++;
		if (pg_marker(ls, ll, "END")) {
			flush_para(&para, &emitted, &last, out);
			buf_clear(&para);
			/* PG's closing line before the marker ("End of the
			 * Project Gutenberg EBook of ...") is not the book's. */
			if (emitted && (has_prefix_ci(out->data + last, out->len -
			    last, "End of the Project Gutenberg") ||
			    has_prefix_ci(out->data + last, out->len - last,
			    "End of Project Gutenberg") ||
			    has_prefix_ci(out->data + last, out->len - last,
			    "End of this Project Gutenberg")))
				out->data[out->len = last] = '\0';
			return 0;
		}
		/* One line: its words go on the paragraph, separated by
		 * one space; a blank line ends the paragraph. */
		space = para.len > 0;
		for (i = 0; i < ll; i += k) {
			k = utf8_get((const unsigned char *)ls + i, ll - i, &cp);
			if (py_space(cp)) {
				space = para.len > 0;
				continue;
			}
			if (space)
				buf_putc(&para, ' ');
			space = 0;
			buf_put(&para, ls + i, k);
		}
		for (i = 0; i < ll; i += k) {
			k = utf8_get((const unsigned char *)ls + i, ll - i, &cp);
			if (!py_space(cp))
				break;
		}
		if (i == ll)
			flush_para(&para, &emitted, &last, out);
	}
	buf_clear(&para);
	return diag_fail(d, what, startline, 0, "no \"*** END OF THE "
	    "PROJECT GUTENBERG\" (or THIS) line after this START line "
	    "(a truncated download?)");
}

int
assemble_part(const char *conv, const char *data, size_t n, const char *what,
    struct buf *out, struct diag *d)
{
	if (strcmp(conv, "concat") == 0) {
		buf_put(out, data, n);
		return 0;
	}
	if (strcmp(conv, "gutenberg") == 0)
		return gutenberg(data, n, what, out, d);
	return diag_fail(d, what, 0, 0, "unknown conversion \"%s\" (known: "
	    ASSEMBLE_CONVERTS ")", conv);
}
