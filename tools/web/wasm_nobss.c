/*
 * wasm_nobss: empties the all-zero data segments of a wasm module, in
 * place.
 *
 * A Zero OS process module imports its memory (include/zos/wasm.h), and
 * wasm-ld then writes the zero-initialised data (.bss) into the file as
 * zeros, since an imported memory might not be zero: IdentityService's
 * Argon2 buffers alone are 8 MiB of them. The platform hands every process
 * a fresh WebAssembly.Memory, which is all zeros (docs/abi.md says so), so
 * a segment of zeros writes nothing and can go: it is kept, empty, at its
 * place, so that segment indices (the name section's) stay as they were.
 * Everything else is copied byte for byte.
 *
 * Usage: wasm_nobss MODULE.wasm   (exit 0: done; 1: not a module it reads)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DATA_SECTION 11

struct buf {
	uint8_t *p;
	size_t len, cap;
};

static void put(struct buf *b, const uint8_t *p, size_t n)
{
	if (b->len + n > b->cap) {
		b->cap = (b->len + n) * 2 + 64;
		b->p = realloc(b->p, b->cap);
		if (!b->p) {
			fprintf(stderr, "wasm_nobss: out of memory\n");
			exit(1);
		}
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
}

static void put_leb(struct buf *b, uint64_t v)
{
	do {
		uint8_t byte = v & 0x7F;
		v >>= 7;
		if (v)
			byte |= 0x80;
		put(b, &byte, 1);
	} while (v);
}

/* An unsigned LEB128 at *pos (below end): 0, or -1 when malformed. */
static int get_leb(const uint8_t *p, size_t end, size_t *pos, uint64_t *v)
{
	*v = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		if (*pos >= end)
			return -1;
		*v |= (uint64_t)(p[*pos] & 0x7F) << shift;
		if (!(p[(*pos)++] & 0x80))
			return 0;
	}
	return -1;
}

/* Skips a constant offset expression (it ends with 0x0B). */
static int skip_expr(const uint8_t *p, size_t end, size_t *pos)
{
	while (*pos < end)
		if (p[(*pos)++] == 0x0B)
			return 0;
	return -1;
}

static int all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

/* The data section's content [pos, end) rewritten into out; the bytes
 * emptied are counted in *saved. */
static int rewrite_data(const uint8_t *p, size_t pos, size_t end, struct buf *out, size_t *saved)
{
	uint64_t count, flags, memidx, len;

	if (get_leb(p, end, &pos, &count))
		return -1;
	put_leb(out, count);
	for (uint64_t i = 0; i < count; i++) {
		size_t start = pos;
		if (get_leb(p, end, &pos, &flags) || flags > 2)
			return -1;
		if (flags == 2 && get_leb(p, end, &pos, &memidx))
			return -1;
		if (flags != 1 && skip_expr(p, end, &pos))
			return -1;
		put(out, p + start, pos - start);
		if (get_leb(p, end, &pos, &len) || len > end - pos)
			return -1;
		if (all_zero(p + pos, len)) {
			put_leb(out, 0);
			*saved += len;
		} else {
			put_leb(out, len);
			put(out, p + pos, len);
		}
		pos += len;
	}
	return pos == end ? 0 : -1;
}

static int rewrite(const uint8_t *p, size_t n, struct buf *out, size_t *saved)
{
	size_t pos = 8;

	if (n < 8 || memcmp(p, "\0asm\1\0\0\0", 8) != 0)
		return -1;
	put(out, p, 8);
	while (pos < n) {
		uint8_t id = p[pos++];
		uint64_t size;
		if (get_leb(p, n, &pos, &size) || size > n - pos)
			return -1;
		if (id == DATA_SECTION) {
			struct buf content = { 0 };
			if (rewrite_data(p, pos, pos + size, &content, saved))
				return -1;
			put(out, &id, 1);
			put_leb(out, content.len);
			put(out, content.p, content.len);
			free(content.p);
		} else {
			put(out, &id, 1);
			put_leb(out, size);
			put(out, p + pos, size);
		}
		pos += size;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct buf in = { 0 }, out = { 0 };
	uint8_t chunk[65536];
	size_t got, saved = 0;
	FILE *f;

	if (argc != 2) {
		fprintf(stderr, "usage: wasm_nobss MODULE.wasm\n");
		return 1;
	}
	f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
		put(&in, chunk, got);
	fclose(f);
	if (rewrite(in.p, in.len, &out, &saved)) {
		fprintf(stderr, "wasm_nobss: %s is not a wasm module it can read\n", argv[1]);
		return 1;
	}
	f = fopen(argv[1], "wb");
	if (!f || fwrite(out.p, 1, out.len, f) != out.len || fclose(f) != 0) {
		perror(argv[1]);
		return 1;
	}
	free(in.p);
	free(out.p);
	return 0;
}
