/*
 * The network tests' HTTP server as a program, for the end-to-end tests
 * (tests/e2e/net.sh): listens on 127.0.0.1 only, prints "port N" once it
 * listens, and serves the routes of tests/support/httpd.h until SIGTERM or
 * SIGINT, or for --lifetime seconds at most (so it never outlives a test).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "support/httpd.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: httpd [--port N] [--lifetime SECONDS]\n"
		   "A test HTTP server on 127.0.0.1 (routes: /hello /echo /size/N /stream/N /slow\n"
		   "/redirect /many-headers; anything else is 404). Prints \"port N\" when it\n"
		   "listens; stops on SIGTERM/SIGINT or after --lifetime seconds (default 300).\n");
}

int main(int argc, char **argv)
{
	struct httpd s;
	long port = 0, lifetime = 300;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help")) {
			usage(stdout);
			return 0;
		} else if (!strcmp(argv[i], "--port") && i + 1 < argc) {
			port = strtol(argv[++i], 0, 10);
		} else if (!strcmp(argv[i], "--lifetime") && i + 1 < argc) {
			lifetime = strtol(argv[++i], 0, 10);
		} else {
			usage(stderr);
			return 2;
		}
	}
	if (port < 0 || port > 65535 || lifetime <= 0) {
		usage(stderr);
		return 2;
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	if (httpd_start(&s, (uint16_t)port) != 0) {
		perror("httpd: cannot listen on 127.0.0.1");
		return 1;
	}
	printf("port %u\n", s.port);
	fflush(stdout);
	for (long t = 0; !stop && t < lifetime * 10; t++)
		usleep(100000);
	httpd_stop(&s);
	return 0;
}
