/*
 * live/axfr.c: one zone transfer into memory, and lookups in it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "live/axfr.h"
#include "live/exchange.h"
#include "live/reply.h"
#include "live/tsig.h"

#define TSIG_FUDGE 300

typedef struct xfr {
	szi_live_zone *zone;
	const sz_tsig_key *key;
	const ldns_rdf *query_mac;
	ldns_rdf *prior_mac;     /* the MAC of the message before (owned) */
	size_t messages;
	unsigned soas;           /* SOA records of the apex seen: 2 ends it */
} xfr;

void szi_live_zone_clear(szi_live_zone *z)
{
	for (size_t i = 0; i < z->count; i++)
		ldns_rr_free(z->rrs[i]);
	free(z->rrs);
	ldns_rdf_deep_free(z->apex);
	memset(z, 0, sizeof(*z));
}

static bool zone_push(szi_live_zone *z, ldns_rr *rr)
{
	if (z->count == z->cap) {
		size_t cap = z->cap ? z->cap * 2 : 1024;
		ldns_rr **rrs = realloc(z->rrs, cap * sizeof(*rrs));
		if (rrs == NULL)
			return false;
		z->rrs = rrs;
		z->cap = cap;
	}
	z->rrs[z->count++] = rr;
	return true;
}

static int stop(szi_live_exchange *x, const char *why)
{
	snprintf(x->why, sizeof(x->why), "%s", why);
	return SZI_STREAM_STOP;
}

static int check_tsig(xfr *t, szi_live_exchange *x, ldns_pkt *msg, const uint8_t *wire, size_t len)
{
	if (t->key == NULL)
		return SZI_STREAM_MORE;
	const ldns_rr *tsig = ldns_pkt_tsig(msg);
	bool ok = tsig != NULL &&
		  (t->messages == 0
			   ? szi_live_tsig_verify(msg, wire, len, t->key->name, t->key->secret, t->query_mac)
			   : szi_live_tsig_verify_next(msg, wire, len, t->key->name, t->key->secret, t->prior_mac));
	tsig = ldns_pkt_tsig(msg);
	if (!ok || tsig == NULL || ldns_rr_rd_count(tsig) < 4)
		return stop(x, "a message of the transfer does not carry a valid signature of the key");
	ldns_rdf_deep_free(t->prior_mac);
	t->prior_mac = ldns_rdf_clone(ldns_rr_rdf(tsig, 3));
	return t->prior_mac != NULL ? SZI_STREAM_MORE : SZI_STREAM_NOMEM;
}

static int on_message(void *ctx, szi_live_exchange *x, ldns_pkt *msg, const uint8_t *wire, size_t len)
{
	xfr *t = ctx;
	char rc[32];
	int rcode = (int)ldns_pkt_get_rcode(msg);
	if (rcode != LDNS_RCODE_NOERROR) {
		snprintf(x->why, sizeof(x->why), "the server does not transfer the zone (%s)",
			 szi_live_rcode_name(rcode, rc, sizeof(rc)));
		return SZI_STREAM_STOP;
	}
	int r = check_tsig(t, x, msg, wire, len);
	if (r != SZI_STREAM_MORE)
		return r;
	const ldns_rr_list *ans = ldns_pkt_answer(msg);
	size_t n = ldns_rr_list_rr_count(ans);
	if (t->messages++ == 0 && n == 0)
		return stop(x, "the server answers the transfer without records (it does not transfer the zone)");
	for (size_t i = 0; i < n; i++) {
		const ldns_rr *rr = ldns_rr_list_rr(ans, i);
		bool soa = ldns_rr_get_type(rr) == LDNS_RR_TYPE_SOA &&
			   szi_live_dname_cmp(ldns_rr_owner(rr), t->zone->apex) == 0;
		if (t->soas == 0 && !soa)
			return stop(x, "the transfer does not begin with the zone's SOA");
		if (t->soas == 2)
			return stop(x, "records after the transfer's closing SOA");
		if (soa && ++t->soas == 2)
			continue;
		if (!soa && ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN)
			continue;
		if (t->zone->count >= SZI_LIVE_AXFR_MAX_RRS)
			return stop(x, "the transfer has more records than sipzone takes");
		ldns_rr *copy = ldns_rr_clone(rr);
		if (copy == NULL)
			return SZI_STREAM_NOMEM;
		ldns_rr2canonical(copy);
		/* a record outside the zone is no data of it */
		if (!soa && !szi_live_dname_within(ldns_rr_owner(copy), t->zone->apex)) {
			ldns_rr_free(copy);
			continue;
		}
		if (!zone_push(t->zone, copy)) {
			ldns_rr_free(copy);
			return SZI_STREAM_NOMEM;
		}
	}
	return t->soas == 2 ? SZI_STREAM_DONE : SZI_STREAM_MORE;
}

static int rr_cmp(const void *pa, const void *pb)
{
	const ldns_rr *a = *(ldns_rr *const *)pa, *b = *(ldns_rr *const *)pb;
	int c = szi_live_dname_cmp(ldns_rr_owner(a), ldns_rr_owner(b));
	if (c != 0)
		return c;
	ldns_rr_type ta = ldns_rr_get_type(a), tb = ldns_rr_get_type(b);
	return (ta > tb) - (ta < tb);
}

static ldns_pkt *axfr_query(const ldns_rdf *zone, const sz_tsig_key *key, szi_live_error *err)
{
	ldns_rdf *name = ldns_rdf_clone(zone);
	ldns_pkt *q = name != NULL ? ldns_pkt_query_new(name, LDNS_RR_TYPE_AXFR, LDNS_RR_CLASS_IN, 0) : NULL;
	if (q == NULL) {
		snprintf(err->text, sizeof(err->text), "%s", sz_status_str(SZ_ERR_NOMEM));
		return NULL;
	}
	ldns_pkt_set_id(q, szi_live_random_id());
	if (key == NULL)
		return q;
	const char *alg = szi_live_tsig_algorithm_wire(key->algorithm);
	if (alg == NULL || ldns_pkt_tsig_sign(q, key->name, key->secret, TSIG_FUDGE, alg, NULL) != LDNS_STATUS_OK ||
	    ldns_pkt_tsig(q) == NULL || ldns_rr_rd_count(ldns_pkt_tsig(q)) < 4) {
		snprintf(err->text, sizeof(err->text), "cannot sign the transfer request with key %s", key->name);
		ldns_pkt_free(q);
		return NULL;
	}
	return q;
}

sz_status szi_live_axfr(sz_live_conn *c, const ldns_rdf *zone, const sz_tsig_key *key, szi_live_zone *out,
			szi_live_error *err)
{
	memset(out, 0, sizeof(*out));
	if ((out->apex = ldns_rdf_clone(zone)) == NULL)
		return SZ_ERR_NOMEM;
	ldns_dname2canonical(out->apex);
	ldns_pkt *q = axfr_query(zone, key, err);
	if (q == NULL) {
		szi_live_zone_clear(out);
		return SZ_ERR_USAGE;
	}
	szi_live_exchange x;
	sz_status s = SZ_ERR_NETWORK;
	for (size_t i = 0; i < c->n_addrs; i++) {
		xfr t = { .zone = out, .key = key };
		t.query_mac = key != NULL ? ldns_rr_rdf(ldns_pkt_tsig(q), 3) : NULL;
		for (size_t k = 0; k < out->count; k++)
			ldns_rr_free(out->rrs[k]);
		out->count = 0;
		memset(&x, 0, sizeof(x));
		x.addr = &c->addrs[i];
		x.addr_len = c->addr_lens[i];
		x.timeout_ms = c->timeout_ms;
		x.tcp_only = true;
		s = szi_live_exchange_stream(&x, q, on_message, &t);
		ldns_rdf_deep_free(t.prior_mac);
		if (s == SZ_OK && t.soas < 2)
			s = SZ_ERR_DNS;
		if (s != SZ_ERR_NETWORK || x.sent)
			break;
	}
	ldns_pkt_free(q);
	if (s == SZ_OK) {
		qsort(out->rrs, out->count, sizeof(out->rrs[0]), rr_cmp);
		return SZ_OK;
	}
	char name[LDNS_MAX_DOMAINLEN + 2];
	szi_live_name_text(zone, name, sizeof(name));
	if (s == SZ_ERR_NOMEM)
		snprintf(err->text, sizeof(err->text), "%s", sz_status_str(s));
	else
		snprintf(err->text, sizeof(err->text), "no transfer of zone %s from %s: %s", name, c->label,
			 x.why[0] != '\0' ? x.why : "no answer");
	szi_live_zone_clear(out);
	return s;
}

/* The first record whose owner is >= name (canonical order). */
static size_t lower_bound(const szi_live_zone *z, const ldns_rdf *name, ldns_rr_type type)
{
	size_t lo = 0, hi = z->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const ldns_rr *rr = z->rrs[mid];
		int c = szi_live_dname_cmp(ldns_rr_owner(rr), name);
		if (c == 0)
			c = (ldns_rr_get_type(rr) > type) - (ldns_rr_get_type(rr) < type);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t szi_live_zone_seek(const szi_live_zone *z, size_t from, const ldns_rdf *owner)
{
	if (from > z->count || (from > 0 && szi_live_dname_cmp(ldns_rr_owner(z->rrs[from - 1]), owner) >= 0))
		from = 0;
	/* a few linear steps: the next name asked for is usually near */
	for (int step = 0; step < 8 && from < z->count; step++, from++)
		if (szi_live_dname_cmp(ldns_rr_owner(z->rrs[from]), owner) >= 0)
			return from;
	size_t lo = from, hi = z->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (szi_live_dname_cmp(ldns_rr_owner(z->rrs[mid]), owner) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t szi_live_zone_rrset(const szi_live_zone *z, const ldns_rdf *owner, ldns_rr_type type, size_t *first)
{
	size_t i = lower_bound(z, owner, type), n = 0;
	*first = i;
	while (i + n < z->count && ldns_rr_get_type(z->rrs[i + n]) == type &&
	       szi_live_dname_cmp(ldns_rr_owner(z->rrs[i + n]), owner) == 0)
		n++;
	return n;
}

bool szi_live_zone_name_exists(const szi_live_zone *z, const ldns_rdf *name)
{
	size_t i = lower_bound(z, name, 0);
	if (i == z->count)
		return false;
	const ldns_rdf *o = ldns_rr_owner(z->rrs[i]);
	/* in canonical order the names below `name` follow it directly */
	return szi_live_dname_cmp(o, name) == 0 || ldns_dname_is_subdomain(o, name);
}

ldns_rdf *szi_live_zone_wildcard(const szi_live_zone *z, const ldns_rdf *name, ldns_rr_type type)
{
	if (z->apex == NULL || !ldns_dname_is_subdomain(name, z->apex) || szi_live_zone_name_exists(z, name))
		return NULL;
	ldns_rdf *cur = ldns_dname_left_chop(name);
	while (cur != NULL && !szi_live_zone_name_exists(z, cur) && szi_live_dname_cmp(cur, z->apex) != 0) {
		ldns_rdf *up = ldns_dname_left_chop(cur);
		ldns_rdf_deep_free(cur);
		cur = up;
	}
	ldns_rdf *star = cur != NULL ? ldns_dname_new_frm_str("*") : NULL;
	ldns_rdf *wild = NULL;
	if (star != NULL && ldns_dname_cat(star, cur) == LDNS_STATUS_OK) {
		size_t first;
		if (szi_live_zone_rrset(z, star, type, &first) > 0 ||
		    szi_live_zone_rrset(z, star, LDNS_RR_TYPE_CNAME, &first) > 0) {
			wild = star;
			star = NULL;
		}
	}
	ldns_rdf_deep_free(star);
	ldns_rdf_deep_free(cur);
	return wild;
}
