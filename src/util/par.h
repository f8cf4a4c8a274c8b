/*
 * util/par: one thread budget for the whole process, and a parallel
 * loop over fixed tasks.
 *
 * The budget is the number of threads that may compute at once (the
 * build's -j). Whoever runs holds one slot: the main thread from the
 * start, a page worker from par_reserve(). par_for() borrows the slots
 * nobody holds, never more, so page workers and kernel workers together
 * never oversubscribe the machine.
 *
 * Results must not depend on how many workers a loop gets: callers cut
 * their work into tasks whose shapes are fixed by the data alone (e.g.
 * row tiles at multiples of a block size) and combine per-worker partial
 * results in an order-independent way (a total order, or per-task slots
 * summed in task order).
 */
#ifndef VECDOC_PAR_H
#define VECDOC_PAR_H

/* Sets the budget (n < 1: one per online CPU). Call before any par_*. */
void	par_budget_set(int n);
int	par_budget(void);

/* Takes up to n more slots for new threads; returns how many it got. */
int	par_reserve(int n);
void	par_release(int n);

/*
 * Runs fn(arg, task, worker) for task = 0 .. ntasks-1, on the calling
 * thread and at most maxw-1 borrowed ones (maxw < 1: no limit but the
 * budget). Each worker takes tasks in increasing order; worker indices
 * run 0 .. (returned value - 1), and 0 is always the caller. Returns the
 * number of workers that ran.
 */
typedef void (*par_fn)(void *arg, long task, int worker);
int	par_for(long ntasks, int maxw, par_fn fn, void *arg);

/* How many workers par_for(ntasks, maxw, …) could use at most. */
int	par_max_workers(long ntasks, int maxw);

#endif
