/*
 * live/update.c: the difference between the served RRsets and the model as
 * one RFC 2136 UPDATE (see live/update.h for its shape).
 */
#include <stdlib.h>
#include <string.h>

#include "live/update.h"

void szi_live_update_clear(sz_live_update *u)
{
	ldns_rr_list_deep_free(u->prereq);
	ldns_rr_list_deep_free(u->update);
	memset(u, 0, sizeof(*u));
}

/* An RR with the owner and type of `s`, no RDATA (an RRset-wide entry). */
static ldns_rr *rrset_entry(const sz_live_slot *s, ldns_rr_class cls)
{
	ldns_rr *rr = ldns_rr_new();
	ldns_rdf *owner = ldns_rdf_clone(s->owner);
	if (rr == NULL || owner == NULL) {
		ldns_rr_free(rr);
		ldns_rdf_deep_free(owner);
		return NULL;
	}
	ldns_rr_set_owner(rr, owner);
	ldns_rr_set_type(rr, s->type);
	ldns_rr_set_class(rr, cls);
	ldns_rr_set_ttl(rr, 0);
	return rr;
}

/* A copy of a record with the class and TTL an update section wants. */
static ldns_rr *record_entry(const ldns_rr *rr, ldns_rr_class cls, uint32_t ttl)
{
	ldns_rr *copy = ldns_rr_clone(rr);
	if (copy != NULL) {
		ldns_rr_set_class(copy, cls);
		ldns_rr_set_ttl(copy, ttl);
	}
	return copy;
}

static bool push(ldns_rr_list *list, ldns_rr *rr_take)
{
	if (rr_take != NULL && ldns_rr_list_push_rr(list, rr_take))
		return true;
	ldns_rr_free(rr_take);
	return false;
}

static size_t count(const ldns_rr_list *l)
{
	return l != NULL ? ldns_rr_list_rr_count(l) : 0;
}

static bool list_has(const ldns_rr_list *l, const ldns_rr *rr)
{
	for (size_t i = 0; i < count(l); i++)
		if (ldns_rr_compare(ldns_rr_list_rr(l, i), rr) == 0)
			return true;
	return false;
}

/* The RRset as read: value-dependent "exists", or "does not exist". */
static bool add_prereq(ldns_rr_list *pr, const sz_live_slot *s)
{
	if (count(s->served) == 0)
		return push(pr, rrset_entry(s, LDNS_RR_CLASS_NONE));
	for (size_t i = 0; i < count(s->served); i++)
		if (!push(pr, record_entry(ldns_rr_list_rr(s->served, i), LDNS_RR_CLASS_IN, 0)))
			return false;
	return true;
}

static bool add_all_expected(ldns_rr_list *up, const sz_live_slot *s)
{
	for (size_t i = 0; i < count(s->expected); i++)
		if (!push(up, record_entry(ldns_rr_list_rr(s->expected, i), LDNS_RR_CLASS_IN, s->ttl)))
			return false;
	return true;
}

/* Only the records that differ, when the TTL stays. */
static bool add_record_changes(ldns_rr_list *up, const sz_live_slot *s)
{
	for (size_t i = 0; i < count(s->served); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(s->served, i);
		if (!list_has(s->expected, rr) && !push(up, record_entry(rr, LDNS_RR_CLASS_NONE, 0)))
			return false;
	}
	for (size_t i = 0; i < count(s->expected); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(s->expected, i);
		if (!list_has(s->served, rr) && !push(up, record_entry(rr, LDNS_RR_CLASS_IN, s->ttl)))
			return false;
	}
	return true;
}

static bool add_changes(ldns_rr_list *up, const sz_live_slot *s)
{
	bool replace = count(s->served) > 0 &&
		       (count(s->expected) == 0 || !szi_live_rrset_ttl_ok(s));
	if (!replace)
		return add_record_changes(up, s);
	return push(up, rrset_entry(s, LDNS_RR_CLASS_ANY)) && add_all_expected(up, s);
}

sz_status szi_live_update_build(const sz_live_plan *plan, sz_live_update *out)
{
	memset(out, 0, sizeof(*out));
	out->prereq = ldns_rr_list_new();
	out->update = ldns_rr_list_new();
	if (out->prereq == NULL || out->update == NULL)
		goto nomem;
	for (size_t i = 0; i < plan->n_owned; i++) {
		const sz_live_slot *s = &plan->items[i];
		if (!add_prereq(out->prereq, s))
			goto nomem;
		if (szi_live_rrset_same_records(s) && szi_live_rrset_ttl_ok(s))
			continue;
		if (!add_changes(out->update, s))
			goto nomem;
		out->n_changed++;
	}
	return SZ_OK;
nomem:
	szi_live_update_clear(out);
	return SZ_ERR_NOMEM;
}

/* ---- nsupdate text ---- */

static void put_rr_line(ldns_buffer *b, const char *verb, const ldns_rr *rr, bool ttl, bool rdata)
{
	char *owner = ldns_rdf2str(ldns_rr_owner(rr));
	char *type = ldns_rr_type2str(ldns_rr_get_type(rr));
	ldns_buffer_printf(b, "%s %s ", verb, owner != NULL ? owner : "?");
	if (ttl)
		ldns_buffer_printf(b, "%u ", (unsigned)ldns_rr_ttl(rr));
	ldns_buffer_printf(b, "IN %s", type != NULL ? type : "?");
	free(owner);
	free(type);
	if (rdata) {
		char *text = szi_live_rdata_text(rr);
		ldns_buffer_printf(b, " %s", text != NULL ? text : "?");
		free(text);
	}
	ldns_buffer_printf(b, "\n");
}

static void put_prereq(ldns_buffer *b, const ldns_rr *rr)
{
	if (ldns_rr_get_class(rr) == LDNS_RR_CLASS_NONE)
		put_rr_line(b, "prereq nxrrset", rr, false, false);
	else
		put_rr_line(b, "prereq yxrrset", rr, false, true);
}

static void put_update(ldns_buffer *b, const ldns_rr *rr)
{
	switch (ldns_rr_get_class(rr)) {
	case LDNS_RR_CLASS_ANY:
		put_rr_line(b, "update delete", rr, false, false);
		break;
	case LDNS_RR_CLASS_NONE:
		put_rr_line(b, "update delete", rr, false, true);
		break;
	default:
		put_rr_line(b, "update add", rr, true, true);
		break;
	}
}

sz_status szi_live_update_text(const sz_live_update *u, const char *host, unsigned port,
			  const ldns_rdf *zone, char **out)
{
	ldns_buffer *b = ldns_buffer_new(1024);
	if (b == NULL)
		return SZ_ERR_NOMEM;
	char *z = ldns_rdf2str(zone);
	ldns_buffer_printf(b, "server %s %u\nzone %s\n", host, port, z != NULL ? z : "?");
	free(z);
	for (size_t i = 0; i < count(u->prereq); i++)
		put_prereq(b, ldns_rr_list_rr(u->prereq, i));
	for (size_t i = 0; i < count(u->update); i++)
		put_update(b, ldns_rr_list_rr(u->update, i));
	ldns_buffer_printf(b, "send\n");
	*out = ldns_buffer_status_ok(b) ? ldns_buffer_export2str(b) : NULL;
	ldns_buffer_free(b);
	return *out != NULL ? SZ_OK : SZ_ERR_NOMEM;
}

ldns_pkt *szi_live_update_packet(const sz_live_update *u, const ldns_rdf *zone)
{
	/* ldns_update_pkt_new() takes the zone name but copies the lists */
	ldns_rdf *z = ldns_rdf_clone(zone);
	if (z == NULL)
		return NULL;
	ldns_pkt *p = ldns_update_pkt_new(z, LDNS_RR_CLASS_IN, u->prereq, u->update, NULL);
	if (p == NULL) {
		ldns_rdf_deep_free(z);
		return NULL;
	}
	/* it builds the packet as a query with RD set; an UPDATE header has no
	 * RD (RFC 2136 section 2.2: those bits are zero) */
	ldns_pkt_set_rd(p, false);
	ldns_pkt_set_random_id(p);
	return p;
}
