/**
 * @file check.h
 * Checking BIND zone files for the DNS mistakes that break SIP domains.
 *
 * A checker reads one or more zone files (ldns parses every record) as one
 * namespace: an SRV target in one file is satisfied by an address record in
 * another file read by the same checker. Reading is streaming: each record
 * is checked as it is read, and the checker remembers only what the rules
 * that span records need (SRV targets, address owners, CNAME owners, one TTL
 * per RRset), never the records themselves. The rules that span records run
 * in sz_checker_finish().
 *
 * Every finding is an sz_diag whose `rule` is one of the rule ids below;
 * tests and users match on the id, never on the message.
 *
 * Ownership: sz_checker_new() returns a checker the caller releases with
 * sz_checker_free(). Findings are appended to a caller-owned sz_diag_list.
 * Every pointer parameter is borrowed; the options, and every string and the
 * model they point to, must stay valid until sz_checker_free().
 */
#ifndef SIPZONE_CHECK_H
#define SIPZONE_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include "sipzone/diag.h"
#include "sipzone/model.h"
#include "sipzone/status.h"
#include "sipzone/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The rules, in the order `sipzone check --rules` lists them: enum id, rule
 * id, default severity, the other severity some findings of the rule get
 * (equal to the default when there is none), one-line description.
 * Append-only: an id is never renamed or removed.
 */
#define SZ_CHECK_RULES(X) \
	X(SZ_RULE_SYNTAX, "syntax", SZ_SEV_ERROR, SZ_SEV_ERROR, \
	  "ldns cannot parse a record, or a directive ($ORIGIN, $TTL, $INCLUDE) is wrong") \
	X(SZ_RULE_SRV_TARGET_OUTSIDE_NAMESPACE, "srv-target-outside-namespace", SZ_SEV_ERROR, SZ_SEV_WARNING, \
	  "SRV of SIP domain D points outside D (error for Microsoft edge/pool services, warning for generic SIP and XMPP)") \
	X(SZ_RULE_SRV_TARGET_HOSTED, "srv-target-hosted", SZ_SEV_WARNING, SZ_SEV_WARNING, \
	  "SRV points outside its domain to an allow-listed hosting provider: partners need a hosting-provider entry") \
	X(SZ_RULE_SRV_TARGET_CNAME, "srv-target-cname", SZ_SEV_ERROR, SZ_SEV_ERROR, \
	  "SRV target owns a CNAME in the files checked (RFC 2782)") \
	X(SZ_RULE_SRV_TARGET_NO_ADDRESS, "srv-target-no-address", SZ_SEV_ERROR, SZ_SEV_ERROR, \
	  "SRV target is inside the zones checked and has no A or AAAA record") \
	X(SZ_RULE_SRV_TARGET_IS_ADDRESS, "srv-target-is-address", SZ_SEV_ERROR, SZ_SEV_ERROR, \
	  "SRV target looks like an IP address") \
	X(SZ_RULE_SRV_NULL_TARGET, "srv-null-target", SZ_SEV_ERROR, SZ_SEV_INFO, \
	  "SRV target '.': error when priority, weight or port is not 0, else info (service declared unavailable)") \
	X(SZ_RULE_SRV_OWNER_FORM, "srv-owner-form", SZ_SEV_ERROR, SZ_SEV_ERROR, \
	  "SRV owner is not _service._proto.name") \
	X(SZ_RULE_SRV_PORT_UNUSUAL, "srv-port-unusual", SZ_SEV_WARNING, SZ_SEV_WARNING, \
	  "well-known SIP service on another port (_sip._tls 443, _sipfederationtls._tcp 5061, _sipinternaltls._tcp 5061, _xmpp-server._tcp 5269)") \
	X(SZ_RULE_CLIENT_STRICT_NAMING, "client-strict-naming", SZ_SEV_WARNING, SZ_SEV_WARNING, \
	  "_sip._tls.D or _sipinternaltls._tcp.D target is neither D nor sip.D: Lync clients prompt or refuse") \
	X(SZ_RULE_CNAME_AND_OTHER_DATA, "cname-and-other-data", SZ_SEV_ERROR, SZ_SEV_ERROR, \
	  "a CNAME owner also owns other data, or a second CNAME") \
	X(SZ_RULE_TTL_MISMATCH, "ttl-mismatch", SZ_SEV_WARNING, SZ_SEV_WARNING, \
	  "records of one RRset have different TTLs (RFC 2181)") \
	X(SZ_RULE_DOUBLED_ORIGIN, "doubled-origin", SZ_SEV_WARNING, SZ_SEV_WARNING, \
	  "a name ends in <origin>.<origin>.: a trailing dot was forgotten") \
	X(SZ_RULE_MISSING_TRAILING_DOT, "missing-trailing-dot", SZ_SEV_WARNING, SZ_SEV_WARNING, \
	  "a name is X.<origin>. where X ends in a public suffix: X. was meant") \
	X(SZ_RULE_CERT_SAN_MISSING, "cert-san-missing", SZ_SEV_ERROR, SZ_SEV_ERROR, \
	  "with --model: an SRV target is not on its certificate (edge; front-end for internal sign-in)") \
	X(SZ_RULE_MODEL_RECORD_MISSING, "model-record-missing", SZ_SEV_ERROR, SZ_SEV_ERROR, \
	  "with --model: a record the model implies (as sipzone generate writes it) is absent") \
	X(SZ_RULE_VIEW_MISMATCH, "view-mismatch", SZ_SEV_WARNING, SZ_SEV_WARNING, \
	  "with --view: a record only the other side of a split-brain DNS needs (internal: _sipinternaltls._tcp, _sipinternal._tcp, sipinternal, lyncdiscoverinternal, ucupdates-r2; external: _sip._tls, _xmpp-server._tcp, lyncdiscover)")

typedef enum sz_rule {
#define SZ_RULE_ENUM(e, id, sev, alt, text) e,
	SZ_CHECK_RULES(SZ_RULE_ENUM)
#undef SZ_RULE_ENUM
	SZ_RULE_COUNT
} sz_rule;

/** The rule id ("srv-target-cname"); a static string, "" for an unknown rule. */
SZ_API const char *sz_rule_id(sz_rule rule);
/** The one-line description of a rule; "" for an unknown rule. */
SZ_API const char *sz_rule_description(sz_rule rule);
/** The default severity of a rule (the most severe its findings get). */
SZ_API sz_severity sz_rule_severity(sz_rule rule);
/** The other severity some findings of the rule get; the default when none. */
SZ_API sz_severity sz_rule_alt_severity(sz_rule rule);
/** Find a rule by id (exact, lower-case). SZ_ERR_USAGE when there is none. */
SZ_API sz_status sz_rule_find(const char *id, sz_rule *out);
/** Parse "error", "warning" or "info". SZ_ERR_USAGE otherwise. */
SZ_API sz_status sz_severity_parse(const char *name, sz_severity *out);

/** Default of sz_check_options.max_errors. */
#define SZ_CHECK_MAX_ERRORS 100u
/** Deepest $INCLUDE nesting accepted. */
#define SZ_CHECK_MAX_INCLUDE_DEPTH 16u

/** How a checker runs. Initialise with sz_check_options_init(). */
typedef struct sz_check_options {
	/** Origin of files that set none before their first record (--origin);
	 * NULL to derive it from the file name. With or without trailing dot. */
	const char *origin;
	/** Syntax errors after which reading stops (0: no limit). */
	size_t max_errors;
	/** Hosting-provider targets accepted outside a domain, in addition to
	 * the Microsoft 365 ones built in (sz_is_hosted_target(), --allow-target). */
	const char *const *allow_targets;
	size_t n_allow_targets;
	/** The model for cert-san-missing and model-record-missing, or NULL
	 * (then those rules are off). */
	const sz_model *model;
	/** The side of a split-brain DNS the files are for (--view): view-mismatch
	 * reports records only the other side needs, and with a model the
	 * records it implies are this view's. has_view false: view-mismatch is
	 * off and the model's records are the external view's. */
	bool has_view;
	sz_view view;
	/** Rules whose findings are dropped (--disable). */
	bool disabled[SZ_RULE_COUNT];
	/** Severity forced on every finding of a rule (--severity). */
	bool override[SZ_RULE_COUNT];
	sz_severity severity[SZ_RULE_COUNT];
	/** Threads that parse records: -1 one per CPU (default), 0 parse in the
	 * calling thread. Findings are the same in every case. */
	int threads;
	/** Parse every record with ldns_rr_new_frm_str(). By default plain
	 * records of the common types (A, AAAA, CNAME, NS, PTR, MX, SRV) are
	 * split into fields here and each field converted by ldns, which gives
	 * the same records in well under half the time; the rest always goes to
	 * ldns_rr_new_frm_str(). */
	bool ldns_only;
} sz_check_options;

/** Defaults: no origin, max_errors SZ_CHECK_MAX_ERRORS, every rule on, no view, threads -1. */
SZ_API void sz_check_options_init(sz_check_options *opts);

/** What a checker has read so far. */
typedef struct sz_check_stats {
	size_t files;          /**< inputs given (sz_checker_read_*() calls) */
	size_t files_read;     /**< files read, $INCLUDEd ones too */
	size_t records;        /**< records read (parsed or not) */
	size_t syntax_errors;
	bool stopped;          /**< max_errors was reached; the rest was not read */
} sz_check_stats;

typedef struct sz_checker sz_checker;

/**
 * Create a checker. Returns SZ_OK and sets *out, SZ_ERR_USAGE when an
 * option is wrong (a bad --allow-target or --origin name: a diagnostic in
 * `diags` says which), or SZ_ERR_NOMEM.
 */
SZ_API sz_status sz_checker_new(const sz_check_options *opts, sz_checker **out,
			 sz_diag_list *diags);

/**
 * Read and check one zone file (`path` "-" is standard input, named
 * "<stdin>" in findings). Findings are appended to `diags`; a file with
 * findings still returns SZ_OK. Otherwise:
 *  SZ_ERR_IO     the file cannot be read (a diagnostic with rule "io" says why);
 *  SZ_ERR_ORIGIN a record comes before any origin is known (rule "origin");
 *  SZ_ERR_LIMIT  max_errors syntax errors were reached: reading stopped
 *                (sz_check_stats.stopped), later reads do nothing;
 *  SZ_ERR_NOMEM.
 * After SZ_ERR_IO, SZ_ERR_ORIGIN or SZ_ERR_NOMEM the checker only serves
 * sz_checker_get_stats() and sz_checker_free().
 */
SZ_API sz_status sz_checker_read_file(sz_checker *checker, const char *path,
			       sz_diag_list *diags);

/**
 * Same as sz_checker_read_file() for zone text in memory. `name` names it in
 * findings and gives the origin when the text sets none; relative $INCLUDE
 * paths are relative to the directory part of `name`.
 */
SZ_API sz_status sz_checker_read_buffer(sz_checker *checker, const char *name,
				 const char *buf, size_t len, sz_diag_list *diags);

/**
 * Run the rules that span records and files (srv-target-cname,
 * srv-target-no-address, model-record-missing) and append their findings.
 * Call once, after the last read. Returns SZ_OK, SZ_ERR_LIMIT when reading
 * had stopped (those rules are then skipped: the input was not complete), or
 * SZ_ERR_NOMEM.
 */
SZ_API sz_status sz_checker_finish(sz_checker *checker, sz_diag_list *diags);

/** What the checker has read so far. */
SZ_API void sz_checker_get_stats(const sz_checker *checker, sz_check_stats *out);

/** Release a checker; NULL is allowed. */
SZ_API void sz_checker_free(sz_checker *checker);

#ifdef __cplusplus
}
#endif

#endif
