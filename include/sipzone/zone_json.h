/**
 * @file zone_json.h
 * Records -> JSON objects, for pipelines that feed a DNS provider's API.
 *
 * Each record becomes
 *   {"zone": "contoso.com.", "name": "_sip._tls.contoso.com.", "ttl": 3600,
 *    "class": "IN", "type": "SRV",
 *    "rdata": {"priority": 0, "weight": 0, "port": 443, "target": "sip.contoso.com."}}
 * with rdata by type: A/AAAA {"address"}, SRV {"priority", "weight", "port",
 * "target"}, NS {"target"}, SOA {"mname", "rname", "serial", "refresh",
 * "retry", "expire", "minimum"}. Names (the zone's too) are lower-case and
 * fully qualified, with the trailing dot; `sipzone verify --format json`
 * gives its records the same keys and the same `rdata` objects.
 * The order is the zone file's: SOA, NS, then the records in canonical order.
 *
 * Each record is handed out as text (one compact JSON object, keys in the
 * order above, no newline), so that this header needs no JSON library and
 * the caller can write it out or parse it with any. The text is valid
 * UTF-8: strings are escaped as JSON requires, and a byte that is not
 * UTF-8 becomes U+FFFD.
 *
 * Ownership: the text is borrowed for the duration of the callback.
 */
#ifndef SIPZONE_ZONE_JSON_H
#define SIPZONE_ZONE_JSON_H

#include <stddef.h>
#include "sipzone/records.h"
#include "sipzone/status.h"
#include "sipzone/zone_text.h"
#include "sipzone/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Receives one record: `json` is `len` bytes of compact JSON, NUL-terminated.
 * Returning anything but SZ_OK stops the walk.
 */
typedef sz_status (*sz_json_record_fn)(const char *json, size_t len, void *ctx);

/**
 * Call `fn` with each record of the snippet as JSON text, in order. Returns
 * SZ_ERR_NOMEM when a record cannot be built, else the first status `fn`
 * returns that is not SZ_OK, else SZ_OK.
 */
SZ_API sz_status sz_snippet_each_json(const sz_snippet *snippet, sz_json_record_fn fn, void *ctx);

/**
 * Append every record of the snippet to `text` (zone_text.h), in the same
 * order and form, separated by ",\n" (none before the first or after the
 * last): the elements of a JSON array, for a writer that streams many
 * snippets into one array. SZ_ERR_NOMEM when the text cannot grow.
 */
SZ_API sz_status sz_snippet_write_json(const sz_snippet *snippet, sz_text *text);

#ifdef __cplusplus
}
#endif

#endif
