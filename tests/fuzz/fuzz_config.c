/*
 * tests/fuzz/fuzz_config: libFuzzer target for vecdoc.yml: the YAML
 * tree (libyaml), the settings and the data declarations (spaces,
 * corpora, files, tokenizers) that data_new reads without opening any
 * file. The input is the whole vecdoc.yml, given by file name (a memfd).
 * Must never crash or leak; a refused config says why.
 */
#include "fuzz.h"
#include "site/site.h"
#include "data/data.h"
#include "util/diag.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct site_config cfg;
	struct diaglist dl;
	struct data *dt;
	int rc;

	if (size > 16384)
		return 0;
	diaglist_init(&dl);
	rc = config_load(&cfg, fuzz_file(0, data, size), &dl);
	if (rc != 0 && dl.nerrors == 0)
		__builtin_trap();
	if (rc == 0 && cfg.root != NULL) {
		dt = data_new(cfg.root, cfg.file, "/nonexistent-vecdoc-fuzz",
		    &dl);
		data_free(dt);
	}
	config_clear(&cfg);
	diaglist_clear(&dl);
	return 0;
}
