/*
 * The treap of the key-value index (see kvindex.h). Split and merge do
 * all the work; their recursion depth is the tree's depth, logarithmic in
 * expectation because a node's priority is a hash of its slot number,
 * which no key can choose.
 */
#include "lib/blockstore/kvindex.h"

#include <zos/error.h>

#include "lib/bytes.h"
#include "lib/mem.h"

static uint32_t prio(uint32_t n)
{
	n ^= n >> 16;
	n *= 0x7feb352dU;
	n ^= n >> 15;
	n *= 0x846ca68bU;
	n ^= n >> 16;
	return n;
}

const uint8_t *bs_index_key(const struct bs_index *ix, uint32_t node)
{
	return ix->keys + ix->node[node].key_off + BS_KEY_ENTRY_OVERHEAD;
}

/* Bytewise; on a common prefix the shorter key is smaller. */
static int cmp(const uint8_t *a, uint32_t an, const uint8_t *b, uint32_t bn)
{
	uint32_t n = an < bn ? an : bn;
	int c = n ? zos_memcmp(a, b, n) : 0; /* an empty key may be a null pointer */
	if (c != 0)
		return c;
	return an < bn ? -1 : an > bn;
}

static int cmp_node(const struct bs_index *ix, uint32_t n, const uint8_t *key, uint32_t len)
{
	return cmp(bs_index_key(ix, n), ix->node[n].key_len, key, len);
}

void bs_index_init(struct bs_index *ix, struct bs_node *nodes, uint32_t cap, uint8_t *keys,
		   uint32_t keys_cap)
{
	zos_memset(ix, 0, sizeof *ix);
	ix->node = nodes;
	ix->cap = cap;
	ix->keys = keys;
	ix->keys_cap = keys_cap;
	ix->root = BS_NIL;
	ix->free_head = BS_NIL;
	for (uint32_t i = cap; i-- > 0;) {
		nodes[i].left = ix->free_head;
		ix->free_head = i;
	}
}

uint32_t bs_index_find(const struct bs_index *ix, const uint8_t *key, uint32_t len)
{
	uint32_t t = ix->root;

	while (t != BS_NIL) {
		int c = cmp_node(ix, t, key, len);
		if (c == 0)
			return t;
		t = c > 0 ? ix->node[t].left : ix->node[t].right;
	}
	return BS_NIL;
}

/* Slides live arena entries down over dead ones, fixing their nodes. */
static void keys_compact(struct bs_index *ix)
{
	uint32_t from = 0, to = 0;

	while (from < ix->keys_top) {
		uint32_t owner = zos_le32(ix->keys + from);
		uint32_t size = BS_KEY_ENTRY_OVERHEAD + (ix->keys[from + 4] | ix->keys[from + 5] << 8);
		if (owner != BS_NIL) {
			zos_memmove(ix->keys + to, ix->keys + from, size);
			ix->node[owner].key_off = to;
			to += size;
		}
		from += size;
	}
	ix->keys_top = to;
	ix->keys_dead = 0;
}

int bs_index_reserve(struct bs_index *ix, uint32_t n, uint64_t key_bytes)
{
	uint64_t need = key_bytes + (uint64_t)n * BS_KEY_ENTRY_OVERHEAD;

	if (n > ix->cap - ix->count || need > ix->keys_cap - (ix->keys_top - ix->keys_dead))
		return ZOS_ERR_RESOURCE_EXHAUSTED;
	if (need > ix->keys_cap - ix->keys_top)
		keys_compact(ix);
	return ZOS_OK;
}

static void split(struct bs_index *ix, uint32_t t, const uint8_t *key, uint32_t len, uint32_t *l,
		  uint32_t *r)
{
	if (t == BS_NIL) {
		*l = *r = BS_NIL;
	} else if (cmp_node(ix, t, key, len) < 0) {
		split(ix, ix->node[t].right, key, len, &ix->node[t].right, r);
		*l = t;
	} else {
		split(ix, ix->node[t].left, key, len, l, &ix->node[t].left);
		*r = t;
	}
}

/* Every key of a is below every key of b. */
static uint32_t merge(struct bs_index *ix, uint32_t a, uint32_t b)
{
	if (a == BS_NIL)
		return b;
	if (b == BS_NIL)
		return a;
	if (prio(a) > prio(b)) {
		ix->node[a].right = merge(ix, ix->node[a].right, b);
		return a;
	}
	ix->node[b].left = merge(ix, a, ix->node[b].left);
	return b;
}

static uint64_t entry_size(uint32_t klen, uint32_t vlen)
{
	return 7u + (uint64_t)klen + vlen;
}

/* A new node for key, or BS_NIL when there is no room. */
static uint32_t node_new(struct bs_index *ix, const uint8_t *key, uint32_t len)
{
	uint32_t n = ix->free_head;
	uint32_t size = BS_KEY_ENTRY_OVERHEAD + len;
	uint8_t *e;

	if (n == BS_NIL)
		return BS_NIL;
	if (size > ix->keys_cap - ix->keys_top) {
		if (size > ix->keys_cap - (ix->keys_top - ix->keys_dead))
			return BS_NIL;
		keys_compact(ix);
	}
	ix->free_head = ix->node[n].left;
	e = ix->keys + ix->keys_top;
	zos_st32(e, n);
	e[4] = (uint8_t)len;
	e[5] = (uint8_t)(len >> 8);
	if (len)
		zos_memcpy(e + BS_KEY_ENTRY_OVERHEAD, key, len);
	zos_memset(&ix->node[n], 0, sizeof ix->node[n]);
	ix->node[n].left = ix->node[n].right = BS_NIL;
	ix->node[n].key_off = ix->keys_top;
	ix->node[n].key_len = (uint16_t)len;
	ix->keys_top += size;
	return n;
}

int bs_index_put(struct bs_index *ix, const uint8_t *key, uint32_t len, uint64_t pos, uint32_t vlen)
{
	uint32_t n = bs_index_find(ix, key, len);
	uint32_t l, r;

	if (n == BS_NIL) {
		n = node_new(ix, key, len);
		if (n == BS_NIL)
			return ZOS_ERR_RESOURCE_EXHAUSTED;
		split(ix, ix->root, key, len, &l, &r);
		ix->root = merge(ix, merge(ix, l, n), r);
		ix->count++;
	} else {
		ix->live_bytes -= entry_size(len, ix->node[n].value_len);
	}
	ix->node[n].value_pos = pos;
	ix->node[n].value_len = vlen;
	ix->live_bytes += entry_size(len, vlen);
	return ZOS_OK;
}

static void node_free(struct bs_index *ix, uint32_t n)
{
	struct bs_node *d = &ix->node[n];

	zos_st32(ix->keys + d->key_off, BS_NIL); /* the arena entry is dead */
	ix->keys_dead += BS_KEY_ENTRY_OVERHEAD + d->key_len;
	ix->live_bytes -= entry_size(d->key_len, d->value_len);
	d->left = ix->free_head;
	ix->free_head = n;
	ix->count--;
}

static uint32_t erase(struct bs_index *ix, uint32_t t, const uint8_t *key, uint32_t len)
{
	int c;

	if (t == BS_NIL)
		return BS_NIL;
	c = cmp_node(ix, t, key, len);
	if (c == 0) {
		uint32_t rest = merge(ix, ix->node[t].left, ix->node[t].right);
		node_free(ix, t);
		return rest;
	}
	if (c > 0)
		ix->node[t].left = erase(ix, ix->node[t].left, key, len);
	else
		ix->node[t].right = erase(ix, ix->node[t].right, key, len);
	return t;
}

void bs_index_remove(struct bs_index *ix, const uint8_t *key, uint32_t len)
{
	ix->root = erase(ix, ix->root, key, len);
}

struct walk {
	const struct bs_index *ix;
	const uint8_t *prefix;
	uint32_t plen;
	bs_index_visit fn;
	void *ctx;
};

/* -1: the key sorts before every key with the prefix, 0: it has the
 * prefix, 1: it sorts after them all. */
static int against_prefix(const struct walk *w, uint32_t n)
{
	uint32_t klen = w->ix->node[n].key_len, common = klen < w->plen ? klen : w->plen;
	int c = common ? zos_memcmp(bs_index_key(w->ix, n), w->prefix, common) : 0;

	if (c != 0)
		return c < 0 ? -1 : 1;
	return klen < w->plen ? -1 : 0;
}

static int walk(const struct walk *w, uint32_t t)
{
	int where, stop;

	if (t == BS_NIL)
		return 0;
	where = against_prefix(w, t);
	if (where < 0)
		return walk(w, w->ix->node[t].right);
	if (where > 0)
		return walk(w, w->ix->node[t].left);
	stop = walk(w, w->ix->node[t].left);
	if (!stop)
		stop = w->fn(w->ctx, t);
	if (!stop)
		stop = walk(w, w->ix->node[t].right);
	return stop;
}

int bs_index_walk(const struct bs_index *ix, const uint8_t *prefix, uint32_t plen,
		  bs_index_visit fn, void *ctx)
{
	struct walk w = { ix, prefix, plen, fn, ctx };
	return walk(&w, ix->root);
}
