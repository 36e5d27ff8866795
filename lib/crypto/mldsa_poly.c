/*
 * ML-DSA polynomial arithmetic and rounding (see mldsa_poly.h).
 *
 * Montgomery reduction: for a < q 2^32, t = a * (-q^-1) mod 2^32 makes
 * a + t q divisible by 2^32, and (a + t q) / 2^32 = a 2^-32 mod q lies in
 * [0, 2q), so one masked subtraction finishes. zetas[i] is
 * 1753^BitRev8(i) mod q (1753 is the 512th root of unity FIPS 204 fixes),
 * stored times 2^32 so that one reduction of a product with it multiplies
 * by the root itself. fq_mul of two plain values reduces twice (the second
 * time against 2^64 mod q) to stay in the plain domain.
 */
#include "lib/crypto/mldsa_poly.h"

#define QINV_NEG 4236238847u /* -q^-1 mod 2^32 */
#define R2 2365951u          /* 2^64 mod q */
#define INV256_MONT 16382u   /* 256^-1 * 2^32 mod q */

static const uint32_t zetas[256] = {
	4193792, 25847, 5771523, 7861508, 237124, 7602457, 7504169, 466468,
	1826347, 2353451, 8021166, 6288512, 3119733, 5495562, 3111497, 2680103,
	2725464, 1024112, 7300517, 3585928, 7830929, 7260833, 2619752, 6271868,
	6262231, 4520680, 6980856, 5102745, 1757237, 8360995, 4010497, 280005,
	2706023, 95776, 3077325, 3530437, 6718724, 4788269, 5842901, 3915439,
	4519302, 5336701, 3574422, 5512770, 3539968, 8079950, 2348700, 7841118,
	6681150, 6736599, 3505694, 4558682, 3507263, 6239768, 6779997, 3699596,
	811944, 531354, 954230, 3881043, 3900724, 5823537, 2071892, 5582638,
	4450022, 6851714, 4702672, 5339162, 6927966, 3475950, 2176455, 6795196,
	7122806, 1939314, 4296819, 7380215, 5190273, 5223087, 4747489, 126922,
	3412210, 7396998, 2147896, 2715295, 5412772, 4686924, 7969390, 5903370,
	7709315, 7151892, 8357436, 7072248, 7998430, 1349076, 1852771, 6949987,
	5037034, 264944, 508951, 3097992, 44288, 7280319, 904516, 3958618,
	4656075, 8371839, 1653064, 5130689, 2389356, 8169440, 759969, 7063561,
	189548, 4827145, 3159746, 6529015, 5971092, 8202977, 1315589, 1341330,
	1285669, 6795489, 7567685, 6940675, 5361315, 4499357, 4751448, 3839961,
	2091667, 3407706, 2316500, 3817976, 5037939, 2244091, 5933984, 4817955,
	266997, 2434439, 7144689, 3513181, 4860065, 4621053, 7183191, 5187039,
	900702, 1859098, 909542, 819034, 495491, 6767243, 8337157, 7857917,
	7725090, 5257975, 2031748, 3207046, 4823422, 7855319, 7611795, 4784579,
	342297, 286988, 5942594, 4108315, 3437287, 5038140, 1735879, 203044,
	2842341, 2691481, 5790267, 1265009, 4055324, 1247620, 2486353, 1595974,
	4613401, 1250494, 2635921, 4832145, 5386378, 1869119, 1903435, 7329447,
	7047359, 1237275, 5062207, 6950192, 7929317, 1312455, 3306115, 6417775,
	7100756, 1917081, 5834105, 7005614, 1500165, 777191, 2235880, 3406031,
	7838005, 5548557, 6709241, 6533464, 5796124, 4656147, 594136, 4603424,
	6366809, 2432395, 2454455, 8215696, 1957272, 3369112, 185531, 7173032,
	5196991, 162844, 1616392, 3014001, 810149, 1652634, 4686184, 6581310,
	5341501, 3523897, 3866901, 269760, 2213111, 7404533, 1717735, 472078,
	7953734, 1723600, 6577327, 1910376, 6712985, 7276084, 8119771, 4546524,
	5441381, 6144432, 7959518, 6094090, 183443, 7403526, 1612842, 4834730,
	7826001, 3919660, 8332111, 7018208, 3937738, 1400424, 7534263, 1976782,
};

/* a - q if a >= q, for a < 2q */
static inline uint32_t csub(uint32_t a)
{
	uint32_t r = a - MLDSA_Q;

	return r + (MLDSA_Q & (0u - (r >> 31)));
}

/* a 2^-32 mod q, in [0, q), for a < q 2^32 */
static inline uint32_t mont(uint64_t a)
{
	uint32_t t = (uint32_t)a * QINV_NEG;

	return csub((uint32_t)((a + (uint64_t)t * MLDSA_Q) >> 32));
}

static inline uint32_t fq_mul(uint32_t a, uint32_t b)
{
	return mont((uint64_t)mont((uint64_t)a * b) * R2);
}

static inline uint32_t fq_add(uint32_t a, uint32_t b)
{
	return csub(a + b);
}

static inline uint32_t fq_sub(uint32_t a, uint32_t b)
{
	return csub(a + MLDSA_Q - b);
}

uint32_t mldsa_from_signed(int32_t v)
{
	uint32_t u = (uint32_t)v;

	return u + (MLDSA_Q & (0u - (u >> 31)));
}

void mldsa_ntt(struct mldsa_poly *f)
{
	unsigned m = 0;

	for (unsigned len = 128; len >= 1; len /= 2)
		for (unsigned start = 0; start < MLDSA_N; start += 2 * len) {
			uint32_t z = zetas[++m];
			for (unsigned j = start; j < start + len; j++) {
				uint32_t t = mont((uint64_t)z * f->c[j + len]);
				f->c[j + len] = fq_sub(f->c[j], t);
				f->c[j] = fq_add(f->c[j], t);
			}
		}
}

void mldsa_invntt(struct mldsa_poly *f)
{
	unsigned m = 256;

	for (unsigned len = 1; len < MLDSA_N; len *= 2)
		for (unsigned start = 0; start < MLDSA_N; start += 2 * len) {
			uint32_t z = MLDSA_Q - zetas[--m]; /* -zeta, still times 2^32 */
			for (unsigned j = start; j < start + len; j++) {
				uint32_t t = f->c[j];
				f->c[j] = fq_add(t, f->c[j + len]);
				f->c[j + len] = mont((uint64_t)z * fq_sub(t, f->c[j + len]));
			}
		}
	for (unsigned j = 0; j < MLDSA_N; j++)
		f->c[j] = mont((uint64_t)f->c[j] * INV256_MONT);
}

void mldsa_pointwise_acc(struct mldsa_poly *acc, const struct mldsa_poly *f, const struct mldsa_poly *g)
{
	for (unsigned i = 0; i < MLDSA_N; i++)
		acc->c[i] = fq_add(acc->c[i], fq_mul(f->c[i], g->c[i]));
}

void mldsa_poly_zero(struct mldsa_poly *f)
{
	for (unsigned i = 0; i < MLDSA_N; i++)
		f->c[i] = 0;
}

void mldsa_poly_add(struct mldsa_poly *r, const struct mldsa_poly *a)
{
	for (unsigned i = 0; i < MLDSA_N; i++)
		r->c[i] = fq_add(r->c[i], a->c[i]);
}

void mldsa_poly_sub(struct mldsa_poly *r, const struct mldsa_poly *a)
{
	for (unsigned i = 0; i < MLDSA_N; i++)
		r->c[i] = fq_sub(r->c[i], a->c[i]);
}

uint32_t mldsa_poly_exceeds(const struct mldsa_poly *f, int32_t bound)
{
	uint32_t over = 0;

	for (unsigned i = 0; i < MLDSA_N; i++) {
		/* centred |x|: q - x when x > (q - 1) / 2, chosen by mask */
		uint32_t x = f->c[i];
		uint32_t upper = ((MLDSA_Q - 1) / 2 - x) >> 31;
		uint32_t a = (x & (upper - 1)) | ((MLDSA_Q - x) & (0u - upper));
		over |= ((uint32_t)bound - 1 - a) >> 31; /* a >= bound */
	}
	return over;
}

void mldsa_power2round(uint32_t *t1, int32_t *t0, uint32_t r)
{
	int32_t low = (int32_t)(r & ((1u << MLDSA_D) - 1));

	/* into (-2^12, 2^12]: subtract 2^13 when low > 2^12 */
	low -= (int32_t)((1u << MLDSA_D) & (0u - (((1u << (MLDSA_D - 1)) - (uint32_t)low) >> 31)));
	*t0 = low;
	*t1 = (uint32_t)((int32_t)r - low) >> MLDSA_D;
}

void mldsa_decompose(uint32_t *r1, int32_t *r0, uint32_t r)
{
	/* r1 = floor((r + gamma2 - 1) / (2 gamma2)), exact for inputs < 2^24 */
	uint32_t hi = (uint32_t)(((uint64_t)(r + MLDSA_GAMMA2 - 1) * 16793617u) >> 43);
	int32_t lo = (int32_t)r - (int32_t)(hi * 2 * MLDSA_GAMMA2);
	/* r - r0 = q - 1 (hi = 16): r1 = 0, r0 = r0 - 1 */
	uint32_t wrap = 0u - ((((hi ^ 16u) - 1u) >> 31) & 1u);

	*r1 = hi & ~wrap;
	*r0 = lo - (int32_t)(wrap & 1u);
}

uint32_t mldsa_use_hint(uint32_t h, uint32_t r)
{
	uint32_t r1;
	int32_t r0;

	mldsa_decompose(&r1, &r0, r);
	if (!h)
		return r1;
	return r0 > 0 ? (r1 + 1) & 15 : (r1 - 1) & 15;
}
