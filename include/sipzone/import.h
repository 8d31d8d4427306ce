/**
 * @file import.h
 * Turning existing zone files into a model: `sipzone import`.
 *
 * The files are read as `sipzone check` reads them ($ORIGIN, $TTL,
 * $INCLUDE inside the file's tree, AXFR dumps, Windows exports, signed
 * zones) and checked by the same checker, whose findings are appended to
 * the caller's list as check reports them. From the records of the SIP
 * services (sip/services.c's table) the importer infers the SIP domains,
 * their access hosts, edge pools (domains whose access hosts have the same
 * address set share a pool), federation, remote access, XMPP, generic SIP
 * (RFC 3263 SRVs), Microsoft 365 hosting (by the clouds' names), web
 * services, TTLs and complete zones (SOA, NS), and writes the model
 * (version 1) as JSON, keys sorted, arrays in a fixed order, domains in
 * canonical order: the same files give the same bytes.
 *
 * The model is never a copy of a mistake: a record that breaks sipzone's
 * rules (a target outside the domain, a wrong port, a CNAME target ...)
 * becomes what sipzone would write, and the change is an
 * SZ_IMPORT_CORRECTED note. What DNS cannot tell (certificates, which of
 * two settings that give the same records) is an SZ_IMPORT_ASSUMED note;
 * a record that the model cannot express is an SZ_IMPORT_LEFT_OUT note.
 * Each note names the JSON Pointer (RFC 6901) of the model value it
 * concerns, and where known the file and line of the record.
 *
 * Before it is returned, the model is loaded by sz_model_load_buffer(): a
 * model that would not load is never handed out.
 *
 * Ownership: sz_import_files() returns a result the caller releases with
 * sz_import_free(); it owns the model text, the notes and all their
 * strings. Diagnostics are appended to a caller-owned sz_diag_list. Every
 * pointer parameter is borrowed.
 */
#ifndef SIPZONE_IMPORT_H
#define SIPZONE_IMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include "sipzone/diag.h"
#include "sipzone/status.h"
#include "sipzone/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct sz_import_options {
	/** Origin of files that set none before their first record (--origin),
	 * as for sz_check_options_set_origin(); NULL: from the file name. */
	const char *origin;
	/** $INCLUDE may reach any file (sz_check_options_set_include_anywhere()). */
	bool include_anywhere;
	/** Zone files of the internal view (--internal), or NULL: checked with
	 * --view internal, they give the front-end pools (_sipinternaltls._tcp),
	 * the internal web services and the edge's internal FQDN (the internal
	 * _sipfederationtls._tcp). Files, not "-". */
	const char *const *internal;
	size_t n_internal;
} sz_import_options;

typedef enum sz_import_note_kind {
	SZ_IMPORT_ASSUMED = 0,   /**< not in DNS: the safest value that keeps the model valid */
	SZ_IMPORT_CORRECTED = 1, /**< the records break a rule: the model holds the fix */
	SZ_IMPORT_LEFT_OUT = 2,  /**< records the model cannot express, not imported */
} sz_import_note_kind;

/** "assumed", "corrected", "left out". */
SZ_API const char *sz_import_note_kind_name(sz_import_note_kind kind);

/** One thing the admin should confirm. Strings are escaped (sz_text_escape()). */
typedef struct sz_import_note {
	sz_import_note_kind kind;
	char *path;      /**< JSON Pointer into the model ("/sip_domains/0/access_host"), "" for the whole */
	char *value;     /**< the value written there, as JSON text; NULL when nothing was */
	char *reason;    /**< why */
	char *file;      /**< the record's file, or NULL */
	size_t line;     /**< its line; 0 when unknown */
} sz_import_note;

typedef struct sz_import {
	char *model_json;         /**< the model, UTF-8 JSON ending in a newline; NULL when no SIP domain was found */
	size_t n_domains;         /**< SIP domains in it */
	sz_import_note *notes;    /**< sorted by kind, then path, then file and line */
	size_t n_notes;
	size_t n_corrected;       /**< notes of kind SZ_IMPORT_CORRECTED */
	size_t n_left_out;        /**< notes of kind SZ_IMPORT_LEFT_OUT */
} sz_import;

/**
 * Import `n_paths` zone files ("-": standard input) into a model. Returns:
 *  SZ_OK          *out holds the result (model_json NULL when the files hold
 *                 no SIP domain); the checker's findings are in `diags`;
 *  SZ_ERR_USAGE   a bad option (a diagnostic says which);
 *  SZ_ERR_IO, SZ_ERR_ORIGIN  a file cannot be read, or has a relative name
 *                 and no origin (rule "io" / "origin" in `diags`);
 *  SZ_ERR_INVALID the inferred model did not load: a bug of the importer;
 *                 the loader's diagnostics are in `diags`;
 *  SZ_ERR_NOMEM.
 * On failure *out is NULL.
 */
SZ_API sz_status sz_import_files(const char *const *paths, size_t n_paths,
				 const sz_import_options *opt, sz_import **out,
				 sz_diag_list *diags);

/** Release a result; NULL is allowed. */
SZ_API void sz_import_free(sz_import *imp);

#ifdef __cplusplus
}
#endif

#endif
