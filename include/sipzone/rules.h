/**
 * @file rules.h
 * The rule registry: every diagnostic id sipzone emits, in one table.
 *
 * A diagnostic (sz_diag) names its rule by a stable id ("srv-target-cname",
 * "unknown-key", "io"); tests and users match on the id, never on the
 * message. Each id is defined once, below, with its default severity, the
 * other severity some of its findings get, its kind (what it means for the
 * exit status) and a one-line description. The library emits ids through
 * the enum (sz_rule_id(SZ_RULE_IO)), never as a literal string.
 *
 * Conventions of the public headers (jq writes its rule once at the top of
 * jv.h; so do we, here):
 *  - `_init` fills a caller-owned object with its defaults and allocates
 *    nothing; `_clear` frees what such an object holds and leaves it empty
 *    and reusable (sz_diag_list_init() / sz_diag_list_clear()).
 *  - `_new` allocates an object and returns it through `**out` (status as
 *    the return value); `_free` releases it, NULL allowed
 *    (sz_check_options_new() / sz_check_options_free()).
 *  - Parse functions (`_parse`, `_find`, `_read_*`, `_load_*`) return an
 *    sz_status and write their result through `*out` only on SZ_OK; their
 *    problems go to a caller-owned sz_diag_list.
 *  - Every pointer parameter is borrowed unless its name ends in `_take`.
 *  - Options structs that grow with the rule table are opaque and set
 *    through functions, so that appending a rule never changes the ABI.
 */
#ifndef SIPZONE_RULES_H
#define SIPZONE_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include "sipzone/diag.h"
#include "sipzone/status.h"
#include "sipzone/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a diagnostic of a rule means for the run, worst last. */
typedef enum sz_rule_kind {
	/** A finding about the input: the input was examined (exit 1 on errors). */
	SZ_RULE_KIND_FINDING = 0,
	/** The input could not be read, or the server could not be asked or
	 * changed: exit 2. */
	SZ_RULE_KIND_INPUT = 1,
	/** A usage error: an option or argument is wrong: exit 2. */
	SZ_RULE_KIND_USAGE = 2,
} sz_rule_kind;

/** Which part of sipzone emits a rule (and which listing shows it). */
typedef enum sz_rule_group {
	SZ_RULE_GROUP_CHECK = 0,  /**< `sipzone check` (listed by --rules); verify too */
	SZ_RULE_GROUP_RUN,        /**< any command: why it could not run */
	SZ_RULE_GROUP_MODEL,      /**< the model loader */
	SZ_RULE_GROUP_KEY,        /**< TSIG key files and --tsig */
	SZ_RULE_GROUP_LIVE,       /**< verify and push talking to a server */
} sz_rule_group;

/**
 * Every diagnostic id: enum constant, id, default severity, the other
 * severity some findings of the rule get (equal to the default when there
 * is none), kind, group, one-line description. Append-only: an id is never
 * renamed, removed or moved, so the enum values and the order of
 * `sipzone check --rules` stay. The check rules come first.
 */
#define SZ_RULES(X) \
	X(SZ_RULE_SYNTAX, "syntax", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "ldns cannot parse a record, or a directive ($ORIGIN, $TTL, $INCLUDE) is wrong") \
	X(SZ_RULE_SRV_TARGET_OUTSIDE_NAMESPACE, "srv-target-outside-namespace", SZ_SEV_ERROR, SZ_SEV_WARNING, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "SRV of SIP domain D points outside D (error for Microsoft edge/pool services, warning for generic SIP and XMPP)") \
	X(SZ_RULE_SRV_TARGET_HOSTED, "srv-target-hosted", SZ_SEV_WARNING, SZ_SEV_WARNING, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "SRV points outside its domain to an allow-listed hosting provider: partners need a hosting-provider entry") \
	X(SZ_RULE_SRV_TARGET_CNAME, "srv-target-cname", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "SRV target owns a CNAME in the files checked (RFC 2782)") \
	X(SZ_RULE_SRV_TARGET_NO_ADDRESS, "srv-target-no-address", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "SRV target is inside the zones checked and has no A or AAAA record") \
	X(SZ_RULE_SRV_TARGET_IS_ADDRESS, "srv-target-is-address", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "SRV target looks like an IP address") \
	X(SZ_RULE_SRV_NULL_TARGET, "srv-null-target", SZ_SEV_ERROR, SZ_SEV_INFO, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "SRV target '.': error when priority, weight or port is not 0, else info (service declared unavailable)") \
	X(SZ_RULE_SRV_OWNER_FORM, "srv-owner-form", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "SRV owner is not _service._proto.name, and no SIP NAPTR in the files checked names it") \
	X(SZ_RULE_SRV_PORT_UNUSUAL, "srv-port-unusual", SZ_SEV_WARNING, SZ_SEV_WARNING, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "well-known SIP service on another port (_sip._tls 443, _sipfederationtls._tcp 5061, _sipinternaltls._tcp 5061, _xmpp-server._tcp 5269)") \
	X(SZ_RULE_CLIENT_STRICT_NAMING, "client-strict-naming", SZ_SEV_WARNING, SZ_SEV_WARNING, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "_sip._tls.D or _sipinternaltls._tcp.D target is neither D nor sip.D: Lync clients prompt or refuse") \
	X(SZ_RULE_CNAME_AND_OTHER_DATA, "cname-and-other-data", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "a CNAME owner also owns other data, or a second CNAME") \
	X(SZ_RULE_TTL_MISMATCH, "ttl-mismatch", SZ_SEV_WARNING, SZ_SEV_WARNING, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "records of one RRset have different TTLs (RFC 2181)") \
	X(SZ_RULE_DOUBLED_ORIGIN, "doubled-origin", SZ_SEV_WARNING, SZ_SEV_WARNING, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "a name ends in <origin>.<origin>.: a trailing dot was forgotten") \
	X(SZ_RULE_MISSING_TRAILING_DOT, "missing-trailing-dot", SZ_SEV_WARNING, SZ_SEV_WARNING, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "a name is X.<origin>. where X ends in a public suffix: X. was meant") \
	X(SZ_RULE_CERT_SAN_MISSING, "cert-san-missing", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "with --model: an SRV target is not on its certificate (edge; front-end for internal sign-in)") \
	X(SZ_RULE_MODEL_RECORD_MISSING, "model-record-missing", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "with --model: a record the model implies (as sipzone generate writes it) is absent") \
	X(SZ_RULE_VIEW_MISMATCH, "view-mismatch", SZ_SEV_WARNING, SZ_SEV_WARNING, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "with --view: a record only the other side of a split-brain DNS needs (internal: _sipinternaltls._tcp, _sipinternal._tcp, sipinternal, lyncdiscoverinternal, ucupdates-r2; external: _sip._tls, _xmpp-server._tcp, lyncdiscover)") \
	X(SZ_RULE_IO, "io", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_INPUT, SZ_RULE_GROUP_RUN, \
	  "a file or directory cannot be read or written") \
	X(SZ_RULE_ORIGIN, "origin", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_INPUT, SZ_RULE_GROUP_RUN, \
	  "a record comes before any origin is known ($ORIGIN, --origin or the file name)") \
	X(SZ_RULE_USAGE, "usage", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_USAGE, SZ_RULE_GROUP_RUN, \
	  "an option or argument is wrong") \
	X(SZ_RULE_JSON_SYNTAX, "json-syntax", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "the file is not valid JSON") \
	X(SZ_RULE_WRONG_TYPE, "wrong-type", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "a value has the wrong JSON type") \
	X(SZ_RULE_UNKNOWN_KEY, "unknown-key", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "a key the model does not define (a typo?)") \
	X(SZ_RULE_MISSING_KEY, "missing-key", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "a required key is absent") \
	X(SZ_RULE_BAD_VERSION, "bad-version", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "version is not 1") \
	X(SZ_RULE_BAD_NAME, "bad-name", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "not a valid host name (or could inject zone-file syntax)") \
	X(SZ_RULE_BAD_ADDRESS, "bad-address", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "not an IPv4 or IPv6 address literal") \
	X(SZ_RULE_DUPLICATE_ADDRESS, "duplicate-address", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "the same address is listed twice") \
	X(SZ_RULE_BAD_TTL, "bad-ttl", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "TTL outside 0..2147483647") \
	X(SZ_RULE_BAD_VALUE, "bad-value", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "a value outside the allowed set") \
	X(SZ_RULE_EMPTY, "empty", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "a list that must not be empty is empty") \
	X(SZ_RULE_DUPLICATE_DOMAIN, "duplicate-domain", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "a SIP domain is listed twice") \
	X(SZ_RULE_UNKNOWN_POOL, "unknown-pool", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "edge_pool or front_end_pool names no pool") \
	X(SZ_RULE_NAMESPACE, "namespace", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "access_host is outside the SIP domain's namespace") \
	X(SZ_RULE_CERT_WILDCARD, "cert-wildcard", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "the certificate subject is a wildcard") \
	X(SZ_RULE_CERT_SUBJECT_MISMATCH, "cert-subject-mismatch", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "access_edge differs from the certificate subject") \
	X(SZ_RULE_ADDRESS_CONFLICT, "address-conflict", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "one host name gets two different address sets") \
	X(SZ_RULE_UNKNOWN_ZONE, "unknown-zone", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "zones names a zone the model writes no records for") \
	X(SZ_RULE_NS_NO_ADDRESS, "ns-no-address", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "a name server inside its zone has no addresses (glue)") \
	X(SZ_RULE_ONCE_PER_ORGANISATION, "once-per-organisation", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_MODEL, \
	  "a simple URL (dialin, admin) asked by more than one domain") \
	X(SZ_RULE_KEY_SYNTAX, "key-syntax", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_USAGE, SZ_RULE_GROUP_KEY, \
	  "the TSIG key (--key FILE, --tsig) is not BIND key-file syntax") \
	X(SZ_RULE_KEY_ALGORITHM, "key-algorithm", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_USAGE, SZ_RULE_GROUP_KEY, \
	  "the TSIG key's algorithm is one sipzone cannot sign with") \
	X(SZ_RULE_KEY_SECRET, "key-secret", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_USAGE, SZ_RULE_GROUP_KEY, \
	  "the TSIG key's secret is missing or not base64") \
	X(SZ_RULE_NETWORK, "network", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_INPUT, SZ_RULE_GROUP_LIVE, \
	  "no answer from the DNS server (unreachable or timed out); an UPDATE may or may not have been applied") \
	X(SZ_RULE_SERVER_ERROR, "server-error", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_INPUT, SZ_RULE_GROUP_LIVE, \
	  "the DNS server answered with an error, refused, or is not authoritative (SERVFAIL, REFUSED, NOTAUTH, BADSIG ...)") \
	X(SZ_RULE_CONFLICT, "conflict", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_INPUT, SZ_RULE_GROUP_LIVE, \
	  "the served RRsets changed since they were read, or a CNAME sipzone does not own is in the way") \
	X(SZ_RULE_TTL_TOO_LARGE, "ttl-too-large", SZ_SEV_WARNING, SZ_SEV_WARNING, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "a TTL above 2147483647: RFC 2181 section 8 reads it as 0, and BIND loads it as 0") \
	X(SZ_RULE_SRV_TARGET_HOSTED_WRONG_SERVICE, "srv-target-hosted-wrong-service", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "SRV points at a cloud's name meant for another service (_sipfederationtls._tcp only at sipfed, _sip._tls only at sipdir)") \
	X(SZ_RULE_ADDRESS_NOT_PUBLIC, "address-not-public", SZ_SEV_WARNING, SZ_SEV_WARNING, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "an address published for the outside (SRV target, edge, reverse proxy) is private, shared, loopback, link-local, multicast, unspecified or IPv4-mapped") \
	X(SZ_RULE_NAPTR_FORM, "naptr-form", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "SIP NAPTR (SIP+D2x, SIPS+D2x) with a flag other than \"s\", with both a regexp and a replacement, or with the empty replacement '.' (RFC 3263 section 4.1)") \
	X(SZ_RULE_NAPTR_TRANSPORT_MISMATCH, "naptr-transport-mismatch", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "SIP NAPTR whose service and replacement's labels disagree (D2U with _tcp, D2T with _udp, SIPS with _sip or _udp)") \
	X(SZ_RULE_SIP_TRANSPORT_LABEL, "sip-transport-label", SZ_SEV_WARNING, SZ_SEV_WARNING, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "an SRV at _sips._udp.D or a SIP NAPTR naming it (SIPS over UDP is not defined), or SIP(S)+D2T naming _sip._tls / _sips._tls instead of _sips._tcp") \
	X(SZ_RULE_NAPTR_REPLACEMENT_NO_SRV, "naptr-replacement-no-srv", SZ_SEV_ERROR, SZ_SEV_ERROR, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "SIP NAPTR whose replacement is inside the zones checked and owns no SRV record in the files checked") \
	X(SZ_RULE_NAPTR_SRV_FALLBACK_MISSING, "naptr-srv-fallback-missing", SZ_SEV_WARNING, SZ_SEV_WARNING, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "domain D has a SIP NAPTR (SIP+D2U, SIP+D2T, SIPS+D2T) but no SRV at _sip._udp.D / _sip._tcp.D / _sips._tcp.D: clients without NAPTR support fail") \
	X(SZ_RULE_NAPTR_TLS_LESS_PREFERRED, "naptr-tls-less-preferred", SZ_SEV_INFO, SZ_SEV_INFO, SZ_RULE_KIND_FINDING, SZ_RULE_GROUP_CHECK, \
	  "the SIP NAPTRs at one owner rank SIPS+D2T (TLS) after a plain SIP+D2T or SIP+D2U by order and preference")

typedef enum sz_rule {
#define SZ_RULE_ENUM(e, id, sev, alt, kind, group, text) e,
	SZ_RULES(SZ_RULE_ENUM)
#undef SZ_RULE_ENUM
	SZ_RULE_COUNT  /**< grows as rules are appended: never size a public struct with it */
} sz_rule;

/** The rule id ("srv-target-cname"); a static string, "" for an unknown rule. */
SZ_API const char *sz_rule_id(sz_rule rule);
/** The one-line description of a rule; "" for an unknown rule. */
SZ_API const char *sz_rule_description(sz_rule rule);
/** The default severity of a rule (the most severe its findings get). */
SZ_API sz_severity sz_rule_severity(sz_rule rule);
/** The other severity some findings of the rule get; the default when none. */
SZ_API sz_severity sz_rule_alt_severity(sz_rule rule);
/** The kind of a rule; SZ_RULE_KIND_FINDING for an unknown rule. */
SZ_API sz_rule_kind sz_rule_kind_of(sz_rule rule);
/** The part of sipzone that emits a rule. */
SZ_API sz_rule_group sz_rule_group_of(sz_rule rule);
/** "finding", "input" or "usage". */
SZ_API const char *sz_rule_kind_name(sz_rule_kind kind);
/** "check", "run", "model", "key" or "live". */
SZ_API const char *sz_rule_group_name(sz_rule_group group);
/** Find a rule by id (exact, lower-case). SZ_ERR_USAGE when there is none. */
SZ_API sz_status sz_rule_find(const char *id, sz_rule *out);
/** Parse "error", "warning" or "info". SZ_ERR_USAGE otherwise. */
SZ_API sz_status sz_severity_parse(const char *name, sz_severity *out);

/**
 * The kind of a diagnostic: the kind of its rule (sz_diag.rule). A
 * diagnostic without a rule, or with an id not in the registry, is a
 * finding.
 */
SZ_API sz_rule_kind sz_diag_kind(const sz_diag *d);

/** The worst kind in a list; SZ_RULE_KIND_FINDING when empty. */
SZ_API sz_rule_kind sz_diag_list_worst_kind(const sz_diag_list *list);

/** The exit status sipzone gives a result. */
#define SZ_EXIT_OK 0        /**< all good */
#define SZ_EXIT_PROBLEMS 1  /**< the input was examined and has problems */
#define SZ_EXIT_FAILURE 2   /**< could not run: usage, unreadable input, I/O, network */

/**
 * The exit status a list of diagnostics calls for: SZ_EXIT_FAILURE when a
 * diagnostic is of kind input or usage, else SZ_EXIT_PROBLEMS when there is
 * an error (or, with `strict`, a warning), else SZ_EXIT_OK.
 */
SZ_API int sz_diag_list_exit_code(const sz_diag_list *list, bool strict);

#ifdef __cplusplus
}
#endif

#endif
