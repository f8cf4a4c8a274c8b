/*
 * store/vocab: the token list of a model, in id order, from vocab.txt
 * (one token per line, BERT), encoder.json (GPT-2: token -> id) or a
 * Hugging Face tokenizer.json (model.vocab). Reads one file; produces a
 * wordbuf. Never accepts two tokens for one id or a gap in the ids.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "store/store.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

static int
vocab_json(const char *path, const struct buf *b, struct wordbuf *w,
    struct diag *d)
{
	json_error_t err;
	json_t *root, *map, *v;
	const char *key, **byid = NULL;
	size_t n, i;
	int rc = -1;

	root = json_loadb(b->data, b->len, 0, &err);
	if (root == NULL)
		return diag_fail(d, path, err.line, err.column, "bad JSON: %s",
		    err.text);
	map = root;
	if (json_is_object(json_object_get(root, "model")))
		map = json_object_get(json_object_get(root, "model"), "vocab");
	if (!json_is_object(map)) {
		diag_fail(d, path, 0, 0, "expected an object token -> id "
		    "(encoder.json) or tokenizer.json with model.vocab");
		goto out;
	}
	n = json_object_size(map);
	byid = xcalloc(n + 1, sizeof(*byid));
	json_object_foreach(map, key, v) {
		json_int_t id = json_is_integer(v) ? json_integer_value(v) : -1;

		if (id < 0 || (size_t)id >= n) {
			diag_fail(d, path, 0, 0, "token \"%.80s\": id must be an "
			    "integer in [0, %zu)", key, n);
			goto out;
		}
		if (byid[id]) {
			diag_fail(d, path, 0, 0, "id %lld is given to both "
			    "\"%.80s\" and \"%.80s\"", (long long)id, byid[id],
			    key);
			goto out;
		}
		byid[id] = key;
	}
	for (i = 0; i < n; i++)
		wordbuf_add(w, byid[i], strlen(byid[i]));
	rc = 0;
out:
	free(byid);
	json_decref(root);
	return rc;
}

int
vocab_read(const char *path, struct wordbuf *w, struct diag *d)
{
	struct buf b = BUF_INIT;
	const char *p, *e, *nl;
	int rc = 0;

	if (fs_read(path, &b, d) < 0)
		return -1;
	if (b.len == 0) {
		buf_clear(&b);
		return diag_fail(d, path, 0, 0, "empty vocabulary file");
	}
	if (b.data[0] == '{') {
		rc = vocab_json(path, &b, w, d);
		buf_clear(&b);
		return rc;
	}
	for (p = b.data, e = b.data + b.len; p < e; p = nl + 1) {
		size_t n;

		nl = memchr(p, '\n', (size_t)(e - p));
		if (nl == NULL)
			nl = e;
		n = (size_t)(nl - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		wordbuf_add(w, p, n);
	}
	buf_clear(&b);
	return 0;
}
