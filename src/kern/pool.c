/*
 * kern/pool: a persistent worker pool; tasks are handed out in order under
 * a mutex (an integer counter, never a float reduction), so the caller's
 * fixed task partition alone decides the results.
 * Reads nothing but its arguments; never does I/O.
 */
#include <pthread.h>
#include <string.h>

#include "kern/pool.h"

/* Takes tasks until none is left; called with p->mu unlocked. */
static void
pool_drain(struct pool *p)
{
	for (;;) {
		long t;

		pthread_mutex_lock(&p->mu);
		t = p->next < p->ntasks ? p->next++ : -1;
		pthread_mutex_unlock(&p->mu);
		if (t < 0)
			return;
		p->fn(p->ctx, t);
	}
}

static void *
pool_worker(void *arg)
{
	struct pool *p = arg;
	long seen = 0;

	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (!p->quit && p->gen == seen)
			pthread_cond_wait(&p->go, &p->mu);
		if (p->quit) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		seen = p->gen;
		pthread_mutex_unlock(&p->mu);
		pool_drain(p);
		pthread_mutex_lock(&p->mu);
		if (--p->busy == 0)
			pthread_cond_signal(&p->done);
		pthread_mutex_unlock(&p->mu);
	}
}

void
pool_init(struct pool *p, int workers)
{
	int i;

	memset(p, 0, sizeof(*p));
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->go, NULL);
	pthread_cond_init(&p->done, NULL);
	if (workers > PAR_MAX_WORKERS)
		workers = PAR_MAX_WORKERS;
	for (i = 0; i + 1 < workers; i++) {
		if (pthread_create(&p->th[p->nworkers], NULL, pool_worker, p) != 0)
			break;
		p->nworkers++;
	}
}

void
pool_clear(struct pool *p)
{
	int i;

	pthread_mutex_lock(&p->mu);
	p->quit = 1;
	pthread_cond_broadcast(&p->go);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < p->nworkers; i++)
		pthread_join(p->th[i], NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->go);
	pthread_cond_destroy(&p->done);
}

void
pool_run(struct pool *p, long ntasks, pool_fn fn, void *ctx)
{
	long t;

	if (p->nworkers == 0 || ntasks <= 1) {
		for (t = 0; t < ntasks; t++)
			fn(ctx, t);
		return;
	}
	pthread_mutex_lock(&p->mu);
	p->fn = fn;
	p->ctx = ctx;
	p->ntasks = ntasks;
	p->next = 0;
	p->busy = p->nworkers;
	p->gen++;
	pthread_cond_broadcast(&p->go);
	pthread_mutex_unlock(&p->mu);
	pool_drain(p);
	pthread_mutex_lock(&p->mu);
	while (p->busy > 0)
		pthread_cond_wait(&p->done, &p->mu);
	pthread_mutex_unlock(&p->mu);
}
