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
 * Every finding is an sz_diag whose `rule` is one of the check rule ids of
 * the registry (sipzone/rules.h), or "io", "origin", "usage" (kinds input
 * and usage) when a file cannot be read or an option is wrong; tests and
 * users match on the id, never on the message.
 *
 * Ownership (the conventions are written down in sipzone/rules.h):
 * sz_check_options_new() and sz_checker_new() return objects the caller
 * releases with sz_check_options_free() and sz_checker_free(). Findings are
 * appended to a caller-owned sz_diag_list. Every pointer parameter is
 * borrowed; a checker copies its options, but every string and the model
 * they point to must stay valid until sz_checker_free().
 */
#ifndef SIPZONE_CHECK_H
#define SIPZONE_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include "sipzone/diag.h"
#include "sipzone/model.h"
#include "sipzone/rules.h"
#include "sipzone/status.h"
#include "sipzone/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The rules (sz_rule, sz_rule_id(), sz_rule_find(), ...) are in the
 * registry, sipzone/rules.h: those of group SZ_RULE_GROUP_CHECK are the
 * checker's, in the order `sipzone check --rules` lists them. */

/** Default of sz_check_options_set_max_errors(). */
#define SZ_CHECK_MAX_ERRORS 100u
/** Deepest $INCLUDE nesting accepted. */
#define SZ_CHECK_MAX_INCLUDE_DEPTH 16u

/**
 * How a checker runs. Opaque, so that it does not grow with the rule table:
 * sz_check_options_new() gives the defaults (no origin, max_errors
 * SZ_CHECK_MAX_ERRORS, every rule on at its own severity, no model, no view,
 * threads -1), the setters change them, sz_check_options_free() releases
 * it. The strings, arrays and model the setters are given are borrowed:
 * they must stay valid until the last checker made with the options is freed.
 */
typedef struct sz_check_options sz_check_options;

/** New options with the defaults. SZ_OK or SZ_ERR_NOMEM. */
SZ_API sz_status sz_check_options_new(sz_check_options **out);
/** Release options; NULL is allowed. Checkers made with them keep a copy. */
SZ_API void sz_check_options_free(sz_check_options *opts);

/** Origin of files that set none before their first record (--origin);
 * NULL (default) to derive it from the file name. With or without trailing dot. */
SZ_API void sz_check_options_set_origin(sz_check_options *opts, const char *origin);
/** Syntax errors after which reading stops (0: no limit). */
SZ_API void sz_check_options_set_max_errors(sz_check_options *opts, size_t max_errors);
/** Hosting-provider targets accepted outside a domain, in addition to the
 * Microsoft 365 ones built in (sz_is_hosted_target(), --allow-target). */
SZ_API void sz_check_options_set_allow_targets(sz_check_options *opts,
					       const char *const *targets, size_t n_targets);
/** The model for cert-san-missing and model-record-missing, or NULL (then
 * those rules are off). */
SZ_API void sz_check_options_set_model(sz_check_options *opts, const sz_model *model);
/** The side of a split-brain DNS the files are for (--view): view-mismatch
 * reports records only the other side needs, and with a model the records
 * it implies are this view's. Without a view (default) view-mismatch is off
 * and the model's records are the external view's. SZ_ERR_USAGE for a view
 * that is neither external nor internal. */
SZ_API sz_status sz_check_options_set_view(sz_check_options *opts, sz_view view);
/** Threads that parse records: -1 one per CPU (default), 0 parse in the
 * calling thread. Findings are the same in every case. */
SZ_API void sz_check_options_set_threads(sz_check_options *opts, int threads);
/** Parse every record with ldns_rr_new_frm_str(). By default plain records
 * of the common types (A, AAAA, CNAME, NS, PTR, MX, SRV) are split into
 * fields here and each field converted by ldns, which gives the same
 * records in well under half the time. */
SZ_API void sz_check_options_set_ldns_only(sz_check_options *opts, bool ldns_only);
/** $INCLUDE may reach any file (--include-anywhere). By default (false) it
 * reaches only files inside the directory tree the file read is named in
 * (its directory part, "." if none), symbolic links resolved (for standard
 * input: the working directory; for a buffer: the directory part of its
 * name); any other is a syntax error at the $INCLUDE and nothing of it is
 * read. */
SZ_API void sz_check_options_set_include_anywhere(sz_check_options *opts, bool anywhere);
/** Drop the findings of a check rule (--disable). SZ_ERR_USAGE for a rule
 * that is not of group SZ_RULE_GROUP_CHECK. */
SZ_API sz_status sz_check_options_disable(sz_check_options *opts, sz_rule rule);
/** Report every finding of a check rule at `sev` (--severity). SZ_ERR_USAGE
 * for a rule that is not of group SZ_RULE_GROUP_CHECK or a bad severity. */
SZ_API sz_status sz_check_options_set_severity(sz_check_options *opts, sz_rule rule,
					       sz_severity sev);

/**
 * Called by the checker whenever it has added some findings (every
 * SZ_CHECK_DRAIN_EVERY of them), with the diagnostics list given to the
 * sz_checker_read_*() or sz_checker_finish() call that is running: the
 * callee may move entries out of it (taking ownership of their strings)
 * and empty it, so that memory does not grow with the number of findings.
 * Findings are added in file order while reading, then by the rules that
 * span records at the end; the callee sorts if it needs to. NULL (default):
 * never called. The callee must not call back into the checker.
 */
typedef void (*sz_check_drain_fn)(void *ctx, sz_diag_list *diags);
#define SZ_CHECK_DRAIN_EVERY 1024
SZ_API void sz_check_options_set_drain(sz_check_options *opts, sz_check_drain_fn drain,
				       void *ctx);

/** What a checker has read so far. */
typedef struct sz_check_stats {
	size_t files;          /**< inputs given (sz_checker_read_*() calls) */
	size_t files_read;     /**< files read, $INCLUDEd ones too */
	size_t records;        /**< records read (parsed or not) */
	size_t syntax_errors;
	bool stopped;          /**< max_errors was reached; the rest was not read */
} sz_check_stats;

typedef struct sz_checker sz_checker;

/** Where the origin of a file came from. */
typedef enum sz_origin_source {
	SZ_ORIGIN_NONE,       /**< none was known: every name in it is absolute */
	SZ_ORIGIN_OPTION,     /**< the --origin option (sz_check_options_set_origin()) */
	SZ_ORIGIN_DIRECTIVE,  /**< a $ORIGIN line before its first record */
	SZ_ORIGIN_FILE_NAME,  /**< the file name (contoso.com.zone, db.contoso.com, contoso.com.dns, ...) */
	SZ_ORIGIN_SOA,        /**< its first record, an SOA written absolute (an AXFR dump) */
} sz_origin_source;

/** The name of an origin source: "none", "option", "directive", "file-name", "soa". */
SZ_API const char *sz_origin_source_name(sz_origin_source source);

/** One file given to the checker (an sz_checker_read_*() call). */
typedef struct sz_check_file {
	const char *name;           /**< as given; "<stdin>" for standard input */
	const char *origin;         /**< the origin of its first record, NULL when none */
	sz_origin_source origin_source;
	bool read;                  /**< false: it could not be read (SZ_ERR_IO or SZ_ERR_ORIGIN) */
} sz_check_file;

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
 *  SZ_ERR_ORIGIN a relative name comes before any origin is known (rule
 *                "origin"): the rest of the file is not read;
 *  SZ_ERR_LIMIT  max_errors syntax errors were reached: reading stopped
 *                (sz_check_stats.stopped), later reads do nothing;
 *  SZ_ERR_NOMEM.
 * After SZ_ERR_IO or SZ_ERR_ORIGIN the checker goes on: the next file can
 * be read, and sz_checker_finish() runs the rules across records on all
 * that was read. After SZ_ERR_NOMEM it only serves sz_checker_get_stats()
 * and sz_checker_free().
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

/** The number of files given so far. */
SZ_API size_t sz_checker_file_count(const sz_checker *checker);

/**
 * File `index` (in the order given) into *out; its strings are the
 * checker's, valid until sz_checker_free(). False past the last file.
 */
SZ_API bool sz_checker_file_get(const sz_checker *checker, size_t index, sz_check_file *out);

/** What the checker has read so far. */
SZ_API void sz_checker_get_stats(const sz_checker *checker, sz_check_stats *out);

/** Release a checker; NULL is allowed. */
SZ_API void sz_checker_free(sz_checker *checker);

#ifdef __cplusplus
}
#endif

#endif
