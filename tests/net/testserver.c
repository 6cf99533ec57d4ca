/* testserver.c: a small HTTP/1.1 server on 127.0.0.1 with fault modes, for tests. */
#include "autoconfig.h"

#include "testserver.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* The fault modes are listed in http.c. */

static volatile sig_atomic_t stop_flag;

static void
on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

long long
ts_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- connections */

static void
conn_close(struct server *s, size_t i)
{
	struct conn *c = s->conns[i];

	close(c->fd);
	if (c->z_on)
		deflateEnd(&c->z);
	buf_free(&c->out);
	free(c);
	s->conns[i] = s->conns[--s->nconn];
}

/* Refill c->out from its generator; 0 when there is more to send. */
static int
generate(struct conn *c)
{
	static char zeros[1 << 20];
	char tmp[65536];

	buf_reset(&c->out);
	c->off = 0;
	c->head_len = 0;
	if (c->gen == GEN_ENDLESS) {
		while (c->out.len < 65536 && c->gen_left > 0) {
			buf_puts(&c->out, ts_filler_text);
			c->gen_left -= c->gen_left < ts_filler_len
					       ? c->gen_left
					       : ts_filler_len;
		}
	}
	while (c->gen == GEN_BOMB && c->out.len == 0) {
		size_t n = c->gen_left < sizeof(zeros) ? c->gen_left
						       : sizeof(zeros);
		int flush = n == c->gen_left ? Z_FINISH : Z_NO_FLUSH;
		int rc;

		c->gen_left -= n;
		c->z.next_in = (Bytef *)zeros;
		c->z.avail_in = (uInt)n;
		do {
			c->z.next_out = (Bytef *)tmp;
			c->z.avail_out = sizeof(tmp);
			rc = deflate(&c->z, flush);
			buf_append(&c->out, tmp, sizeof(tmp) - c->z.avail_out);
		} while (c->z.avail_out == 0 ||
			 (flush == Z_FINISH && rc == Z_OK));
		if (flush == Z_FINISH)
			c->gen = GEN_NONE;
	}
	if (c->gen == GEN_ENDLESS && c->gen_left == 0)
		c->gen = GEN_NONE;
	return c->out.len ? 0 : -1;
}

/* Make progress on c; -1 when it should be closed. */
static int
conn_io(struct server *s, struct conn *c, short revents)
{
	long long now = ts_now_ms();
	ssize_t n;

	if (revents & (POLLERR | POLLNVAL))
		return -1;
	if (!c->responding) {
		char *end;

		if (!(revents & (POLLIN | POLLHUP)))
			return now - c->last_io > READ_TIMEOUT_MS ? -1 : 0;
		n = recv(c->fd, c->req + c->reqlen, MAX_REQ - c->reqlen, 0);
		if (n <= 0)
			return n < 0 && errno == EAGAIN ? 0 : -1;
		c->last_io = now;
		c->reqlen += (size_t)n;
		c->req[c->reqlen] = '\0';
		end = strstr(c->req, "\r\n\r\n");
		if (!end)
			end = strstr(c->req, "\n\n");
		if (end) {
			end[2] = '\0';
			ts_handle_request(s, c);
		} else if (c->reqlen == MAX_REQ) {
			ts_simple(c, 431, "request head too large\n", 0);
		}
		return 0;
	}
	if (!(revents & POLLOUT))
		return 0;
	for (;;) {
		size_t left = c->out.len - c->off;

		if (!left) {
			if (c->gen == GEN_NONE || generate(c) < 0)
				return -1; /* all sent: close */
			left = c->out.len;
		}
		if (c->byte_delay && c->off < c->head_len) {
			left = c->head_len - c->off; /* the head at once */
		} else if (c->byte_delay) {
			if (now < c->next_at)
				return 0;
			left = 1;
			c->next_at = now + c->byte_delay;
		}
		n = send(c->fd, c->out.data + c->off, left, MSG_NOSIGNAL);
		if (n < 0)
			return errno == EAGAIN || errno == EINTR ? 0 : -1;
		c->off += (size_t)n;
		s->last_activity = now;
		if (c->byte_delay || (size_t)n < left)
			return 0;
	}
}

static int
listen_local(struct server *s)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int one = 1;

	s->lfd = socket(AF_INET, SOCK_STREAM, 0);
	if (s->lfd < 0)
		return -1;
	setsockopt(s->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = 0;
	if (bind(s->lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(s->lfd, 256) < 0 ||
	    getsockname(s->lfd, (struct sockaddr *)&sa, &len) < 0)
		return -1;
	fcntl(s->lfd, F_SETFL, fcntl(s->lfd, F_GETFL) | O_NONBLOCK);
	s->port = ntohs(sa.sin_port);
	return 0;
}

static int
write_port(const char *file, int port)
{
	char *tmp = xasprintf("%s.tmp", file);
	FILE *f = fopen(tmp, "w");
	int rc = -1;

	if (!f)
		goto out;
	fprintf(f, "%d\n", port);
	if (fclose(f) != 0 || rename(tmp, file) < 0)
		goto out;
	rc = 0;
out:
	free(tmp);
	return rc;
}

static void
accept_new(struct server *s)
{
	while (s->nconn < MAX_CONN) {
		int fd = accept(s->lfd, NULL, NULL);
		struct conn *c;

		if (fd < 0)
			return;
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
		c = xcalloc(1, sizeof(*c));
		c->fd = fd;
		buf_init(&c->out, 0);
		c->last_io = ts_now_ms();
		s->conns[s->nconn++] = c;
		s->last_activity = c->last_io;
	}
}

static void
run(struct server *s, long idle_ms)
{
	struct pollfd pfd[MAX_CONN + 1];
	struct conn *order[MAX_CONN];

	s->last_activity = ts_now_ms();
	while (!stop_flag) {
		long long now = ts_now_ms(), wake = now + 1000;
		size_t n = 0, nc = s->nconn;
		int rc;

		if (!s->nconn && now - s->last_activity >= idle_ms)
			break;
		if (s->nconn < MAX_CONN)
			pfd[n++] = (struct pollfd){s->lfd, POLLIN, 0};
		for (size_t i = 0; i < nc; i++) {
			struct conn *c = s->conns[i];
			short ev = 0;

			order[i] = c;
			if (!c->responding) {
				ev = POLLIN;
			} else if (now < c->start_at) {
				wake = wake < c->start_at ? wake : c->start_at;
			} else if (c->byte_delay && c->off >= c->head_len &&
				   now < c->next_at) {
				wake = wake < c->next_at ? wake : c->next_at;
			} else {
				ev = POLLOUT;
			}
			pfd[n++] = (struct pollfd){c->fd, ev, 0};
		}
		rc = poll(pfd, n, (int)(wake > now ? wake - now : 0));
		if (rc < 0 && errno != EINTR)
			break;
		if (rc < 0)
			continue;
		n = 0;
		if (s->nconn < MAX_CONN && (pfd[n++].revents & POLLIN))
			accept_new(s);
		for (size_t i = 0; i < nc; i++, n++) {
			struct conn *c = order[i];
			short rev = pfd[n].revents;

			if (c->responding && !rev && pfd[n].events == 0 &&
			    ts_now_ms() >= c->start_at)
				rev = POLLOUT; /* a timer fired */
			if (conn_io(s, c, rev) < 0) {
				for (size_t j = 0; j < s->nconn; j++)
					if (s->conns[j] == c) {
						conn_close(s, j);
						break;
					}
			}
		}
	}
	while (s->nconn)
		conn_close(s, 0);
	close(s->lfd);
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{"root", required_argument, NULL, 'r'},
		{"port-file", required_argument, NULL, 'p'},
		{"idle-exit", required_argument, NULL, 'i'},
		{"log", required_argument, NULL, 'l'},
		{NULL, 0, NULL, 0},
	};
	struct server *s = xcalloc(1, sizeof(*s));
	const char *port_file = NULL;
	long idle = 30;
	struct sigaction sa;
	int ch;

	while ((ch = getopt_long(argc, argv, "r:p:i:l:", opts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			s->log = fopen(optarg, "a");
			if (!s->log) {
				perror(optarg);
				return 2;
			}
			break;
		case 'r':
			s->root = optarg;
			break;
		case 'p':
			port_file = optarg;
			break;
		case 'i':
			if (str_to_long(optarg, 1, 86400, &idle) < 0) {
				fprintf(stderr, "testserver: bad --idle-exit\n");
				return 2;
			}
			break;
		default:
			goto usage;
		}
	}
	if (!s->root || !port_file || optind != argc)
		goto usage;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	if (listen_local(s) < 0 || write_port(port_file, s->port) < 0) {
		perror("testserver");
		return 1;
	}
	run(s, idle * 1000);
	if (s->log)
		fclose(s->log);
	free(s);
	return 0;
usage:
	fprintf(stderr, "usage: testserver --root DIR --port-file FILE "
			"[--idle-exit SECONDS] [--log FILE]\n");
	free(s);
	return 2;
}
