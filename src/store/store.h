/*
 * store/store.h: the store's private interface: the space structure the
 * readers fill, the shared builder steps and the fast float parser.
 * Never included outside src/store/ and the store's tests and fuzzers.
 */
#ifndef VECDOC_STORE_H
#define VECDOC_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "store/space.h"
#include "util/buf.h"
#include "util/diag.h"

#define STORE_MAXWARN 100

struct space {
	char		*name, *path, *format, *source;
	char		 digest[33];
	long		 rows;
	int		 dims;
	float		*mat;		/* rows * dims, 64-byte aligned */
	const char	*blob;		/* words, each NUL-terminated */
	const uint32_t	*woff;		/* rows + 1 offsets into blob */
	const uint32_t	*tab;		/* exact table: nslots of row + 1 */
	const uint32_t	*tabci;		/* case-folded table */
	uint32_t	 nslots;	/* power of two > rows */
	int		 cache;		/* as in struct space_info */
	char		 dtype[32];	/* of the components in the file */
	double		 t_read, t_digest;	/* seconds spent (for --time) */
	long		 ndup;
	struct diaglist	 warn;
	/* what the space owns */
	void		*map;		/* mmap of a .vds */
	size_t		 maplen;
	void		*matmem;	/* anonymous mmap of the matrix */
	size_t		 matcap;	/* its size in bytes */
	char		*blobmem;
	uint32_t	*woffmem;
	uint32_t	*tabmem;	/* 2 * nslots */
};

/* Word i of s and its length (the blob keeps a NUL after each). */
static inline const char *
word_at(const struct space *s, long i, size_t *len)
{
	*len = s->woff[i + 1] - s->woff[i] - 1;
	return s->blob + s->woff[i];
}

/* A new empty space for a reader to fill (path is copied). */
struct space *store_new(const char *path, const char *format);
/* Makes room for rows x dims floats in s->matmem (page-aligned anonymous
 * memory; grows in place where it can, keeping the contents). 0 or -1. */
int	 store_mat_reserve(struct space *s, long rows, int dims, struct diag *d);
/* Shrinks the matrix memory to what rows * dims needs. */
void	 store_mat_trim(struct space *s);

/* Words are appended during a load: a growable blob and offsets. */
struct wordbuf {
	struct buf	 blob;
	uint32_t	*off;		/* n + 1 entries once finished */
	size_t		 n, cap;
	/* Set before a matrix reader runs with no vocabulary read: the
	 * reader names row i "i" (positions) once it knows the rows. */
	int		 positions;
};
void	 wordbuf_init(struct wordbuf *w);
void	 wordbuf_clear(struct wordbuf *w);
int	 wordbuf_add(struct wordbuf *w, const char *p, size_t n);
/* Appends every word of "from" (unchanged) to w. 0 or -1 (too large). */
int	 wordbuf_append(struct wordbuf *w, const struct wordbuf *from);
/* Adds the names "0" .. "rows-1" (rows of position embeddings). */
void	 wordbuf_number(struct wordbuf *w, long rows);
/* Moves the words into s (s->blobmem/woffmem); w becomes empty. */
void	 wordbuf_give(struct wordbuf *w, struct space *s);

/*
 * Final step of every reader: drops duplicate tokens (the first is kept;
 * a warning names "what" + the place of the second: row i is on line
 * i + line0 of text files, or at row i when line0 < 0), then builds the
 * lookup tables. Checks that every component is finite (reporting the
 * row through the same place rule). 0 or -1 with d set.
 */
int	 store_finish(struct space *s, long line0, struct diag *d);
/* Case folding for lookups: ASCII lowercased inline, other UTF-8 through
 * utf8proc's UTF8PROC_CASEFOLD. Writes into b (reset first). */
void	 store_fold(const char *w, size_t n, struct buf *b);
uint64_t store_hash(const char *w, size_t n);

/* Readers: each fills a new space from the file or returns NULL + d. */
struct space *text_read(const char *path, const char *format, struct diag *d);
struct space *w2vbin_read(const char *path, struct diag *d);
/* npy_read/safetensors_read: "positions" != 0 with vocab NULL names
 * row i by its number i. */
struct space *npy_read(const char *path, const char *vocab, int positions,
	    struct diag *d);
struct space *safetensors_read(const char *path, const char *tensor,
	    const char *vocab, int positions, struct diag *d);
struct space *wink_read(const char *path, struct diag *d);
struct space *vds_read(const char *path, int verify, struct diag *d);

/* In-memory parsers behind the readers, for the fuzzers ("name" is used
 * in messages only). Same results as the readers. */
struct space *text_parse(const char *name, const char *p, size_t n,
	    const char *format, struct diag *d);
struct space *w2vbin_parse(const char *name, const unsigned char *p, size_t n,
	    struct diag *d);
struct space *npy_parse(const char *name, const unsigned char *p, size_t n,
	    struct wordbuf *vocab, const char *vocabname, struct diag *d);
struct space *safetensors_parse(const char *name, const unsigned char *p,
	    size_t n, const char *tensor, struct wordbuf *vocab,
	    const char *vocabname, struct diag *d);
/* Checks and adopts an in-memory .vds image (borrowed: must outlive the
 * space); verify also checksums the matrix. */
struct space *vds_parse(const char *name, const unsigned char *p, size_t n,
	    int verify, int checksums, struct diag *d);

/*
 * A safetensors header, parsed and validated (store/safetensors.c): the
 * tensors sorted by their begin offset; names and dtypes are borrowed
 * from the JSON tree kept in "root". Shared by the reader and by
 * `vecdoc fetch`, which sees only the header before it downloads one
 * tensor's byte range.
 */
#define ST_MAXHDR 100000000ULL
struct st_tensor {
	const char	*name;
	const char	*dtype;
	int		 bits;
	uint64_t	 shape[8];
	int		 ndim;
	uint64_t	 begin, end;	/* relative to the data (8 + hl) */
};
struct st_header {
	void		*root;		/* json_t * */
	struct st_tensor *t;
	size_t		 nt;
	uint64_t	 hl;		/* header length */
	uint64_t	 datalen;	/* end of the last tensor */
};
/*
 * Parses the hl bytes of JSON at "json" into *h (cleared first) and
 * checks every tensor as the reference implementation does: known dtype,
 * sized shape, offsets in range and contiguous. "datalen" is the size of
 * the data after the header, or UINT64_MAX when unknown (a remote file:
 * no range or trailing-bytes check). 0, or -1 with d set ("name" and
 * byte offsets locate it) and *h empty. safetensors_header_clear frees.
 */
int	 safetensors_header(const char *name, const unsigned char *json,
	    uint64_t hl, uint64_t datalen, struct st_header *h, struct diag *d);
void	 safetensors_header_clear(struct st_header *h);
/* The tensor called "tensor" (NULL: the only 2-d one), or NULL with d
 * set, suggesting the nearest name of the header. */
const struct st_tensor *safetensors_find(const struct st_header *h,
	    const char *name, const char *tensor, struct diag *d);
/* 0 if t is a non-empty matrix of a dtype vecdoc converts, or -1. */
int	 safetensors_check_matrix(const char *name, const struct st_tensor *t,
	    struct diag *d);
/* Converts t's bytes at "data" (F32, F16, BF16, F64, little-endian) to
 * float32 in "out" (rows * cols, caller's). Non-finite components fail,
 * located at "fileoff" + their offset. 0 or -1. */
int	 safetensors_convert(const char *name, const struct st_tensor *t,
	    const unsigned char *data, long long fileoff, float *out,
	    struct diag *d);

/* Reads a vocabulary file (one token per line, encoder.json or
 * tokenizer.json) into w in id order. 0 or -1 with d set. */
int	 vocab_read(const char *path, struct wordbuf *w, struct diag *d);

/*
 * Fast exact decimal-to-float: parses [-+]digits[.digits][(e|E)[-+]digits]
 * at p (up to end) and stores (float)strtod(...) in *out. Returns the
 * number of bytes consumed, 0 when p does not start such a number (NaN,
 * Inf, hex and leading spaces are not numbers here).
 */
size_t	 fparse(const char *p, const char *end, float *out);
/*
 * The "dims" single-space-separated components in [p, end) at once, as
 * fparse() would read each (store/fparse_row.c; needs 16 readable bytes
 * after end). 0 with row filled, or -1 when the row is not of the common
 * shape or the CPU lacks the instructions: then parse it field by field.
 */
int	 fparse_row(const char *p, const char *end, int dims, float *row);
/* 1 when fparse_row can succeed on this CPU. */
int	 fparse_row_simd(void);

/* Maps a whole file read-only ("" for an empty one); store_unmap undoes. */
const unsigned char *store_map(const char *path, size_t *n, struct diag *d);
void	 store_unmap(const unsigned char *p, size_t n);

/* Converters of binary components. */
float	 store_half(uint16_t h);
float	 store_bf16(uint16_t h);

/* Metadata recorded in a .vds: "key=value\n" lines. */
struct vds_meta {
	const char	*format;	/* format of the original */
	const char	*path;
	const char	*digest;
	const char	*source;
	const char	*name;
	const char	*dtype;
};
int	 vds_write(const struct space *s, const char *path,
	    const struct vds_meta *m, struct diag *d);

/* Atomic file output: open a temporary beside "path", then commit or
 * abandon. */
struct afile {
	char	*path, *tmp;
	int	 fd;
	char	*buf;
	size_t	 len, cap;
	int	 err;
};
int	 afile_open(struct afile *f, const char *path, struct diag *d);
void	 afile_write(struct afile *f, const void *p, size_t n);
int	 afile_commit(struct afile *f, struct diag *d);
void	 afile_abandon(struct afile *f);

#endif
