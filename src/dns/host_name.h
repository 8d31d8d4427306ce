/*
 * dns/host_name.h: host-name validation and comparison for the model.
 *
 * Names in the model are host names (RFC 952/1123 letters, digits, hyphen),
 * written with or without the trailing dot, in any case. Inside sipzone they
 * are kept lower-case without the trailing dot. Anything that could carry
 * zone-file syntax into the output is rejected here, never escaped.
 */
#ifndef SZ_NAME_INTERNAL_H
#define SZ_NAME_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#define SZ_NAME_WHY_SIZE 160

/**
 * Validate host name `s` of `len` bytes (may contain NUL bytes, which are
 * rejected). On success returns a newly allocated lower-case copy without
 * the trailing dot. On failure returns NULL and writes the reason to `why`
 * (at least SZ_NAME_WHY_SIZE bytes), or sets *nomem.
 */
char *szi_name_normalize(const char *s, size_t len, char *why, bool *nomem);

/** The name without its first label ("sip.contoso.com" -> "contoso.com"); NULL for one label. */
const char *szi_name_parent(const char *name);

/** sz_name_canonical_cmp() on the first alen/blen bytes of a and b. */
int szi_name_canonical_cmp_n(const char *a, size_t alen, const char *b, size_t blen);

#endif
