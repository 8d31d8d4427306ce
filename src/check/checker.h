/*
 * check/checker.h: the checker's pieces and how they meet.
 *
 * The flow of one input:
 *   zonefile/reader.c     the calling thread splits the text into records and fills
 *                   batches of them (check/check.c);
 *   check/record.c  a parser thread (check/pipeline.c) runs ldns on every
 *                   record of a batch and the rules that need one record only,
 *                   leaving a compact summary per record (lower-case wire
 *                   names, hashes, type, TTL) and its findings;
 *   check/cross.c   the calling thread takes the batches back in file order
 *                   and runs the rules that span records on the summaries,
 *                   then, at the end, the rules that need all input.
 * So findings come out in the same order whatever the number of threads.
 * check/findings.c, below all of them, reports findings; the rule files
 * call down into it and never into each other. The facts about SIP
 * services and the SRV verdict are sip/'s (sip/services.h,
 * sip/srv_verdict.h).
 */
#ifndef SZ_CHECK_INTERNAL_H
#define SZ_CHECK_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ldns/ldns.h>
#include <libpsl.h>

#include "base/buf.h"
#include "dns/wire_name.h"
#include "sip/srv_verdict.h"
#include "check/table.h"
#include "check/options.h"
#include "zonefile/reader.h"

#define SZ_BATCH_RECORDS 2048
#define SZ_BATCHES 8
#define SZ_MAX_THREADS 8

/* ---- read-only context of the per-record rules (shared by threads) ---- */

typedef struct sz_rules {
	const sz_check_options *opts;
	const psl_ctx_t *psl;
	uint8_t (*allow)[SZ_WIRE_MAX];   /**< allow-listed targets, lower wire */
	size_t *allow_len;
	size_t n_allow;
	const sz_model *model;
	sz_names model_domains;          /**< modelled SIP domains; aux = index */
} sz_rules;

/** The --allow-target names of `r` as sip/srv_verdict.h takes them. */
static inline szi_allow_list szi_rules_allow(const sz_rules *r)
{
	return (szi_allow_list){ r->allow, r->allow_len, r->n_allow };
}

/* ---- one record on its way through the pipeline ---- */

/** A finding made by a parser thread, handed to the diagnostics in order. */
typedef struct sz_wfinding {
	uint32_t entry;
	sz_rule rule;
	sz_severity severity;
	char *owner;
	char *type;
	char *message;
} sz_wfinding;

typedef struct sz_entry {
	/* from the reader */
	uint32_t text_off;       /**< in batch->text */
	uint32_t file;
	size_t line;
	uint32_t input;          /**< index of the top-level input */
	uint32_t default_ttl;
	uint8_t kind;            /**< SZ_ZREC_RECORD or SZ_ZREC_ERROR */
	bool has_default_ttl;
	bool explicit_ttl;
	sz_origin *origin;      /**< referenced until the entry is merged */
	bool has_head;           /**< `head` holds the reader's split of the text */
	szi_rec_head16 head;
	/* from the parser */
	ldns_status status;
	uint16_t type;
	uint16_t rr_class;
	uint32_t ttl;
	uint32_t owner_off;      /**< lower-case wire in batch->wire */
	uint32_t target_off;     /**< SRV or CNAME target, lower-case wire */
	uint8_t owner_len;
	uint8_t target_len;      /**< 0: no target to remember */
	uint8_t d_off;           /**< SRV: where D starts in the owner; 0 if no _svc._proto form */
	uint8_t addr_kind;       /**< A/AAAA: szi_addr_kind when not public (target_off/len
				  * then hold the address bytes); else 0 */
	bool owner_form_late;    /**< SRV owner not _svc._proto.D: srv-owner-form waits for
				  * the end, where a NAPTR may name the owner (check/cross.c) */
	uint16_t srv_port;       /**< SRV numbers, kept for owner_form_late */
	uint16_t srv_priority;
	uint16_t srv_weight;
	uint16_t naptr_order;    /**< SIP NAPTR: order and preference */
	uint16_t naptr_pref;
	uint8_t naptr;           /**< SIP NAPTR of good form: sz_naptr_kind (target_off/len
				  * then hold the replacement); else 0 */
	uint64_t owner_hash;
	uint64_t rrset_key;      /**< szi_rrset_key() of owner, class, type */
	uint64_t target_hash;
	uint64_t model_key;      /**< record fingerprint for model-record-missing; 0 none */
	uint32_t first_finding;
	uint32_t n_findings;
} sz_entry;

enum sz_batch_state { SZ_B_FREE, SZ_B_READY, SZ_B_BUSY, SZ_B_DONE };

typedef struct sz_batch {
	sz_entry entries[SZ_BATCH_RECORDS];
	size_t n;
	sz_buf text;            /**< record texts and reader messages */
	sz_buf wire;            /**< wire names written by the parser */
	sz_wfinding *findings;
	size_t n_findings;
	size_t cap_findings;
	enum sz_batch_state state;
} sz_batch;

/**
 * The SIP service of a NAPTR (RFC 3263 section 4.1), as an entry's `naptr`
 * keeps it: 0 not SIP; 1 + the szi_svc_id of the row of sip/services.c
 * whose NAPTR service it is (SIP+D2U -> _sip._udp ...: the one table of
 * SIP services); SZ_NAPTR_SIP_OTHER for SIP(S)+D2S and other SIP services
 * the table has no row for (no fallback checked).
 */
enum { SZ_NAPTR_SIP_OTHER = 0xff };

/** The row of a NAPTR kind; NULL for 0 and SZ_NAPTR_SIP_OTHER. */
static inline const szi_sip_service *szi_naptr_service(uint8_t kind)
{
	return kind >= 1 && kind <= SZI_SVC_COUNT ? szi_sip_service_at((szi_svc_id)(kind - 1))
						  : NULL;
}

/**
 * The per-record rules of a SIP NAPTR (check/naptr.c, parser threads):
 * naptr-form, naptr-transport-mismatch, sip-transport-label. `rw` is the
 * replacement (lower-case wire). A SIP NAPTR of good form gets its
 * replacement and kind into the entry for check/cross.c.
 */
void szi_naptr_check(sz_batch *b, uint32_t i, const ldns_rr *rr, const uint8_t *rw, size_t rlen);

/** Parse every record of a batch and run the per-record rules (check/record.c). */
void szi_parse_batch(const sz_rules *rules, sz_batch *b);
/** Free the findings of a batch and empty it for reuse (check/findings.c). */
void szi_batch_reset(sz_batch *b);

/* ---- the parser threads (check/pipeline.c) ---- */

typedef struct sz_pipeline {
	sz_batch *batches[SZ_BATCHES];
	uint64_t head;           /**< oldest batch not merged yet */
	uint64_t tail;           /**< batch being filled; [head, tail) are submitted */
	const sz_rules *rules;
	int want_threads;        /**< 0: parse in the calling thread */
	int n_threads;
	pthread_t threads[SZ_MAX_THREADS];
	pthread_mutex_t mu;
	pthread_cond_t work;
	pthread_cond_t done;
	bool quit;
	bool sync_ok;            /**< mutex and conditions initialised */
} sz_pipeline;

sz_status szi_pipeline_init(sz_pipeline *p, const sz_rules *rules, int threads);
void szi_pipeline_destroy(sz_pipeline *p);
/** The batch to fill; NULL when all are in flight (merge the head first). */
sz_batch *szi_pipeline_current(sz_pipeline *p);
/** Hand the current batch to the parsers (or parse it now without threads). */
sz_status szi_pipeline_submit(sz_pipeline *p);
/** The oldest submitted batch once parsed, or NULL when none is submitted;
 * `wait` false returns NULL as well when it is not parsed yet. */
sz_batch *szi_pipeline_head(sz_pipeline *p, bool wait);
/** The head batch was merged: recycle it. */
void szi_pipeline_pop(sz_pipeline *p);

/* ---- what the checker remembers (check/cross.c) ---- */

/**
 * An SRV record whose target the end-of-input rules look at. Its owner is
 * kept for messages only, appended to an arena (no lookups, no hashing):
 * D as a wire name behind an id of its _svc._proto prefix.
 */
typedef struct sz_srv {
	uint32_t target;         /**< name id */
	uint32_t owner;          /**< offset in srv_owners: length byte, wire name */
	uint32_t svc;            /**< id + 1 of the _svc._proto prefix, 0: owner is whole */
	uint32_t file;
	uint32_t line;
} sz_srv;

/** A SIP NAPTR of good form, for the end-of-input rules (check/cross.c). */
typedef struct sz_naptr {
	uint32_t owner;          /**< name id */
	uint32_t replacement;    /**< name id */
	uint32_t file;
	uint32_t line;
	uint16_t order, pref;
	uint8_t kind;            /**< enum sz_naptr_kind */
} sz_naptr;

/** An SRV whose owner is not _svc._proto.D, judged at the end: by the
 * service of a SIP NAPTR naming it, else by srv-owner-form. */
typedef struct sz_late_srv {
	uint32_t owner;          /**< name id */
	uint32_t target;         /**< name id; UINT32_MAX for '.' */
	uint32_t file;
	uint32_t line;
	uint16_t priority, weight, port;
} sz_late_srv;

typedef struct sz_cname {
	uint32_t file;
	uint32_t line;
	uint64_t target_hash;
} sz_cname;

typedef struct sz_input {
	uint8_t origin[SZ_WIRE_MAX];  /**< origin of its first record */
	size_t origin_len;             /**< 0: no record yet */
	bool saw_soa;
	char *name;                    /**< as given (sz_check_file) */
	char *origin_text;             /**< the reader's word on the first record's origin */
	sz_origin_source origin_source;
	bool unread;                   /**< SZ_ERR_IO or SZ_ERR_ORIGIN */
} sz_input;

typedef struct sz_expect sz_expect;  /* check/model.c */

/** An A or AAAA record whose address is not public (check/public.c). */
typedef struct sz_nonpublic {
	uint32_t name;           /**< owner's name id */
	uint32_t file;
	uint32_t line;
	uint16_t type;           /**< LDNS_RR_TYPE_A or _AAAA */
	uint8_t kind;            /**< szi_addr_kind */
	uint8_t len;             /**< 4 or 16 */
	uint8_t bytes[16];
} sz_nonpublic;

struct sz_checker {
	sz_check_options opts;
	sz_rules rules;
	sz_files files;
	sz_pipeline pipe;
	sz_names names;
	sz_names svcs;
	sz_rrsets rrsets;
	sz_srv *srvs;
	size_t n_srvs;
	size_t cap_srvs;
	sz_buf srv_owners;
	size_t srv_owner_last;         /**< offset of the last owner added */
	sz_naptr *naptrs;
	size_t n_naptrs;
	size_t cap_naptrs;
	sz_late_srv *late_srvs;
	size_t n_late_srvs;
	size_t cap_late_srvs;
	sz_cname *cnames;
	size_t n_cnames;
	size_t cap_cnames;
	uint8_t types_seen[65536 / 8];
	uint64_t cname_filter[1024];   /**< bits of CNAME owner hashes: most lookups end here */
	uint16_t *types;               /**< types seen, in order of first sight */
	size_t n_types;
	sz_input *inputs;
	size_t n_inputs;
	sz_expect *expect;
	sz_nonpublic *nonpublic;
	size_t n_nonpublic;
	size_t cap_nonpublic;
	sz_check_stats stats;
	sz_status failed;              /**< sticky fatal status, SZ_OK while fine */
	bool finished;
	sz_diag_list *diags;           /**< where the current call puts findings */
};

/** Merge one parsed batch in order: its findings, then the cross-record rules. */
sz_status szi_merge_batch(sz_checker *c, sz_batch *b);
/** The end-of-input rules. */
sz_status szi_cross_finish(sz_checker *c);
/** Release what check/cross.c keeps. */
void szi_cross_clear(sz_checker *c);

/* ---- the model rules (check/model.c) ---- */

/** Index the model: domain names for cert-san-missing, expected records. */
sz_status szi_model_prepare(sz_checker *c);
/** The fingerprint of a parsed record for model-record-missing (0: not a type the model writes). */
uint64_t szi_model_key(const uint8_t *owner, size_t olen, uint16_t type, const ldns_rr *rr);
/** A record with this fingerprint is present. */
void szi_model_seen(sz_checker *c, uint64_t key);
/** Report the expected records that were not seen, in zones that were checked. */
sz_status szi_model_finish(sz_checker *c);
void szi_model_clear(sz_checker *c);
/** cert-san-missing for one SRV whose service's target must be on `cert`
 * (runs in parser threads). */
void szi_model_check_srv(const sz_rules *rules, sz_batch *b, uint32_t entry, szi_svc_cert cert,
			 const uint8_t *d, size_t dlen, const uint8_t *target, size_t tlen,
			 const ldns_rr *rr);

/* ---- address-not-public (check/public.c) ---- */

/** Would `c` judge addresses as published externally (not --view internal)? */
bool szi_public_view(const sz_check_options *opts);
/** Remember an A/AAAA record whose address is not public (merging thread). */
sz_status szi_public_note(sz_checker *c, const sz_entry *e, uint32_t name, const uint8_t *bytes);
/** address-not-public for the remembered records whose owner is published
 * for the outside: an SRV target of an external SIP service, or sip.D or
 * lyncdiscover.D of a domain with such an SRV. */
sz_status szi_public_finish(sz_checker *c);
void szi_public_clear(sz_checker *c);

/* ---- the split-brain view rule (check/view.c) ---- */

/**
 * view-mismatch for one record (runs in parser threads; only with --view):
 * its owner names a service only the other view needs. `target` is the SRV
 * or CNAME target (lower-case wire), tlen 0 when the record has none.
 */
void szi_view_check(const sz_rules *rules, sz_batch *b, uint32_t entry, const ldns_rr *rr,
		   const uint8_t *owner, size_t olen, const uint8_t *target, size_t tlen);

#endif
