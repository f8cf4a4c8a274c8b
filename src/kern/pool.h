/*
 * kern/pool: a small pool of worker threads that runs numbered tasks, for
 * kernels that must give the same bytes for any number of workers.
 * The caller cuts its work into tasks whose shapes never depend on the
 * worker count; a task writes only its own outputs, so which thread runs
 * it does not matter. Never does I/O; owns only its threads.
 */
#ifndef VECDOC_KERN_POOL_H
#define VECDOC_KERN_POOL_H

#include <pthread.h>

#define PAR_MAX_WORKERS 64

typedef void (*pool_fn)(void *ctx, long task);

struct pool {
	int		 nworkers;	/* threads started, besides the caller */
	pthread_t	 th[PAR_MAX_WORKERS];
	pthread_mutex_t	 mu;
	pthread_cond_t	 go, done;
	long		 gen;		/* bumped for each pool_run */
	int		 quit;
	int		 busy;		/* workers still inside the current run */
	pool_fn		 fn;
	void		*ctx;
	long		 ntasks, next;
};

/*
 * Starts workers − 1 threads (the caller is the last worker); workers < 1
 * counts as 1, more than PAR_MAX_WORKERS as PAR_MAX_WORKERS. A thread that
 * cannot be created only lowers the count. Free with pool_clear.
 */
void	 pool_init(struct pool *p, int workers);
/* Stops and joins the threads. */
void	 pool_clear(struct pool *p);
/*
 * Runs fn(ctx, t) for t = 0 .. ntasks − 1, each exactly once, on the
 * caller and the workers; returns when all are done.
 */
void	 pool_run(struct pool *p, long ntasks, pool_fn fn, void *ctx);

#endif
