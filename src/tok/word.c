/*
 * tok/word: the word tokenizer for GloVe and word2vec spaces, close to
 * the Stanford tokenizer their corpora went through: words are runs of
 * letters, digits and marks (hyphens between them kept: "lithium-ion"),
 * numbers keep their inner "." and "," ("3.14", "1,000"), English
 * clitics are split as the Penn Treebank does ("don't" -> "do" "n't",
 * "cat's" -> "cat" "'s"), every other punctuation or symbol character is
 * a token of its own (a run of the same one, like "...", stays one), and
 * pieces are lowercased when the tokenizer lowercases.
 * Never drops text silently: every non-space byte is in some token.
 */
#include <string.h>

#include "tok/tok_impl.h"
#include "util/buf.h"

static int
is_wordch(utf8proc_int32_t c)
{
	utf8proc_category_t k = utf8proc_category(c);

	return (k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_ME) ||
	    (k >= UTF8PROC_CATEGORY_ND && k <= UTF8PROC_CATEGORY_NO) ||
	    c == '_';
}

static int
is_space(utf8proc_int32_t c)
{
	utf8proc_category_t k = utf8proc_category(c);

	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	    c == '\f' || k == UTF8PROC_CATEGORY_ZS || k == UTF8PROC_CATEGORY_ZL ||
	    k == UTF8PROC_CATEGORY_ZP || c == 0x85;
}

static int
is_digit(utf8proc_int32_t c)
{
	return utf8proc_category(c) == UTF8PROC_CATEGORY_ND;
}

static int
is_apos(utf8proc_int32_t c)
{
	return c == '\'' || c == 0x2019;
}

/* Code point at s[i] (valid UTF-8 assumed) and its length. */
static utf8proc_int32_t
cp_at(const char *s, size_t len, size_t i, size_t *k)
{
	utf8proc_int32_t c = 0;
	utf8proc_ssize_t n = i < len ? utf8proc_iterate((const utf8proc_uint8_t *)
	    s + i, (utf8proc_ssize_t)(len - i), &c) : 0;

	*k = n > 0 ? (size_t)n : 1;
	return i < len ? c : -1;
}

static void
emit(const struct tokenizer *t, const char *s, size_t a, size_t b,
    struct toklist *l, struct buf *tmp)
{
	size_t i = a, k;

	buf_reset(tmp);
	while (i < b) {
		utf8proc_int32_t c = cp_at(s, b, i, &k);
		utf8proc_uint8_t u[4];
		utf8proc_ssize_t n;

		if (t->lowercase)
			c = utf8proc_tolower(c);
		if (c == 0x2019)
			c = '\'';
		n = utf8proc_encode_char(c, u);
		buf_put(tmp, u, (size_t)n);
		i += k;
	}
	toklist_push(l, -1, buf_str(tmp), tmp->len, a, b, 0);
}

/* Length of a clitic at s[i] ("'s", "'re", "n't"...), 0 if none; the
 * clitic must end the word. */
static size_t
clitic(const char *s, size_t i, size_t end)
{
	static const char *const cl[] = { "'s", "'re", "'ve", "'ll", "'d",
	    "'m", "n't", NULL };
	size_t k;

	for (k = 0; cl[k]; k++) {
		size_t n = strlen(cl[k]);

		if (end - i == n && strncasecmp(s + i, cl[k], n) == 0)
			return n;
	}
	return 0;
}

int
word_encode(const struct tokenizer *t, const char *s, size_t len,
    struct toklist *l, struct diag *d)
{
	struct buf tmp = BUF_INIT;
	size_t i = 0, k, k2;

	(void)d;
	while (i < len) {
		utf8proc_int32_t c = cp_at(s, len, i, &k), c2;
		size_t a = i, j;

		if (is_space(c) || utf8proc_category(c) == UTF8PROC_CATEGORY_CC ||
		    utf8proc_category(c) == UTF8PROC_CATEGORY_CF) {
			i += k;
			continue;
		}
		if (!is_wordch(c)) {
			/* punctuation: a run of the same character */
			j = i + k;
			while (j < len && cp_at(s, len, j, &k2) == c)
				j += k2;
			emit(t, s, a, j, l, &tmp);
			i = j;
			continue;
		}
		/* an abbreviation of single letters and dots: "U.S.", "e.g." */
		j = i;
		while (j + 1 < len && utf8proc_category(cp_at(s, len, j, &k)) <=
		    UTF8PROC_CATEGORY_LO && utf8proc_category(cp_at(s, len, j,
		    &k)) >= UTF8PROC_CATEGORY_LU && s[j + k] == '.' &&
		    (j + k + 1 >= len || !is_wordch(cp_at(s, len, j + k + 1,
		    &k2)) || utf8proc_category(cp_at(s, len, j + k + 1, &k2)) <=
		    UTF8PROC_CATEGORY_LO))
			j += k + 1;
		if (j >= i + 4 && (j >= len || !is_wordch(cp_at(s, len, j,
		    &k2)))) {
			emit(t, s, a, j, l, &tmp);
			i = j;
			continue;
		}
		/* a word: letters/digits/marks, with inner hyphens, numbers'
		 * inner . and , , and apostrophes before letters */
		c = cp_at(s, len, i, &k);
		j = i + k;
		for (;;) {
			c = cp_at(s, len, j, &k);
			if (j < len && is_wordch(c)) {
				j += k;
				continue;
			}
			c2 = cp_at(s, len, j + k, &k2);
			if (j < len && j + k < len && (c == '-' || is_apos(c)) &&
			    is_wordch(c2)) {
				j += k;
				continue;
			}
			if (j < len && j + k < len && (c == '.' || c == ',') &&
			    is_digit(c2) && j > a && is_digit(cp_at(s, len, j - 1,
			    &k2))) {
				j += k;
				continue;
			}
			break;
		}
		/* split a trailing clitic: find the last apostrophe */
		{
			size_t p, cut = j;

			for (p = a; p < j; p++)
				if (s[p] == '\'' || (p + 2 < j &&
				    memcmp(s + p, "\xe2\x80\x99", 3) == 0)) {
					size_t q = p > a && (s[p - 1] == 'n' ||
					    s[p - 1] == 'N') && p + 1 < j &&
					    (s[p + 1] == 't' || s[p + 1] == 'T') &&
					    p + 2 == j ? p - 1 : p;

					if (s[p] == '\'' && clitic(s, q, j))
						cut = q;
				}
			if (cut > a && cut < j) {
				emit(t, s, a, cut, l, &tmp);
				emit(t, s, cut, j, l, &tmp);
			} else
				emit(t, s, a, j, l, &tmp);
		}
		i = j;
	}
	buf_clear(&tmp);
	return 0;
}
