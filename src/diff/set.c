/*
 * diff/set.c: the records of one side of a comparison, in canonical form
 * and canonical order.
 */
#include <stdlib.h>
#include <string.h>

#include "diff/core.h"

/*
 * ldns_rr2canonical() lower-cases names in the RDATA only for the types
 * RFC 4034 lists (DNSSEC must sign the others as written); a diff compares
 * names without regard to case in every type (RFC 4343), so all of them.
 */
static void canonicalise(ldns_rr *rr)
{
	ldns_rr2canonical(rr);
	for (size_t i = 0; i < ldns_rr_rd_count(rr); i++) {
		ldns_rdf *rdf = ldns_rr_rdf(rr, i);
		if (ldns_rdf_get_type(rdf) == LDNS_RDF_TYPE_DNAME)
			ldns_dname2canonical(rdf);
	}
}

/* Chunks hold the owners and RDATA of a set; a set frees them all at once. */
struct sz_diff_chunk {
	sz_diff_chunk *next;
	size_t used;
	size_t cap;
	uint8_t data[];
};

#define CHUNK_SIZE (256 * 1024)

static uint8_t *chunk_alloc(sz_diff_set *set, size_t n)
{
	sz_diff_chunk *c = set->chunks;
	if (c == NULL || c->cap - c->used < n) {
		size_t cap = n > CHUNK_SIZE ? n : CHUNK_SIZE;
		c = malloc(sizeof(*c) + cap);
		if (c == NULL)
			return NULL;
		c->next = set->chunks;
		c->used = 0;
		c->cap = cap;
		set->chunks = c;
	}
	uint8_t *p = c->data + c->used;
	c->used += n;
	return p;
}

static sz_status grow(sz_diff_set *set)
{
	if (set->count < set->cap)
		return SZ_OK;
	size_t cap = set->cap ? set->cap * 2 : 64;
	sz_diff_rec *v = realloc(set->recs, cap * sizeof(*v));
	if (v == NULL)
		return SZ_ERR_NOMEM;
	set->recs = v;
	set->cap = cap;
	return SZ_OK;
}

/* Zero the serial of an SOA's RDATA wire (MNAME, RNAME, SERIAL, ...), keeping it. */
static void mask_serial(sz_diff_rec *r, const ldns_rr *rr)
{
	if (r->type != LDNS_RR_TYPE_SOA || ldns_rr_rd_count(rr) < 3)
		return;
	size_t off = ldns_rdf_size(ldns_rr_rdf(rr, 0)) + ldns_rdf_size(ldns_rr_rdf(rr, 1));
	if (off + 4 > r->rdlen)
		return;
	r->serial = ldns_read_uint32(r->rdata + off);
	r->serial_off = (uint16_t)off;
	r->serial_masked = true;
	memset(r->rdata + off, 0, 4);
}

/* The canonical RDATA wire of `rr` into `r`. */
static sz_status take_rdata(sz_diff_set *set, sz_diff_rec *r, const ldns_rr *rr)
{
	if (set->scratch == NULL && (set->scratch = ldns_buffer_new(256)) == NULL)
		return SZ_ERR_NOMEM;
	ldns_buffer *b = set->scratch;
	ldns_buffer_clear(b);
	if (ldns_rr_rdata2buffer_wire(b, rr) != LDNS_STATUS_OK)
		return SZ_ERR_NOMEM;
	size_t n = ldns_buffer_position(b);
	if (n > UINT16_MAX)
		return SZ_ERR_INVALID;
	if ((r->rdata = chunk_alloc(set, n)) == NULL)
		return SZ_ERR_NOMEM;
	memcpy(r->rdata, ldns_buffer_begin(b), n);
	r->rdlen = (uint16_t)n;
	return SZ_OK;
}

/* The owner of `rr` into `r`: the previous record's when it is the same
 * name (records of one owner mostly come together), else a copy. */
static sz_status take_owner(sz_diff_set *set, sz_diff_rec *r, const ldns_rr *rr)
{
	const ldns_rdf *o = ldns_rr_owner(rr);
	size_t n = ldns_rdf_size(o);
	if (n == 0 || n > 255)
		return SZ_ERR_LIMIT; /* ldns_dname_cat() can make one longer */
	if (set->last_owner != NULL && set->last_owner_len == n && memcmp(set->last_owner, ldns_rdf_data(o), n) == 0) {
		r->owner = set->last_owner;
	} else {
		uint8_t *data = chunk_alloc(set, n);
		if (data == NULL)
			return SZ_ERR_NOMEM;
		memcpy(data, ldns_rdf_data(o), n);
		r->owner = set->last_owner = data;
		set->last_owner_len = (uint8_t)n;
	}
	r->owner_len = (uint8_t)n;
	return SZ_OK;
}

sz_status szi_diff_set_add_rr(sz_diff_set *set, ldns_rr *rr, bool mask_soa_serial)
{
	sz_status st = grow(set);
	if (st != SZ_OK)
		return st;
	canonicalise(rr);
	sz_diff_rec r = { 0 };
	r.type = (uint16_t)ldns_rr_get_type(rr);
	r.rclass = (uint16_t)ldns_rr_get_class(rr);
	r.ttl = ldns_rr_ttl(rr);
	if ((st = take_rdata(set, &r, rr)) != SZ_OK || (st = take_owner(set, &r, rr)) != SZ_OK)
		return st;
	if (mask_soa_serial)
		mask_serial(&r, rr);
	set->recs[set->count++] = r;
	return SZ_OK;
}

/* The offsets of the labels of wire name `w` (`len` octets), as
 * ldns_dname_label_count() walks them; their number. */
static size_t label_offsets(const uint8_t *w, size_t len, uint8_t off[128])
{
	size_t n = 0;
	for (size_t p = 0; p < len && w[p] != 0 && n < 128; p += (size_t)w[p] + 1)
		off[n++] = (uint8_t)p;
	return n;
}

/*
 * Canonical order of two lower-case wire names (RFC 4034, 6.1), the order
 * ldns_dname_compare() gives them, without its rescan of the name for each
 * label (half of diff's time went there): labels from the root down, each
 * compared octet by octet, a label that is a prefix of the other first.
 */
static int name_cmp(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	uint8_t la[128], lb[128];
	size_t na = label_offsets(a, alen, la), nb = label_offsets(b, blen, lb);
	while (na > 0 && nb > 0) {
		const uint8_t *pa = a + la[--na], *pb = b + lb[--nb];
		size_t n = pa[0] < pb[0] ? pa[0] : pb[0];
		int c = n > 0 ? memcmp(pa + 1, pb + 1, n) : 0;
		if (c != 0)
			return c < 0 ? -1 : 1;
		if (pa[0] != pb[0])
			return pa[0] < pb[0] ? -1 : 1;
	}
	if (na == nb)
		return 0;
	return na == 0 ? -1 : 1;
}

int szi_diff_rec_cmp(const sz_diff_rec *a, const sz_diff_rec *b)
{
	int c = a->owner == b->owner ? 0 : name_cmp(a->owner, a->owner_len, b->owner, b->owner_len);
	if (c != 0)
		return c;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->rclass != b->rclass)
		return a->rclass < b->rclass ? -1 : 1;
	/* RFC 4034, 6.3: octets left-justified, a missing octet sorts first */
	size_t n = a->rdlen < b->rdlen ? a->rdlen : b->rdlen;
	c = n > 0 ? memcmp(a->rdata, b->rdata, n) : 0;
	if (c != 0)
		return c < 0 ? -1 : 1;
	return a->rdlen == b->rdlen ? 0 : (a->rdlen < b->rdlen ? -1 : 1);
}

static int rec_ptr_cmp(const void *a, const void *b)
{
	return szi_diff_rec_cmp(*(const sz_diff_rec *const *)a, *(const sz_diff_rec *const *)b);
}

/*
 * Sort the records through an array of pointers, then put them in that
 * order in place by following cycles: qsort() of the records themselves
 * would take a second array of them (glibc sorts by merging).
 */
static sz_status sort_records(sz_diff_set *set)
{
	size_t n = set->count;
	sz_diff_rec **ptr = malloc(n * sizeof(*ptr));
	if (ptr == NULL)
		return SZ_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		ptr[i] = &set->recs[i];
	qsort(ptr, n, sizeof(*ptr), rec_ptr_cmp);
	/* ptr[i] is the record that belongs at i; a NULL marks a place filled */
	for (size_t i = 0; i < n; i++) {
		if (ptr[i] == NULL || ptr[i] == &set->recs[i])
			continue;
		sz_diff_rec held = set->recs[i];
		size_t j = i;
		for (;;) {
			size_t from = (size_t)(ptr[j] - set->recs);
			ptr[j] = NULL;
			if (from == i) {
				set->recs[j] = held;
				break;
			}
			set->recs[j] = set->recs[from];
			j = from;
		}
	}
	free(ptr);
	return SZ_OK;
}

sz_status szi_diff_set_sort_unique(sz_diff_set *set)
{
	if (set->count < 2)
		return SZ_OK;
	sz_status st = sort_records(set);
	if (st != SZ_OK)
		return st;
	size_t kept = 1;
	for (size_t i = 1; i < set->count; i++) {
		sz_diff_rec *last = &set->recs[kept - 1];
		if (szi_diff_rec_cmp(last, &set->recs[i]) != 0) {
			set->recs[kept++] = set->recs[i];
			continue;
		}
		/* the same record twice: the lower TTL (and, for an SOA read
		 * without its serial, the higher serial) whatever the order */
		if (set->recs[i].ttl < last->ttl)
			last->ttl = set->recs[i].ttl;
		if (last->serial_masked && set->recs[i].serial > last->serial)
			last->serial = set->recs[i].serial;
	}
	set->count = kept;
	return SZ_OK;
}

void szi_diff_set_clear(sz_diff_set *set)
{
	while (set->chunks != NULL) {
		sz_diff_chunk *next = set->chunks->next;
		free(set->chunks);
		set->chunks = next;
	}
	ldns_buffer_free(set->scratch);
	free(set->recs);
	memset(set, 0, sizeof(*set));
}
