/**
 * @file diag.h
 * Diagnostics: what the library found wrong, with where it found it.
 *
 * Ownership: an sz_diag_list owns its entries and every string in them;
 * sz_diag_list_free() releases all of it. Strings passed to sz_diag_add() are
 * copied. The `rule` string of an entry is a static rule id owned by the
 * library: an id of the rule registry (sipzone/rules.h, where the naming and
 * ownership conventions of the public headers are written down). Every
 * pointer parameter is borrowed unless its name ends in _take.
 */
#ifndef SIPZONE_DIAG_H
#define SIPZONE_DIAG_H

#include <stddef.h>
#include <stdio.h>
#include "sipzone/status.h"
#include "sipzone/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sz_severity {
	SZ_SEV_INFO = 0,
	SZ_SEV_WARNING = 1,
	SZ_SEV_ERROR = 2,
} sz_severity;

/** "error", "warning" or "info". */
SZ_API const char *sz_severity_name(sz_severity sev);

/** One diagnostic. line/col are 1-based; 0 means unknown. */
typedef struct sz_diag {
	sz_severity severity;
	const char *rule;   /**< stable rule id, e.g. "unknown-key" (static): one of
			         the registry's (sipzone/rules.h), whose kind
			         (sz_diag_kind()) tells what it means for the run */
	char *file;         /**< file the problem is in, or NULL */
	size_t line;
	size_t col;
	char *path;         /**< JSON path ("sip_domains[1].access_host") or NULL */
	char *owner;        /**< owner name of the record concerned, or NULL */
	char *type;         /**< record type ("SRV"), or NULL */
	char *message;      /**< what is wrong and what to do */
} sz_diag;

typedef struct sz_diag_list {
	sz_diag *items;
	size_t count;
	size_t capacity;
	size_t errors;      /**< entries with SZ_SEV_ERROR */
	size_t warnings;
	size_t infos;
} sz_diag_list;

/** Initialise an empty list (no allocation). */
SZ_API void sz_diag_list_init(sz_diag_list *list);
/** Free every entry; the list is empty and reusable afterwards. */
SZ_API void sz_diag_list_clear(sz_diag_list *list);

/**
 * Append a diagnostic. `file`, `path`, `owner`, `type` may be NULL. The
 * message is printf-formatted. Every text field is stored escaped by
 * sz_text_escape(), so a diagnostic is always printable, valid UTF-8.
 * Returns SZ_ERR_NOMEM when it cannot.
 */
SZ_API sz_status sz_diag_add(sz_diag_list *list, sz_severity sev, const char *rule,
		      const char *file, size_t line, size_t col,
		      const char *path, const char *owner, const char *type,
		      const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 10, 11)))
#endif
	;

/**
 * Text made safe for a terminal, a text report or a JSON string: C0
 * controls, DEL, C1 controls (U+0080..U+009F) and every byte that is not
 * part of valid UTF-8 (overlong forms, surrogates, beyond U+10FFFF,
 * truncated sequences) become the four characters `\xNN`; everything else,
 * valid UTF-8 beyond ASCII included, is kept. A backslash is kept as it is,
 * so escaping escaped text changes nothing. This is the one escaping
 * function of the library and the sipzone tool: every file name, owner
 * name and message they print goes through it.
 * Returns a new string to free(), or NULL when out of memory or `s` is NULL.
 */
SZ_API char *sz_text_escape(const char *s);

/** Write sz_text_escape(s) to `fp` (nothing when `s` is NULL); EOF on error. */
SZ_API int sz_text_fputs(const char *s, FILE *fp);

/** Drop the entries from position `count` on. */
SZ_API void sz_diag_list_truncate(sz_diag_list *list, size_t count);

/** Sort by file, line, column, then insertion order (stable). */
SZ_API void sz_diag_list_sort(sz_diag_list *list);

/**
 * Print one diagnostic as `file:line:col: severity: [path: ]message [rule]`
 * (compiler style); parts that are unknown are left out.
 */
SZ_API void sz_diag_print(FILE *fp, const sz_diag *d);

#ifdef __cplusplus
}
#endif

#endif
