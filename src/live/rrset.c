/*
 * live/rrset.c: one RRset as served against the model's: taking it out of
 * an answer, comparing, and the state that comes of it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "live/rrset.h"

sz_status szi_live_rrset_take_answer(sz_live_slot *s, const ldns_pkt *answer)
{
	ldns_rr_list *served = ldns_rr_list_new();
	ldns_rr *alias = NULL;
	const ldns_rr_list *ans = ldns_pkt_answer(answer);
	for (size_t i = 0; served != NULL && i < ldns_rr_list_rr_count(ans); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(ans, i);
		ldns_rr_type t = ldns_rr_get_type(rr);
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
	return SZ_OK;
nomem:
	ldns_rr_list_deep_free(served);
	ldns_rr_free(alias);
	return SZ_ERR_NOMEM;
}

static size_t served_count(const sz_live_slot *s)
{
	return s->served != NULL ? ldns_rr_list_rr_count(s->served) : 0;
}

bool szi_live_rrset_same_records(const sz_live_slot *s)
{
	size_t n = ldns_rr_list_rr_count(s->expected);
	if (served_count(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (ldns_rr_compare(ldns_rr_list_rr(s->expected, i), ldns_rr_list_rr(s->served, i)) != 0)
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
