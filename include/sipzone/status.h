/**
 * @file status.h
 * Status codes of libsipzone.
 *
 * Every function that can fail returns an sz_status; results travel through
 * `**out` parameters. The table below is the only place a code is defined: its
 * number, its name and its message stand side by side. The list is
 * append-only: a code is never renumbered or removed.
 */
#ifndef SIPZONE_STATUS_H
#define SIPZONE_STATUS_H
#include "sipzone/export.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SZ_STATUS_LIST(X) \
	X(SZ_OK,           0, "ok",           "success") \
	X(SZ_ERR_NOMEM,    1, "nomem",        "out of memory") \
	X(SZ_ERR_IO,       2, "io",           "input/output error") \
	X(SZ_ERR_INVALID,  3, "invalid",      "the input has problems (see the diagnostics)") \
	X(SZ_ERR_USAGE,    4, "usage",        "invalid argument") \
	X(SZ_ERR_LIMIT,    5, "limit",        "a size limit was exceeded") \
	X(SZ_ERR_INTERRUPTED, 6, "interrupted", "interrupted by a signal") \
	X(SZ_ERR_ORIGIN,   7, "origin",       "no origin could be determined") \
	X(SZ_ERR_NETWORK,  8, "network",      "no answer from the DNS server (unreachable or timed out)") \
	X(SZ_ERR_DNS,      9, "dns",          "the DNS server answered with an error or refused the request") \
	X(SZ_ERR_CONFLICT, 10, "conflict",    "the served data changed since it was read, or is in the way of the change")

typedef enum sz_status {
#define SZ_STATUS_ENUM(code, num, name, text) code = num,
	SZ_STATUS_LIST(SZ_STATUS_ENUM)
#undef SZ_STATUS_ENUM
} sz_status;

/** Short stable name of a status ("nomem"); never NULL. */
SZ_API const char *sz_status_name(sz_status status);
/** Human-readable message of a status; never NULL. */
SZ_API const char *sz_status_str(sz_status status);

#ifdef __cplusplus
}
#endif

#endif
