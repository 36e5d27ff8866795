/* Argon2id (lib/crypto/argon2.c): RFC 9106's vector, the argument checks,
 * and that the caller's memory is wiped afterwards. */
#include "harness.h"
#include "crypto/vectors.h"
#include "lib/crypto/argon2.h"
#include "zos/error.h"

static void test_rfc9106_vector(void)
{
	FILE *f = vec_open("tests/crypto/vectors/argon2id_rfc9106.txt");
	struct vec_rec r = { 0 };
	int seen = 0;

	CHECK(f != NULL);
	if (!f)
		return;
	while (vec_next(f, &r)) {
		uint8_t pwd[128], salt[64], secret[64], ad[64], want[64], got[64];
		long pn = vec_hex(&r, "password", pwd, sizeof pwd), sn = vec_hex(&r, "salt", salt, sizeof salt);
		long kn = vec_hex(&r, "secret", secret, sizeof secret), an = vec_hex(&r, "ad", ad, sizeof ad);
		long tn = vec_hex(&r, "tag", want, sizeof want);
		struct zos_argon2_params p = { (uint32_t)vec_num(&r, "t"), (uint32_t)vec_num(&r, "m"),
					       (uint32_t)vec_num(&r, "p"), secret, (size_t)kn, ad, (size_t)an };
		size_t need = zos_argon2id_memory_bytes(p.m_kib, p.lanes);
		uint64_t *mem = calloc(1, need);

		CHECK(pn >= 0 && sn >= 0 && kn >= 0 && an >= 0 && tn > 0 && need > 0 && mem);
		CHECK_EQ(zos_argon2id(got, (uint32_t)tn, pwd, (size_t)pn, salt, (size_t)sn, &p, mem, need), ZOS_OK);
		CHECK_MEM(got, want, (size_t)tn);
		for (size_t i = 0; i < need / 8; i++)
			if (mem[i] != 0) {
				CHECK(!"memory not wiped");
				break;
			}
		free(mem);
		seen++;
	}
	vec_clear(&r);
	fclose(f);
	CHECK_EQ(seen, 1);
}

static void test_arguments_checked(void)
{
	static uint64_t mem[8 * 1024 / 8];
	uint8_t out[32], salt[16] = { 0 };
	struct zos_argon2_params p = { 1, 8, 1, 0, 0, 0, 0 };

	CHECK_EQ(zos_argon2id(out, 32, "pw", 2, salt, 16, &p, mem, sizeof mem), ZOS_OK);
	CHECK_EQ(zos_argon2id(out, 32, "pw", 2, salt, 7, &p, mem, sizeof mem), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_argon2id(out, 3, "pw", 2, salt, 16, &p, mem, sizeof mem), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_argon2id(out, 32, "pw", 2, salt, 16, &p, mem, sizeof mem - 1), ZOS_ERR_BUFFER_TOO_SMALL);
	p.t_cost = 0;
	CHECK_EQ(zos_argon2id(out, 32, "pw", 2, salt, 16, &p, mem, sizeof mem), ZOS_ERR_INVALID_ARGUMENT);
	p.t_cost = 1;
	p.lanes = 2; /* needs 16 KiB */
	CHECK_EQ(zos_argon2id(out, 32, "pw", 2, salt, 16, &p, mem, sizeof mem), ZOS_ERR_INVALID_ARGUMENT);
	p.lanes = 0;
	CHECK_EQ(zos_argon2id(out, 32, "pw", 2, salt, 16, &p, mem, sizeof mem), ZOS_ERR_INVALID_ARGUMENT);
	CHECK_EQ(zos_argon2id_memory_bytes(8, 0), 0);
	CHECK_EQ(zos_argon2id_memory_bytes(30, 1), 28 * 1024);
}

int main(int argc, char **argv)
{
	harness_args(argc, argv);
	RUN(test_rfc9106_vector);
	RUN(test_arguments_checked);
	return harness_finish("crypto_argon2");
}
