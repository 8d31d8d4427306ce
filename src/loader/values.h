/*
 * loader/values.h: the value getters the model parts share (loader/values.c).
 *
 * Each checks one jansson value and reports every problem at `p`; the
 * parts of the model (loader/domains.c, loader/deploy.c) are made of them.
 */
#ifndef SZ_LOADER_VALUES_H
#define SZ_LOADER_VALUES_H

#include "loader/loader.h"

bool szi_mj_want(sz_loader *ld, const json_t *v, const sz_jpath *p, json_type type, const char *word);
bool szi_mj_has_nul(const json_t *v);
void szi_mj_check_keys(sz_loader *ld, json_t *obj, sz_jpath *p, const char *const *allowed);
/* The member `key` with the path extended by it (the caller pops); NULL
 * when absent, reported when `required`. */
json_t *szi_mj_member(sz_loader *ld, json_t *obj, sz_jpath *p, const char *key, bool required);
bool szi_mj_take_name(sz_loader *ld, json_t *v, const sz_jpath *p, char **out);
bool szi_mj_take_ttl(sz_loader *ld, json_t *v, const sz_jpath *p, uint32_t *out);
bool szi_mj_take_bool(sz_loader *ld, json_t *v, const sz_jpath *p, bool *out);
bool szi_mj_take_addresses(sz_loader *ld, json_t *v, sz_jpath *p, sz_addr **out, size_t *n);
/* {fqdn, addresses} */
bool szi_mj_take_host(sz_loader *ld, json_t *v, sz_jpath *p, sz_host *out);
/* {subject, san}; `role` names the server in messages ("Access Edge"). */
void szi_mj_take_certificate(sz_loader *ld, json_t *v, sz_jpath *p, sz_cert *cert,
			    const char *role);
/* A pool's key checked (letters, digits, '.', '_', '-') and copied. */
char *szi_mj_take_pool_name(sz_loader *ld, const sz_jpath *p, const char *name, size_t nlen);
void szi_mj_take_pool_ref(sz_loader *ld, json_t *v, const sz_jpath *p, const char *table,
			 char **out);
/* An object of named parts (edge_pools, zones ...): an array of `size`-byte
 * items, zeroed, each filled by `take` from one member; *count of them. */
typedef void (*sz_mj_named_fn)(sz_loader *ld, const char *key, size_t klen, json_t *v,
			       sz_jpath *p, void *out);
void *szi_mj_take_named(sz_loader *ld, json_t *v, sz_jpath *p, const char *word, size_t size,
		       size_t *count, sz_mj_named_fn take);

#endif
