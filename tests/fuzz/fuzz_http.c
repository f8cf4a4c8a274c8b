/*
 * tests/fuzz/fuzz_http: libFuzzer target for the HTTP request path of
 * `vecdoc serve`: libmicrohttpd's request parsing, then the handler's
 * URL mapping, refusals (.., encoded variants, symlinks out, methods)
 * and responses, on a small output directory made at start-up beside a
 * secret file and a symbolic link to it. The input is the bytes a client
 * sends on one connection (a socket pair handed to the server). Must
 * never crash, hang or leak, every answer is an HTTP response, and the
 * secret never appears in one. Each input is one loopback TCP connection
 * (a pair made through a listening socket on 127.0.0.1, port chosen by
 * the kernel) whose server end is handed over to the server.
 */
#include <netinet/in.h>
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "fuzz.h"
#include "site/serve.h"

static struct serve_http *srv;
static char dir[] = "/tmp/vecdoc-fuzz-http.XXXXXX";
static int lfd = -1;
static struct sockaddr_in laddr;

/* A connected loopback TCP pair: sv[0] the server's end, sv[1] ours.
 * -1 when the system has no port to spare (many runs a second leave
 * connections in TIME_WAIT): the input is then skipped. */
static int
tcp_pair(int sv[2])
{
	if ((sv[1] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		abort();
	if (connect(sv[1], (struct sockaddr *)&laddr, sizeof(laddr)) != 0) {
		close(sv[1]);
		return -1;
	}
	if ((sv[0] = accept4(lfd, NULL, NULL, SOCK_CLOEXEC)) < 0)
		abort();
	return 0;
}

static void
put(const char *rel, const char *text)
{
	char p[512];
	FILE *f;

	snprintf(p, sizeof(p), "%s/%s", dir, rel);
	if ((f = fopen(p, "w")) == NULL || fputs(text, f) < 0 || fclose(f))
		abort();
}

static void
setup(void)
{
	char p[512], q[512];
	socklen_t len = sizeof(laddr);

	if (mkdtemp(dir) == NULL)
		abort();
	snprintf(p, sizeof(p), "%s/out", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/out/m1", dir);
	mkdir(p, 0755);
	snprintf(p, sizeof(p), "%s/out/_vecdoc", dir);
	mkdir(p, 0755);
	put("secret.txt", "SECRET-OUTSIDE\n");
	put("out/index.html", "<html><body><p>home</p></body></html>\n");
	put("out/404.html", "<html><body>not here</body></html>\n");
	put("out/m1/index.html", "<html><body>m1</body></html>\n");
	put("out/m1/one.html", "<html><body>one</body></html>\n");
	put("out/m1/fig.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n");
	put("out/_vecdoc/style.css", "body{}\n");
	snprintf(p, sizeof(p), "%s/secret.txt", dir);
	snprintf(q, sizeof(q), "%s/out/m1/link.css", dir);
	if (symlink(p, q) != 0)
		abort();
	snprintf(p, sizeof(p), "%s/out", dir);
	if ((srv = serve_http_open(p)) == NULL)
		abort();
	memset(&laddr, 0, sizeof(laddr));
	laddr.sin_family = AF_INET;
	laddr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
	    bind(lfd, (struct sockaddr *)&laddr, sizeof(laddr)) != 0 ||
	    listen(lfd, 16) != 0 ||
	    getsockname(lfd, (struct sockaddr *)&laddr, &len) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char resp[1 << 20];
	size_t got = 0;
	int sv[2];
	ssize_t k;
	struct pollfd pfd;

	if (size > 8192)
		return 0;
	if (srv == NULL)
		setup();
	if (tcp_pair(sv) != 0)
		return 0;
	if (serve_http_add(srv, sv[0]) != 0) {
		close(sv[0]);
		close(sv[1]);
		return 0;
	}
	if (size > 0 && write(sv[1], data, size) != (ssize_t)size)
		abort();
	shutdown(sv[1], SHUT_WR);
	pfd.fd = sv[1];
	pfd.events = POLLIN;
	for (;;) {
		/* Connections end when the request is answered or refused;
		 * 35 s is past the server's own timeouts: a hang. (libFuzzer's
		 * own timer interrupts poll: that is no answer yet.) */
		int r = poll(&pfd, 1, 35000);

		if (r < 0 && errno == EINTR)
			continue;
		if (r != 1)
			__builtin_trap();
		k = read(sv[1], resp + got, sizeof(resp) - 1 - got);
		if (k <= 0)
			break;
		got += (size_t)k;
		if (got == sizeof(resp) - 1)
			got = 0;	/* keep reading; the start was checked */
	}
	close(sv[1]);
	resp[got] = '\0';
	if (got > 0 && got < sizeof(resp) - 1 &&
	    memcmp(resp, "HTTP/1.", got < 7 ? got : 7) != 0)
		__builtin_trap();
	if (memmem(resp, got, "SECRET-OUTSIDE", 14) != NULL)
		__builtin_trap();
	return 0;
}
