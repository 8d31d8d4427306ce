/*
 * check_internal.h: the checker's pieces and how they meet.
 *
 * The flow of one input:
 *   zone_read.c     the calling thread splits the text into records and fills
 *                   batches of them (check.c);
 *   check_record.c  a parser thread (check_pipeline.c) runs ldns on every
 *                   record of a batch and the rules that need one record only,
 *                   leaving a compact summary per record (lower-case wire
 *                   names, hashes, type, TTL) and its findings;
 *   check_cross.c   the calling thread takes the batches back in file order
 *                   and runs the rules that span records on the summaries,
 *                   then, at the end, the rules that need all input.
 * So findings come out in the same order whatever the number of threads.
 */
#ifndef SZ_CHECK_INTERNAL_H
#define SZ_CHECK_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ldns/ldns.h>
#include <libpsl.h>

#include "check_buf_internal.h"
#include "check_names_internal.h"
#include "check_table_internal.h"
#include "sipzone/check.h"
#include "zone_read_internal.h"

#define SZC_BATCH_RECORDS 2048
#define SZC_BATCHES 8
#define SZC_MAX_THREADS 8

/* ---- read-only context of the per-record rules (shared by threads) ---- */

typedef struct szc_rules {
	const sz_check_options *opts;
	const psl_ctx_t *psl;
	uint8_t (*allow)[SZC_WIRE_MAX];   /**< allow-listed targets, lower wire */
	size_t *allow_len;
	size_t n_allow;
	const sz_model *model;
	szc_names model_domains;          /**< modelled SIP domains; aux = index */
} szc_rules;

/* ---- one record on its way through the pipeline ---- */

/** A finding made by a parser thread, handed to the diagnostics in order. */
typedef struct szc_wfinding {
	uint32_t entry;
	sz_rule rule;
	sz_severity severity;
	char *owner;
	char *type;
	char *message;
} szc_wfinding;

typedef struct szc_entry {
	/* from the reader */
	uint32_t text_off;       /**< in batch->text */
	uint32_t file;
	size_t line;
	uint32_t input;          /**< index of the top-level input */
	uint32_t default_ttl;
	uint8_t kind;            /**< SZC_ZREC_RECORD or SZC_ZREC_ERROR */
	bool has_default_ttl;
	bool explicit_ttl;
	szc_origin *origin;      /**< referenced until the entry is merged */
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
	uint64_t owner_hash;
	uint64_t rrset_key;      /**< szc_rrset_key() of owner, class, type */
	uint64_t target_hash;
	uint64_t model_key;      /**< record fingerprint for model-record-missing; 0 none */
	uint32_t first_finding;
	uint32_t n_findings;
} szc_entry;

enum szc_batch_state { SZC_B_FREE, SZC_B_READY, SZC_B_BUSY, SZC_B_DONE };

typedef struct szc_batch {
	szc_entry entries[SZC_BATCH_RECORDS];
	size_t n;
	szc_buf text;            /**< record texts and reader messages */
	szc_buf wire;            /**< wire names written by the parser */
	szc_wfinding *findings;
	size_t n_findings;
	size_t cap_findings;
	enum szc_batch_state state;
} szc_batch;

/** Parse every record of a batch and run the per-record rules (check_record.c). */
void szc_parse_batch(const szc_rules *rules, szc_batch *b);
/** Free the findings of a batch and empty it for reuse. */
void szc_batch_reset(szc_batch *b);

/* ---- the parser threads (check_pipeline.c) ---- */

typedef struct szc_pipeline {
	szc_batch *batches[SZC_BATCHES];
	uint64_t head;           /**< oldest batch not merged yet */
	uint64_t tail;           /**< batch being filled; [head, tail) are submitted */
	const szc_rules *rules;
	int want_threads;        /**< 0: parse in the calling thread */
	int n_threads;
	pthread_t threads[SZC_MAX_THREADS];
	pthread_mutex_t mu;
	pthread_cond_t work;
	pthread_cond_t done;
	bool quit;
	bool sync_ok;            /**< mutex and conditions initialised */
} szc_pipeline;

sz_status szc_pipeline_init(szc_pipeline *p, const szc_rules *rules, int threads);
void szc_pipeline_destroy(szc_pipeline *p);
/** The batch to fill; NULL when all are in flight (merge the head first). */
szc_batch *szc_pipeline_current(szc_pipeline *p);
/** Hand the current batch to the parsers (or parse it now without threads). */
sz_status szc_pipeline_submit(szc_pipeline *p);
/** The oldest submitted batch once parsed, or NULL when none is submitted;
 * `wait` false returns NULL as well when it is not parsed yet. */
szc_batch *szc_pipeline_head(szc_pipeline *p, bool wait);
/** The head batch was merged: recycle it. */
void szc_pipeline_pop(szc_pipeline *p);

/* ---- what the checker remembers (check_cross.c) ---- */

/**
 * An SRV record whose target the end-of-input rules look at. Its owner is
 * kept for messages only, appended to an arena (no lookups, no hashing):
 * D as a wire name behind an id of its _svc._proto prefix.
 */
typedef struct szc_srv {
	uint32_t target;         /**< name id */
	uint32_t owner;          /**< offset in srv_owners: length byte, wire name */
	uint32_t svc;            /**< id + 1 of the _svc._proto prefix, 0: owner is whole */
	uint32_t file;
	uint32_t line;
} szc_srv;

typedef struct szc_cname {
	uint32_t file;
	uint32_t line;
	uint64_t target_hash;
} szc_cname;

typedef struct szc_input {
	uint8_t origin[SZC_WIRE_MAX];  /**< origin of its first record */
	size_t origin_len;             /**< 0: no record yet */
	bool saw_soa;
} szc_input;

typedef struct szc_expect szc_expect;  /* check_model.c */

struct sz_checker {
	sz_check_options opts;
	szc_rules rules;
	szc_files files;
	szc_pipeline pipe;
	szc_names names;
	szc_names svcs;
	szc_rrsets rrsets;
	szc_srv *srvs;
	size_t n_srvs;
	size_t cap_srvs;
	szc_buf srv_owners;
	size_t srv_owner_last;         /**< offset of the last owner added */
	szc_cname *cnames;
	size_t n_cnames;
	size_t cap_cnames;
	uint8_t types_seen[65536 / 8];
	uint64_t cname_filter[1024];   /**< bits of CNAME owner hashes: most lookups end here */
	uint16_t *types;               /**< types seen, in order of first sight */
	size_t n_types;
	szc_input *inputs;
	size_t n_inputs;
	szc_expect *expect;
	sz_check_stats stats;
	sz_status failed;              /**< sticky fatal status, SZ_OK while fine */
	bool finished;
	sz_diag_list *diags;           /**< where the current call puts findings */
};

/** Report a finding through the severity overrides and --disable. */
sz_status szc_emit(sz_checker *c, sz_rule rule, sz_severity sev, uint32_t file, size_t line,
		   const char *owner, const char *type, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 8, 9)))
#endif
	;

/** Merge one parsed batch in order: its findings, then the cross-record rules. */
sz_status szc_merge_batch(sz_checker *c, szc_batch *b);
/** The end-of-input rules. */
sz_status szc_cross_finish(sz_checker *c);
/** Release what check_cross.c keeps. */
void szc_cross_clear(sz_checker *c);

/* ---- the model rules (check_model.c) ---- */

/** Index the model: domain names for cert-san-missing, expected records. */
sz_status szc_model_prepare(sz_checker *c);
/** The fingerprint of a parsed record for model-record-missing (0: not a type the model writes). */
uint64_t szc_model_key(const uint8_t *owner, size_t olen, uint16_t type, const ldns_rr *rr);
/** A record with this fingerprint is present. */
void szc_model_seen(sz_checker *c, uint64_t key);
/** Report the expected records that were not seen, in zones that were checked. */
sz_status szc_model_finish(sz_checker *c);
void szc_model_clear(sz_checker *c);
/** cert-san-missing for one SRV (runs in parser threads). */
void szc_model_check_srv(const szc_rules *rules, szc_batch *b, uint32_t entry,
			 const uint8_t *d, size_t dlen, const uint8_t *target, size_t tlen,
			 const ldns_rr *rr);

/** Add a finding to a batch (parser threads); false when out of memory. */
bool szc_batch_finding(szc_batch *b, uint32_t entry, sz_rule rule, sz_severity sev,
		       const ldns_rr *rr, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;

#endif
