/*
 * records/export_internal.h: what the export writers share.
 *
 * A writer renders one zone (`zone`), and optionally what comes before and
 * after the zones of one file (`begin`, `end`). export_files.c walks the
 * snippets and puts files together: one per zone (`zone_ext` set) or one
 * for all (`file_name`).
 */
#ifndef SZ_RECORDS_EXPORT_INTERNAL_H
#define SZ_RECORDS_EXPORT_INTERNAL_H

#include "sipzone/exports.h"
#include "sipzone/zone_text.h"

typedef struct szi_export_ctx {
	const sz_export_options *opt;
	const char *source;      /* the model file's base name, for headers */
	void *state;             /* a writer's own, set in begin, released in end */
} szi_export_ctx;

typedef struct szi_export_writer {
	const char *zone_ext;    /* ".ps1": one file per zone; NULL: one file */
	const char *file_name;   /* the one file, when zone_ext is NULL */
	sz_status (*begin)(szi_export_ctx *c, sz_text *t);
	sz_status (*zone)(szi_export_ctx *c, const sz_snippet *s, sz_text *t);
	sz_status (*end)(szi_export_ctx *c, sz_text *t);
	/* optional: an extra file written beside the per-zone files */
	const char *extra_name;
	const char *extra_text;
} szi_export_writer;

extern const szi_export_writer szi_export_powershell;
extern const szi_export_writer szi_export_octodns;
extern const szi_export_writer szi_export_dnscontrol;
extern const szi_export_writer szi_export_terraform;

/* Append text; SZ_ERR_NOMEM when the buffer cannot grow. */
sz_status szi_put(sz_text *t, const char *s);
sz_status szi_putf(sz_text *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The owner relative to the zone: "" at the apex, else the labels before it. */
void szi_relative(const char *owner, const char *zone, char *buf, size_t size);

/* The record's address (A, AAAA) as text. */
void szi_address(const sz_record *r, char *buf, size_t size);

/* The number of records from `i` on with the owner and type of record i. */
size_t szi_rrset_len(const sz_snippet *s, size_t i);

/* Printable ASCII of the model's file name ('?' for anything else, and for
 * quote characters), so that it cannot break out of a comment or string. */
void szi_safe_source(const char *source, char *buf, size_t size);

/* The records a format writes for snippet `s`, as a shallow copy of it whose
 * `records` array (only) is the caller's to free: the snippet's records of
 * the types the format writes (sz_export_writes_type()) plus, where the
 * format writes them, the complete zone's NS records (type SZ_TYPE_NS, the
 * name server in rdata.cname), in canonical order. */
sz_status szi_export_records(const sz_snippet *s, sz_export_format format, sz_snippet *out);

/* A NAPTR record's RDATA in master-file form ("10 50 \"s\" \"SIPS+D2T\" \"\"
 * _sips._tcp.example.com."), for the notes of formats that cannot write it. */
void szi_naptr_text(const sz_record *r, char *buf, size_t size);

#endif
