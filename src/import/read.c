/*
 * import/read.c: read zone files into the records import looks at, with
 * the checker's zone reader (zonefile/reader.h) and ldns, as diff does.
 * Records that do not parse are skipped here: the checker, which reads the
 * same files, reports them.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "base/buf.h"
#include "import/importer.h"
#include "model/parts.h"
#include "sip/services.h"
#include "sipzone/check.h"
#include "sipzone/records.h"

static char *name_text(const ldns_rdf *rdf)
{
	size_t len = ldns_rdf_size(rdf);
	if (ldns_rdf_get_type(rdf) != LDNS_RDF_TYPE_DNAME || len == 0 || len > SZ_WIRE_MAX)
		return NULL;
	uint8_t w[SZ_WIRE_MAX];
	szi_wire_lower(w, ldns_rdf_data(rdf), len);
	char text[SZ_TEXT_MAX];
	size_t n = szi_wire_to_text(w, len, text);
	if (n > 0 && text[n - 1] == '.')
		text[--n] = '\0';
	return strdup(text);
}

static bool keep_type(uint16_t t)
{
	return t == LDNS_RR_TYPE_SRV || t == LDNS_RR_TYPE_A || t == LDNS_RR_TYPE_AAAA ||
	       t == LDNS_RR_TYPE_CNAME || t == LDNS_RR_TYPE_SOA || t == LDNS_RR_TYPE_NS ||
	       t == LDNS_RR_TYPE_NAPTR;
}

static uint32_t u32(const ldns_rr *rr, size_t i)
{
	return ldns_rdf2native_int32(ldns_rr_rdf(rr, i));
}

/* A NAPTR of RFC 3263's form (flag "s", no regexp, a SIP service of the
 * services table): that service's id; -1 for any other NAPTR. */
static int naptr_svc(const ldns_rr *rr)
{
	const ldns_rdf *flags = ldns_rr_rdf(rr, 2), *service = ldns_rr_rdf(rr, 3),
		       *regexp = ldns_rr_rdf(rr, 4);
	/* character-strings: a length octet, then the bytes */
	if (ldns_rdf_size(flags) != 2 || (ldns_rdf_data(flags)[1] | 0x20) != 's' ||
	    ldns_rdf_size(regexp) != 1 || ldns_rdf_size(service) < 1)
		return -1;
	const szi_sip_service *s =
		szi_sip_service_by_naptr(ldns_rdf_data(service) + 1, ldns_rdf_size(service) - 1);
	for (int i = 0; s != NULL && i < SZI_SVC_COUNT; i++)
		if (szi_sip_service_at((szi_svc_id)i) == s)
			return i;
	return -1;
}

static sz_status fill(szi_imp_rec *r, const ldns_rr *rr)
{
	const ldns_rdf *owner = ldns_rr_owner(rr);
	r->svc = -1;
	if ((r->owner = name_text(owner)) == NULL)
		return SZ_ERR_INVALID;
	switch (r->type) {
	case LDNS_RR_TYPE_SRV: {
		if (ldns_rr_rd_count(rr) != 4)
			return SZ_ERR_INVALID;
		r->prio = ldns_rdf2native_int16(ldns_rr_rdf(rr, 0));
		r->weight = ldns_rdf2native_int16(ldns_rr_rdf(rr, 1));
		r->port = ldns_rdf2native_int16(ldns_rr_rdf(rr, 2));
		r->target = name_text(ldns_rr_rdf(rr, 3));
		uint8_t w[SZ_WIRE_MAX];
		size_t len = ldns_rdf_size(owner), d_off = 0;
		szi_wire_lower(w, ldns_rdf_data(owner), len);
		const szi_sip_service *s = szi_sip_service_find(w, len, &d_off);
		if (s != NULL) {
			for (int i = 0; i < SZI_SVC_COUNT; i++)
				if (szi_sip_service_at((szi_svc_id)i) == s)
					r->svc = i;
			char text[SZ_TEXT_MAX];
			size_t n = szi_wire_to_text(w + d_off, len - d_off, text);
			if (n > 0 && text[n - 1] == '.')
				text[--n] = '\0';
			r->svc_domain = strdup(text);
		}
		break;
	}
	case LDNS_RR_TYPE_CNAME:
	case LDNS_RR_TYPE_NS:
		if (ldns_rr_rd_count(rr) != 1)
			return SZ_ERR_INVALID;
		r->target = name_text(ldns_rr_rdf(rr, 0));
		break;
	case LDNS_RR_TYPE_NAPTR:
		if (ldns_rr_rd_count(rr) != 6)
			return SZ_ERR_INVALID;
		r->prio = ldns_rdf2native_int16(ldns_rr_rdf(rr, 0));   /* order */
		r->weight = ldns_rdf2native_int16(ldns_rr_rdf(rr, 1)); /* preference */
		r->target = name_text(ldns_rr_rdf(rr, 5));
		r->svc = naptr_svc(rr);
		break;
	case LDNS_RR_TYPE_SOA:
		if (ldns_rr_rd_count(rr) != 7)
			return SZ_ERR_INVALID;
		r->target = name_text(ldns_rr_rdf(rr, 0));
		r->rname = name_text(ldns_rr_rdf(rr, 1));
		r->refresh = u32(rr, 3);
		r->retry = u32(rr, 4);
		r->expire = u32(rr, 5);
		r->minimum = u32(rr, 6);
		break;
	case LDNS_RR_TYPE_A:
	case LDNS_RR_TYPE_AAAA: {
		const ldns_rdf *a = ldns_rr_rdf(rr, 0);
		size_t n = r->type == LDNS_RR_TYPE_A ? 4 : 16;
		if (ldns_rr_rd_count(rr) != 1 || ldns_rdf_size(a) != n)
			return SZ_ERR_INVALID;
		r->addr.family = n == 4 ? AF_INET : AF_INET6;
		memcpy(r->addr.bytes, ldns_rdf_data(a), n);
		break;
	}
	default:
		break;
	}
	if ((r->type == LDNS_RR_TYPE_SRV || r->type == LDNS_RR_TYPE_CNAME ||
	     r->type == LDNS_RR_TYPE_NS || r->type == LDNS_RR_TYPE_SOA) && r->target == NULL)
		return SZ_ERR_INVALID;
	return SZ_OK;
}

static void rec_clear(szi_imp_rec *r)
{
	free(r->owner);
	free(r->target);
	free(r->rname);
	free(r->svc_domain);
}

static sz_status add_record(szi_imp_recs *recs, const sz_zrec *z, const char *text)
{
	ldns_rr *rr = NULL;
	uint32_t dttl = z->has_default_ttl ? z->default_ttl : 0;
	if (ldns_rr_new_frm_str(&rr, text, dttl, z->origin != NULL ? z->origin->rdf : NULL, NULL) !=
	    LDNS_STATUS_OK) {
		recs->syntax_errors++;
		return SZ_OK;
	}
	if (!z->explicit_ttl && z->has_default_ttl && z->default_ttl == 0)
		ldns_rr_set_ttl(rr, 0);
	uint16_t type = (uint16_t)ldns_rr_get_type(rr);
	if (!keep_type(type) || ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN) {
		ldns_rr_free(rr);
		return SZ_OK;
	}
	if (recs->n == recs->cap) {
		size_t cap = recs->cap ? recs->cap * 2 : 256;
		szi_imp_rec *v = realloc(recs->v, cap * sizeof(*v));
		if (v == NULL) {
			ldns_rr_free(rr);
			return SZ_ERR_NOMEM;
		}
		recs->v = v;
		recs->cap = cap;
	}
	szi_imp_rec *r = &recs->v[recs->n];
	memset(r, 0, sizeof(*r));
	r->type = type;
	r->ttl = ldns_rr_ttl(rr);
	r->file = z->file;
	r->line = z->line;
	sz_status st = fill(r, rr);
	ldns_rr_free(rr);
	if (st == SZ_OK)
		recs->n++;
	else
		rec_clear(r); /* a name ldns accepts but import cannot use: skipped */
	return SZ_OK;
}

sz_status szi_imp_read_file(szi_imp_recs *recs, const char *path, const char *buf, size_t len,
			    const sz_import_options *opt)
{
	sz_zread_config cfg = { opt->origin, SZ_CHECK_MAX_INCLUDE_DEPTH, opt->include_anywhere };
	sz_zread *r = NULL;
	sz_status st = buf != NULL ? szi_zread_new_buffer(path, buf, len, &cfg, &recs->files, &r)
				   : szi_zread_new_file(path, &cfg, &recs->files, &r);
	sz_buf text = { 0 };
	while (st == SZ_OK) {
		sz_zrec z;
		memset(&z, 0, sizeof(z));
		text.len = 0;
		st = szi_zread_next(r, &z, &text);
		if (st != SZ_OK || z.kind == SZ_ZREC_END)
			break;
		if (z.kind == SZ_ZREC_RECORD)
			st = add_record(recs, &z, text.data + z.text_off);
	}
	sz_buf_free(&text);
	szi_zread_free(r);
	return st;
}

/* Records of one RRset in an order of their data, not of the files, so
 * that the order the files are given in changes nothing. */
static int data_cmp(const szi_imp_rec *x, const szi_imp_rec *y)
{
	if (x->type == LDNS_RR_TYPE_A || x->type == LDNS_RR_TYPE_AAAA)
		return szi_addr_cmp(&x->addr, &y->addr);
	if (x->target != NULL && y->target != NULL) {
		int c = sz_name_canonical_cmp(x->target, y->target);
		if (c != 0)
			return c;
	}
	if (x->type == LDNS_RR_TYPE_SOA) {
		int c = strcmp(x->rname, y->rname);
		if (c != 0)
			return c;
		const uint32_t a[4] = { x->refresh, x->retry, x->expire, x->minimum };
		const uint32_t b[4] = { y->refresh, y->retry, y->expire, y->minimum };
		for (size_t i = 0; i < 4; i++)
			if (a[i] != b[i])
				return a[i] < b[i] ? -1 : 1;
	}
	if (x->prio != y->prio)
		return x->prio < y->prio ? -1 : 1;
	if (x->svc != y->svc)
		return x->svc < y->svc ? -1 : 1;
	if (x->weight != y->weight)
		return x->weight < y->weight ? -1 : 1;
	if (x->port != y->port)
		return x->port < y->port ? -1 : 1;
	return 0;
}

static int rec_cmp(const void *a, const void *b)
{
	const szi_imp_rec *x = a, *y = b;
	int c = sz_name_canonical_cmp(x->owner, y->owner);
	if (c != 0)
		return c;
	if (x->type != y->type)
		return x->type < y->type ? -1 : 1;
	if ((c = data_cmp(x, y)) != 0)
		return c;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

static bool same_data(const szi_imp_rec *x, const szi_imp_rec *y)
{
	if (strcmp(x->owner, y->owner) != 0 || x->type != y->type)
		return false;
	switch (x->type) {
	case LDNS_RR_TYPE_A:
	case LDNS_RR_TYPE_AAAA:
		return szi_addr_cmp(&x->addr, &y->addr) == 0;
	case LDNS_RR_TYPE_SRV:
		return x->prio == y->prio && x->weight == y->weight && x->port == y->port &&
		       strcmp(x->target, y->target) == 0;
	case LDNS_RR_TYPE_CNAME:
	case LDNS_RR_TYPE_NS:
		return strcmp(x->target, y->target) == 0;
	case LDNS_RR_TYPE_NAPTR: /* the same SIP NAPTR; others are only noted */
		return x->svc >= 0 && x->svc == y->svc && x->prio == y->prio &&
		       x->weight == y->weight && x->target != NULL && y->target != NULL &&
		       strcmp(x->target, y->target) == 0;
	default:
		return false;
	}
}

void szi_imp_recs_finish(szi_imp_recs *recs)
{
	if (recs->n == 0)
		return;
	qsort(recs->v, recs->n, sizeof(*recs->v), rec_cmp);
	size_t o = 1;
	for (size_t i = 1; i < recs->n; i++) {
		if (same_data(&recs->v[o - 1], &recs->v[i]))
			rec_clear(&recs->v[i]);
		else
			recs->v[o++] = recs->v[i];
	}
	recs->n = o;
}

void szi_imp_recs_clear(szi_imp_recs *recs)
{
	for (size_t i = 0; i < recs->n; i++)
		rec_clear(&recs->v[i]);
	free(recs->v);
	szi_files_clear(&recs->files);
	memset(recs, 0, sizeof(*recs));
}

const szi_imp_rec *szi_imp_find(const szi_imp_recs *recs, const char *owner, uint16_t type,
				size_t *count)
{
	size_t lo = 0, hi = recs->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const szi_imp_rec *m = &recs->v[mid];
		int c = sz_name_canonical_cmp(m->owner, owner);
		if (c == 0 && type != 0)
			c = m->type < type ? -1 : m->type > type ? 1 : 0;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t n = 0;
	while (lo + n < recs->n && strcmp(recs->v[lo + n].owner, owner) == 0 &&
	       (type == 0 || recs->v[lo + n].type == type))
		n++;
	if (count != NULL)
		*count = n;
	return n > 0 ? &recs->v[lo] : NULL;
}
