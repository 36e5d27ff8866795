/*
 * Runs a Zero OS service's own code in this host process, for its unit
 * tests and fuzzers: over a real System on the fake platform, with the
 * storage and keystore devices in memory (answered at once). The harness
 * plays Init (it registers and equips the service as Init would: its
 * endpoint in slot 0, Init's inbox in slot 1, its device in slot 2), then
 * plays the service's clients and, in between, the service itself, one
 * message at a time through the service's handler.
 *
 * zos_syscall is defined here: every libzos call the service makes goes to
 * system_syscall as the pid the harness is currently playing.
 */
#ifndef ZOS_TEST_SVC_HOST_H
#define ZOS_TEST_SVC_HOST_H

#include "support/fake_platform.h"
#include "support/memkv.h"
#include "zos.h"

/* A fake network device for a test: the NETWORK_FETCH input as the device
 * gets it; returns a syscall error (the request is refused), or ZOS_OK with
 * the NET_RESULT body (for request id `request`) in out and its length in
 * *len. */
typedef int (*svc_host_net_fn)(uint64_t request, const uint8_t *in, uint32_t len, uint8_t *out,
			       uint32_t *out_len);

struct svc_host {
	struct fake_platform fp;
	svc_host_net_fn network; /* 0: the network device is NOT_SUPPORTED */
	struct zos_system *sys;
	struct memkv storage;
	struct memkv keystore;
	uint32_t svc_pid;
	uint32_t svc_ep;       /* Init's WRITE+GRANT cap to the service's endpoint */
};

/* Boots a System and the service `name` with `device` (ZOS_DEV_*, 0 for
 * none), then runs its runtime start-up as the service. */
void svc_host_boot(struct svc_host *h, const char *name, uint8_t device);
void svc_host_free(struct svc_host *h);
/* Which pid the next syscalls run as. */
void svc_host_as(struct svc_host *h, uint32_t pid);
/* A client process: its own endpoint in slot 0 (answers land there) and a
 * WRITE cap to the service's endpoint in slot 1. Returns its pid. */
uint32_t svc_host_client(struct svc_host *h, const char *name);
/* A client's request, served: the client calls (its reply cap travels with
 * the message), the service takes the message and runs handle(m), and
 * then every message that arrived meanwhile on its endpoint (device
 * results a service asked to get there), then the client takes the answer
 * into reply. Returns the answer's body size, or
 * ZOS_ERR_WOULD_BLOCK when the handler left the caller without one. */
int64_t svc_host_request(struct svc_host *h, uint32_t client, uint32_t tag, const void *body,
			 uint32_t len, zos_handler handle, struct zos_msg *reply);
/* The same with a text body; the answer as text (in a buffer of the
 * harness's, valid until the next call), "(no answer: CODE)", or, for an
 * answer of tag + 1 that is neither a success nor the one error answer,
 * "(a malformed answer: TEXT)". */
const char *svc_host_ask(struct svc_host *h, uint32_t client, uint32_t tag, const char *body,
			 zos_handler handle, struct zos_msg *reply);
/* 1 when reply's body is a service answer (user/libzos/answer.h): a JSON
 * object that is a success or a well-formed error answer; else 0. */
int svc_host_answer_ok(const struct zos_msg *reply);
/* For fuzzers: aborts, naming `fuzzer`, when reply is not such an answer. */
void svc_host_check_answer(const char *fuzzer, const struct zos_msg *reply);

#endif
