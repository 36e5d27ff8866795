/*
 * Helpers shared by the kernel's files: lookups that both decide and apply
 * need, so that the two sides agree on which entry or slot an operation
 * picks (decide predicts what apply will do; apply re-checks it).
 */
#ifndef ZOS_KERNEL_INTERNAL_H
#define ZOS_KERNEL_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <zos/error.h>
#include <zos/pid.h>

#include "kernel/kernel.h"

#define kzero(p, n) __builtin_memset((p), 0, (n))
#define kcopy(d, s, n) __builtin_memcpy((d), (s), (n))

/* Processes (kernel/process.c). */
int proc_index(const struct kstate *s, uint32_t pid);
struct proc *proc_find(struct kstate *s, uint32_t pid);
const struct proc *proc_find_alive(const struct kstate *s, uint32_t pid);
/* The table entry a new process would take: a free one, else the zombie
 * with the lowest pid (its record is dropped). -1 when every entry is alive. */
int proc_pick_entry(const struct kstate *s);
int proc_name_valid(const char *name, uint32_t len);
void proc_reset_genesis(struct kstate *s, uint64_t epoch);
int proc_apply_created(struct kstate *s, const struct zos_c_process_created *c);
int proc_apply_end(struct kernel *k, uint32_t pid, int32_t code);

/* Endpoints and queues (kernel/endpoint.c). */
int ep_index(const struct kstate *s, uint64_t id);
struct endpoint *ep_find(struct kstate *s, uint64_t id);
int ep_pick_entry(const struct kstate *s);
int msg_pick_entry(const struct kstate *s);
const struct kmsg *ep_head(const struct kstate *s, const struct endpoint *e, uint16_t *index);
int ep_apply_created(struct kstate *s, const struct zos_c_endpoint_created *c);
int ep_apply_destroyed(struct kstate *s, uint64_t id);
/* Destroys every endpoint pid owns, with one sweep for all their caps. */
void ep_destroy_owned(struct kstate *s, uint32_t pid);
int ep_apply_sent(struct kernel *k, const struct zos_c_message_sent *c, const uint8_t *body);
int ep_apply_received(struct kstate *s, const struct zos_c_message_received *c);

/* Per-process shares of the tables (kernel/quota.c): may caller make an
 * endpoint owned by owner, may sender queue one more message? */
int quota_endpoint_ok(const struct kstate *s, uint32_t caller, uint32_t owner);
int quota_message_ok(const struct kstate *s, uint32_t sender);

/* Capabilities (kernel/cap.c). */
static inline int cap_empty(const struct cap *c) { return c->id == 0; }
const struct cap *cspace_get(const struct proc *p, uint32_t slot);
/* The n lowest free slots of p, ascending. */
int cspace_free_slots(const struct proc *p, uint32_t n, uint32_t *out);
int cap_object_live(const struct kstate *s, uint8_t type, uint64_t obj_id, uint32_t generation);
int cap_rights_valid(uint64_t rights);
/* dst = a child of src (new id, rights <= src's, src becomes its newest
 * ancestor). Fails when rights grow or the ancestry is full. */
int cap_make_child(struct cap *dst, const struct cap *src, uint64_t new_id, uint8_t rights,
		   uint64_t expires_at);
/* Remove every cap (CSpaces and in flight) for which match(cap, arg) holds. */
void cap_sweep(struct kstate *s, int (*match)(const struct cap *, const void *), const void *arg);
/* Sweeps every cap naming the object (type, id). */
void cap_sweep_object(struct kstate *s, uint8_t type, uint64_t obj_id);
int cap_apply_inserted(struct kstate *s, const struct zos_c_cap_inserted *c);
int cap_apply_removed(struct kstate *s, const struct zos_c_cap_removed *c);
int cap_apply_granted(struct kstate *s, const struct zos_c_cap_granted *c);
int cap_apply_derived(struct kstate *s, const struct zos_c_cap_derived *c);
int cap_apply_revoked(struct kstate *s, const struct zos_c_cap_revoked *c);

/* Devices (kernel/device.c). */
int device_exists(uint8_t type, uint64_t obj_id);
/* The object type of device obj_id (ZOS_OBJ_NONE: no such device). */
uint8_t device_type(uint64_t obj_id);

#endif
