/*
 * live/tsig.h: what signing needs from a TSIG key.
 */
#ifndef SZ_LIVE_TSIG_INTERNAL_H
#define SZ_LIVE_TSIG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

/**
 * The algorithm name ldns signs with ("hmac-sha256." or, for hmac-md5,
 * "hmac-md5.sig-alg.reg.int."), or NULL when ldns cannot sign with it.
 */
const char *szi_live_tsig_algorithm_wire(const char *algorithm);

/** true when `secret` is non-empty base64. */
bool szi_live_secret_valid(const char *secret);

/** true when ldns takes `name` as a domain name (the key name goes on the wire). */
bool szi_live_key_name_valid(const char *name);

/** Lower-case copy of n bytes without a trailing dot, or NULL. */
char *szi_live_algorithm_copy(const char *s, size_t n);

/** Overwrite a secret with zeros before it is freed. */
void szi_live_wipe(char *s);

#endif
