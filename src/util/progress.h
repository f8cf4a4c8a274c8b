/*
 * util/progress: how long work reports how far it got, without printing.
 * A kernel is handed a struct progress (or NULL) and calls
 * progress_report with the fraction done; whoever made the struct (a
 * build) decides what to show. Never prints, never keeps state.
 */
#ifndef VECDOC_PROGRESS_H
#define VECDOC_PROGRESS_H

/*
 * "fn" receives "ctx" and the fraction done, in [0, 1], non-decreasing
 * within one piece of work. It may be called from the kernel's worker
 * threads' caller only (never from inside a parallel region), so it needs
 * no locking of its own for one piece of work.
 */
struct progress {
	void	(*fn)(void *ctx, double done);
	void	*ctx;
};

/* Reports "done" (clamped to [0, 1]) through p; p or p->fn NULL: nothing. */
static inline void
progress_report(const struct progress *p, double done)
{
	if (p == NULL || p->fn == NULL)
		return;
	p->fn(p->ctx, done < 0 ? 0 : done > 1 ? 1 : done);
}

#endif
