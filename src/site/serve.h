/*
 * site/serve.h: the HTTP side of `vecdoc serve` (site/serve.c) without
 * the rebuilds, for programs that drive it with connections of their
 * own (the HTTP fuzz target). Serves an already built output directory
 * with the same request handling, limits and refusals as `vecdoc serve`.
 */
#ifndef VECDOC_SERVE_H
#define VECDOC_SERVE_H

struct serve_http;

/*
 * `vecdoc serve`: builds "root" into "outdir" (NULL: root/../output),
 * serves it on bind:port and rebuilds on every change until SIGINT or
 * SIGTERM. Returns 0 when stopped, 1 when it cannot listen, -1 when
 * "bind" is not an IPv4 address.
 */
int	 site_serve(const char *root, const char *outdir, const char *bind,
	    long port, int jobs);

/* Starts serving outdir on no listening socket. NULL on failure. Free
 * with serve_http_close. */
struct serve_http *serve_http_open(const char *outdir);
/* Hands connected socket fd to the server, which reads one or more
 * requests from it, answers and closes it. 0, or -1 (fd then stays the
 * caller's). */
int	 serve_http_add(struct serve_http *h, int fd);
/* Stops the server (waiting for its connections) and frees h. NULL ok. */
void	 serve_http_close(struct serve_http *h);

#endif
