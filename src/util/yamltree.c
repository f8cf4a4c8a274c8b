/*
 * util/yamltree: libyaml events folded into a tree with places.
 * Produces heap-allocated ynode trees.
 * Never accepts aliases (anchors are refused: a config has no need of them,
 * and they are how "billion laughs" documents grow).
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "util/xalloc.h"
#include "util/yamltree.h"

struct ystate {
	yaml_parser_t	 p;
	const char	*file;
	long		 line0;
	struct diag	*d;
	int		 depth;
};

static struct ynode *
ynode_new(enum ynode_kind kind, const yaml_mark_t *m, long line0)
{
	struct ynode *n = xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->line = (long)m->line + 1 + line0;
	n->col = (int)m->column + 1;
	return n;
}

void
ynode_free(struct ynode *n)
{
	size_t i;

	if (n == NULL)
		return;
	for (i = 0; i < n->n; i++) {
		if (n->keys)
			free(n->keys[i]);
		ynode_free(n->vals[i]);
	}
	free(n->keys);
	free(n->keylines);
	free(n->keycols);
	free(n->vals);
	free(n->str);
	free(n);
}

static int
perr(struct ystate *s)
{
	const char *prob = s->p.problem ? s->p.problem : "invalid YAML";
	yaml_mark_t m = s->p.problem_mark;

	if (s->p.context != NULL)
		return diag_fail(s->d, s->file, (long)m.line + 1 + s->line0,
		    (int)m.column + 1, "YAML: %s %s", s->p.context, prob);
	return diag_fail(s->d, s->file, (long)m.line + 1 + s->line0,
	    (int)m.column + 1, "YAML: %s", prob);
}

static struct ynode *parse_node(struct ystate *s, yaml_event_t *ev);

static int
next(struct ystate *s, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&s->p, ev))
		return perr(s);
	return 0;
}

static void
append(struct ynode *n, char *key, long kl, int kc, struct ynode *v)
{
	n->vals = xreallocarray(n->vals, n->n + 1, sizeof(*n->vals));
	if (n->kind == YNODE_MAP) {
		n->keys = xreallocarray(n->keys, n->n + 1, sizeof(*n->keys));
		n->keylines = xreallocarray(n->keylines, n->n + 1, sizeof(long));
		n->keycols = xreallocarray(n->keycols, n->n + 1, sizeof(int));
		n->keys[n->n] = key;
		n->keylines[n->n] = kl;
		n->keycols[n->n] = kc;
	}
	n->vals[n->n++] = v;
}

/* Builds the node that starts with event "ev" (consumed). */
static struct ynode *
parse_node(struct ystate *s, yaml_event_t *ev)
{
	struct ynode *n = NULL, *v;
	yaml_event_t e;

	if (++s->depth > 64) {
		diag_fail(s->d, s->file, (long)ev->start_mark.line + 1 + s->line0,
		    (int)ev->start_mark.column + 1, "YAML: nested too deeply");
		yaml_event_delete(ev);
		return NULL;
	}
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		diag_fail(s->d, s->file, (long)ev->start_mark.line + 1 + s->line0,
		    (int)ev->start_mark.column + 1,
		    "YAML: aliases (*name) are not supported");
		yaml_event_delete(ev);
		break;
	case YAML_SCALAR_EVENT:
		n = ynode_new(YNODE_SCALAR, &ev->start_mark, s->line0);
		n->str = xstrndup((const char *)ev->data.scalar.value,
		    ev->data.scalar.length);
		n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
		yaml_event_delete(ev);
		break;
	case YAML_SEQUENCE_START_EVENT:
		n = ynode_new(YNODE_SEQ, &ev->start_mark, s->line0);
		yaml_event_delete(ev);
		for (;;) {
			if (next(s, &e) != 0)
				goto fail;
			if (e.type == YAML_SEQUENCE_END_EVENT) {
				yaml_event_delete(&e);
				break;
			}
			if ((v = parse_node(s, &e)) == NULL)
				goto fail;
			append(n, NULL, 0, 0, v);
		}
		break;
	case YAML_MAPPING_START_EVENT:
		n = ynode_new(YNODE_MAP, &ev->start_mark, s->line0);
		yaml_event_delete(ev);
		for (;;) {
			long kl;
			int kc;
			char *key;

			if (next(s, &e) != 0)
				goto fail;
			if (e.type == YAML_MAPPING_END_EVENT) {
				yaml_event_delete(&e);
				break;
			}
			kl = (long)e.start_mark.line + 1 + s->line0;
			kc = (int)e.start_mark.column + 1;
			if (e.type != YAML_SCALAR_EVENT) {
				diag_fail(s->d, s->file, kl, kc,
				    "YAML: a mapping key must be a plain string");
				yaml_event_delete(&e);
				goto fail;
			}
			key = xstrndup((const char *)e.data.scalar.value,
			    e.data.scalar.length);
			yaml_event_delete(&e);
			if (ynode_index(n, key) >= 0) {
				diag_fail(s->d, s->file, kl, kc,
				    "YAML: duplicate key '%s'", key);
				free(key);
				goto fail;
			}
			if (next(s, &e) != 0) {
				free(key);
				goto fail;
			}
			if ((v = parse_node(s, &e)) == NULL) {
				free(key);
				goto fail;
			}
			append(n, key, kl, kc, v);
		}
		break;
	default:
		yaml_event_delete(ev);
		break;
	}
	s->depth--;
	return n;
fail:
	ynode_free(n);
	return NULL;
}

struct ynode *
ynode_parse(const char *text, size_t len, const char *file, long line0,
    struct diag *d)
{
	struct ystate s;
	yaml_event_t e;
	struct ynode *root = NULL;
	yaml_mark_t zero = { 0, 0, 0 };

	memset(&s, 0, sizeof(s));
	s.file = file;
	s.line0 = line0;
	s.d = d;
	if (!yaml_parser_initialize(&s.p)) {
		diag_fail(d, file, 0, 0, "YAML: cannot initialise parser");
		return NULL;
	}
	yaml_parser_set_input_string(&s.p, (const unsigned char *)text, len);
	for (;;) {
		if (next(&s, &e) != 0)
			goto out;
		if (e.type == YAML_STREAM_START_EVENT ||
		    e.type == YAML_DOCUMENT_START_EVENT) {
			yaml_event_delete(&e);
			continue;
		}
		if (e.type == YAML_STREAM_END_EVENT ||
		    e.type == YAML_DOCUMENT_END_EVENT) {
			yaml_event_delete(&e);
			break;
		}
		root = parse_node(&s, &e);
		if (root == NULL)
			goto out;
		/* A second document is an error. */
		if (next(&s, &e) != 0) {
			ynode_free(root);
			root = NULL;
			goto out;
		}
		if (e.type == YAML_DOCUMENT_END_EVENT) {
			yaml_event_delete(&e);
			if (next(&s, &e) != 0) {
				ynode_free(root);
				root = NULL;
				goto out;
			}
		}
		if (e.type != YAML_STREAM_END_EVENT) {
			diag_fail(d, file, (long)e.start_mark.line + 1 + line0,
			    (int)e.start_mark.column + 1,
			    "YAML: only one document is allowed");
			yaml_event_delete(&e);
			ynode_free(root);
			root = NULL;
			goto out;
		}
		yaml_event_delete(&e);
		break;
	}
	if (root == NULL)
		root = ynode_new(YNODE_MAP, &zero, line0);
	else if (root->kind == YNODE_SCALAR && root->str[0] == '\0' &&
	    !root->quoted) {
		ynode_free(root);
		root = ynode_new(YNODE_MAP, &zero, line0);
	}
out:
	yaml_parser_delete(&s.p);
	return root;
}

long
ynode_index(const struct ynode *n, const char *key)
{
	size_t i;

	if (n == NULL || n->kind != YNODE_MAP)
		return -1;
	for (i = 0; i < n->n; i++)
		if (strcmp(n->keys[i], key) == 0)
			return (long)i;
	return -1;
}

const struct ynode *
ynode_get(const struct ynode *n, const char *key)
{
	long i = ynode_index(n, key);

	return i < 0 ? NULL : n->vals[i];
}

int
ynode_str(const struct ynode *n, const char *file, const char *what,
    const char **out, struct diag *d)
{
	if (n->kind != YNODE_SCALAR)
		return diag_fail(d, file, n->line, n->col,
		    "'%s' must be a string", what);
	*out = n->str;
	return 0;
}

int
ynode_long(const struct ynode *n, const char *file, const char *what,
    long *out, struct diag *d)
{
	char *end;
	long v;

	if (n->kind != YNODE_SCALAR || n->quoted)
		return diag_fail(d, file, n->line, n->col,
		    "'%s' must be a whole number", what);
	errno = 0;
	v = strtol(n->str, &end, 10);
	if (n->str[0] == '\0' || *end != '\0' || errno != 0)
		return diag_fail(d, file, n->line, n->col,
		    "'%s' must be a whole number, not '%s'", what, n->str);
	*out = v;
	return 0;
}

int
ynode_double(const struct ynode *n, const char *file, const char *what,
    double *out, struct diag *d)
{
	char *end;
	double v;

	if (n->kind != YNODE_SCALAR || n->quoted)
		return diag_fail(d, file, n->line, n->col,
		    "'%s' must be a number", what);
	v = strtod(n->str, &end);
	if (n->str[0] == '\0' || *end != '\0')
		return diag_fail(d, file, n->line, n->col,
		    "'%s' must be a number, not '%s'", what, n->str);
	*out = v;
	return 0;
}

int
ynode_bool(const struct ynode *n, const char *file, const char *what,
    int *out, struct diag *d)
{
	static const char *const yes[] = { "true", "True", "TRUE", "yes", "on" };
	static const char *const no[] = { "false", "False", "FALSE", "no", "off" };
	size_t i;

	if (n->kind == YNODE_SCALAR && !n->quoted) {
		for (i = 0; i < 5; i++) {
			if (strcmp(n->str, yes[i]) == 0) {
				*out = 1;
				return 0;
			}
			if (strcmp(n->str, no[i]) == 0) {
				*out = 0;
				return 0;
			}
		}
	}
	return diag_fail(d, file, n->line, n->col,
	    "'%s' must be true or false", what);
}

int
ynode_check_keys(const struct ynode *m, const char *file, const char *what,
    const char *const *keys, struct diag *d)
{
	size_t i, k, nkeys = 0;
	const char *hint;

	while (keys[nkeys])
		nkeys++;
	for (i = 0; i < m->n; i++) {
		for (k = 0; keys[k]; k++)
			if (strcmp(m->keys[i], keys[k]) == 0)
				break;
		if (keys[k] == NULL) {
			hint = diag_suggest(m->keys[i], keys, nkeys);
			return diag_fail(d, file, m->keylines[i], m->keycols[i],
			    "unknown key \"%s\" in %s%s%s%s", m->keys[i], what,
			    hint ? " (did you mean \"" : "", hint ? hint : "",
			    hint ? "\"?)" : "");
		}
	}
	return 0;
}
