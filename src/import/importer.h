/*
 * import/importer.h: the importer's shared state (sipzone/import.h is the
 * API).
 *
 *   import/read.c    zone files -> the records import looks at (szi_imp_recs)
 *   import/pools.c   address sets, and edge pools grouped by them
 *   import/infer.c   records -> one SIP domain, with notes (import/infer.h)
 *   import/emit.c    the domains -> pools, web services, zones, TTLs, and
 *                    the model JSON
 *   import/import.c  the API: check, read, infer, emit, load the result
 */
#ifndef SZ_IMPORT_INTERNAL_H
#define SZ_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sipzone/import.h"
#include "sipzone/model.h"
#include "zonefile/reader.h"

/* One record import looks at. Names are lower-case text without the
 * trailing dot ("" is the root). */
typedef struct szi_imp_rec {
	char *owner;
	uint16_t type;
	uint32_t ttl;
	uint32_t file;        /* id in szi_imp_recs.files */
	size_t line;
	uint16_t prio, weight, port;  /* SRV; NAPTR: order, preference */
	char *target;         /* SRV, CNAME, NS target; SOA mname; NAPTR replacement */
	char *rname;          /* SOA */
	uint32_t refresh, retry, expire, minimum;  /* SOA */
	sz_addr addr;         /* A, AAAA */
	int svc;              /* SRV, NAPTR of RFC 3263's form: szi_svc_id of a SIP
			       * service (the NAPTR's service field), -1 for others */
	char *svc_domain;     /* SRV of a SIP service: its domain D */
} szi_imp_rec;

typedef struct szi_imp_recs {
	szi_imp_rec *v;       /* sorted by owner (canonical), type, then file order */
	size_t n, cap;
	sz_files files;
	size_t syntax_errors; /* records left unread (check reports them) */
} szi_imp_recs;

/* import/read.c: append the records of one file (`buf` NULL), or of zone
 * text in memory named `path`; SZ_ERR_IO, SZ_ERR_ORIGIN (the checker has
 * reported why), SZ_ERR_NOMEM. */
sz_status szi_imp_read_file(szi_imp_recs *recs, const char *path, const char *buf, size_t len,
			    const sz_import_options *opt);
/* Sort and drop exact duplicates (the same record in two files). */
void szi_imp_recs_finish(szi_imp_recs *recs);
void szi_imp_recs_clear(szi_imp_recs *recs);
/* The first record at `owner` of `type` (0: any type), or NULL; *count
 * gets how many follow it with the same owner and type. */
const szi_imp_rec *szi_imp_find(const szi_imp_recs *recs, const char *owner, uint16_t type,
				size_t *count);

/* import/pools.c: a sorted set of addresses without repeats. */
typedef struct szi_addr_set {
	sz_addr *a;
	size_t n;
} szi_addr_set;

/* (szi_addr_cmp(), model/parts.h, orders the addresses: IPv4 first, then by value.) */
/* Sort and drop repeats, in place. */
void szi_addr_set_normalize(szi_addr_set *s);
/* Order of sets: address by address, then the shorter first. */
int szi_addr_set_cmp(const szi_addr_set *x, const szi_addr_set *y);
bool szi_addr_set_equal(const szi_addr_set *x, const szi_addr_set *y);
bool szi_addr_set_overlap(const szi_addr_set *x, const szi_addr_set *y);
/* Text form into `out` (INET6_ADDRSTRLEN bytes). */
void szi_addr_text(const sz_addr *a, char *out, size_t cap);
/*
 * Edge pools from the access hosts' address sets: hosts whose sets are
 * equal share a pool, any difference makes another pool (a pool has one
 * address set, which every access host on it gets). group[i] gets the pool
 * of set i, numbered 0.. in the order of each pool's first set. Returns
 * the number of pools. Empty sets are never grouped (each its own pool).
 */
size_t szi_imp_group_pools(const szi_addr_set *sets, size_t n, size_t *group);

/* The notes, collected as inference goes. */
typedef struct szi_imp_notes {
	sz_import_note *v;
	int *dom;             /* the domain slot a note's path is relative to, -1: none */
	size_t n, cap;
	int cur_dom;          /* slot of the notes being made */
	bool nomem;
} szi_imp_notes;

void szi_imp_note(szi_imp_notes *notes, sz_import_note_kind kind, const char *path,
		  const char *value, const char *file, size_t line, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 7, 8)))
#endif
	;

/* import/infer.c and import/emit.c: records (`irecs` those of the internal
 * view, maybe none) -> model JSON text (malloc'd),
 * or NULL with *n_domains 0 when no SIP domain is found. SZ_ERR_NOMEM. */
sz_status szi_imp_build(const szi_imp_recs *recs, const szi_imp_recs *irecs, szi_imp_notes *notes,
			char **json_out, size_t *n_domains);

#endif
