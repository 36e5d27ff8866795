/*
 * The network tests' HTTP server (httpd.h). Bounded everywhere: a request
 * head of at most 8 KiB, a body of at most 64 KiB, and a stalled route that
 * checks every 50 ms whether it should stop.
 */
#define _GNU_SOURCE
#include "support/httpd.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define HEAD_MAX 8192
#define BODY_MAX 65536
#define SLOW_MS 60000

struct conn {
	struct httpd *s;
	int fd;
};

static int send_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static int send_head(int fd, int status, const char *reason, const char *extra, long length)
{
	char head[4096];
	int n;

	if (length >= 0)
		n = snprintf(head, sizeof head,
			     "HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\nContent-Length: %ld\r\n"
			     "Connection: close\r\n%s\r\n",
			     status, reason, length, extra ? extra : "");
	else
		n = snprintf(head, sizeof head,
			     "HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\n"
			     "Transfer-Encoding: chunked\r\nConnection: close\r\n%s\r\n",
			     status, reason, extra ? extra : "");
	return send_all(fd, head, (size_t)n);
}

static void send_text(int fd, int status, const char *reason, const char *text)
{
	if (send_head(fd, status, reason, 0, (long)strlen(text)) == 0)
		send_all(fd, text, strlen(text));
}

static void send_filled(int fd, long n, char c, int chunked)
{
	char buf[4096];

	memset(buf, c, sizeof buf);
	if (send_head(fd, 200, "OK", 0, chunked ? -1 : n) != 0)
		return;
	while (n > 0) {
		size_t k = n > (long)sizeof buf ? sizeof buf : (size_t)n;
		char size[32];
		if (chunked) {
			int m = snprintf(size, sizeof size, "%zx\r\n", k);
			if (send_all(fd, size, (size_t)m) != 0)
				return;
		}
		if (send_all(fd, buf, k) != 0 || (chunked && send_all(fd, "\r\n", 2) != 0))
			return;
		n -= (long)k;
	}
	if (chunked)
		send_all(fd, "0\r\n\r\n", 5);
}

/* Waits SLOW_MS, or until the server stops or the client goes away. */
static void stall(struct conn *c)
{
	for (int waited = 0; waited < SLOW_MS && !c->s->stopping; waited += 50) {
		struct pollfd p = { .fd = c->fd, .events = POLLIN };
		char b;
		if (poll(&p, 1, 50) > 0 && recv(c->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT) <= 0)
			return; /* closed by the client */
	}
	if (!c->s->stopping)
		send_text(c->fd, 200, "OK", "too late\n");
}

static void echo(int fd, const char *method, const char *head, const char *body, size_t body_len)
{
	char *out = malloc(HEAD_MAX + BODY_MAX + 256);
	size_t n = 0;
	const char *line = strstr(head, "\r\n");

	if (!out)
		return;
	n += (size_t)sprintf(out, "%s /echo\n", method);
	while (line && line[2] && !(line[2] == '\r' && line[3] == '\n')) {
		const char *start = line + 2, *end = strstr(start, "\r\n");
		if (!end)
			break;
		if (strncasecmp(start, "X-", 2) == 0) {
			memcpy(out + n, start, (size_t)(end - start));
			n += (size_t)(end - start);
			out[n++] = '\n';
		}
		line = end;
	}
	memcpy(out + n, body, body_len);
	n += body_len;
	if (send_head(fd, 200, "OK", 0, (long)n) == 0)
		send_all(fd, out, n);
	free(out);
}

static void many_headers(int fd)
{
	char extra[4096];
	size_t n = 0;

	for (int i = 0; i < 60; i++)
		n += (size_t)snprintf(extra + n, sizeof extra - n, "X-Filler-%02d: %s\r\n", i,
				      "abcdefghijklmnopqrstuvwxyz");
	if (send_head(fd, 200, "OK", extra, 3) == 0)
		send_all(fd, "ok\n", 3);
}

static long content_length(const char *head)
{
	const char *p = head;

	while ((p = strstr(p, "\r\n")) != 0) {
		p += 2;
		if (strncasecmp(p, "Content-Length:", 15) == 0)
			return strtol(p + 15, 0, 10);
	}
	return 0;
}

static void route(struct conn *c, char *head, char *body, size_t body_len)
{
	char method[16], path[256];
	long n;

	if (sscanf(head, "%15s %255s", method, path) != 2) {
		send_text(c->fd, 400, "Bad Request", "bad request\n");
		return;
	}
	if (!strcmp(path, "/hello") && (!strcmp(method, "GET") || !strcmp(method, "HEAD")))
		send_text(c->fd, 200, "OK", "hello from the test server\n");
	else if (!strcmp(path, "/echo"))
		echo(c->fd, method, head, body, body_len);
	else if (!strncmp(path, "/size/", 6) && (n = strtol(path + 6, 0, 10)) >= 0 && n <= 1 << 24)
		send_filled(c->fd, n, 'a', 0);
	else if (!strncmp(path, "/stream/", 8) && (n = strtol(path + 8, 0, 10)) >= 0 && n <= 1 << 24)
		send_filled(c->fd, n, 'b', 1);
	else if (!strcmp(path, "/slow"))
		stall(c);
	else if (!strcmp(path, "/redirect")) {
		if (send_head(c->fd, 302, "Found", "Location: /hello\r\n", 0) != 0)
			return;
	} else if (!strcmp(path, "/many-headers"))
		many_headers(c->fd);
	else
		send_text(c->fd, 404, "Not Found", "not found\n");
}

static void *serve(void *arg)
{
	struct conn *c = arg;
	char *buf = malloc(HEAD_MAX + BODY_MAX + 1);
	size_t have = 0, head_len = 0;
	long body_len = 0;

	while (buf) {
		struct pollfd p = { .fd = c->fd, .events = POLLIN };
		char *end;
		ssize_t n;
		if (c->s->stopping || poll(&p, 1, 50) < 0)
			break;
		if (!(p.revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		n = recv(c->fd, buf + have, HEAD_MAX + BODY_MAX - have, 0);
		if (n <= 0)
			break;
		have += (size_t)n;
		buf[have] = 0;
		if (!head_len && (end = strstr(buf, "\r\n\r\n")) != 0) {
			head_len = (size_t)(end - buf) + 4;
			body_len = content_length(buf);
			if (body_len < 0 || body_len > BODY_MAX)
				break;
		}
		if (!head_len && have >= HEAD_MAX)
			break;
		if (head_len && have >= head_len + (size_t)body_len) {
			char *body = malloc((size_t)body_len + 1);
			if (body) {
				memcpy(body, buf + head_len, (size_t)body_len);
				buf[head_len] = 0; /* the head as a string */
				route(c, buf, body, (size_t)body_len);
				free(body);
			}
			break;
		}
	}
	free(buf);
	close(c->fd);
	__atomic_sub_fetch(&c->s->active, 1, __ATOMIC_SEQ_CST);
	free(c);
	return 0;
}

static void *accepter(void *arg)
{
	struct httpd *s = arg;

	while (!s->stopping) {
		struct pollfd p = { .fd = s->fd, .events = POLLIN };
		struct conn *c;
		pthread_t t;
		int fd;

		if (poll(&p, 1, 50) <= 0)
			continue;
		fd = accept4(s->fd, 0, 0, SOCK_CLOEXEC);
		if (fd < 0)
			continue;
		c = malloc(sizeof *c);
		if (!c) {
			close(fd);
			continue;
		}
		c->s = s;
		c->fd = fd;
		__atomic_add_fetch(&s->active, 1, __ATOMIC_SEQ_CST);
		if (pthread_create(&t, 0, serve, c) != 0) {
			__atomic_sub_fetch(&s->active, 1, __ATOMIC_SEQ_CST);
			close(fd);
			free(c);
			continue;
		}
		pthread_detach(t);
	}
	return 0;
}

int httpd_start(struct httpd *s, uint16_t port)
{
	struct sockaddr_in a;
	socklen_t len = sizeof a;
	int one = 1;
	pthread_t *t;

	memset(s, 0, sizeof *s);
	s->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s->fd < 0)
		return -1;
	setsockopt(s->fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_port = htons(port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* 127.0.0.1, never another address */
	if (bind(s->fd, (struct sockaddr *)&a, sizeof a) != 0 || listen(s->fd, 64) != 0 ||
	    getsockname(s->fd, (struct sockaddr *)&a, &len) != 0) {
		close(s->fd);
		return -1;
	}
	s->port = ntohs(a.sin_port);
	t = malloc(sizeof *t);
	if (!t || pthread_create(t, 0, accepter, s) != 0) {
		free(t);
		close(s->fd);
		errno = EAGAIN;
		return -1;
	}
	s->thread = t;
	return 0;
}

void httpd_stop(struct httpd *s)
{
	struct timespec ms = { 0, 10 * 1000000 };

	s->stopping = 1;
	if (s->thread) {
		pthread_join(*(pthread_t *)s->thread, 0);
		free(s->thread);
		s->thread = 0;
	}
	close(s->fd);
	for (int i = 0; i < 500 && __atomic_load_n(&s->active, __ATOMIC_SEQ_CST) > 0; i++)
		nanosleep(&ms, 0);
}
