/*
 * store/vds: vecdoc's own binary format, loaded with one mmap and no
 * parsing or copying. Layout (little-endian):
 *   0   magic "\x89VDS\r\n\x1a\n"       8   u32 version (1)
 *   12  u32 header bytes (128)          16  u64 rows
 *   24  u32 dims                        28  u32 nslots (lookup tables)
 *   32  u64 offset of word offsets (u32[rows + 1])
 *   40  u64 offset of the words (NUL-terminated), 48 u64 their bytes
 *   56  u64 offset of the tables (u32[2 * nslots]: exact, case-folded)
 *   64  u64 offset of metadata ("key=value\n"), 72 u64 its bytes
 *   80  u64 offset of the matrix (64-byte aligned, rows * dims float32)
 *   88  u64 file size    96 u64 xxh3 of bytes [128, matrix)
 *   104 u64 xxh3 of the matrix   112 reserved   120 u64 xxh3 of bytes [0,120)
 * Reads and writes .vds files; produces spaces that borrow the mapping.
 * Never trusts an offset before checking it against the file size.
 */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define VDS_MAGIC	"\x89VDS\r\n\x1a\n"
#define VDS_VERSION	1
#define VDS_HDR		128

static uint64_t
get64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

static uint32_t
get32(const unsigned char *p)
{
	uint32_t v;

	memcpy(&v, p, 4);
	return v;
}

static void
put64(unsigned char *p, uint64_t v)
{
	memcpy(p, &v, 8);
}

static void
put32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

static const char *
meta_get(const char *m, size_t n, const char *key, struct buf *out)
{
	size_t kl = strlen(key);
	const char *p = m, *e = m + n, *nl;

	while (p < e) {
		nl = memchr(p, '\n', (size_t)(e - p));
		if (nl == NULL)
			nl = e;
		if ((size_t)(nl - p) > kl && memcmp(p, key, kl) == 0 &&
		    p[kl] == '=') {
			buf_reset(out);
			buf_put(out, p + kl + 1, (size_t)(nl - p - (ptrdiff_t)kl - 1));
			return buf_str(out);
		}
		p = nl + 1;
	}
	return NULL;
}

struct space *
vds_parse(const char *name, const unsigned char *p, size_t n, int verify,
    int checksums, struct diag *d)
{
	uint64_t rows, offw, offb, lenb, offt, offm, lenm, offx, fsize, mbytes;
	uint32_t dims, nslots, hl;
	struct space *s;
	struct buf v = BUF_INIT;
	const uint32_t *woff;
	uint64_t i;

	if (n < VDS_HDR) {
		diag_fail_at(d, name, (long long)n, "truncated .vds: %zu bytes, "
		    "the header alone is %d", n, VDS_HDR);
		return NULL;
	}
	if (memcmp(p, VDS_MAGIC, 8) != 0) {
		diag_fail_at(d, name, 0, "not a .vds file (bad magic)");
		return NULL;
	}
	if (get32(p + 8) != VDS_VERSION) {
		diag_fail_at(d, name, 8, "unsupported .vds version %u (this "
		    "vecdoc reads %d)", get32(p + 8), VDS_VERSION);
		return NULL;
	}
	hl = get32(p + 12);
	if (checksums && get64(p + 120) != XXH3_64bits(p, 120)) {
		diag_fail_at(d, name, 120, "header checksum mismatch (corrupted "
		    "file)");
		return NULL;
	}
	rows = get64(p + 16);
	dims = get32(p + 24);
	nslots = get32(p + 28);
	offw = get64(p + 32);
	offb = get64(p + 40);
	lenb = get64(p + 48);
	offt = get64(p + 56);
	offm = get64(p + 64);
	lenm = get64(p + 72);
	offx = get64(p + 80);
	fsize = get64(p + 88);
	if (fsize != n) {
		diag_fail_at(d, name, (long long)(n < fsize ? n : fsize),
		    "%s .vds: header says %llu bytes, file has %zu",
		    n < fsize ? "truncated" : "oversized",
		    (unsigned long long)fsize, n);
		return NULL;
	}
	if (hl != VDS_HDR || rows == 0 || rows >= UINT32_MAX / 2 || dims == 0 ||
	    dims > 1000000 || nslots <= rows || (nslots & (nslots - 1)) != 0) {
		diag_fail_at(d, name, 12, "implausible .vds header");
		return NULL;
	}
	mbytes = rows * dims * 4;
	/* Every section inside the file and in order; sizes are checked
	 * against what is left, never summed first (no wrap-around). */
	if (mbytes / 4 / dims != rows ||
	    offw != VDS_HDR || offb > n || (offb - offw) / 4 < rows + 1 ||
	    offt > n || offt < offb || lenb > offt - offb || (offt & 3) != 0 ||
	    offm > n || offm < offt || (offm - offt) / 8 < nslots ||
	    offx > n || offx < offm || lenm > offx - offm ||
	    (offx & 63) != 0 || n - offx != mbytes) {
		diag_fail_at(d, name, 32, "inconsistent .vds section offsets");
		return NULL;
	}
	if (checksums && get64(p + 96) != XXH3_64bits(p + VDS_HDR,
	    (size_t)(offx - VDS_HDR))) {
		diag_fail_at(d, name, VDS_HDR, "vocabulary checksum mismatch "
		    "(corrupted file)");
		return NULL;
	}
	if (checksums && verify && get64(p + 104) != XXH3_64bits(p + offx,
	    (size_t)mbytes)) {
		diag_fail_at(d, name, (long long)offx, "matrix checksum mismatch "
		    "(corrupted file)");
		return NULL;
	}
	/* Word offsets must be increasing, each word NUL-terminated. */
	woff = (const uint32_t *)(const void *)(p + offw);
	if (woff[0] != 0 || woff[rows] != lenb) {
		diag_fail_at(d, name, (long long)offw, "bad word offsets");
		return NULL;
	}
	for (i = 0; i < rows; i++)
		if (woff[i + 1] <= woff[i] || woff[i + 1] > lenb ||
		    p[offb + woff[i + 1] - 1] != '\0') {
			diag_fail_at(d, name, (long long)(offw + 4 * i),
			    "bad word offset for row %llu",
			    (unsigned long long)i);
			return NULL;
		}
	s = store_new(name, "vds");
	s->rows = (long)rows;
	s->dims = (int)dims;
	snprintf(s->dtype, sizeof(s->dtype), "<f4");
	s->woff = woff;
	s->blob = (const char *)(p + offb);
	s->tab = (const uint32_t *)(const void *)(p + offt);
	s->tabci = s->tab + nslots;
	s->nslots = nslots;
	s->mat = (float *)(uintptr_t)(p + offx);
	if (meta_get((const char *)p + offm, (size_t)lenm, "digest", &v) &&
	    v.len == 32)
		memcpy(s->digest, v.data, 33);
	if (meta_get((const char *)p + offm, (size_t)lenm, "source", &v))
		s->source = xstrdup(v.data);
	if (meta_get((const char *)p + offm, (size_t)lenm, "dtype", &v))
		snprintf(s->dtype, sizeof(s->dtype), "%s", v.data);
	if (meta_get((const char *)p + offm, (size_t)lenm, "name", &v))
		s->name = xstrdup(v.data);
	if (meta_get((const char *)p + offm, (size_t)lenm, "format", &v)) {
		free(s->format);
		s->format = xasprintf("vds (from %s)", v.data);
	}
	buf_clear(&v);
	return s;
}

struct space *
vds_read(const char *path, int verify, struct diag *d)
{
	struct stat st;
	void *map;
	struct space *s;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		diag_fail(d, path, 0, 0, "cannot open: %s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || st.st_size == 0) {
		diag_fail(d, path, 0, 0, st.st_size == 0 ? "empty file" :
		    "cannot stat");
		close(fd);
		return NULL;
	}
	map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (map == MAP_FAILED) {
		diag_fail(d, path, 0, 0, "cannot map: %s", strerror(errno));
		return NULL;
	}
	s = vds_parse(path, map, (size_t)st.st_size, verify, 1, d);
	if (s == NULL) {
		munmap(map, (size_t)st.st_size);
		return NULL;
	}
	s->map = map;
	s->maplen = (size_t)st.st_size;
	return s;
}

static void
meta_put(struct buf *b, const char *k, const char *v)
{
	if (v == NULL)
		return;
	buf_printf(b, "%s=", k);
	for (; *v; v++)
		buf_putc(b, *v == '\n' ? ' ' : *v);
	buf_putc(b, '\n');
}

int
vds_write(const struct space *s, const char *path, const struct vds_meta *m,
    struct diag *d)
{
	unsigned char h[VDS_HDR];
	uint64_t rows = (uint64_t)s->rows, lenb, offb, offt, offm, offx, mbytes;
	struct buf meta = BUF_INIT, body = BUF_INIT;
	static const char zero[64];
	struct afile f;
	XXH3_state_t *st;

	lenb = s->woff[s->rows];
	meta_put(&meta, "format", m->format);
	meta_put(&meta, "path", m->path);
	meta_put(&meta, "digest", m->digest && *m->digest ? m->digest : NULL);
	meta_put(&meta, "source", m->source);
	meta_put(&meta, "name", m->name);
	meta_put(&meta, "dtype", m->dtype && *m->dtype ? m->dtype : NULL);
	/* body = everything between header and matrix, to checksum it. */
	buf_put(&body, s->woff, (rows + 1) * 4);
	offb = VDS_HDR + body.len;
	buf_put(&body, s->blob, lenb);
	while ((VDS_HDR + body.len) & 3)
		buf_putc(&body, 0);
	offt = VDS_HDR + body.len;
	buf_put(&body, s->tab, (size_t)s->nslots * 4);
	buf_put(&body, s->tabci, (size_t)s->nslots * 4);
	offm = VDS_HDR + body.len;
	buf_put(&body, meta.data ? meta.data : "", meta.len);
	while ((VDS_HDR + body.len) & 63)
		buf_putc(&body, 0);
	offx = VDS_HDR + body.len;
	mbytes = rows * (uint64_t)s->dims * 4;
	memset(h, 0, sizeof(h));
	memcpy(h, VDS_MAGIC, 8);
	put32(h + 8, VDS_VERSION);
	put32(h + 12, VDS_HDR);
	put64(h + 16, rows);
	put32(h + 24, (uint32_t)s->dims);
	put32(h + 28, s->nslots);
	put64(h + 32, VDS_HDR);
	put64(h + 40, offb);
	put64(h + 48, lenb);
	put64(h + 56, offt);
	put64(h + 64, offm);
	put64(h + 72, meta.len);
	put64(h + 80, offx);
	put64(h + 88, offx + mbytes);
	put64(h + 96, XXH3_64bits(body.data, body.len));
	st = XXH3_createState();
	XXH3_64bits_reset(st);
	XXH3_64bits_update(st, s->mat, (size_t)mbytes);
	put64(h + 104, XXH3_64bits_digest(st));
	XXH3_freeState(st);
	put64(h + 120, XXH3_64bits(h, 120));
	(void)zero;
	if (afile_open(&f, path, d) < 0) {
		buf_clear(&meta);
		buf_clear(&body);
		return -1;
	}
	afile_write(&f, h, sizeof(h));
	afile_write(&f, body.data, body.len);
	afile_write(&f, s->mat, (size_t)mbytes);
	buf_clear(&meta);
	buf_clear(&body);
	return afile_commit(&f, d);
}
