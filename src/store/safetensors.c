/*
 * store/safetensors: one tensor of a safetensors file (F32, F16, BF16,
 * F64) as a space, its vocabulary from the model's tokenizer file.
 * Reads a file or memory; validates the whole header as the reference
 * implementation does (contiguous, in-range, sized offsets). Never trusts
 * an offset or a length before checking it.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "store/store.h"
#include "util/xalloc.h"


struct dtype {
	const char	*name;
	int		 bits;
};

static const struct dtype dtypes[] = {
	{ "BOOL", 8 }, { "U8", 8 }, { "I8", 8 }, { "F8_E5M2", 8 },
	{ "F8_E4M3", 8 }, { "F8_E8M0", 8 }, { "I16", 16 }, { "U16", 16 },
	{ "F16", 16 }, { "BF16", 16 }, { "I32", 32 }, { "U32", 32 },
	{ "F32", 32 }, { "F64", 64 }, { "I64", 64 }, { "U64", 64 },
	{ "F4", 4 }, { "F6_E2M3", 6 }, { "F6_E3M2", 6 }, { NULL, 0 }
};

static int
cmp_begin(const void *a, const void *b)
{
	const struct st_tensor *x = a, *y = b;

	return x->begin < y->begin ? -1 : x->begin > y->begin ? 1 :
	    x->end < y->end ? -1 : x->end > y->end;
}

void
safetensors_header_clear(struct st_header *h)
{
	if (h == NULL)
		return;
	free(h->t);
	json_decref(h->root);
	memset(h, 0, sizeof(*h));
}

int
safetensors_header(const char *name, const unsigned char *json, uint64_t hl,
    uint64_t datalen, struct st_header *h, struct diag *d)
{
	json_t *root, *v;
	json_error_t jerr;
	struct st_tensor *t;
	const char *key;
	uint64_t prev = 0;
	size_t nt = 0, i;
	int k;

	memset(h, 0, sizeof(*h));
	h->hl = hl;
	root = json_loadb((const char *)json, (size_t)hl, 0, &jerr);
	if (root == NULL)
		return diag_fail_at(d, name, 8 + (long long)jerr.position,
		    "bad JSON header: %s", jerr.text);
	h->root = root;
	if (!json_is_object(root)) {
		diag_fail_at(d, name, 8, "header is not a JSON object");
		goto fail;
	}
	t = h->t = xcalloc(json_object_size(root) + 1, sizeof(*t));
	json_object_foreach(root, key, v) {
		json_t *dt, *sh, *off, *x;
		size_t m;
		uint64_t nel = 1, bytes;

		if (strcmp(key, "__metadata__") == 0)
			continue;
		t[nt].name = key;
		if (!json_is_object(v) ||
		    !json_is_string(dt = json_object_get(v, "dtype")) ||
		    !json_is_array(sh = json_object_get(v, "shape")) ||
		    !json_is_array(off = json_object_get(v, "data_offsets")) ||
		    json_array_size(off) != 2) {
			diag_fail_at(d, name, 8, "tensor \"%.80s\": needs dtype, "
			    "shape and data_offsets [begin, end]", key);
			goto fail;
		}
		t[nt].dtype = json_string_value(dt);
		for (k = 0; dtypes[k].name; k++)
			if (strcmp(dtypes[k].name, t[nt].dtype) == 0)
				break;
		if (dtypes[k].name == NULL) {
			diag_fail_at(d, name, 8, "tensor \"%.80s\": unknown dtype "
			    "\"%.20s\"", key, t[nt].dtype);
			goto fail;
		}
		t[nt].bits = dtypes[k].bits;
		if (json_array_size(sh) > 8) {
			diag_fail_at(d, name, 8, "tensor \"%.80s\": more than 8 "
			    "dimensions", key);
			goto fail;
		}
		json_array_foreach(sh, m, x) {
			json_int_t e = json_is_integer(x) ? json_integer_value(x) : -1;

			if (e < 0 || (e > 0 && nel > UINT64_MAX / 64 / (uint64_t)e)) {
				diag_fail_at(d, name, 8, "tensor \"%.80s\": bad "
				    "shape", key);
				goto fail;
			}
			t[nt].shape[m] = (uint64_t)e;
			nel *= (uint64_t)e;
		}
		t[nt].ndim = (int)json_array_size(sh);
		for (m = 0; m < 2; m++) {
			x = json_array_get(off, m);
			if (!json_is_integer(x) || json_integer_value(x) < 0) {
				diag_fail_at(d, name, 8, "tensor \"%.80s\": bad "
				    "data_offsets", key);
				goto fail;
			}
		}
		t[nt].begin = (uint64_t)json_integer_value(json_array_get(off, 0));
		t[nt].end = (uint64_t)json_integer_value(json_array_get(off, 1));
		bytes = (nel * (uint64_t)t[nt].bits + 7) / 8;
		if (t[nt].end < t[nt].begin || t[nt].end > datalen) {
			diag_fail_at(d, name, 8, "tensor \"%.80s\": data_offsets "
			    "[%llu, %llu) out of range (the data is %llu bytes)",
			    key, (unsigned long long)t[nt].begin,
			    (unsigned long long)t[nt].end,
			    (unsigned long long)datalen);
			goto fail;
		}
		if (t[nt].end - t[nt].begin != bytes) {
			diag_fail_at(d, name, 8, "tensor \"%.80s\": data_offsets "
			    "span %llu bytes but %s of that shape needs %llu",
			    key, (unsigned long long)(t[nt].end - t[nt].begin),
			    t[nt].dtype, (unsigned long long)bytes);
			goto fail;
		}
		nt++;
	}
	h->nt = nt;
	qsort(t, nt, sizeof(*t), cmp_begin);
	for (i = 0; i < nt; i++) {
		if (t[i].begin != prev) {
			diag_fail_at(d, name, 8 + (long long)hl +
			    (long long)t[i].begin,
			    "tensor \"%.80s\" starts at %llu: data_offsets %s",
			    t[i].name, (unsigned long long)t[i].begin,
			    t[i].begin < prev ? "overlap" : "leave a gap");
			goto fail;
		}
		prev = t[i].end;
	}
	h->datalen = prev;
	if (datalen != UINT64_MAX && prev != datalen) {
		diag_fail_at(d, name, 8 + (long long)hl + (long long)prev,
		    "%llu bytes after the last tensor",
		    (unsigned long long)(datalen - prev));
		goto fail;
	}
	return 0;
fail:
	safetensors_header_clear(h);
	return -1;
}

const struct st_tensor *
safetensors_find(const struct st_header *h, const char *name,
    const char *tensor, struct diag *d)
{
	const struct st_tensor *sel = NULL;
	const char **names, *hint;
	size_t i;
	int n2d = 0;

	for (i = 0; i < h->nt; i++) {
		if (h->t[i].ndim == 2)
			n2d++;
		if (tensor ? strcmp(h->t[i].name, tensor) == 0 :
		    h->t[i].ndim == 2 && sel == NULL)
			sel = &h->t[i];
	}
	if (tensor == NULL && n2d != 1) {
		diag_fail(d, name, 0, 0, "%d two-dimensional tensors: say which "
		    "one with tensor:", n2d);
		return NULL;
	}
	if (sel != NULL)
		return sel;
	names = xcalloc(h->nt + 1, sizeof(*names));
	for (i = 0; i < h->nt; i++)
		names[i] = h->t[i].name;
	hint = diag_suggest(tensor, names, h->nt);
	/* A module prefix saved or not ("transformer.wte.weight" against
	 * "wte.weight"): one name ends the other after a dot. */
	for (i = 0; hint == NULL && i < h->nt; i++) {
		size_t a = strlen(tensor), b = strlen(names[i]);
		const char *lng = a > b ? tensor : names[i];
		const char *sht = a > b ? names[i] : tensor;
		size_t dl = a > b ? a - b : b - a;

		if (dl > 0 && strcmp(lng + dl, sht) == 0 && lng[dl - 1] == '.')
			hint = names[i];
	}
	if (hint)
		diag_fail(d, name, 0, 0, "no tensor \"%.80s\" (did you "
		    "mean \"%.80s\"?)", tensor, hint);
	else {
		char list[400];
		size_t off = 0;

		list[0] = '\0';
		for (i = 0; i < h->nt && off < sizeof(list) - 100; i++)
			off += (size_t)snprintf(list + off, sizeof(list) - off,
			    "%s%.80s", i ? ", " : "", names[i]);
		diag_fail(d, name, 0, 0, "no tensor \"%.80s\" (the file "
		    "has: %s%s)", tensor, list, i < h->nt ? ", ..." : "");
	}
	free(names);
	return NULL;
}

int
safetensors_check_matrix(const char *name, const struct st_tensor *sel,
    struct diag *d)
{
	if (sel->ndim != 2 || sel->shape[0] == 0 || sel->shape[1] == 0 ||
	    sel->shape[1] > 1000000 || sel->shape[0] >= (1ULL << 31))
		return diag_fail(d, name, 0, 0, "tensor \"%.80s\" is not a "
		    "non-empty matrix (%d dimensions)", sel->name, sel->ndim);
	if (strcmp(sel->dtype, "F32") != 0 && strcmp(sel->dtype, "F16") != 0 &&
	    strcmp(sel->dtype, "BF16") != 0 && strcmp(sel->dtype, "F64") != 0)
		return diag_fail(d, name, 0, 0, "tensor \"%.80s\" has dtype %s; "
		    "embeddings must be F32, F16, BF16 or F64", sel->name,
		    sel->dtype);
	return 0;
}

int
safetensors_convert(const char *name, const struct st_tensor *sel,
    const unsigned char *data, long long fileoff, float *out, struct diag *d)
{
	size_t nel = (size_t)sel->shape[0] * (size_t)sel->shape[1];
	size_t dims = (size_t)sel->shape[1], i;
	int isz = sel->bits / 8;

	for (i = 0; i < nel; i++) {
		const unsigned char *e = data + i * (size_t)isz;
		float f;

		if (isz == 4)
			memcpy(&f, e, 4);
		else if (isz == 8) {
			double x;

			memcpy(&x, e, 8);
			f = (float)x;
		} else if (sel->dtype[0] == 'B')
			f = store_bf16((uint16_t)(e[0] | e[1] << 8));
		else
			f = store_half((uint16_t)(e[0] | e[1] << 8));
		if (!isfinite(f))
			return diag_fail_at(d, name, fileoff +
			    (long long)(i * (size_t)isz), "tensor \"%.80s\" row "
			    "%zu, component %zu is not finite", sel->name,
			    i / dims, i % dims + 1);
		out[i] = f;
	}
	return 0;
}

struct space *
safetensors_parse(const char *name, const unsigned char *p, size_t n,
    const char *tensor, struct wordbuf *vocab, const char *vocabname,
    struct diag *d)
{
	uint64_t hl;
	struct st_header h;
	const struct st_tensor *sel;
	struct space *s = NULL;

	if (n < 8) {
		diag_fail_at(d, name, (long long)n, "truncated: %zu bytes, the "
		    "header length alone is 8", n);
		return NULL;
	}
	memcpy(&hl, p, 8);
	if (hl > ST_MAXHDR) {
		diag_fail_at(d, name, 0, "header length %llu is absurd (the "
		    "reference implementation stops at %llu)",
		    (unsigned long long)hl, ST_MAXHDR);
		return NULL;
	}
	if (hl > n - 8) {
		diag_fail_at(d, name, 0, "header length %llu exceeds the file "
		    "(%zu bytes)", (unsigned long long)hl, n);
		return NULL;
	}
	if (safetensors_header(name, p + 8, hl, n - 8 - hl, &h, d) < 0)
		return NULL;
	if ((sel = safetensors_find(&h, name, tensor, d)) == NULL ||
	    safetensors_check_matrix(name, sel, d) < 0)
		goto out;
	if (vocab->n > sel->shape[0]) {
		diag_fail(d, vocabname ? vocabname : name, 0, 0, "vocabulary "
		    "has %zu tokens but tensor \"%.80s\" has %llu rows",
		    vocab->n, sel->name, (unsigned long long)sel->shape[0]);
		goto out;
	}
	if (vocab->positions && vocab->n == 0)
		wordbuf_number(vocab, (long)sel->shape[0]);
	/* Rows beyond the vocabulary (padding) get placeholder names. */
	while (vocab->n < sel->shape[0]) {
		char tmp[48];
		int len = snprintf(tmp, sizeof(tmp), "<|row %zu|>", vocab->n);

		wordbuf_add(vocab, tmp, (size_t)len);
	}
	s = store_new(name, "safetensors");
	s->dims = (int)sel->shape[1];
	snprintf(s->dtype, sizeof(s->dtype), "%s", sel->dtype);
	if (store_mat_reserve(s, (long)sel->shape[0], s->dims, d) < 0 ||
	    safetensors_convert(name, sel, p + 8 + hl + sel->begin,
	    (long long)(8 + hl + sel->begin), s->mat, d) < 0)
		goto fail;
	s->rows = (long)sel->shape[0];
	wordbuf_give(vocab, s);
	if (store_finish(s, -1, d) < 0)
		goto fail;
	goto out;
fail:
	space_free(s);
	s = NULL;
out:
	safetensors_header_clear(&h);
	return s;
}

struct space *
safetensors_read(const char *path, const char *tensor, const char *vocab,
    int positions, struct diag *d)
{
	size_t n;
	const unsigned char *p;
	struct space *s;
	struct wordbuf wb;

	wordbuf_init(&wb);
	wb.positions = positions && vocab == NULL;
	if (vocab != NULL && vocab_read(vocab, &wb, d) < 0)
		return NULL;
	if ((p = store_map(path, &n, d)) == NULL) {
		wordbuf_clear(&wb);
		return NULL;
	}
	s = safetensors_parse(path, p, n, tensor, &wb, vocab, d);
	wordbuf_clear(&wb);
	store_unmap(p, n);
	return s;
}
