/*
 * Commit encoding (layout in commit_codec.h).
 *
 * One walker describes each payload's fields once and serves both
 * directions: writing walks the commit into a byte writer, reading walks a
 * byte reader into the commit. The encoder and the decoder therefore cannot
 * disagree about a layout.
 */
#include "lib/commit_codec.h"

#include <zos/error.h>

#include "lib/bytes.h"
#include "lib/mem.h"
#include "lib/sha256.h"

struct walk {
	int reading;
	int bad; /* a value out of range while reading */
	struct zos_wbuf w;
	struct zos_rbuf r;
};

static void f8(struct walk *io, uint8_t *v)
{
	if (io->reading)
		*v = zos_get_u8(&io->r);
	else
		zos_put_u8(&io->w, *v);
}

static void f16(struct walk *io, uint16_t *v)
{
	if (io->reading)
		*v = zos_get_u16(&io->r);
	else
		zos_put_u16(&io->w, *v);
}

static void f32(struct walk *io, uint32_t *v)
{
	if (io->reading)
		*v = zos_get_u32(&io->r);
	else
		zos_put_u32(&io->w, *v);
}

static void fi32(struct walk *io, int32_t *v)
{
	uint32_t u = (uint32_t)*v;
	f32(io, &u);
	*v = (int32_t)u;
}

static void f64(struct walk *io, uint64_t *v)
{
	if (io->reading)
		*v = zos_get_u64(&io->r);
	else
		zos_put_u64(&io->w, *v);
}

static void fbytes(struct walk *io, void *p, size_t n)
{
	if (io->reading)
		zos_get_bytes(&io->r, p, n);
	else
		zos_put_bytes(&io->w, p, n);
}

/* A length-prefixed string of at most max bytes. */
static void fstr(struct walk *io, uint8_t *len, char *s, size_t max)
{
	f8(io, len);
	if (*len > max) {
		io->bad = 1;
		return;
	}
	fbytes(io, s, *len);
}

static void walk_caps(struct walk *io, struct zos_c_message_sent *m)
{
	f8(io, &m->ncaps);
	if (m->ncaps > ZOS_MSG_MAX_CAPS) {
		io->bad = 1;
		return;
	}
	for (uint8_t i = 0; i < m->ncaps; i++) {
		f32(io, &m->caps[i].slot);
		f8(io, &m->caps[i].rights);
		f64(io, &m->caps[i].cap_id);
	}
}

static void walk_received(struct walk *io, struct zos_c_message_received *m)
{
	f32(io, &m->pid);
	f64(io, &m->endpoint);
	f8(io, &m->ncaps);
	if (m->ncaps > ZOS_MSG_MAX_CAPS) {
		io->bad = 1;
		return;
	}
	for (uint8_t i = 0; i < m->ncaps; i++)
		f32(io, &m->slots[i]);
}

static void walk_payload(struct walk *io, zos_commit_t *c)
{
	switch (c->type) {
	case ZOS_COMMIT_GENESIS: f32(io, &c->u.genesis.abi_version); break;
	case ZOS_COMMIT_BOOT: f64(io, &c->u.boot.epoch); break;
	case ZOS_COMMIT_PROCESS_CREATED:
		f32(io, &c->u.process_created.pid);
		f32(io, &c->u.process_created.parent);
		fstr(io, &c->u.process_created.name_len, c->u.process_created.name, ZOS_NAME_MAX);
		break;
	case ZOS_COMMIT_PROCESS_EXITED:
		f32(io, &c->u.process_exited.pid);
		fi32(io, &c->u.process_exited.code);
		break;
	case ZOS_COMMIT_PROCESS_KILLED:
		f32(io, &c->u.process_killed.pid);
		f32(io, &c->u.process_killed.by);
		break;
	case ZOS_COMMIT_PROCESS_FAULTED:
		f32(io, &c->u.process_faulted.pid);
		f32(io, &c->u.process_faulted.reason);
		fstr(io, &c->u.process_faulted.desc_len, c->u.process_faulted.desc,
		     ZOS_FAULT_DESC_MAX);
		break;
	case ZOS_COMMIT_ENDPOINT_CREATED:
		f64(io, &c->u.endpoint_created.id);
		f32(io, &c->u.endpoint_created.owner);
		break;
	case ZOS_COMMIT_ENDPOINT_DESTROYED: f64(io, &c->u.endpoint_destroyed.id); break;
	case ZOS_COMMIT_CAP_INSERTED:
		f32(io, &c->u.cap_inserted.pid);
		f32(io, &c->u.cap_inserted.slot);
		f64(io, &c->u.cap_inserted.cap_id);
		f8(io, &c->u.cap_inserted.obj_type);
		f64(io, &c->u.cap_inserted.obj_id);
		f8(io, &c->u.cap_inserted.rights);
		f32(io, &c->u.cap_inserted.generation);
		f64(io, &c->u.cap_inserted.expires_at);
		break;
	case ZOS_COMMIT_CAP_REMOVED:
		f32(io, &c->u.cap_removed.pid);
		f32(io, &c->u.cap_removed.slot);
		break;
	case ZOS_COMMIT_CAP_GRANTED:
		f32(io, &c->u.cap_granted.from_pid);
		f32(io, &c->u.cap_granted.to_pid);
		f32(io, &c->u.cap_granted.from_slot);
		f32(io, &c->u.cap_granted.to_slot);
		f64(io, &c->u.cap_granted.new_cap_id);
		f8(io, &c->u.cap_granted.rights);
		break;
	case ZOS_COMMIT_CAP_DERIVED:
		f32(io, &c->u.cap_derived.pid);
		f32(io, &c->u.cap_derived.from_slot);
		f32(io, &c->u.cap_derived.new_slot);
		f64(io, &c->u.cap_derived.new_cap_id);
		f8(io, &c->u.cap_derived.rights);
		f64(io, &c->u.cap_derived.expires_at);
		break;
	case ZOS_COMMIT_CAP_REVOKED:
		f32(io, &c->u.cap_revoked.pid);
		f32(io, &c->u.cap_revoked.slot);
		break;
	case ZOS_COMMIT_MESSAGE_SENT:
		f32(io, &c->u.message_sent.from);
		f64(io, &c->u.message_sent.endpoint);
		f32(io, &c->u.message_sent.tag);
		f32(io, &c->u.message_sent.size);
		walk_caps(io, &c->u.message_sent);
		break;
	case ZOS_COMMIT_MESSAGE_RECEIVED: walk_received(io, &c->u.message_received); break;
	case ZOS_COMMIT_CHECKPOINT:
		fbytes(io, c->u.checkpoint.state_hash, ZOS_HASH_SIZE);
		break;
	case ZOS_COMMIT_LOG_SIGNED:
		f64(io, &c->u.log_signed.seq);
		fbytes(io, c->u.log_signed.signature, ZOS_LOG_SIGNATURE_SIZE);
		break;
	default: io->bad = 1; break;
	}
}

static void walk_header(struct walk *io, zos_commit_t *c, uint16_t *payload_len)
{
	f16(io, &c->type);
	f16(io, payload_len);
	f64(io, &c->seq);
	f64(io, &c->timestamp);
	f64(io, &c->caused_by);
	fbytes(io, c->prev, ZOS_HASH_SIZE);
}

/* Everything but the trailing hash; returns the length or an error. */
static int encode_body(const zos_commit_t *c, uint8_t *out, size_t cap)
{
	struct walk io = { 0 };
	zos_commit_t copy = *c; /* the walker takes non-const fields */
	uint16_t payload_len = 0;

	zos_wbuf_init(&io.w, out, cap);
	walk_header(&io, &copy, &payload_len);
	walk_payload(&io, &copy);
	if (io.bad)
		return ZOS_ERR_INVALID_ARGUMENT;
	if (io.w.err)
		return io.w.err;
	zos_st32(out, (uint32_t)c->type | (uint32_t)(io.w.len - ZOS_COMMIT_HEADER_SIZE) << 16);
	return (int)io.w.len;
}

int commit_encode(const zos_commit_t *c, uint8_t *out, size_t cap)
{
	int n = encode_body(c, out, cap);

	if (n < 0)
		return n;
	if ((size_t)n + ZOS_HASH_SIZE > cap)
		return ZOS_ERR_BUFFER_TOO_SMALL;
	zos_memcpy(out + n, c->hash, ZOS_HASH_SIZE);
	return n + ZOS_HASH_SIZE;
}

int commit_decode(const uint8_t *in, size_t len, zos_commit_t *c)
{
	struct walk io = { 0 };
	uint16_t payload_len;

	io.reading = 1;
	zos_memset(c, 0, sizeof *c);
	zos_rbuf_init(&io.r, in, len);
	walk_header(&io, c, &payload_len);
	if (io.r.err || (size_t)ZOS_COMMIT_HEADER_SIZE + payload_len + ZOS_HASH_SIZE != len)
		return ZOS_ERR_CORRUPT;
	walk_payload(&io, c);
	if (io.bad || io.r.err || io.r.pos != (size_t)ZOS_COMMIT_HEADER_SIZE + payload_len)
		return ZOS_ERR_CORRUPT;
	zos_get_bytes(&io.r, c->hash, ZOS_HASH_SIZE);
	return io.r.err ? ZOS_ERR_CORRUPT : ZOS_OK;
}

static void hash_bytes(const uint8_t *body, size_t n, uint8_t out[ZOS_HASH_SIZE])
{
	struct zos_sha256 h;

	zos_sha256_init(&h);
	zos_sha256_update(&h, ZOS_COMMIT_DOMAIN, sizeof ZOS_COMMIT_DOMAIN); /* with its NUL */
	zos_sha256_update(&h, body, n);
	zos_sha256_final(&h, out);
}

void commit_hash(const zos_commit_t *c, uint8_t out[ZOS_HASH_SIZE])
{
	uint8_t buf[ZOS_COMMIT_MAX_ENCODED];
	int n = encode_body(c, buf, sizeof buf);

	hash_bytes(buf, n > 0 ? (size_t)n : 0, out);
}

int commit_seal(zos_commit_t *c, uint8_t *out, size_t cap)
{
	int n = encode_body(c, out, cap);

	if (n < 0)
		return n;
	if ((size_t)n + ZOS_HASH_SIZE > cap)
		return ZOS_ERR_BUFFER_TOO_SMALL;
	hash_bytes(out, (size_t)n, c->hash);
	zos_memcpy(out + n, c->hash, ZOS_HASH_SIZE);
	return n + ZOS_HASH_SIZE;
}

int commit_bytes_hash_ok(const uint8_t *in, size_t len)
{
	uint8_t h[ZOS_HASH_SIZE];

	if (len < ZOS_COMMIT_HEADER_SIZE + ZOS_HASH_SIZE)
		return 0;
	hash_bytes(in, len - ZOS_HASH_SIZE, h);
	return zos_memcmp(h, in + len - ZOS_HASH_SIZE, ZOS_HASH_SIZE) == 0;
}
