/*
 * util/par: the process's thread budget and a task loop on top of it.
 * Holds one mutex-guarded counter; never prints.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

#include "util/par.h"

#define PAR_MAX_WORKERS	64

static pthread_mutex_t par_lock = PTHREAD_MUTEX_INITIALIZER;
static int par_total;		/* 0: not set yet */
static int par_taken = 1;	/* the main thread holds one slot */

static int
ncpu(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > PAR_MAX_WORKERS ? PAR_MAX_WORKERS : (int)n;
}

void
par_budget_set(int n)
{
	pthread_mutex_lock(&par_lock);
	par_total = n < 1 ? ncpu() : n > PAR_MAX_WORKERS ? PAR_MAX_WORKERS : n;
	pthread_mutex_unlock(&par_lock);
}

int
par_budget(void)
{
	int n;

	pthread_mutex_lock(&par_lock);
	if (par_total == 0)
		par_total = ncpu();
	n = par_total;
	pthread_mutex_unlock(&par_lock);
	return n;
}

int
par_reserve(int n)
{
	int got;

	pthread_mutex_lock(&par_lock);
	if (par_total == 0)
		par_total = ncpu();
	got = par_total - par_taken;
	if (got > n)
		got = n;
	if (got < 0)
		got = 0;
	par_taken += got;
	pthread_mutex_unlock(&par_lock);
	return got;
}

void
par_release(int n)
{
	pthread_mutex_lock(&par_lock);
	par_taken -= n;
	pthread_mutex_unlock(&par_lock);
}

struct par_job {
	par_fn		 fn;
	void		*arg;
	long		 ntasks;
	atomic_long	 next;
};

struct par_worker {
	struct par_job	*job;
	int		 index;
};

static void *
par_worker_run(void *p)
{
	struct par_worker *w = p;
	struct par_job *j = w->job;
	long t;

	while ((t = atomic_fetch_add(&j->next, 1)) < j->ntasks)
		j->fn(j->arg, t, w->index);
	return NULL;
}

int
par_max_workers(long ntasks, int maxw)
{
	long n = par_budget();

	if (maxw > 0 && n > maxw)
		n = maxw;
	if (n > ntasks)
		n = ntasks;
	return n < 1 ? 1 : (int)n;
}

int
par_for(long ntasks, int maxw, par_fn fn, void *arg)
{
	struct par_job job;
	struct par_worker w[PAR_MAX_WORKERS];
	pthread_t th[PAR_MAX_WORKERS];
	int want = par_max_workers(ntasks, maxw) - 1, got, i, ran;

	job.fn = fn;
	job.arg = arg;
	job.ntasks = ntasks;
	atomic_init(&job.next, 0);
	got = want > 0 ? par_reserve(want) : 0;
	ran = 1;
	for (i = 1; i <= got; i++) {
		w[ran].job = &job;
		w[ran].index = ran;
		if (pthread_create(&th[ran], NULL, par_worker_run, &w[ran]) == 0)
			ran++;
	}
	if (ran - 1 < got)
		par_release(got - (ran - 1));
	w[0].job = &job;
	w[0].index = 0;
	par_worker_run(&w[0]);
	for (i = 1; i < ran; i++)
		pthread_join(th[i], NULL);
	if (ran > 1)
		par_release(ran - 1);
	return ran;
}
