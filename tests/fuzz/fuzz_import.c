/*
 * tests/fuzz/fuzz_import: libFuzzer target for vecdoc import's parsers:
 * the double-encoding detector, the repair (lost bytes, word choice),
 * the navigation split and reader, the structure converter and the TeX
 * repair, the rhyme of a syllable, on any bytes.
 * Reads fuzzer bytes; produces nothing. Must never crash or leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "util/mojibake.h"
#include "util/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size);
	size_t len = strlen(s);
	struct moji_verdict v;
	struct imp_range body[3], nav, foot;
	struct imp_text t[3], tn;
	struct imp_lexicon lx;
	struct imp_page pg;
	struct buf out = BUF_INIT, f = BUF_INIT;
	char *nv = NULL, *fv = NULL;
	int nb, i, cp;
	size_t k;

	cp = moji_detect(s, len, &v) ? v.cp : (len > 0 ? s[0] & 3 : -1);
	imp_split(s, len, body, &nb, &nav, &foot);
	imp_lexicon_init(&lx);
	for (i = 0; i < nb; i++) {
		imp_decode(s + body[i].start, body[i].end - body[i].start, cp,
		    1, 1, &t[i]);
		imp_lexicon_learn(&lx, &t[i]);
	}
	imp_decode(s + nav.start, nav.end - nav.start, cp, 1, 1, &tn);
	/* The input's words as the syllable list, the rhymes of every other
	 * one as the corpora's (many times), so that the last round's
	 * backoff to rhymes runs on them. */
	{
		char *w = xstrdup(s), *tok, *sv = NULL;
		int nw = 0;

		for (tok = strtok_r(w, " \n\t", &sv); tok != NULL && nw < 64;
		    tok = strtok_r(NULL, " \n\t", &sv), nw++) {
			const char *r = imp_rhyme(tok);

			strmap_put(&lx.dict, tok, strlen(tok), NULL);
			lx.have_dict = 1;
			if (r != NULL && nw % 2 == 0)
				strmap_put(&lx.rhymes, r, strlen(r),
				    NULL)->val.num += 1000;
		}
		free(w);
	}
	for (i = 0; i < nb; i++) {
		imp_resolve(&t[i], &lx, "f");
		imp_lexicon_learn_resolved(&lx, &t[i]);
		imp_resolve(&t[i], &lx, "f");
	}
	lx.final = 1;
	for (i = 0; i < nb; i++) {
		imp_resolve(&t[i], &lx, "f");
		imp_render(&t[i], &out);
	}
	imp_resolve(&tn, &lx, "f");
	memset(&pg, 0, sizeof(pg));
	diaglist_init(&pg.notes);
	nv = xstrndup(s + nav.start, nav.end - nav.start);
	fv = xstrndup(s + foot.start, foot.end - foot.start);
	imp_read_nav(&pg, nv, fv);
	pg.text = out.data != NULL ? buf_detach(&out) : xstrdup("");
	imp_convert(&pg, "f");
	imp_fix_tex(s, len, &f);
	free(imp_namekey(s));
	for (k = 0; k < pg.nlessons; k++) {
		free(pg.lessons[k]);
		free(pg.lessontitles[k]);
	}
	free(pg.lessons);
	free(pg.lessontitles);
	free(pg.text);
	free(pg.title);
	free(pg.description);
	free(pg.origname);
	free(pg.module);
	free(pg.modkey);
	diaglist_clear(&pg.notes);
	for (i = 0; i < nb; i++)
		imp_text_clear(&t[i]);
	imp_text_clear(&tn);
	imp_lexicon_clear(&lx);
	buf_clear(&f);
	free(nv);
	free(fv);
	free(s);
	return 0;
}
