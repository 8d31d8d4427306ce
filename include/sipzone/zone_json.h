/**
 * @file zone_json.h
 * Records -> JSON objects, for pipelines that feed a DNS provider's API.
 *
 * Each record becomes
 *   {"zone": "contoso.com", "name": "_sip._tls.contoso.com.", "ttl": 3600,
 *    "class": "IN", "type": "SRV",
 *    "rdata": {"priority": 0, "weight": 0, "port": 443, "target": "sip.contoso.com."}}
 * with rdata by type: A/AAAA {"address"}, SRV {"priority", "weight", "port",
 * "target"}, NS {"target"}, SOA {"mname", "rname", "serial", "refresh",
 * "retry", "expire", "minimum"}. Names are lower-case and fully qualified.
 * The order is the zone file's: SOA, NS, then the records in canonical order.
 *
 * Ownership: the callback takes the reference to each object (json_decref).
 */
#ifndef SIPZONE_ZONE_JSON_H
#define SIPZONE_ZONE_JSON_H

#include <jansson.h>
#include "sipzone/records.h"
#include "sipzone/status.h"
#include "sipzone/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef sz_status (*sz_json_record_fn)(json_t *record_take, void *ctx);

/** Call `fn` with each record of the snippet as a JSON object, in order. */
SZ_API sz_status sz_snippet_each_json(const sz_snippet *snippet, sz_json_record_fn fn, void *ctx);

#ifdef __cplusplus
}
#endif

#endif
