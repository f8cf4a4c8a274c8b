/*
 * site/serve: `vecdoc serve` — live preview. Builds the site, serves the
 * output directory over HTTP (libmicrohttpd) on 127.0.0.1, rebuilds when
 * a file under the content directory or the theme changes (inotify), and
 * tells open pages to reload (server-sent events). A failed rebuild keeps
 * the last good site and shows its diagnostics in the page and the
 * terminal.
 * Never serves a file outside the output directory (no "..", no encoded
 * variant, no symlink out) and never binds another interface unless asked.
 * Never lets slow clients hold every connection: a request header must be
 * complete within SERVE_HEADER_SECONDS however its bytes trickle in, one
 * client address holds at most SERVE_PER_IP connections, and at most
 * SERVE_MAX_WAITING connections may wait for a header at once.
 */
#include <sys/inotify.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <microhttpd.h>

#include "site/build.h"
#include "site/serve.h"
#include "site/theme.h"
#include "util/fsutil.h"
#include "util/json.h"
#include "util/xalloc.h"

static const char live_js[] =
"(function(){\"use strict\";\n"
"var es=new EventSource(\"/_vecdoc/events\"),gen=null;\n"
"function overlay(text){var o=document.getElementById(\"vecdoc-overlay\");\n"
" if(!text){if(o)o.remove();return;}\n"
" if(!o){o=document.createElement(\"div\");o.id=\"vecdoc-overlay\";o.setAttribute(\"role\",\"alert\");\n"
"  o.style.cssText=\"position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:99;\"+\n"
"  \"background:#2d1215;color:#ffd8d8;border:2px solid #ff7b72;border-radius:8px;padding:1rem;\"+\n"
"  \"font:13px/1.5 ui-monospace,monospace;white-space:pre-wrap\";document.body.appendChild(o);}\n"
" o.textContent=\"vecdoc: the last build failed; showing the last good version.\\n\\n\"+text;}\n"
"es.addEventListener(\"state\",function(e){var s=JSON.parse(e.data);\n"
" if(gen!==null&&s.generation!==gen&&s.ok){location.reload();return;}\n"
" gen=s.generation;overlay(s.ok?\"\":s.diagnostics);});\n"
"})();\n";

/*
 * libmicrohttpd's connection timeout counts idle time, so a client that
 * sends one header line every few seconds keeps a connection (a thread)
 * forever; 512 of them lock everyone out. The header watchdog bounds the
 * time from a connection's start, or from the end of its previous
 * request, to a complete request header, and the per-address limit keeps
 * one client from taking every slot.
 */
#define SERVE_MAX_CONN		512
#define SERVE_PER_IP		64
#define SERVE_HEADER_SECONDS	10
/* At most this many connections may wait for a header at once; a new
 * one beyond it displaces the one that has waited longest (a real client
 * sends its header within milliseconds), so slow clients from many
 * addresses still leave half of the slots to everyone else. */
#define SERVE_MAX_WAITING	256

/* One open connection, as the header watchdog sees it. */
struct conn {
	struct conn	*prev, *next;
	int		 fd;
	struct timespec	 since;		/* waiting for a header since */
	int		 busy;		/* header complete, request under way */
	int		 cut;		/* shut down by the watchdog */
};

struct server {
	const char	*root;
	char		*outdir;
	char		*absout;
	int		 jobs;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	long		 generation;	/* counts finished builds */
	int		 ok;		/* last build succeeded */
	char		*diagnostics;	/* of the last build */
	struct build_cache *cache;	/* pages kept between builds */
	volatile sig_atomic_t stop;
	pthread_mutex_t	 cmu;		/* guards conns */
	struct conn	*conns;
	pthread_t	 watchdog;
};

static volatile sig_atomic_t got_signal;

static void
on_signal(int sig)
{
	(void)sig;
	got_signal = 1;
}

static void
rebuild(struct server *sv)
{
	struct build_opts o;
	struct build_stats st;
	struct diaglist dl;
	struct buf b = BUF_INIT;
	char line[2048];
	size_t i;
	int rc;

	memset(&o, 0, sizeof(o));
	o.root = sv->root;
	o.outdir = sv->outdir;
	o.jobs = sv->jobs;
	o.cache = sv->cache;
	diaglist_init(&dl);
	rc = site_build(&o, &dl, &st);
	for (i = 0; i < dl.n; i++) {
		diag_format(&dl.v[i], line, sizeof(line));
		buf_puts(&b, line);
		buf_putc(&b, '\n');
	}
	fputs(buf_str(&b), stderr);
	if (rc == 0)
		fprintf(stderr, "vecdoc serve: built %zu of %zu pages in %.2f s\n",
		    st.rebuilt, st.pages, st.seconds);
	else
		fprintf(stderr, "vecdoc serve: build failed (%zu errors); serving the last good site\n",
		    dl.nerrors);
	pthread_mutex_lock(&sv->mu);
	sv->generation++;
	sv->ok = rc == 0;
	free(sv->diagnostics);
	sv->diagnostics = buf_detach(&b);
	pthread_cond_broadcast(&sv->cv);
	pthread_mutex_unlock(&sv->mu);
	diaglist_clear(&dl);
}

static const char *
content_type(const char *path)
{
	static const char *const map[][2] = {
		{ ".html", "text/html; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".json", "application/json" },
		{ ".svg", "image/svg+xml" },
		{ ".png", "image/png" },
		{ ".jpg", "image/jpeg" },
		{ ".jpeg", "image/jpeg" },
		{ ".gif", "image/gif" },
		{ ".webp", "image/webp" },
		{ ".ico", "image/x-icon" },
		{ ".csv", "text/csv; charset=utf-8" },
		{ ".xml", "application/xml" },
		{ ".txt", "text/plain; charset=utf-8" },
		{ ".pdf", "application/pdf" },
		{ ".woff2", "font/woff2" },
	};
	const char *dot = strrchr(path, '.');
	size_t i;

	if (dot != NULL)
		for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (strcmp(dot, map[i][0]) == 0)
				return map[i][1];
	return "application/octet-stream";
}

/* Every response: its type, never cached (a preview), never sniffed. */
static enum MHD_Result
queue(struct MHD_Connection *c, unsigned status, const char *type,
    struct MHD_Response *r)
{
	enum MHD_Result ret;

	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-store");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result
send_buf(struct MHD_Connection *c, unsigned status, const char *type,
    const void *p, size_t n)
{
	return queue(c, status, type, MHD_create_response_from_buffer(n,
	    (void *)p, MHD_RESPMEM_MUST_COPY));
}

/* Server-sent events: one "state" event now, then one per build. */
struct sse {
	struct server	*sv;
	int		 fd;		/* the client's socket, -1 if unknown */
	long		 seen;
	struct buf	 pending;
	size_t		 off;
	int		 first;
};

/* Whether the client closed its end of an event stream (it never sends
 * anything after its request, so any hang-up is the end). */
static int
sse_gone(const struct sse *e)
{
	struct pollfd p;

	if (e->fd < 0)
		return 0;
	p.fd = e->fd;
	p.events = POLLRDHUP;
	p.revents = 0;
	return poll(&p, 1, 0) > 0 &&
	    (p.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0;
}

static ssize_t
sse_read(void *cls, uint64_t pos, char *out, size_t max)
{
	struct sse *e = cls;
	struct server *sv = e->sv;
	struct timespec ts;
	size_t n;

	(void)pos;
	while (e->off >= e->pending.len) {
		struct jw w;
		struct buf js = BUF_INIT;

		buf_reset(&e->pending);
		e->off = 0;
		pthread_mutex_lock(&sv->mu);
		if (!e->first) {
			/*
			 * Wait for a build in one-second slices, and end the
			 * stream as soon as the page has gone: a page that
			 * navigates away closes its event stream, and a stream
			 * noticed only at the next keep-alive would hold one of
			 * the client's SERVE_PER_IP connections meanwhile (a
			 * reader clicking through forty pages would be locked
			 * out).
			 */
			int slice;

			for (slice = 0; slice < 15 && sv->generation == e->seen &&
			    !sv->stop; slice++) {
				clock_gettime(CLOCK_REALTIME, &ts);
				ts.tv_sec += 1;
				while (sv->generation == e->seen && !sv->stop &&
				    pthread_cond_timedwait(&sv->cv, &sv->mu,
				    &ts) == 0)
					;
				if (sse_gone(e)) {
					pthread_mutex_unlock(&sv->mu);
					return MHD_CONTENT_READER_END_WITH_ERROR;
				}
			}
		}
		if (sv->stop) {
			pthread_mutex_unlock(&sv->mu);
			return MHD_CONTENT_READER_END_OF_STREAM;
		}
		if (sv->generation == e->seen && !e->first) {
			pthread_mutex_unlock(&sv->mu);
			buf_puts(&e->pending, ": keep-alive\n\n");
			break;
		}
		e->first = 0;
		e->seen = sv->generation;
		jw_init(&w, &js, 0);
		jw_obj_begin(&w);
		jw_key(&w, "generation");
		jw_int(&w, sv->generation);
		jw_key(&w, "ok");
		jw_bool(&w, sv->ok);
		jw_key(&w, "diagnostics");
		jw_str(&w, sv->diagnostics ? sv->diagnostics : "");
		jw_obj_end(&w);
		pthread_mutex_unlock(&sv->mu);
		buf_printf(&e->pending, "event: state\ndata: %s\n\n", buf_str(&js));
		buf_clear(&js);
	}
	n = e->pending.len - e->off;
	if (n > max)
		n = max;
	memcpy(out, e->pending.data + e->off, n);
	e->off += n;
	return (ssize_t)n;
}

static void
sse_free(void *cls)
{
	struct sse *e = cls;

	buf_clear(&e->pending);
	free(e);
}

/* Maps a URL path to a file under the output, or NULL if it must not be
 * served. "url" is already percent-decoded by libmicrohttpd. */
static char *
map_path(struct server *sv, const char *url, int *forbidden)
{
	char *rel, *full, *real;
	size_t n;

	*forbidden = 0;
	if (url[0] != '/' || strstr(url, "..") != NULL ||
	    strchr(url, '\\') != NULL || strstr(url, "//") != NULL) {
		*forbidden = 1;
		return NULL;
	}
	n = strlen(url);
	rel = url[n - 1] == '/' ? xasprintf("%sindex.html", url + 1) :
	    xstrdup(url + 1);
	full = fs_join(sv->absout, rel);
	free(rel);
	if (fs_isdir(full)) {
		char *idx = fs_join(full, "index.html");

		free(full);
		full = idx;
	}
	real = realpath(full, NULL);
	free(full);
	if (real == NULL)
		return NULL;
	if (!fs_within(real, sv->absout)) {	/* a symlink out */
		free(real);
		*forbidden = 1;
		return NULL;
	}
	return real;
}

static enum MHD_Result
serve_file(struct server *sv, struct MHD_Connection *c, const char *path,
    unsigned status)
{
	struct buf b = BUF_INIT;
	struct diag d;
	const char *type = content_type(path);
	enum MHD_Result ret;
	struct stat st;
	int fd;

	if (strncmp(type, "text/html", 9) != 0) {
		/* Static files go out straight from the file descriptor. */
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0 ||
		    fstat(fd, &st) != 0) {
			if (fd >= 0)
				close(fd);
			return send_buf(c, MHD_HTTP_NOT_FOUND, "text/plain", "not found\n", 10);
		}
		return queue(c, status, type, MHD_create_response_from_fd(
		    (uint64_t)st.st_size, fd));
	}
	(void)sv;
	if (fs_read(path, &b, &d) != 0) {
		buf_clear(&b);
		return send_buf(c, MHD_HTTP_NOT_FOUND, "text/plain", "not found\n", 10);
	}
	/* Pages learn about rebuilds through the live-reload script. */
	{
		char *end = strstr(b.data, "</body>");
		struct buf o = BUF_INIT;

		if (end != NULL) {
			buf_put(&o, b.data, (size_t)(end - b.data));
			buf_puts(&o, "<script src=\"/_vecdoc/live.js\"></script>\n");
			buf_puts(&o, end);
		} else
			buf_put(&o, b.data, b.len);
		ret = send_buf(c, status, type, o.data, o.len);
		buf_clear(&o);
	}
	buf_clear(&b);
	return ret;
}

/* The watchdog's record of connection c (NULL if it has none). */
static struct conn *
conn_of(struct MHD_Connection *c)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
	    MHD_CONNECTION_INFO_SOCKET_CONTEXT);

	return ci != NULL ? ci->socket_context : NULL;
}

/* With more than SERVE_MAX_WAITING connections waiting for a header,
 * shuts down the one that has waited longest. Called with cmu held. */
static void
displace_oldest(struct server *sv)
{
	struct conn *e, *old = NULL;
	size_t waiting = 0;

	for (e = sv->conns; e != NULL; e = e->next) {
		if (e->busy || e->cut || e->fd < 0)
			continue;
		waiting++;
		if (old == NULL || e->since.tv_sec < old->since.tv_sec ||
		    (e->since.tv_sec == old->since.tv_sec &&
		    e->since.tv_nsec < old->since.tv_nsec))
			old = e;
	}
	if (waiting > SERVE_MAX_WAITING && old != NULL) {
		shutdown(old->fd, SHUT_RDWR);
		old->cut = 1;
	}
}

/* libmicrohttpd calls this when a connection opens and when it closes
 * (before it closes the socket, so the watchdog never shuts down a
 * descriptor that a newer connection has reused). */
static void
on_connection(void *cls, struct MHD_Connection *c, void **ctx,
    enum MHD_ConnectionNotificationCode toe)
{
	struct server *sv = cls;
	struct conn *e = *ctx;
	const union MHD_ConnectionInfo *ci;

	pthread_mutex_lock(&sv->cmu);
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(c,
		    MHD_CONNECTION_INFO_CONNECTION_FD);
		e = xcalloc(1, sizeof(*e));
		e->fd = ci != NULL ? ci->connect_fd : -1;
		clock_gettime(CLOCK_MONOTONIC, &e->since);
		e->next = sv->conns;
		if (sv->conns != NULL)
			sv->conns->prev = e;
		sv->conns = e;
		*ctx = e;
		displace_oldest(sv);
	} else if (e != NULL) {
		if (e->prev != NULL)
			e->prev->next = e->next;
		else
			sv->conns = e->next;
		if (e->next != NULL)
			e->next->prev = e->prev;
		free(e);
		*ctx = NULL;
	}
	pthread_mutex_unlock(&sv->cmu);
}

/* A request is over: the header clock starts again for the next one on
 * the same (keep-alive) connection. */
static void
on_completed(void *cls, struct MHD_Connection *c, void **req,
    enum MHD_RequestTerminationCode toe)
{
	struct server *sv = cls;
	struct conn *e;

	(void)req;
	(void)toe;
	pthread_mutex_lock(&sv->cmu);
	if ((e = conn_of(c)) != NULL) {
		e->busy = 0;
		clock_gettime(CLOCK_MONOTONIC, &e->since);
	}
	pthread_mutex_unlock(&sv->cmu);
}

/* Shuts down, four times a second, every connection still without a
 * complete header SERVE_HEADER_SECONDS after it began waiting for one;
 * libmicrohttpd then sees the end of the stream and closes it. */
static void *
watchdog(void *arg)
{
	struct server *sv = arg;
	struct timespec now, nap = { 0, 250000000 };
	struct conn *e;

	while (!sv->stop) {
		nanosleep(&nap, NULL);
		clock_gettime(CLOCK_MONOTONIC, &now);
		pthread_mutex_lock(&sv->cmu);
		for (e = sv->conns; e != NULL; e = e->next)
			if (!e->busy && !e->cut && e->fd >= 0 &&
			    now.tv_sec - e->since.tv_sec >=
			    SERVE_HEADER_SECONDS) {
				shutdown(e->fd, SHUT_RDWR);
				e->cut = 1;
			}
		pthread_mutex_unlock(&sv->cmu);
	}
	return NULL;
}

static enum MHD_Result
handle(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_size, void **req)
{
	struct server *sv = cls;
	char *path, *nf;
	int forbidden;
	enum MHD_Result ret;

	(void)version;
	(void)upload_data;
	/* The header is complete: the watchdog leaves this one alone. */
	if (*req == NULL) {
		struct conn *e;

		pthread_mutex_lock(&sv->cmu);
		if ((e = conn_of(c)) != NULL)
			e->busy = 1;
		pthread_mutex_unlock(&sv->cmu);
		*req = sv;
	}
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return send_buf(c, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain",
		    "method not allowed\n", 19);
	if (*upload_size != 0) {
		*upload_size = 0;
		return MHD_YES;
	}
	if (strcmp(url, "/_vecdoc/live.js") == 0)
		return send_buf(c, MHD_HTTP_OK, "text/javascript; charset=utf-8",
		    live_js, sizeof(live_js) - 1);
	if (strcmp(url, "/_vecdoc/events") == 0) {
		struct sse *e = xcalloc(1, sizeof(*e));
		struct MHD_Response *r;

		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
		    MHD_CONNECTION_INFO_CONNECTION_FD);

		e->sv = sv;
		e->fd = ci != NULL ? ci->connect_fd : -1;
		e->first = 1;
		r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096,
		    sse_read, e, sse_free);
		MHD_add_response_header(r, "Content-Type", "text/event-stream");
		MHD_add_response_header(r, "Cache-Control", "no-store");
		ret = MHD_queue_response(c, MHD_HTTP_OK, r);
		MHD_destroy_response(r);
		return ret;
	}
	path = map_path(sv, url, &forbidden);
	if (forbidden)
		return send_buf(c, MHD_HTTP_FORBIDDEN, "text/plain",
		    "forbidden\n", 10);
	if (path == NULL) {
		nf = fs_join(sv->absout, "404.html");
		if (fs_exists(nf)) {
			ret = serve_file(sv, c, nf, MHD_HTTP_NOT_FOUND);
			free(nf);
			return ret;
		}
		free(nf);
		return send_buf(c, MHD_HTTP_NOT_FOUND, "text/plain", "not found\n", 10);
	}
	ret = serve_file(sv, c, path, MHD_HTTP_OK);
	free(path);
	return ret;
}

/* The HTTP side: libmicrohttpd with one thread per connection, the
 * limits above and the watchdog's notifications; listening on sa, or
 * on no socket when sa is NULL (connections come in through
 * MHD_add_connection). */
static struct MHD_Daemon *
start_daemon(struct server *sv, const struct sockaddr_in *sa)
{
	unsigned flags = MHD_USE_THREAD_PER_CONNECTION |
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;

	if (sa == NULL)
		return MHD_start_daemon(flags | MHD_USE_NO_LISTEN_SOCKET, 0,
		    NULL, NULL, handle, sv,
		    MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_MAX_CONN,
		    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
		    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)65536,
		    MHD_OPTION_NOTIFY_CONNECTION, on_connection, sv,
		    MHD_OPTION_NOTIFY_COMPLETED, on_completed, sv,
		    MHD_OPTION_END);
	return MHD_start_daemon(flags, 0, NULL, NULL, handle, sv,
	    MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)sa,
	    MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)SERVE_MAX_CONN,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)SERVE_PER_IP,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)65536,
	    MHD_OPTION_NOTIFY_CONNECTION, on_connection, sv,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, sv,
	    MHD_OPTION_END);
}

struct serve_http {
	struct server		 sv;
	struct MHD_Daemon	*daemon;
};

struct serve_http *
serve_http_open(const char *outdir)
{
	struct serve_http *h = xcalloc(1, sizeof(*h));

	h->sv.outdir = xstrdup(outdir);
	h->sv.absout = fs_abspath(outdir);
	h->sv.ok = 1;
	h->sv.stop = 1;		/* no rebuilds: event streams end at once */
	pthread_mutex_init(&h->sv.mu, NULL);
	pthread_cond_init(&h->sv.cv, NULL);
	pthread_mutex_init(&h->sv.cmu, NULL);
	if ((h->daemon = start_daemon(&h->sv, NULL)) == NULL) {
		serve_http_close(h);
		return NULL;
	}
	return h;
}

int
serve_http_add(struct serve_http *h, int fd)
{
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return MHD_add_connection(h->daemon, fd, (const struct sockaddr *)&sa,
	    sizeof(sa)) == MHD_YES ? 0 : -1;
}

void
serve_http_close(struct serve_http *h)
{
	if (h == NULL)
		return;
	if (h->daemon != NULL)
		MHD_stop_daemon(h->daemon);
	free(h->sv.outdir);
	free(h->sv.absout);
	free(h);
}

/* Adds an inotify watch on dir and every directory below it. */
static void
watch_tree(int fd, const char *dir)
{
	char **names, *sub;
	long n, i;
	struct diag d;

	inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_CREATE | IN_DELETE |
	    IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF);
	if ((n = fs_list(dir, &names, &d)) < 0)
		return;
	for (i = 0; i < n; i++) {
		if (names[i][0] == '.')
			continue;
		sub = fs_join(dir, names[i]);
		if (fs_isdir(sub))
			watch_tree(fd, sub);
		free(sub);
	}
	fs_names_free(names, n);
}

int
site_serve(const char *root, const char *outdir, const char *bind, long port,
    int jobs)
{
	struct server sv;
	int fd;
	struct MHD_Daemon *daemon;
	struct sockaddr_in sa;
	char *themedir, buf[8192];
	struct sigaction act;

	memset(&sv, 0, sizeof(sv));
	sv.root = root;
	sv.jobs = jobs;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, bind, &sa.sin_addr) != 1)
		return -1;
	sv.outdir = outdir ? xstrdup(outdir) : fs_join(sv.root, "../output");
	pthread_mutex_init(&sv.mu, NULL);
	pthread_cond_init(&sv.cv, NULL);
	pthread_mutex_init(&sv.cmu, NULL);
	sv.cache = build_cache_new();
	rebuild(&sv);
	sv.absout = fs_abspath(sv.outdir);
	daemon = start_daemon(&sv, &sa);
	if (daemon == NULL) {
		fprintf(stderr, "vecdoc serve: cannot listen on %s:%ld: %s\n", bind,
		    port, strerror(errno));
		free(sv.outdir);
		free(sv.absout);
		return 1;
	}
	if (pthread_create(&sv.watchdog, NULL, watchdog, &sv) != 0) {
		fprintf(stderr, "vecdoc serve: cannot start a thread: %s\n",
		    strerror(errno));
		MHD_stop_daemon(daemon);
		free(sv.outdir);
		free(sv.absout);
		return 1;
	}
	fprintf(stderr, "vecdoc serve: http://%s:%ld/ (Ctrl-C to stop)\n", bind, port);
	memset(&act, 0, sizeof(act));
	act.sa_handler = on_signal;
	sigaction(SIGINT, &act, NULL);
	sigaction(SIGTERM, &act, NULL);
	signal(SIGPIPE, SIG_IGN);
	fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	watch_tree(fd, sv.root);
	themedir = theme_default_dir();
	watch_tree(fd, themedir);
	free(themedir);
	while (!got_signal) {
		struct pollfd p = { fd, POLLIN, 0 };
		int changed = 0;

		if (poll(&p, 1, 500) <= 0)
			continue;
		/* Drain, then wait for the burst of events to settle. */
		do {
			while (read(fd, buf, sizeof(buf)) > 0)
				changed = 1;
		} while (poll(&p, 1, 150) > 0);
		if (changed) {
			close(fd);	/* new folders: watch the tree afresh */
			rebuild(&sv);
			fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
			watch_tree(fd, sv.root);
			themedir = theme_default_dir();
			watch_tree(fd, themedir);
			free(themedir);
		}
	}
	close(fd);
	pthread_mutex_lock(&sv.mu);
	sv.stop = 1;
	pthread_cond_broadcast(&sv.cv);
	pthread_mutex_unlock(&sv.mu);
	pthread_join(sv.watchdog, NULL);
	MHD_stop_daemon(daemon);
	fprintf(stderr, "vecdoc serve: stopped\n");
	free(sv.diagnostics);
	free(sv.outdir);
	free(sv.absout);
	build_cache_free(sv.cache);
	return 0;
}
