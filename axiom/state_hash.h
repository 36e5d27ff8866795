/*
 * The deterministic hash of the replayed kernel state.
 */
#ifndef ZOS_AXIOM_STATE_HASH_H
#define ZOS_AXIOM_STATE_HASH_H

#include <stdint.h>
#include <zos/commit.h>

#include "kernel/state.h"

#define ZOS_STATE_DOMAIN "zos.state.v1"

void state_hash(const struct kstate *s, uint8_t out[ZOS_HASH_SIZE]);

#endif
