/*
 * site/config: vecdoc.yml into a struct site_config.
 * Produces validated settings; keeps the YAML tree for data sections
 * (spaces, corpora) that other stages read.
 * Never accepts an unknown key silently.
 */
#include <stdlib.h>
#include <string.h>

#include "site/site.h"
#include "util/fsutil.h"
#include "util/xalloc.h"

static const char *const known_keys[] = {
	"title", "description", "language", "theme", "url",
	"spaces", "corpora", "files", "tokenizers", "models", "author", "budget",
};

int
config_load(struct site_config *cfg, const char *path, struct diaglist *diags)
{
	struct buf b = BUF_INIT;
	struct diag d;
	struct ynode *root;
	const char *s, *hint;
	size_t i, k;
	int rc = 0;

	memset(cfg, 0, sizeof(*cfg));
	cfg->file = xstrdup(path);
	if (fs_read(path, &b, &d) != 0) {
		diaglist_push(diags, &d);
		buf_clear(&b);
		return -1;
	}
	root = ynode_parse(buf_str(&b), b.len, path, 0, &d);
	buf_clear(&b);
	if (root == NULL) {
		diaglist_push(diags, &d);
		return -1;
	}
	if (root->kind != YNODE_MAP) {
		ynode_free(root);
		return diaglist_add(diags, DIAG_ERROR, path, 1, 1,
		    "vecdoc.yml must be a mapping of settings");
	}
	cfg->root = root;
	for (i = 0; i < root->n; i++) {
		for (k = 0; k < sizeof(known_keys) / sizeof(known_keys[0]); k++)
			if (strcmp(root->keys[i], known_keys[k]) == 0)
				break;
		if (k < sizeof(known_keys) / sizeof(known_keys[0]))
			continue;
		hint = diag_suggest(root->keys[i], known_keys,
		    sizeof(known_keys) / sizeof(known_keys[0]));
		if (hint != NULL)
			diaglist_add(diags, DIAG_ERROR, path, root->keylines[i],
			    root->keycols[i], "unknown setting '%s' (did you mean '%s'?)",
			    root->keys[i], hint);
		else
			diaglist_add(diags, DIAG_ERROR, path, root->keylines[i],
			    root->keycols[i], "unknown setting '%s'", root->keys[i]);
		rc = -1;
	}
#define STR_FIELD(key, dst, def) do {					\
	const struct ynode *n_ = ynode_get(root, key);			\
	if (n_ == NULL)							\
		(dst) = (def) ? xstrdup(def) : NULL;			\
	else if (ynode_str(n_, path, key, &s, &d) != 0) {		\
		diaglist_push(diags, &d);				\
		rc = -1;						\
	} else								\
		(dst) = xstrdup(s);					\
} while (0)
	STR_FIELD("title", cfg->title, "Untitled course");
	STR_FIELD("description", cfg->description, NULL);
	STR_FIELD("language", cfg->language, "en");
	STR_FIELD("theme", cfg->theme, "default");
	STR_FIELD("url", cfg->url, NULL);
#undef STR_FIELD
	if (cfg->language != NULL) {
		for (s = cfg->language; *s; s++)
			if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			    *s == '-')) {
				const struct ynode *n = ynode_get(root, "language");

				diaglist_add(diags, DIAG_ERROR, path, n->line, n->col,
				    "language must be a language tag such as 'vi' or 'en', not '%s'",
				    cfg->language);
				rc = -1;
				break;
			}
	}
	if (cfg->url != NULL && strncmp(cfg->url, "https://", 8) != 0 &&
	    strncmp(cfg->url, "http://", 7) != 0) {
		const struct ynode *n = ynode_get(root, "url");

		diaglist_add(diags, DIAG_ERROR, path, n->line, n->col,
		    "url must start with https:// or http://, not '%s'", cfg->url);
		rc = -1;
	}
	return rc;
}

void
config_clear(struct site_config *cfg)
{
	free(cfg->file);
	free(cfg->title);
	free(cfg->description);
	free(cfg->language);
	free(cfg->theme);
	free(cfg->url);
	ynode_free(cfg->root);
	memset(cfg, 0, sizeof(*cfg));
}
