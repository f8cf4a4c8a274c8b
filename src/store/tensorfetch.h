/*
 * store/tensorfetch: one tensor out of a remote safetensors file.
 * Reads the 8-byte length and the JSON header with HTTP range requests
 * (libcurl), then only the tensor's bytes into a part file that a later
 * run resumes; produces a .vds. Never trusts the header before checking
 * it, never resumes bytes of a file that changed, never leaves the
 * output half-written.
 */
#ifndef VECDOC_STORE_TENSORFETCH_H
#define VECDOC_STORE_TENSORFETCH_H

#include <signal.h>
#include <stdint.h>

#include "util/diag.h"

/*
 * One fetch. The caller fills the inputs; tensorfetch_download fills the
 * rest. "vocab_n" >= 0 is the number of pieces of the tokenizer the rows
 * are named by: the tensor's rows must be exactly that many (checked
 * from the header, before any tensor byte is downloaded).
 */
struct tfetch {
	/* inputs */
	const char	*url;		/* http(s) URL of the .safetensors */
	const char	*tensor;	/* its name in the header */
	const char	*part;		/* where the tensor's bytes go */
	const char	*meta;		/* the part file's record (below) */
	const char	*vocabname;	/* the vocabulary file, for messages */
	long		 vocab_n;	/* -1: rows are named by number */
	int		 tty;		/* draw a progress bar on stderr */
	int		 quiet;		/* no messages on stdout */
	volatile sig_atomic_t *stop;	/* set by a signal: stop, keep the
					   part file (NULL: never) */
	/* results */
	char		 dtype[16];
	uint64_t	 rows, cols;
	uint64_t	 begin, end;	/* the tensor's bytes in the file */
	uint64_t	 filesize;	/* 0 when the server did not say */
	int		 ranged;	/* 1: the server honoured Range */
	int		 resumes;	/* broken transfers resumed */
	uint64_t	 kept;		/* bytes of an earlier run resumed */
	uint64_t	 downloaded;	/* tensor bytes in the part file */
	int		 discard;	/* on failure: the part file's bytes
					   are of no use (the file changed,
					   its header is wrong) */
	int		 interrupted;	/* on failure: *stop was set */
};

/*
 * Downloads the tensor's bytes of f->url into f->part. The header is
 * always read first; then the part file left by an earlier run is
 * resumed when its record f->meta (URL, tensor, a digest of the header
 * bytes, the tensor's byte range, the file's size, and the server's
 * ETag and Last-Modified when it sends them both times) still holds,
 * and emptied otherwise; the record is written before any tensor byte.
 * The part file is locked while it is written: a second fetch of the
 * same tensor fails instead of interleaving. A server that ignores
 * Range (200 with the whole file) is read as a stream: the other
 * tensors and the bytes already in the part file pass by without being
 * stored, and the transfer stops after the tensor. A transfer that
 * breaks is resumed from the part file's length while each attempt
 * makes progress. Messages on stdout ("resuming at byte N") unless
 * f->quiet, a progress bar on stderr when f->tty. Returns 0, or -1 with
 * d set (its file is the URL, its offset the byte concerned) and
 * f->discard saying whether the part file is worth keeping. The caller
 * removes the part file after using it (tensorfetch_part_remove).
 */
int	 tensorfetch_download(struct tfetch *f, struct diag *d);

/*
 * Converts the part file of a finished download (F32, F16, BF16 or F64)
 * to float32 and writes "out" (.vds, atomically) with rows named by the
 * vocabulary file "vocab" (one piece per line, encoder.json or
 * tokenizer.json; NULL: "0", "1", ...). "label" is recorded as the
 * original's path. 0, or -1 with d set.
 */
int	 tensorfetch_convert(const struct tfetch *f, const char *vocab,
	    const char *label, const char *out, struct diag *d);

/* Removes f->part and f->meta (missing ones are not an error). */
void	 tensorfetch_part_remove(const struct tfetch *f);

/* The number of pieces of a vocabulary file, or -1 with d set. */
long	 tensorfetch_vocab_size(const char *vocab, struct diag *d);

#endif
