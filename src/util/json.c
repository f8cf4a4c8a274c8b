/*
 * util/json: streaming JSON writer and number formatting.
 * Produces JSON text in a caller-owned buffer.
 * Never calls setlocale or reads the environment.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/json.h"

void
jw_init(struct jw *w, struct buf *out, int pretty)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->pretty = pretty;
	w->first[0] = 1;
}

static void
sep(struct jw *w)
{
	if (w->depth > 0 && w->first[w->depth] == 2) {
		w->first[w->depth] = 0;	/* value right after a key */
		return;
	}
	if (!w->first[w->depth])
		buf_putc(w->out, ',');
	w->first[w->depth] = 0;
	if (w->pretty && w->depth > 0) {
		buf_putc(w->out, '\n');
		for (int i = 0; i < w->depth; i++)
			buf_puts(w->out, "  ");
	}
}

static void
open_(struct jw *w, int c)
{
	sep(w);
	buf_putc(w->out, c);
	if (w->depth < 63)
		w->depth++;
	w->first[w->depth] = 1;
}

static void
close_(struct jw *w, int c)
{
	int empty = w->first[w->depth] == 1;

	if (w->depth > 0)
		w->depth--;
	if (w->pretty && !empty) {
		buf_putc(w->out, '\n');
		for (int i = 0; i < w->depth; i++)
			buf_puts(w->out, "  ");
	}
	buf_putc(w->out, c);
}

void jw_obj_begin(struct jw *w) { open_(w, '{'); }
void jw_obj_end(struct jw *w) { close_(w, '}'); }
void jw_arr_begin(struct jw *w) { open_(w, '['); }
void jw_arr_end(struct jw *w) { close_(w, ']'); }

void
json_escape(struct buf *b, const char *s, size_t n)
{
	size_t i;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		switch (c) {
		case '"': buf_puts(b, "\\\""); break;
		case '\\': buf_puts(b, "\\\\"); break;
		case '\n': buf_puts(b, "\\n"); break;
		case '\r': buf_puts(b, "\\r"); break;
		case '\t': buf_puts(b, "\\t"); break;
		case '<': buf_puts(b, "\\u003c"); break;	/* safe inside <script> */
		default:
			if (c < 0x20)
				buf_printf(b, "\\u%04x", c);
			else
				buf_putc(b, c);
		}
	}
}

void
jw_key(struct jw *w, const char *k)
{
	sep(w);
	buf_putc(w->out, '"');
	json_escape(w->out, k, strlen(k));
	buf_puts(w->out, w->pretty ? "\": " : "\":");
	w->first[w->depth] = 2;
}

void
jw_strn(struct jw *w, const char *s, size_t n)
{
	sep(w);
	buf_putc(w->out, '"');
	json_escape(w->out, s, n);
	buf_putc(w->out, '"');
}

void
jw_str(struct jw *w, const char *s)
{
	jw_strn(w, s, strlen(s));
}

void
jw_int(struct jw *w, long long v)
{
	/* Digits by hand: the search index writes hundreds of thousands
	 * of posting numbers, and printf's parsing of "%lld" each time
	 * showed in profiles. Same text as "%lld". */
	char tmp[24], *p = tmp + sizeof(tmp);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v :
	    (unsigned long long)v;

	sep(w);
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	buf_put(w->out, p, (size_t)(tmp + sizeof(tmp) - p));
}

void
jw_num(struct jw *w, double v)
{
	char tmp[40];

	sep(w);
	if (!isfinite(v)) {
		buf_puts(w->out, "null");
		return;
	}
	/* the range test first: casting a larger double is undefined */
	if (v > -1e15 && v < 1e15 && v == (double)(long long)v)
		snprintf(tmp, sizeof(tmp), "%lld", (long long)v);
	else
		for (int p = 1; p <= 17; p++) {
			snprintf(tmp, sizeof(tmp), "%.*g", p, v);
			if (strtod(tmp, NULL) == v)
				break;
		}
	buf_puts(w->out, tmp);
}

void
fmt_float(char *out, size_t outsz, float v)
{
	if (isnan(v)) {
		snprintf(out, outsz, "nan");
		return;
	}
	if (isinf(v)) {
		snprintf(out, outsz, v > 0 ? "inf" : "-inf");
		return;
	}
	for (int p = 1; p <= 9; p++) {
		snprintf(out, outsz, "%.*g", p, (double)v);
		if (strtof(out, NULL) == v)
			return;
	}
}

void
jw_float(struct jw *w, float v)
{
	char tmp[40];

	sep(w);
	if (!isfinite(v)) {
		buf_puts(w->out, "null");
		return;
	}
	fmt_float(tmp, sizeof(tmp), v);
	buf_puts(w->out, tmp);
}

void
fmt_fixed(char *out, size_t outsz, double v, int prec)
{
	if (isnan(v))
		snprintf(out, outsz, "NaN");
	else {
		snprintf(out, outsz, "%.*f", prec, v);
		if (strncmp(out, "-0.", 3) == 0 && strtod(out, NULL) == 0)
			memmove(out, out + 1, strlen(out));	/* no "-0.000" */
	}
}

void
jw_bool(struct jw *w, int v)
{
	sep(w);
	buf_puts(w->out, v ? "true" : "false");
}

void
jw_null(struct jw *w)
{
	sep(w);
	buf_puts(w->out, "null");
}
