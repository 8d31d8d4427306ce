/*
 * model/parts.h: releasing the parts of a model and comparing addresses,
 * for the code that builds a model part by part (src/loader/).
 *
 * Each _clear releases what the part owns and leaves it zeroed; the part
 * itself is the caller's (usually an element of a model array).
 */
#ifndef SZ_MODEL_PARTS_H
#define SZ_MODEL_PARTS_H

#include "sipzone/model.h"

void szi_pool_clear(sz_pool *pool);
void szi_fe_pool_clear(sz_fe_pool *pool);
void szi_host_clear(sz_host *host);
void szi_domain_clear(sz_domain *domain);
void szi_zone_def_clear(sz_zone_def *zone);
/** Addresses in a stable order: IPv4 before IPv6, then by value. */
int szi_addr_cmp(const sz_addr *a, const sz_addr *b);

#endif
