/*
 * zone_read_internal.h: split BIND master files into records.
 *
 * ldns parses one record at a time from a string but implements no
 * $INCLUDE, so the checker reads the text itself: this reader turns a zone
 * file (and the files it $INCLUDEs) into a stream of logical records, each
 * one line of text that ldns_rr_new_frm_str() accepts: parentheses joined,
 * comments and CR dropped, the owner of a continuation line filled in, and
 * with the origin and default TTL in effect. It reads in blocks, so memory
 * does not grow with the file.
 *
 * Problems in the text (bad directive, unbalanced parenthesis, a missing
 * $INCLUDE file) come out of the stream as error items, in order, with file
 * and line; reading goes on after them. Only a top-level file that cannot be
 * read and a record without any origin stop the reader.
 *
 * Ownership: szc_zread_new() returns a reader released by szc_zread_free().
 * File names go to a caller-owned szc_files table that outlives the reader.
 * Origins are reference-counted; a record's origin is borrowed until the
 * next szc_zread_next() call unless the caller takes a reference.
 */
#ifndef SZ_ZONE_READ_INTERNAL_H
#define SZ_ZONE_READ_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ldns/ldns.h>

#include "check_buf_internal.h"
#include "check_names_internal.h"
#include "sipzone/status.h"

/** An origin ($ORIGIN, --origin or the file name) in its three forms. */
typedef struct szc_origin {
	unsigned refs;
	char *text;                    /**< presentation form, trailing dot */
	ldns_rdf *rdf;                 /**< for ldns_rr_new_frm_str() */
	uint8_t wire[SZC_WIRE_MAX];    /**< lower-case wire form */
	size_t wire_len;
} szc_origin;

/** Parse an absolute name into a new origin (one reference); NULL if invalid or out of memory. */
szc_origin *szc_origin_new(const char *text);
szc_origin *szc_origin_ref(szc_origin *origin);
void szc_origin_unref(szc_origin *origin);

/** The names of the files read; ids are indexes. */
typedef struct szc_files {
	char **names;
	size_t count;
	size_t capacity;
} szc_files;

sz_status szc_files_add(szc_files *files, const char *name, uint32_t *id);
void szc_files_clear(szc_files *files);

typedef enum szc_zrec_kind {
	SZC_ZREC_RECORD,   /**< a record: text is one line for ldns */
	SZC_ZREC_ERROR,    /**< a problem in the text: text is the message */
	SZC_ZREC_END,      /**< no more input */
} szc_zrec_kind;

typedef struct szc_zrec {
	szc_zrec_kind kind;
	uint32_t file;          /**< id in the szc_files table */
	size_t line;            /**< line where the record or problem starts */
	size_t text_off;        /**< text in the caller's buffer, NUL-terminated */
	size_t text_len;
	szc_origin *origin;     /**< origin in effect (records only) */
	uint32_t default_ttl;   /**< TTL of a record written without one */
	bool has_default_ttl;   /**< false: none known, ldns uses its default */
	bool explicit_ttl;      /**< the record has its own TTL */
} szc_zrec;

typedef struct szc_zread_config {
	const char *origin;     /**< --origin (absolute or not), or NULL */
	unsigned max_depth;     /**< deepest $INCLUDE nesting */
} szc_zread_config;

typedef struct szc_zread szc_zread;

/**
 * A reader of the file at `path` ("-": standard input, named "<stdin>").
 * Nothing is opened yet: the first szc_zread_next() opens it.
 */
sz_status szc_zread_new_file(const char *path, const szc_zread_config *cfg,
			     szc_files *files, szc_zread **out);

/** A reader of zone text in memory; `name` names it and anchors $INCLUDE paths. */
sz_status szc_zread_new_buffer(const char *name, const char *buf, size_t len,
			       const szc_zread_config *cfg, szc_files *files,
			       szc_zread **out);

/**
 * The next record or problem, appended to `text` (which may move: use
 * rec->text_off). Returns SZ_OK (rec->kind says what came), or, with an
 * SZC_ZREC_ERROR item that says why:
 *  SZ_ERR_IO     the top-level file cannot be read;
 *  SZ_ERR_ORIGIN a record comes before any origin is known;
 * or SZ_ERR_NOMEM. After an error the reader only serves szc_zread_free().
 */
sz_status szc_zread_next(szc_zread *reader, szc_zrec *rec, szc_buf *text);

/** Files opened so far, the top-level one and $INCLUDEd ones. */
size_t szc_zread_files_read(const szc_zread *reader);

void szc_zread_free(szc_zread *reader);

/**
 * The origin a file name implies: "contoso.com.zone", "contoso.com.db",
 * "contoso.com.txt", "db.contoso.com" and "contoso.com" give "contoso.com.".
 * The name needs two labels or more of host-name characters and an
 * alphabetic last label. Writes at most `cap` bytes; false when none fits.
 */
bool szc_origin_from_filename(const char *path, char *out, size_t cap);

#endif
