/*
 * The network device's queue and workers (net.h).
 *
 * Threads. The kernel thread calls net_submit, net_take and net_close; the
 * workers run the transfers. A request is decoded and checked on the
 * kernel thread, copied, and appended to `jobs`; a worker takes it, runs it
 * with no lock held, and appends the result to `done`. Both FIFOs and the
 * counters live under `lock`.
 *
 * Invariants, whenever `lock` is free:
 *   - in_flight = job_count + (jobs held by workers) + done_count <=
 *     ZOS_NET_MAX_PENDING: neither FIFO can overflow, and the memory held
 *     for results nobody took yet is bounded.
 *   - the eventfd's counter is non-zero exactly when done_count > 0 (a
 *     worker adds 1 when `done` becomes non-empty; net_take reads it back
 *     when it takes the last result; both under `lock`).
 */
#define _GNU_SOURCE
#include "hal/hosted/net.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <zos/error.h>

struct net_job {
	uint64_t cookie;
	uint32_t len;
	uint8_t *in;                /* owned copy of the request bytes */
	struct net_result *res;     /* where its result goes: allocated at
	                             * submit, so a worker never fails to report */
};

struct netdev {
	int efd;
	pthread_t workers[ZOS_NET_WORKERS];
	uint32_t nworkers;
	volatile int stopping;      /* set under lock; read by transfers as a hint */

	pthread_mutex_t lock;
	pthread_cond_t wake;
	struct net_job jobs[ZOS_NET_MAX_PENDING];
	uint32_t job_head, job_count;
	struct net_result *done[ZOS_NET_MAX_PENDING];
	uint32_t done_head, done_count;
	uint32_t in_flight;
};

static void finish(struct netdev *nd, struct net_result *res)
{
	uint64_t one = 1;

	pthread_mutex_lock(&nd->lock);
	nd->done[(nd->done_head + nd->done_count) % ZOS_NET_MAX_PENDING] = res;
	if (nd->done_count++ == 0)
		while (write(nd->efd, &one, sizeof one) < 0 && errno == EINTR)
			;
	pthread_mutex_unlock(&nd->lock);
}

static void *worker(void *arg)
{
	struct netdev *nd = arg;

	for (;;) {
		struct net_job job;
		struct net_result *res;
		struct znet_request rq;
		const char *why;

		pthread_mutex_lock(&nd->lock);
		while (!nd->stopping && nd->job_count == 0)
			pthread_cond_wait(&nd->wake, &nd->lock);
		if (nd->stopping) {
			pthread_mutex_unlock(&nd->lock);
			return 0;
		}
		job = nd->jobs[nd->job_head];
		nd->job_head = (nd->job_head + 1) % ZOS_NET_MAX_PENDING;
		nd->job_count--;
		pthread_mutex_unlock(&nd->lock);

		res = job.res;
		/* checked at submit; decoding again only re-derives the pointers */
		if (znet_request_decode(job.in, job.len, &rq, &why) == ZOS_OK)
			net_fetch(&rq, job.cookie, &nd->stopping, res);
		else
			net_result_error(res, job.cookie, ZOS_NET_ERR_BAD_REQUEST, "%s", why);
		free(job.in);
		finish(nd, res);
	}
}

struct netdev *net_open(char *err, size_t cap)
{
	struct netdev *nd = calloc(1, sizeof *nd);
	sigset_t all, old;

	if (!nd) {
		snprintf(err, cap, "out of memory");
		return 0;
	}
	if (net_fetch_global_init() != 0) {
		snprintf(err, cap, "libcurl would not initialise");
		free(nd);
		return 0;
	}
	nd->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (nd->efd < 0) {
		snprintf(err, cap, "eventfd: %s", strerror(errno));
		net_fetch_global_cleanup();
		free(nd);
		return 0;
	}
	pthread_mutex_init(&nd->lock, 0);
	pthread_cond_init(&nd->wake, 0);
	/* Workers take no signals: the kernel thread reads them from its
	 * signalfd, and a SIGTERM delivered to a worker would kill zos. */
	sigfillset(&all);
	if (pthread_sigmask(SIG_SETMASK, &all, &old) != 0) {
		snprintf(err, cap, "cannot block signals for the workers");
		net_close(nd);
		return 0;
	}
	for (; nd->nworkers < ZOS_NET_WORKERS; nd->nworkers++)
		if (pthread_create(&nd->workers[nd->nworkers], 0, worker, nd) != 0)
			break;
	pthread_sigmask(SIG_SETMASK, &old, 0);
	if (nd->nworkers == 0) {
		snprintf(err, cap, "cannot start a worker thread");
		net_close(nd);
		return 0;
	}
	return nd;
}

void net_close(struct netdev *nd)
{
	if (!nd)
		return;
	pthread_mutex_lock(&nd->lock);
	nd->stopping = 1;
	pthread_cond_broadcast(&nd->wake);
	pthread_mutex_unlock(&nd->lock);
	for (uint32_t i = 0; i < nd->nworkers; i++)
		pthread_join(nd->workers[i], 0);
	for (uint32_t i = 0; i < nd->job_count; i++) {
		free(nd->jobs[(nd->job_head + i) % ZOS_NET_MAX_PENDING].in);
		free(nd->jobs[(nd->job_head + i) % ZOS_NET_MAX_PENDING].res);
	}
	for (uint32_t i = 0; i < nd->done_count; i++)
		free(nd->done[(nd->done_head + i) % ZOS_NET_MAX_PENDING]);
	pthread_cond_destroy(&nd->wake);
	pthread_mutex_destroy(&nd->lock);
	close(nd->efd);
	net_fetch_global_cleanup();
	free(nd);
}

int net_submit(struct netdev *nd, uint64_t cookie, const uint8_t *in, uint32_t len,
	       const char **why)
{
	struct znet_request rq;
	struct net_job *job;
	int err = znet_request_decode(in, len, &rq, why);

	if (err)
		return err;
	pthread_mutex_lock(&nd->lock);
	if (nd->in_flight >= ZOS_NET_MAX_PENDING || nd->stopping) {
		pthread_mutex_unlock(&nd->lock);
		*why = "too many network requests under way";
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	}
	job = &nd->jobs[(nd->job_head + nd->job_count) % ZOS_NET_MAX_PENDING];
	job->in = malloc(len);
	job->res = malloc(sizeof *job->res);
	if (!job->in || !job->res) {
		free(job->in);
		free(job->res);
		pthread_mutex_unlock(&nd->lock);
		*why = "out of memory";
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	}
	memcpy(job->in, in, len);
	job->len = len;
	job->cookie = cookie;
	nd->job_count++;
	nd->in_flight++;
	pthread_cond_signal(&nd->wake);
	pthread_mutex_unlock(&nd->lock);
	return ZOS_OK;
}

int net_event_fd(const struct netdev *nd)
{
	return nd->efd;
}

int net_take(struct netdev *nd, struct net_result *out)
{
	struct net_result *res;
	uint64_t n;

	pthread_mutex_lock(&nd->lock);
	if (nd->done_count == 0) {
		pthread_mutex_unlock(&nd->lock);
		return 0;
	}
	res = nd->done[nd->done_head];
	nd->done_head = (nd->done_head + 1) % ZOS_NET_MAX_PENDING;
	if (--nd->done_count == 0)
		while (read(nd->efd, &n, sizeof n) < 0 && errno == EINTR)
			;
	nd->in_flight--;
	pthread_mutex_unlock(&nd->lock);
	memcpy(out, res, sizeof *out);
	free(res);
	return 1;
}
