/*
 * edwards25519 group operations (see ge25519.h).
 *
 * Addition is the unified formula for a = -1 twisted Edwards curves in
 * extended coordinates (Hisil, Wong, Carter, Dawson 2008, "add-2008-hwcd-3"),
 * which is complete on this curve: it also doubles, and adds the identity,
 * so the constant-time loop needs no special cases. Doubling uses the
 * dedicated formula ("dbl-2008-hwcd") because it is cheaper.
 *
 * Scalar multiplication writes the scalar in 64 signed radix-16 digits in
 * [-8, 8]. For the base point (the secret case: keys and nonces) the
 * multiples of 256^k B come from a generated table (ge25519_base.h), so
 * it takes 64 additions and 4 doublings; each entry is picked by scanning
 * all eight of its row with masks and negated with masks, so the memory
 * touched never depends on the digit. For verification (public scalars)
 * the digits are walked from the top, four doublings, then the addition
 * of digit * P from a table of P .. 8P, indexed directly.
 */
#include "lib/crypto/ge25519.h"

#include "lib/crypto/ct.h"

static const fe25519 fe_d = { { 0x34dca135978a3ull, 0x1a8283b156ebdull, 0x5e7a26001c029ull,
				0x739c663a03cbbull, 0x52036cee2b6ffull } };
static const fe25519 fe_d2 = { { 0x69b9426b2f159ull, 0x35050762add7aull, 0x3cf44c0038052ull,
				 0x6738cc7407977ull, 0x2406d9dc56dffull } };
static const fe25519 fe_sqrtm1 = { { 0x61b274a0ea0b0ull, 0xd5a5fc8f189dull, 0x7ef5e9cbd0c60ull,
				     0x78595a6804c9eull, 0x2b8324804fc1dull } };
static const ge_p3 base_point = {
	{ { 0x62d608f25d51aull, 0x412a4b4f6592aull, 0x75b7171a4b31dull, 0x1ff60527118feull,
	    0x216936d3cd6e5ull } },
	{ { 0x6666666666658ull, 0x4ccccccccccccull, 0x1999999999999ull, 0x3333333333333ull,
	    0x6666666666666ull } },
	{ { 1, 0, 0, 0, 0 } },
	{ { 0x68ab3a5b7dda3ull, 0xeea2a5eadbbull, 0x2af8df483c27eull, 0x332b375274732ull,
	    0x67875f0fd78b7ull } },
};

#include "lib/crypto/ge25519_base.h"

void ge_identity(ge_p3 *p)
{
	fe_0(&p->X);
	fe_1(&p->Y);
	fe_1(&p->Z);
	fe_0(&p->T);
}

void ge_base(ge_p3 *p)
{
	*p = base_point;
}

void ge_add(ge_p3 *r, const ge_p3 *p, const ge_cached *q)
{
	fe25519 a, b, c, d, e, f, g, h;

	fe_sub(&a, &p->Y, &p->X);
	fe_mul(&a, &a, &q->YminusX);
	fe_add(&b, &p->Y, &p->X);
	fe_mul(&b, &b, &q->YplusX);
	fe_mul(&c, &p->T, &q->T2d);
	fe_mul(&d, &p->Z, &q->Z);
	fe_add(&d, &d, &d);
	fe_sub(&e, &b, &a);
	fe_sub(&f, &d, &c);
	fe_add(&g, &d, &c);
	fe_add(&h, &b, &a);
	fe_mul(&r->X, &e, &f);
	fe_mul(&r->Y, &g, &h);
	fe_mul(&r->T, &e, &h);
	fe_mul(&r->Z, &f, &g);
}

void ge_dbl(ge_p3 *r, const ge_p3 *p)
{
	fe25519 a, b, c, e, f, g, h;

	fe_sq(&a, &p->X);
	fe_sq(&b, &p->Y);
	fe_sq(&c, &p->Z);
	fe_add(&c, &c, &c);
	fe_add(&e, &p->X, &p->Y);
	fe_sq(&e, &e);
	fe_add(&h, &a, &b);
	fe_sub(&e, &e, &h);   /* 2xy */
	fe_sub(&g, &b, &a);   /* y^2 - x^2 */
	fe_sub(&f, &g, &c);
	fe_neg(&h, &h);       /* -(x^2 + y^2) */
	fe_mul(&r->X, &e, &f);
	fe_mul(&r->Y, &g, &h);
	fe_mul(&r->T, &e, &h);
	fe_mul(&r->Z, &f, &g);
}

void ge_to_cached(ge_cached *c, const ge_p3 *p)
{
	fe_add(&c->YplusX, &p->Y, &p->X);
	fe_sub(&c->YminusX, &p->Y, &p->X);
	fe_copy(&c->Z, &p->Z);
	fe_mul(&c->T2d, &p->T, &fe_d2);
}

void ge_neg(ge_p3 *r, const ge_p3 *p)
{
	fe_neg(&r->X, &p->X);
	fe_copy(&r->Y, &p->Y);
	fe_copy(&r->Z, &p->Z);
	fe_neg(&r->T, &p->T);
}

void ge_to_precomp(ge_precomp *q, const ge_p3 *p)
{
	fe25519 zi, x, y;

	fe_invert(&zi, &p->Z);
	fe_mul(&x, &p->X, &zi);
	fe_mul(&y, &p->Y, &zi);
	fe_add(&q->yplusx, &y, &x);
	fe_sub(&q->yminusx, &y, &x);
	fe_mul(&q->xy2d, &x, &y);
	fe_mul(&q->xy2d, &q->xy2d, &fe_d2);
}

void ge_madd(ge_p3 *r, const ge_p3 *p, const ge_precomp *q)
{
	fe25519 a, b, c, d, e, f, g, h;

	fe_sub(&a, &p->Y, &p->X);
	fe_mul(&a, &a, &q->yminusx);
	fe_add(&b, &p->Y, &p->X);
	fe_mul(&b, &b, &q->yplusx);
	fe_mul(&c, &p->T, &q->xy2d);
	fe_add(&d, &p->Z, &p->Z);
	fe_sub(&e, &b, &a);
	fe_sub(&f, &d, &c);
	fe_add(&g, &d, &c);
	fe_add(&h, &b, &a);
	fe_mul(&r->X, &e, &f);
	fe_mul(&r->Y, &g, &h);
	fe_mul(&r->T, &e, &h);
	fe_mul(&r->Z, &f, &g);
}

void ge_tobytes(uint8_t s[32], const ge_p3 *p)
{
	fe25519 zi, x, y;

	fe_invert(&zi, &p->Z);
	fe_mul(&x, &p->X, &zi);
	fe_mul(&y, &p->Y, &zi);
	fe_tobytes(s, &y);
	s[31] ^= (uint8_t)(fe_isnegative(&x) << 7);
}

int ge_frombytes_vartime(ge_p3 *p, const uint8_t s[32])
{
	fe25519 u, v, v3, vxx, check;
	uint8_t y_bytes[32];
	int sign = s[31] >> 7;

	fe_frombytes(&p->Y, s);
	fe_tobytes(y_bytes, &p->Y);
	for (int i = 0; i < 31; i++)
		if (y_bytes[i] != s[i])
			return -1; /* y >= p: a non-canonical encoding */
	if (y_bytes[31] != (s[31] & 0x7F))
		return -1;
	fe_1(&p->Z);
	fe_sq(&u, &p->Y);
	fe_mul(&v, &u, &fe_d);
	fe_sub(&u, &u, &p->Z);       /* u = y^2 - 1 */
	fe_add(&v, &v, &p->Z);       /* v = d y^2 + 1 */
	/* x = u v^3 (u v^7)^((p-5)/8) */
	fe_sq(&v3, &v);
	fe_mul(&v3, &v3, &v);
	fe_sq(&p->X, &v3);
	fe_mul(&p->X, &p->X, &v);
	fe_mul(&p->X, &p->X, &u);
	fe_pow22523(&p->X, &p->X);
	fe_mul(&p->X, &p->X, &v3);
	fe_mul(&p->X, &p->X, &u);
	fe_sq(&vxx, &p->X);
	fe_mul(&vxx, &vxx, &v);
	fe_sub(&check, &vxx, &u);
	if (!fe_iszero(&check)) {
		fe_add(&check, &vxx, &u);
		if (!fe_iszero(&check))
			return -1; /* not a square: no point with this y */
		fe_mul(&p->X, &p->X, &fe_sqrtm1);
	}
	if (fe_iszero(&p->X) && sign)
		return -1;
	if (fe_isnegative(&p->X) != sign)
		fe_neg(&p->X, &p->X);
	fe_mul(&p->T, &p->X, &p->Y);
	return 0;
}

int ge_has_small_order_vartime(const ge_p3 *p)
{
	ge_p3 q;
	fe25519 t;

	ge_dbl(&q, p);
	ge_dbl(&q, &q);
	ge_dbl(&q, &q);
	fe_sub(&t, &q.Y, &q.Z);
	return fe_iszero(&q.X) && fe_iszero(&t);
}

/* 64 signed radix-16 digits in [-8, 8], a = sum e[i] 16^i (a below 2^255,
 * or any value whose top digit absorbs the carry: callers pass clamped or
 * reduced scalars, below 2^255). No branch on a. */
static void radix16(int8_t e[64], const uint8_t a[32])
{
	int8_t carry = 0;

	for (int i = 0; i < 32; i++) {
		e[2 * i] = (int8_t)(a[i] & 15);
		e[2 * i + 1] = (int8_t)(a[i] >> 4);
	}
	for (int i = 0; i < 63; i++) {
		e[i] = (int8_t)(e[i] + carry);
		carry = (int8_t)((e[i] + 8) >> 4);
		e[i] = (int8_t)(e[i] - carry * 16);
	}
	e[63] = (int8_t)(e[63] + carry);
}

static void table_of(ge_cached table[8], const ge_p3 *p)
{
	ge_p3 q = *p;

	ge_to_cached(&table[0], p);
	for (int k = 1; k < 8; k++) {
		ge_add(&q, &q, &table[0]);
		ge_to_cached(&table[k], &q);
	}
}

static void precomp_cmov(ge_precomp *t, const ge_precomp *u, uint64_t b)
{
	fe_cmov(&t->yplusx, &u->yplusx, b);
	fe_cmov(&t->yminusx, &u->yminusx, b);
	fe_cmov(&t->xy2d, &u->xy2d, b);
}

/* t = digit * 256^pos * B from the generated table, reading all eight
 * entries of row pos and negating with masks. */
static void select_base_ct(ge_precomp *t, int pos, int8_t digit)
{
	uint64_t neg = (uint64_t)(uint8_t)digit >> 7;
	uint64_t abs = (uint64_t)(uint8_t)(digit - ((-(int)neg & digit) * 2));
	ge_precomp minus;

	fe_1(&t->yplusx);
	fe_1(&t->yminusx);
	fe_0(&t->xy2d);
	for (uint64_t k = 0; k < 8; k++)
		precomp_cmov(t, &ge_base_table[pos][k], (((abs ^ (k + 1)) - 1) >> 63) & 1);
	fe_copy(&minus.yplusx, &t->yminusx);
	fe_copy(&minus.yminusx, &t->yplusx);
	fe_neg(&minus.xy2d, &t->xy2d);
	precomp_cmov(t, &minus, neg);
}

/*
 * [a] B = sum e[i] 16^i B. With the table of multiples of 256^k B:
 * first the odd digits, sum e[2k+1] 256^k B, times 16 (four doublings),
 * then the even digits added on: 64 mixed additions and 4 doublings.
 */
void ge_scalarmult_base(ge_p3 *r, const uint8_t a[32])
{
	ge_precomp t;
	int8_t e[64];

	radix16(e, a);
	ge_identity(r);
	for (int k = 0; k < 32; k++) {
		select_base_ct(&t, k, e[2 * k + 1]);
		ge_madd(r, r, &t);
	}
	ge_dbl(r, r);
	ge_dbl(r, r);
	ge_dbl(r, r);
	ge_dbl(r, r);
	for (int k = 0; k < 32; k++) {
		select_base_ct(&t, k, e[2 * k]);
		ge_madd(r, r, &t);
	}
	zos_ct_wipe(e, sizeof e);
	zos_ct_wipe(&t, sizeof t);
}

/* Public digits: index the table directly. */
static void select_vartime(ge_cached *t, const ge_cached table[8], int8_t digit)
{
	if (digit > 0) {
		*t = table[digit - 1];
	} else {
		const ge_cached *u = &table[-digit - 1];
		fe_copy(&t->YplusX, &u->YminusX);
		fe_copy(&t->YminusX, &u->YplusX);
		fe_copy(&t->Z, &u->Z);
		fe_neg(&t->T2d, &u->T2d);
	}
}

void ge_double_scalarmult_vartime(ge_p3 *r, const uint8_t a[32], const ge_p3 *A, const uint8_t b[32])
{
	ge_cached ta[8], tb[8], t;
	int8_t ea[64], eb[64];
	int started = 0;

	table_of(ta, A);
	table_of(tb, &base_point);
	radix16(ea, a);
	radix16(eb, b);
	ge_identity(r);
	for (int i = 63; i >= 0; i--) {
		if (started) {
			ge_dbl(r, r);
			ge_dbl(r, r);
			ge_dbl(r, r);
			ge_dbl(r, r);
		}
		if (ea[i]) {
			select_vartime(&t, ta, ea[i]);
			ge_add(r, r, &t);
			started = 1;
		}
		if (eb[i]) {
			select_vartime(&t, tb, eb[i]);
			ge_add(r, r, &t);
			started = 1;
		}
	}
}
