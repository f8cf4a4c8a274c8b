/*
 * tests/derived/dump: writes a space declared in DIR/vecdoc.yml (derived
 * ones included) as GloVe text with round-trip decimals, for the numpy
 * cross-checks of tests/derived/suite.sh.
 * Reads a course's vecdoc.yml and its data; writes one file.
 * Never used by vecdoc itself.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "data/data.h"
#include "store/space.h"
#include "util/buf.h"
#include "util/fsutil.h"
#include "util/yamltree.h"

int
main(int argc, char **argv)
{
	struct buf b = BUF_INIT, path = BUF_INIT;
	struct diaglist dl;
	struct diag d;
	struct ynode *y;
	struct data *dt;
	const struct space *s;
	int rc = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: dump DIR SPACE OUT\n");
		return 2;
	}
	buf_printf(&path, "%s/vecdoc.yml", argv[1]);
	if (fs_read(buf_str(&path), &b, &d) != 0 ||
	    (y = ynode_parse(b.data, b.len, "vecdoc.yml", 1, &d)) == NULL) {
		diag_print(stderr, &d);
		return 1;
	}
	diaglist_init(&dl);
	dt = data_new(y, "vecdoc.yml", argv[1], &dl);
	diaglist_print(stderr, &dl);
	if ((s = data_space(dt, argv[2], &d)) == NULL)
		diag_print(stderr, &d);
	else if (space_write_glove(s, argv[3], &d) < 0)
		diag_print(stderr, &d);
	else
		rc = 0;
	data_free(dt);
	diaglist_clear(&dl);
	ynode_free(y);
	buf_clear(&b);
	buf_clear(&path);
	return rc;
}
