/*
 * import/infer.h: the parts of a model inferred from records, shared by
 * import/infer.c (one SIP domain) and import/emit.c (what spans domains,
 * and the JSON).
 */
#ifndef SZ_IMPORT_INFER_H
#define SZ_IMPORT_INFER_H

#include "import/importer.h"

typedef enum imp_kind {
	IMP_EDGE = 1,     /* an edge pool's domain (maybe with generic_sip) */
	IMP_HOSTED,       /* hosted by a cloud */
	IMP_PROVIDER,     /* generic_sip alone: a plain SIP provider's domain */
} imp_kind;

typedef struct imp_domain {
	char *name;
	imp_kind kind;
	const sz_hosted_names *cloud;
	bool teams_only;
	char *access_host;        /* IMP_EDGE */
	szi_addr_set addrs;       /* the access host's addresses: the pool's */
	size_t pool;              /* IMP_EDGE: pool index */
	bool federation, remote_access, xmpp;
	unsigned web;             /* SZ_WEB_* */
	uint32_t ttl;
	size_t n_transports;
	sz_sip_transport transports[SZ_SIP_TRANSPORTS];
	uint16_t ports[SZ_SIP_TRANSPORTS];
	bool naptr;               /* generic_sip.naptr: the files have SIP NAPTRs at D */
	char *gs_host;            /* NULL: the access host */
	szi_addr_set gs_addrs;
	/* the internal view */
	bool fe;                  /* _sipinternaltls._tcp.D: on a front-end pool */
	szi_addr_set fe_addrs;
	size_t fe_pool;
	const szi_imp_rec *int_edge;  /* the internal _sipfederationtls._tcp target's SRV */
	szi_addr_set int_addrs;
} imp_domain;

typedef struct imp_web {
	imp_domain *dom;
	unsigned bit;
	szi_addr_set addrs;
	const szi_imp_rec *rec;
} imp_web;

typedef struct infer {
	const szi_imp_recs *recs;
	const szi_imp_recs *irecs;  /* the internal view's; n 0 when none */
	szi_imp_notes *notes;
	imp_web *web;
	size_t n_web, cap_web;
	imp_web *iweb;              /* internal web service names */
	size_t n_iweb, cap_iweb;
	bool nomem;
} infer;

/* Fill `dom` (its name set) from the records; false when it is not
 * imported (a note says why, or in->nomem). */
bool szi_imp_infer_domain(infer *in, imp_domain *dom);
/* The internal view of a kept edge domain: front-end pool, internal web
 * services, the edge's internal FQDN. */
void szi_imp_infer_internal(infer *in, imp_domain *dom);
bool szi_imp_within(const char *name, const char *d);
/* A name the model accepts (the loader's host-name test). */
bool szi_imp_name_ok(const char *name);
/* The addresses of `name` (A and AAAA, through at most 8 CNAMEs: *via is
 * the first CNAME, NULL when none) into *out, to free(); false when out of
 * memory. */
bool szi_imp_addrs_of(const szi_imp_recs *recs, const char *name, szi_addr_set *out,
		      const szi_imp_rec **via);

#endif
