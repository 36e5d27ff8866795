/*
 * A commit in one line of text, for people: what the log inspector and the
 * shell's `log` print. Fields in the order of docs/commit-format.md.
 */
#ifndef ZOS_AXIOM_COMMIT_TEXT_H
#define ZOS_AXIOM_COMMIT_TEXT_H

#include <stddef.h>
#include <zos/commit.h>

/* Like snprintf: the length the full text needs (nothing is cut silently:
 * compare with cap). */
int commit_describe(const zos_commit_t *c, char *out, size_t cap);

#endif
