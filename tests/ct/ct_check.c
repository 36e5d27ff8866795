/*
 * Timing hygiene: runs each secret-handling primitive under valgrind's
 * memcheck with its secret inputs marked undefined
 * (VALGRIND_MAKE_MEM_UNDEFINED). Memcheck then reports every conditional
 * jump and every memory address computed from a secret ("depends on
 * uninitialised value", "use of uninitialised value"): exactly the
 * secret-dependent branches and table indexes constant-time code must not
 * have. Outputs are marked defined again before the test looks at them.
 *
 * Each case is a row in `cases` below; a case fails when valgrind's error
 * count grows while it runs. `--leaky-control` runs only a deliberately
 * leaky function, which must be caught (tests/ct/run.sh checks that it
 * is, so a broken setup cannot pass silently). Started outside valgrind
 * it refuses to run: the check would prove nothing.
 *
 * Usage: valgrind -q --error-exitcode=1 build/host/tests/ct/ct_check [--leaky-control]
 */
#include <valgrind/memcheck.h>

#include "harness.h"
#include "lib/crypto/ct.h"
#include "lib/crypto/ed25519.h"
#include "lib/crypto/x25519.h"

#define SECRET(p, n) VALGRIND_MAKE_MEM_UNDEFINED((p), (n))
#define PUBLIC(p, n) VALGRIND_MAKE_MEM_DEFINED((p), (n))

static void fill(uint8_t *p, size_t n, uint8_t seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(seed + i * 29);
}

static void case_ed25519_keypair(void)
{
	uint8_t seed[32], pk[32], sk[64];

	fill(seed, 32, 1);
	SECRET(seed, 32);
	zos_ed25519_keypair(pk, sk, seed);
	PUBLIC(pk, 32);
	PUBLIC(sk, 64);
}

static void case_ed25519_sign(void)
{
	uint8_t seed[32], pk[32], sk[64], sig[64], msg[100];

	fill(seed, 32, 2);
	fill(msg, sizeof msg, 3);
	zos_ed25519_keypair(pk, sk, seed);
	SECRET(sk, 32); /* the seed half; the public half is public */
	zos_ed25519_sign(sig, msg, sizeof msg, sk);
	PUBLIC(sig, 64);
	PUBLIC(sk, 64);
	CHECK_EQ(zos_ed25519_verify(sig, msg, sizeof msg, pk), 0);
}

static void case_x25519(void)
{
	uint8_t k[32], u[32], out[32];
	int rc;

	fill(k, 32, 4);
	fill(u, 32, 5);
	SECRET(k, 32);
	rc = zos_x25519(out, k, u);
	PUBLIC(&rc, sizeof rc);
	PUBLIC(out, 32);
	CHECK_EQ(rc, 0);
}

static void case_x25519_secret_peer(void)
{
	uint8_t k[32], pub[32], out[32];
	int rc;

	fill(k, 32, 6);
	SECRET(k, 32);
	rc = zos_x25519_base(pub, k); /* the peer's point is secret too here */
	PUBLIC(&rc, sizeof rc);
	rc = zos_x25519(out, k, pub);
	PUBLIC(&rc, sizeof rc);
	PUBLIC(out, 32);
	CHECK_EQ(rc, 0);
}

static void case_ct_equal(void)
{
	uint8_t a[48], b[48];
	int eq;

	fill(a, 48, 7);
	fill(b, 48, 7);
	b[47] ^= 1;
	SECRET(a, 48);
	SECRET(b, 48);
	eq = zos_ct_equal(a, b, 48);
	PUBLIC(&eq, sizeof eq);
	CHECK_EQ(eq, 0);
	zos_ct_wipe(a, 48);
}

/* What the check must catch: an early exit on the first differing byte. */
static int leaky_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static void case_leaky_control(void)
{
	uint8_t a[16] = { 0 }, b[16] = { 0 };
	volatile int eq;

	SECRET(a, 16);
	eq = leaky_equal(a, b, 16);
	(void)eq;
}

static const struct {
	const char *name;
	void (*fn)(void);
} cases[] = {
	{ "ed25519 keypair: no secret-dependent branch or index", case_ed25519_keypair },
	{ "ed25519 sign: no secret-dependent branch or index", case_ed25519_sign },
	{ "x25519: no secret-dependent branch or index", case_x25519 },
	{ "x25519 with a secret peer point", case_x25519_secret_peer },
	{ "ct_equal: no secret-dependent branch or index", case_ct_equal },
};

static unsigned errors_before;

static void run_case(const char *name, void (*fn)(void))
{
	unsigned after;

	errors_before = (unsigned)VALGRIND_COUNT_ERRORS;
	fn();
	after = (unsigned)VALGRIND_COUNT_ERRORS;
	if (after != errors_before)
		harness_fail(__FILE__, __LINE__, "%s: valgrind saw %u secret-dependent uses", name,
			     after - errors_before);
}

static const char *current_name;
static void (*current_fn)(void);

static void run_current(void)
{
	run_case(current_name, current_fn);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		printf("usage: valgrind -q --error-exitcode=1 %s [--leaky-control]\n"
		       "Runs the constant-time cases with secrets marked undefined; valgrind's\n"
		       "memcheck reports any branch or address that depends on them.\n",
		       argv[0]);
		return 0;
	}
	if (!RUNNING_ON_VALGRIND) {
		printf("ct_check: not running under valgrind; run tests/ct/run.sh\n");
		printf("RESULT ct 0 1\n");
		return 1;
	}
	if (argc > 1 && strcmp(argv[1], "--leaky-control") == 0) {
		current_name = "leaky control";
		current_fn = case_leaky_control;
		harness_run("leaky control (must be caught)", run_current);
		return harness_finish("ct_leaky_control");
	}
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		current_name = cases[i].name;
		current_fn = cases[i].fn;
		harness_run(cases[i].name, run_current);
	}
	return harness_finish("ct");
}
