/*
 * sip/domain.h: what one SIP domain asks for in one view (sip/domain.c):
 * its SRV records, its CNAMEs and the host names it needs addresses for,
 * before records/ places and writes them and loader/ checks them.
 */
#ifndef SZ_SIP_DOMAIN_H
#define SZ_SIP_DOMAIN_H

#include <stddef.h>
#include <stdint.h>

#include "sipzone/model.h"

typedef struct sz_set_srv {
	const char *prefix;          /* "_sip._tls" */
	uint16_t prio_weight_port[3];
	const char *target;
	const char *key;             /* the domain's JSON key that asks for it */
} sz_set_srv;

/* A NAPTR at the domain (RFC 3263 section 4.1): flag "s", empty regexp,
 * the replacement `prefix`.D (the SRV owner). */
typedef struct sz_set_naptr {
	uint16_t order, preference;
	const char *service;         /* "SIPS+D2T" */
	const char *prefix;          /* "_sips._tcp" */
} sz_set_naptr;

typedef struct sz_set_host {
	const char *name;
	const sz_addr *addrs;
	size_t n_addrs;
	const char *key;             /* the domain's JSON key that asks for it */
} sz_set_host;

typedef struct sz_set_cname {
	const char *owner;
	const char *target;
} sz_set_cname;

#define SZ_SET_NAMES 8

typedef struct sz_domain_set {
	sz_set_srv srv[8];
	size_t n_srv;
	sz_set_host host[SZ_SET_NAMES];
	size_t n_host;
	sz_set_cname cname[2];
	size_t n_cname;
	sz_set_naptr naptr[SZ_SIP_TRANSPORTS];
	size_t n_naptr;
	char names[SZ_SET_NAMES][256]; /* storage for the names made here */
	size_t n_names;
} sz_domain_set;

/** Fill `set` for domain `d` of the model in `view`; names point into `set`,
 * `d` and the model. Names are at most 253 octets (loader/model_rules.c). */
void szi_domain_set_make(const sz_model *m, const sz_domain *d, sz_view view, sz_domain_set *set);

#endif
