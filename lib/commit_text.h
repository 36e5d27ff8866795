/*
 * A commit in one line of text, for people: what the log inspector and the
 * shell's `log` print. Fields in the order of docs/commit-format.md.
 * Needs only the ABI's types and lib/fmt, so user programs link it
 * without any of Axiom.
 */
#ifndef ZOS_LIB_COMMIT_TEXT_H
#define ZOS_LIB_COMMIT_TEXT_H

#include <stddef.h>
#include <zos/commit.h>

/* Like snprintf: the length the full text needs (nothing is cut silently:
 * compare with cap). */
int commit_describe(const zos_commit_t *c, char *out, size_t cap);

#endif
