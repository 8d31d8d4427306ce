/**
 * @file zone_text.h
 * Records -> BIND master-file text.
 *
 * A snippet is written as: one comment line naming the zone (and no file:
 * renaming the model or reading it from standard input changes no byte),
 * `$ORIGIN zone.`,
 * then one record per line in canonical order, every name fully qualified,
 * TTL and class on each line, columns aligned:
 *
 *     ; sipzone: zone contoso.com, generated from the model; edit the model, not this file
 *     $ORIGIN contoso.com.
 *     _sip._tls.contoso.com. 3600 IN SRV 0 0 443 sip.contoso.com.
 *
 * Ownership: an sz_text owns its buffer; release it with sz_text_free().
 */
#ifndef SIPZONE_ZONE_TEXT_H
#define SIPZONE_ZONE_TEXT_H

#include <stddef.h>
#include "sipzone/records.h"
#include "sipzone/status.h"
#include "sipzone/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The first bytes of every file sipzone writes; --prune looks for them. */
#define SZ_ZONE_HEADER_PREFIX "; sipzone: zone "

/** A growable text buffer. Zero-initialise it before first use. */
typedef struct sz_text {
	char *data;
	size_t len;
	size_t cap;
} sz_text;

SZ_API void sz_text_free(sz_text *text);

/**
 * Append the snippet as zone-file text. `model_source` is unused (the
 * header once named the model file; it no longer does, so that a renamed
 * model or one read from standard input writes the same bytes); kept so
 * that the API does not change.
 */
SZ_API sz_status sz_snippet_write_text(const sz_snippet *snippet, const char *model_source,
				sz_text *text);

#ifdef __cplusplus
}
#endif

#endif
