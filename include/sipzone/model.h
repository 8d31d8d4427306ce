/**
 * @file model.h
 * The organisation's model: SIP domains, edge pools, addresses, certificates.
 *
 * A model is read from JSON (see docs/model.schema.json and the README) and
 * fully validated before sz_model_load_*() returns it: names are lower-case
 * without a trailing dot, addresses are parsed, every cross-reference
 * resolved, the namespace and certificate rules hold. Arrays are in canonical
 * order (domains and names in RFC 4034 order, addresses by family then
 * value), so two models that differ only in order or case are equal.
 *
 * Ownership: sz_model_load_*() returns a model the caller owns and releases
 * with sz_model_free(). Everything inside belongs to the model and is
 * read-only for the caller. Diagnostics go to a caller-owned sz_diag_list.
 */
#ifndef SIPZONE_MODEL_H
#define SIPZONE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "sipzone/diag.h"
#include "sipzone/rules.h"
#include "sipzone/status.h"
#include "sipzone/export.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SZ_MODEL_VERSION 1
#define SZ_DEFAULT_TTL 3600u
#define SZ_TTL_MAX 2147483647u

/**
 * The loader's names for the rules of model diagnostics: each is a rule of
 * the registry (sipzone/rules.h), where its id, severity, kind and
 * description are defined. Append-only.
 */
#define SZ_MODEL_RULES(X) \
	X(SZ_MR_JSON_SYNTAX, SZ_RULE_JSON_SYNTAX) \
	X(SZ_MR_WRONG_TYPE, SZ_RULE_WRONG_TYPE) \
	X(SZ_MR_UNKNOWN_KEY, SZ_RULE_UNKNOWN_KEY) \
	X(SZ_MR_MISSING_KEY, SZ_RULE_MISSING_KEY) \
	X(SZ_MR_BAD_VERSION, SZ_RULE_BAD_VERSION) \
	X(SZ_MR_BAD_NAME, SZ_RULE_BAD_NAME) \
	X(SZ_MR_BAD_ADDRESS, SZ_RULE_BAD_ADDRESS) \
	X(SZ_MR_DUP_ADDRESS, SZ_RULE_DUPLICATE_ADDRESS) \
	X(SZ_MR_BAD_TTL, SZ_RULE_BAD_TTL) \
	X(SZ_MR_BAD_VALUE, SZ_RULE_BAD_VALUE) \
	X(SZ_MR_EMPTY, SZ_RULE_EMPTY) \
	X(SZ_MR_DUP_DOMAIN, SZ_RULE_DUPLICATE_DOMAIN) \
	X(SZ_MR_UNKNOWN_POOL, SZ_RULE_UNKNOWN_POOL) \
	X(SZ_MR_NAMESPACE, SZ_RULE_NAMESPACE) \
	X(SZ_MR_CERT_SAN, SZ_RULE_CERT_SAN_MISSING) \
	X(SZ_MR_CERT_WILDCARD, SZ_RULE_CERT_WILDCARD) \
	X(SZ_MR_CERT_SUBJECT, SZ_RULE_CERT_SUBJECT_MISMATCH) \
	X(SZ_MR_ADDR_CONFLICT, SZ_RULE_ADDRESS_CONFLICT) \
	X(SZ_MR_IO, SZ_RULE_IO) \
	X(SZ_MR_UNKNOWN_ZONE, SZ_RULE_UNKNOWN_ZONE) \
	X(SZ_MR_NS_NO_ADDRESS, SZ_RULE_NS_NO_ADDRESS) \
	X(SZ_MR_ONCE_PER_ORG, SZ_RULE_ONCE_PER_ORGANISATION)

typedef enum sz_model_rule {
#define SZ_MR_ENUM(id, rule) id,
	SZ_MODEL_RULES(SZ_MR_ENUM)
#undef SZ_MR_ENUM
	SZ_MR_COUNT
} sz_model_rule;

/** The registry rule of a model rule (SZ_RULE_COUNT for an unknown one). */
SZ_API sz_rule sz_model_rule_registry(sz_model_rule rule);
/** The rule id string ("unknown-key") and its description (from the registry). */
SZ_API const char *sz_model_rule_name(sz_model_rule rule);
SZ_API const char *sz_model_rule_text(sz_model_rule rule);

/** An IPv4 or IPv6 address in network byte order. */
typedef struct sz_addr {
	int family;          /**< AF_INET or AF_INET6 */
	unsigned char bytes[16];
} sz_addr;

/** A host name with the addresses it resolves to. */
typedef struct sz_host {
	char *fqdn;          /**< lower-case, no trailing dot; NULL when absent */
	sz_addr *addrs;
	size_t n_addrs;
} sz_host;

typedef struct sz_pool {
	char *name;          /**< key in edge_pools */
	sz_host access_edge; /**< access_edge with the pool's addresses */
	char *cert_subject;
	char **san;          /**< sorted, lower-case */
	size_t n_san;
	sz_host webconf_edge; /**< fqdn NULL when not given */
	sz_host av_edge;
	/** The edge's internal interface (internal_fqdn, internal_addresses):
	 * the target of the internal view's mobile-push federation SRV; fqdn
	 * NULL when not given. */
	sz_host internal_edge;
} sz_pool;

/** A certificate: subject (common name) and Subject Alternative Names. */
typedef struct sz_cert {
	char *subject;       /**< NULL when no certificate is given */
	char **san;          /**< sorted, lower-case */
	size_t n_san;
} sz_cert;

/** A front-end pool: where internal clients sign in (internal view). */
typedef struct sz_fe_pool {
	char *name;          /**< key in front_end_pools */
	sz_host host;        /**< the pool FQDN with the pool's addresses */
	sz_cert cert;        /**< subject NULL when the model gives none */
} sz_fe_pool;

/** Web services a domain asks for (web_services), as bits. */
#define SZ_WEB_LYNCDISCOVER 1u /**< lyncdiscover.D / lyncdiscoverinternal.D */
#define SZ_WEB_MEET         2u /**< meet.D */
#define SZ_WEB_DIALIN       4u /**< dialin.D, once per organisation */
#define SZ_WEB_ADMIN        8u /**< admin.D, once per organisation */

typedef enum sz_federation {
	SZ_FED_OPEN,
	SZ_FED_ENHANCED,
	SZ_FED_DIRECT,
	SZ_FED_NONE,
} sz_federation;

/** "open", "enhanced", "direct", "none". */
SZ_API const char *sz_federation_name(sz_federation fed);

/** A SIP domain served by a cloud service instead of an edge pool. */
typedef enum sz_hosted {
	SZ_HOSTED_NONE,
	SZ_HOSTED_M365,          /**< "microsoft365" */
	SZ_HOSTED_M365_GCC_HIGH, /**< "microsoft365-gcc-high" */
	SZ_HOSTED_M365_DOD,      /**< "microsoft365-dod" */
	SZ_HOSTED_M365_21VIANET, /**< "microsoft365-21vianet" (operated by 21Vianet in China) */
} sz_hosted;

/** The last sz_hosted value, for walking the clouds. */
#define SZ_HOSTED_LAST SZ_HOSTED_M365_21VIANET

/** The hosted service's names that a hosted domain's records point at. */
typedef struct sz_hosted_names {
	const char *key;     /**< the model's value ("microsoft365") */
	const char *sipfed;  /**< _sipfederationtls._tcp target */
	const char *sipdir;  /**< _sip._tls target, sip.D CNAME target */
	const char *webdir;  /**< lyncdiscover.D CNAME target */
} sz_hosted_names;

/** The names of `hosted` (not SZ_HOSTED_NONE); NULL for anything else. */
SZ_API const sz_hosted_names *sz_hosted_info(sz_hosted hosted);

/**
 * true when `name` (any case, trailing dot optional) is one of the names of
 * a hosted service above: the one permitted exception to the namespace rule.
 */
SZ_API bool sz_is_hosted_target(const char *name);

/**
 * The side of a split-brain DNS a set of records is for: the Internet
 * (external, the default) or the organisation's own resolvers (internal).
 */
typedef enum sz_view {
	SZ_VIEW_EXTERNAL,
	SZ_VIEW_INTERNAL,
} sz_view;

/** "external", "internal". */
SZ_API const char *sz_view_name(sz_view view);
/** Parse "external" or "internal"; false for anything else. */
SZ_API bool sz_view_parse(const char *text, sz_view *out);

/** The RFC 3263 transports of generic_sip ("tls", "tcp", "udp"). */
typedef enum sz_sip_transport {
	SZ_SIP_TLS,          /**< _sips._tcp.D, port 5061 by default */
	SZ_SIP_TCP,          /**< _sip._tcp.D, port 5060 by default */
	SZ_SIP_UDP,          /**< _sip._udp.D, port 5060 by default */
} sz_sip_transport;

#define SZ_SIP_TRANSPORTS 3

/** "tls", "tcp", "udp"; NULL for anything else. */
SZ_API const char *sz_sip_transport_name(sz_sip_transport t);

/**
 * A domain's generic SIP service (RFC 3263 SRV and NAPTR records), the model's
 * generic_sip key. n_transports is 0 when the domain has none.
 */
typedef struct sz_generic_sip {
	size_t n_transports;
	sz_sip_transport transports[SZ_SIP_TRANSPORTS]; /**< most preferred first, no repeats */
	uint16_t ports[SZ_SIP_TRANSPORTS]; /**< indexed by sz_sip_transport, 1..65535 */
	/** One NAPTR per transport at the domain (RFC 3263 section 4.1), in
	 * the order of `transports`; the model's "naptr", default false. */
	bool naptr;
	/** The SRV target when it is not the domain's access host: a host
	 * inside the domain with its own addresses. fqdn NULL means the
	 * access host, with the edge pool's addresses. */
	sz_host host;
} sz_generic_sip;

typedef struct sz_domain {
	char *name;          /**< the SIP domain, lower-case, no trailing dot */
	const sz_pool *pool; /**< NULL for a hosted domain */
	const sz_fe_pool *fe_pool; /**< NULL when not given */
	sz_hosted hosted;    /**< SZ_HOSTED_NONE unless served by the cloud */
	bool teams_only;     /**< hosted only: the federation SRV and nothing else */
	unsigned web;        /**< SZ_WEB_* bits */
	sz_federation federation;
	bool remote_access;
	bool xmpp;
	bool pic;
	char *access_host;   /**< defaults to sip.<domain>; NULL when hosted */
	uint32_t ttl;        /**< effective TTL (domain, else defaults, else 3600) */
	sz_generic_sip generic_sip; /**< n_transports 0 when not given */
} sz_domain;

/** A name server of a complete zone; addresses only for in-zone names (glue). */
typedef struct sz_ns {
	char *name;
	sz_addr *addrs;
	size_t n_addrs;
} sz_ns;

/** What makes a snippet a complete zone: its SOA fields and NS set. */
typedef struct sz_zone_def {
	char *name;          /**< the zone (a snippet's zone), lower-case */
	char *mname;
	char *rname;
	uint32_t refresh, retry, expire, minimum;
	sz_ns *ns;           /**< sorted by name */
	size_t n_ns;
} sz_zone_def;

typedef struct sz_model {
	char *source;        /**< base name of the model file ("model.json") */
	uint32_t default_ttl;
	sz_zone_def *zones;  /**< complete zones, sorted by name (canonical) */
	size_t n_zones;
	sz_pool *pools;      /**< sorted by name */
	size_t n_pools;
	sz_fe_pool *fe_pools; /**< sorted by name */
	size_t n_fe_pools;
	sz_host reverse_proxy; /**< external web services (fqdn NULL; no addresses when absent) */
	sz_host internal_web;  /**< internal web services (likewise) */
	sz_domain *domains;  /**< canonical (RFC 4034) order of name */
	size_t n_domains;
	/** Model errors that concern only the internal view's records (the
	 * front-end certificate): they do not stop the model from loading;
	 * sz_model_view_findings() hands them out for the internal view.
	 * Private to the library; NULL when there are none. */
	sz_diag_list *internal_findings;
} sz_model;

/**
 * Load and validate a model file. `path` "-" reads standard input.
 * Returns SZ_OK and sets *out, or:
 *  SZ_ERR_IO      the file could not be read (a diagnostic says why);
 *  SZ_ERR_INVALID the model has problems; every problem found is in `diags`;
 *  SZ_ERR_NOMEM.
 * On failure *out is NULL.
 */
SZ_API sz_status sz_model_load_file(const char *path, sz_model **out, sz_diag_list *diags);

/**
 * Load and validate a model from memory. `name` is used in diagnostics and as
 * the model's source name. Same results as sz_model_load_file().
 */
SZ_API sz_status sz_model_load_buffer(const char *buf, size_t len, const char *name,
			       sz_model **out, sz_diag_list *diags);

/** Find a domain by name (any case, trailing dot optional); NULL if absent. */
SZ_API const sz_domain *sz_model_find_domain(const sz_model *model, const char *name);

/** The complete-zone definition for `zone`, or NULL when it is a snippet. */
SZ_API const sz_zone_def *sz_model_find_zone(const sz_model *model, const char *zone);

/**
 * The model errors that concern only `view`'s records, which loading did not
 * count (a model error about internal records must not block the external
 * view): appended to `diags`. Returns SZ_OK when there are none,
 * SZ_ERR_INVALID when some were appended, SZ_ERR_NOMEM.
 * The external view has none today: every other model error blocks loading.
 */
SZ_API sz_status sz_model_view_findings(const sz_model *model, sz_view view, sz_diag_list *diags);

/** Release a model; NULL is allowed. */
SZ_API void sz_model_free(sz_model *model);

#ifdef __cplusplus
}
#endif

#endif
