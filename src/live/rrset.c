/*
 * live/rrset.c: one RRset as served against the model's: taking it out of
 * an answer, comparing, and the state that comes of it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

#include "live/rrset.h"

/* The wildcard an RRSIG of the RRset says the answer was synthesised from
 * (RFC 4035 section 5.3.4: its labels field counts fewer labels than the
 * owner), or NULL. */
static ldns_rdf *wildcard_of(const sz_live_slot *s, const ldns_pkt *answer)
{
	const ldns_rr_list *ans = ldns_pkt_answer(answer);
	for (size_t i = 0; i < ldns_rr_list_rr_count(ans); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(ans, i);
		if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_RRSIG || ldns_rr_rd_count(rr) < 3 ||
		    ldns_rdf2rr_type(ldns_rr_rdf(rr, 0)) != s->type ||
		    ldns_rdf_size(ldns_rr_rdf(rr, 2)) != 1 ||
		    ldns_dname_compare(ldns_rr_owner(rr), s->owner) != 0)
			continue;
		uint8_t labels = ldns_rdf2native_int8(ldns_rr_rdf(rr, 2));
		uint8_t count = ldns_dname_label_count(s->owner);
		if (labels >= count)
			return NULL;
		ldns_rdf *star = ldns_dname_new_frm_str("*");
		ldns_rdf *encloser = ldns_dname_clone_from(s->owner, (uint16_t)(count - labels));
		if (star != NULL && encloser != NULL && ldns_dname_cat(star, encloser) == LDNS_STATUS_OK) {
			ldns_rdf_deep_free(encloser);
			return star;
		}
		ldns_rdf_deep_free(star);
		ldns_rdf_deep_free(encloser);
		return NULL;
	}
	return NULL;
}

sz_status szi_live_rrset_take_answer(sz_live_slot *s, const ldns_pkt *answer)
{
	ldns_rdf *wild = wildcard_of(s, answer);
	ldns_rr_list *served = ldns_rr_list_new();
	ldns_rr *alias = NULL;
	const ldns_rr_list *ans = ldns_pkt_answer(answer);
	for (size_t i = 0; served != NULL && i < ldns_rr_list_rr_count(ans); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(ans, i);
		ldns_rr_type t = ldns_rr_get_type(rr);
		/* a synthesised answer is no RRset of the name's: push adds the
		 * real one (its prerequisite is "does not exist") */
		if (wild != NULL && t == s->type)
			continue;
		if (ldns_rr_get_class(rr) != LDNS_RR_CLASS_IN ||
		    ldns_dname_compare(ldns_rr_owner(rr), s->owner) != 0 ||
		    (t != s->type && (t != LDNS_RR_TYPE_CNAME || alias != NULL)))
			continue;
		ldns_rr *copy = ldns_rr_clone(rr);
		if (copy == NULL)
			goto nomem;
		ldns_rr2canonical(copy);
		if (t != s->type)
			alias = copy;
		else if (!ldns_rr_list_push_rr(served, copy)) {
			ldns_rr_free(copy);
			goto nomem;
		}
	}
	if (served == NULL)
		goto nomem;
	ldns_rr_list_sort(served);
	ldns_rr_list_deep_free(s->served);
	ldns_rr_free(s->alias);
	s->served = served;
	s->alias = alias;
	s->authoritative = ldns_pkt_aa(answer);
	ldns_rdf_deep_free(s->wildcard);
	s->wildcard = wild;
	return SZ_OK;
nomem:
	ldns_rr_list_deep_free(served);
	ldns_rr_free(alias);
	ldns_rdf_deep_free(wild);
	return SZ_ERR_NOMEM;
}

static size_t served_count(const sz_live_slot *s)
{
	return s->served != NULL ? ldns_rr_list_rr_count(s->served) : 0;
}

/* The same record, TTL aside. Both are canonical (lower-case names), so
 * equal RDATA fields are equal octets; anything else asks ldns. */
static bool rr_same(const ldns_rr *a, const ldns_rr *b)
{
	if (ldns_rr_get_type(a) != ldns_rr_get_type(b) || ldns_rr_get_class(a) != ldns_rr_get_class(b) ||
	    ldns_rr_rd_count(a) != ldns_rr_rd_count(b))
		return false;
	const ldns_rdf *oa = ldns_rr_owner(a), *ob = ldns_rr_owner(b);
	bool same = ldns_rdf_size(oa) == ldns_rdf_size(ob) &&
		    memcmp(ldns_rdf_data(oa), ldns_rdf_data(ob), ldns_rdf_size(oa)) == 0;
	/* a NAPTR's flags and services (fields 2 and 3) have no case (RFC
	 * 3403 section 4.1; octoDNS writes "S"), as check --model has it */
	bool naptr = ldns_rr_get_type(a) == LDNS_RR_TYPE_NAPTR;
	for (size_t i = 0; same && i < ldns_rr_rd_count(a); i++) {
		const ldns_rdf *x = ldns_rr_rdf(a, i), *y = ldns_rr_rdf(b, i);
		size_t n = ldns_rdf_size(x);
		const uint8_t *dx = ldns_rdf_data(x), *dy = ldns_rdf_data(y);
		same = n == ldns_rdf_size(y);
		if (!same || !naptr || (i != 2 && i != 3)) {
			same = same && memcmp(dx, dy, n) == 0;
			continue;
		}
		for (size_t k = 0; same && k < n; k++) /* octet 0: the length */
			same = k == 0 ? dx[0] == dy[0] : tolower(dx[k]) == tolower(dy[k]);
	}
	return same || ldns_rr_compare(a, b) == 0;
}

bool szi_live_rrset_same_records(const sz_live_slot *s)
{
	size_t n = ldns_rr_list_rr_count(s->expected);
	if (served_count(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!rr_same(ldns_rr_list_rr(s->expected, i), ldns_rr_list_rr(s->served, i)))
			return false;
	return true;
}

bool szi_live_rrset_ttl_ok(const sz_live_slot *s)
{
	if (ldns_rr_list_rr_count(s->expected) == 0)
		return true;
	for (size_t i = 0; i < served_count(s); i++)
		if (ldns_rr_ttl(ldns_rr_list_rr(s->served, i)) != s->ttl)
			return false;
	return true;
}

/* Every expected record is served (both lists sorted). */
static bool served_has_all(const sz_live_slot *s)
{
	size_t ne = ldns_rr_list_rr_count(s->expected), ns = served_count(s), j = 0;
	for (size_t i = 0; i < ne; i++) {
		const ldns_rr *e = ldns_rr_list_rr(s->expected, i);
		while (j < ns && ldns_rr_compare(ldns_rr_list_rr(s->served, j), e) < 0)
			j++;
		if (j == ns || ldns_rr_compare(ldns_rr_list_rr(s->served, j), e) != 0)
			return false;
		j++;
	}
	return true;
}

sz_rrset_state szi_live_rrset_state(const sz_live_slot *s)
{
	bool ttl_ok = !s->authoritative || szi_live_rrset_ttl_ok(s);
	if (s->owned && ldns_rr_list_rr_count(s->expected) == 0 && served_count(s) > 0)
		return SZ_RRSET_STALE;
	if (szi_live_rrset_same_records(s))
		return ttl_ok ? SZ_RRSET_OK : SZ_RRSET_DIFFERENT;
	if (served_count(s) == 0)
		return SZ_RRSET_MISSING;
	if (served_has_all(s) && ttl_ok)
		return SZ_RRSET_EXTRA;
	return SZ_RRSET_DIFFERENT;
}

/* The label offsets of a wire name, leftmost first; the count, or -1
 * when it is not a well-formed name. */
static int label_offsets(const uint8_t *d, size_t len, uint8_t *off)
{
	size_t pos = 0;
	int n = 0;
	while (pos < len && d[pos] != 0) {
		if (n == LDNS_MAX_DOMAINLEN / 2 + 1 || d[pos] > 63 || pos + 1 + d[pos] >= len)
			return -1;
		off[n++] = (uint8_t)pos;
		pos += 1u + d[pos];
	}
	return n;
}

static int label_cmp(const uint8_t *x, const uint8_t *y)
{
	size_t nx = x[0], ny = y[0], n = nx < ny ? nx : ny;
	for (size_t i = 1; i <= n; i++) {
		int cx = x[i] >= 'A' && x[i] <= 'Z' ? x[i] + 32 : x[i];
		int cy = y[i] >= 'A' && y[i] <= 'Z' ? y[i] + 32 : y[i];
		if (cx != cy)
			return cx < cy ? -1 : 1;
	}
	return (nx > ny) - (nx < ny);
}

int szi_live_dname_cmp(const ldns_rdf *a, const ldns_rdf *b)
{
	uint8_t oa[LDNS_MAX_DOMAINLEN / 2 + 2], ob[LDNS_MAX_DOMAINLEN / 2 + 2];
	const uint8_t *da = ldns_rdf_data(a), *db = ldns_rdf_data(b);
	int na = label_offsets(da, ldns_rdf_size(a), oa), nb = label_offsets(db, ldns_rdf_size(b), ob);
	if (na < 0 || nb < 0 || ldns_rdf_size(a) > 255 || ldns_rdf_size(b) > 255)
		return ldns_dname_compare(a, b);
	while (na > 0 && nb > 0) {
		int c = label_cmp(da + oa[--na], db + ob[--nb]);
		if (c != 0)
			return c;
	}
	return (na > 0) - (nb > 0);
}

bool szi_live_name_key(const ldns_rdf *name, uint8_t *out, uint16_t *len)
{
	uint8_t off[LDNS_MAX_DOMAINLEN / 2 + 2];
	const uint8_t *d = ldns_rdf_data(name);
	int n = ldns_rdf_size(name) <= 255 ? label_offsets(d, ldns_rdf_size(name), off) : -1;
	size_t o = 0;
	if (n < 0)
		return false;
	while (n > 0) {
		const uint8_t *l = d + off[--n];
		for (size_t i = 1; i <= l[0]; i++) {
			if (l[i] == 0)
				return false;
			out[o++] = l[i] >= 'A' && l[i] <= 'Z' ? (uint8_t)(l[i] + 32) : l[i];
		}
		out[o++] = 0;
	}
	*len = (uint16_t)o;
	return true;
}

int szi_live_key_cmp(const uint8_t *a, uint16_t na, const uint8_t *b, uint16_t nb)
{
	int c = memcmp(a, b, na < nb ? na : nb);
	if (c != 0)
		return c < 0 ? -1 : 1;
	return (na > nb) - (na < nb);
}

bool szi_live_dname_within(const ldns_rdf *name, const ldns_rdf *apex)
{
	const uint8_t *d = ldns_rdf_data(name);
	size_t len = ldns_rdf_size(name), alen = ldns_rdf_size(apex), pos = 0;
	if (alen > len)
		return false;
	/* the apex must start at a label boundary of the name */
	while (len - pos > alen && d[pos] != 0 && d[pos] <= 63)
		pos += 1u + d[pos];
	return len - pos == alen && memcmp(d + pos, ldns_rdf_data(apex), alen) == 0;
}

void szi_live_name_text(const ldns_rdf *name, char *out, size_t size)
{
	char *s = ldns_rdf2str(name);
	snprintf(out, size, "%s", s != NULL ? s : "?");
	free(s);
}

char *szi_live_rdata_text(const ldns_rr *rr)
{
	ldns_buffer *buf = ldns_buffer_new(64);
	if (buf == NULL)
		return NULL;
	for (size_t i = 0; i < ldns_rr_rd_count(rr); i++) {
		if (i > 0)
			ldns_buffer_printf(buf, " ");
		ldns_rdf2buffer_str(buf, ldns_rr_rdf(rr, i));
	}
	char *s = ldns_buffer_status_ok(buf) ? ldns_buffer_export2str(buf) : NULL;
	ldns_buffer_free(buf);
	return s;
}
