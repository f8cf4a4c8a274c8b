/*
 * kern/graph: similarity graphs of words (nodes = rows of a float32
 * matrix; edges by a cosine threshold or mutual k nearest neighbours),
 * their components, degrees, clustering coefficients, Louvain
 * communities and a Fruchterman–Reingold layout, with networkx's
 * semantics where networkx has the function.
 * Reads caller matrices; writes caller-allocated outputs (a struct graph
 * owns its arrays). Never does I/O.
 */
#ifndef VECDOC_KERN_GRAPH_H
#define VECDOC_KERN_GRAPH_H

#include <stdint.h>

#include "util/diag.h"

/*
 * An undirected weighted graph without self-loops in CSR form: the
 * neighbours of node i are adj[ptr[i] .. ptr[i+1]) in increasing order,
 * each edge stored in both directions with the same weight w (> 0).
 */
struct graph {
	long		 n;
	long		 nedges;	/* undirected edges */
	long		*ptr;		/* n + 1 */
	long		*adj;
	double		*w;
};

/* Frees the arrays (accepts a zeroed graph). */
void	 graph_clear(struct graph *g);

/*
 * Edge i–j iff cos(xᵢ, xⱼ) >= threshold (float32 cosine of unit rows by
 * blocked SGEMM), weight = the cosine. threshold must be in (0, 1]; zero
 * rows have no edges. Fills *g. Returns 0, or -1 with "d" filled.
 */
int	 graph_threshold(const float *x, long n, int dims, double threshold,
	    struct graph *g, struct diag *d);

/*
 * Edge i–j iff each is among the other's k nearest by cosine (self
 * excluded; ties by lower index) and the cosine is > 0; weight = the
 * cosine. k in 1..n−1. Fills *g. Returns 0, or -1 with "d" filled.
 */
int	 graph_mutual_knn(const float *x, long n, int dims, int k, int workers,
	    struct graph *g, struct diag *d);

/*
 * Connected components: comp[i] = 0, 1, ... numbered by their lowest
 * node. Returns the number of components (isolated nodes count).
 */
long	 graph_components(const struct graph *g, long *comp);

/*
 * networkx's clustering(G) (unweighted): cc[i] = 2 Tᵢ / (kᵢ (kᵢ − 1)),
 * Tᵢ the triangles through i, 0 when kᵢ < 2. Returns the mean over all
 * nodes (networkx's average_clustering).
 */
double	 graph_clustering(const struct graph *g, double *cc);

/*
 * networkx's modularity(G, communities, weight="weight", resolution):
 * Σ_c [L_c / m − resolution (d_c / 2m)²], L_c the weight inside c, d_c
 * its weighted degree, m the total weight. 0 for a graph without edges.
 */
double	 graph_modularity(const struct graph *g, const long *comm,
	    double resolution);

/*
 * Louvain communities (Blondel et al. 2008) as networkx's
 * louvain_communities(weight="weight", resolution, threshold=1e-7):
 * nodes visited in a seeded random order (kern/rng, not Python's
 * stream), each moved to the neighbouring community of best positive
 * gain until no move helps, then communities merged into nodes, until
 * a level raises modularity by no more than 1e-7. comm[i] = 0, 1, ...
 * numbered by their lowest node. Louvain's result depends on the visiting
 * order: "tries" runs (seeds seed, seed + 1, ...; 1 = one networkx run)
 * keep the partition of highest modularity (the first on ties). Returns
 * the number of communities; the modularity reached in *q (may be NULL).
 */
long	 graph_louvain(const struct graph *g, double resolution, uint64_t seed,
	    int tries, long *comm, double *q);

/*
 * Fruchterman–Reingold layout as networkx's spring_layout(G, k=1/√n,
 * iterations, weight="weight", scale=1, seed): start uniform in [0,1)²
 * from "seed" (kern/rng), temperature 0.1 × the larger side, cooled
 * linearly to 0 over iterations + 1 steps; repulsion k²/d, attraction
 * wᵢⱼ d²/k; each node moves by at most the temperature; the result
 * centred and scaled so that the largest |coordinate| is 1.
 * pos[n × 2] caller-allocated; O(n²) per iteration in fixed tiles of
 * nodes, the same bytes for any worker count.
 */
void	 graph_layout_fr(const struct graph *g, int iterations, uint64_t seed,
	    int workers, double *pos);

#endif
