/*
 * live/update.c: the difference between the served RRsets and the model as
 * one RFC 2136 UPDATE (see live/update.h for its shape).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "live/owner.h"
#include "live/update.h"

void szi_live_update_clear(sz_live_update *u)
{
	for (size_t i = 0; i < u->n_msgs; i++) {
		ldns_rr_list_deep_free(u->prereq[i]);
		ldns_rr_list_deep_free(u->update[i]);
	}
	free(u->prereq);
	free(u->update);
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

typedef struct change {
	ldns_rdf *base;      /* the name whose group it is in (owned) */
	size_t slot;
} change;

static int change_cmp(const void *pa, const void *pb)
{
	const change *a = pa, *b = pb;
	int c = szi_live_dname_cmp(a->base, b->base);
	if (c != 0)
		return c;
	return (a->slot > b->slot) - (a->slot < b->slot);
}

static size_t list_octets(const ldns_rr_list *l, size_t from)
{
	size_t n = 0;
	for (size_t i = from; i < count(l); i++)
		n += ldns_rr_uncompressed_size(ldns_rr_list_rr(l, i));
	return n;
}

static bool new_message(sz_live_update *u)
{
	ldns_rr_list **p = realloc(u->prereq, (u->n_msgs + 1) * sizeof(*p));
	if (p != NULL)
		u->prereq = p;
	ldns_rr_list **q = realloc(u->update, (u->n_msgs + 1) * sizeof(*q));
	if (q != NULL)
		u->update = q;
	if (p == NULL || q == NULL)
		return false;
	u->prereq[u->n_msgs] = ldns_rr_list_new();
	u->update[u->n_msgs] = ldns_rr_list_new();
	u->n_msgs++;
	return u->prereq[u->n_msgs - 1] != NULL && u->update[u->n_msgs - 1] != NULL;
}

/* The group changes[from, to) into the current message, or a new one. */
static sz_status add_group(sz_live_update *u, const sz_live_plan *plan, const change *ch, size_t from,
			   size_t to, size_t *octets)
{
	ldns_rr_list *pr = ldns_rr_list_new(), *up = ldns_rr_list_new();
	sz_status st = pr != NULL && up != NULL ? SZ_OK : SZ_ERR_NOMEM;
	for (size_t k = from; st == SZ_OK && k < to; k++) {
		const sz_live_slot *s = &plan->items[ch[k].slot];
		if (!add_prereq(pr, s) || !add_changes(up, s))
			st = SZ_ERR_NOMEM;
	}
	size_t size = st == SZ_OK ? list_octets(pr, 0) + list_octets(up, 0) : 0;
	if (st == SZ_OK && size > SZI_UPDATE_MAX_OCTETS) {
		char name[LDNS_MAX_DOMAINLEN + 2];
		szi_live_name_text(ch[from].base, name, sizeof(name));
		snprintf(u->why, sizeof(u->why),
			 "the changes at %s take %zu octets, more than one UPDATE message holds (%u): nothing was sent",
			 name, size, SZI_UPDATE_MAX_OCTETS);
		st = SZ_ERR_USAGE;
	}
	if (st == SZ_OK && *octets > 0 && *octets + size > SZI_UPDATE_MAX_OCTETS) {
		if (!new_message(u))
			st = SZ_ERR_NOMEM;
		*octets = 0;
	}
	/* the records move: the message keeps the pointers, the shells go */
	if (st == SZ_OK && ldns_rr_list_cat(u->prereq[u->n_msgs - 1], pr)) {
		ldns_rr_list_free(pr);
		pr = NULL;
		if (ldns_rr_list_cat(u->update[u->n_msgs - 1], up)) {
			ldns_rr_list_free(up);
			up = NULL;
			*octets += size;
		}
	}
	if (st == SZ_OK && up != NULL)
		st = SZ_ERR_NOMEM;
	ldns_rr_list_deep_free(pr);
	ldns_rr_list_deep_free(up);
	return st;
}

static void changes_free(change *ch, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ldns_rdf_deep_free(ch[i].base);
	free(ch);
}

sz_status szi_live_update_build(const sz_live_plan *plan, bool prune, sz_live_update *out)
{
	memset(out, 0, sizeof(*out));
	change *ch = calloc(plan->n_owned + 1, sizeof(*ch));
	size_t n = 0;
	sz_status st = ch != NULL ? SZ_OK : SZ_ERR_NOMEM;
	for (size_t i = 0; st == SZ_OK && i < plan->n_owned; i++) {
		const sz_live_slot *s = &plan->items[i];
		if (!szi_live_owner_changes(s, prune))
			continue;
		ch[n].slot = i;
		ch[n].base = s->meta ? ldns_dname_left_chop(s->owner) : ldns_rdf_clone(s->owner);
		if (ch[n++].base == NULL)
			st = SZ_ERR_NOMEM;
		if (s->meta)
			out->n_owner++;
		else
			out->n_changed++;
		if (szi_live_owner_deletes(s, prune))
			out->n_deleted++;
	}
	if (st == SZ_OK)
		qsort(ch, n, sizeof(*ch), change_cmp);
	size_t octets = 0;
	if (st == SZ_OK && n > 0 && !new_message(out))
		st = SZ_ERR_NOMEM;
	for (size_t i = 0; st == SZ_OK && i < n;) {
		size_t j = i + 1;
		while (j < n && szi_live_dname_cmp(ch[j].base, ch[i].base) == 0)
			j++;
		st = add_group(out, plan, ch, i, j, &octets);
		i = j;
	}
	changes_free(ch, n);
	if (st != SZ_OK) {
		char why[sizeof(out->why)];
		memcpy(why, out->why, sizeof(why));
		szi_live_update_clear(out);
		memcpy(out->why, why, sizeof(why));
	}
	return st;
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
	for (size_t m = 0; m < u->n_msgs; m++) {
		if (u->n_msgs > 1)
			ldns_buffer_printf(b, "; update %zu of %zu\n", m + 1, u->n_msgs);
		for (size_t i = 0; i < count(u->prereq[m]); i++)
			put_prereq(b, ldns_rr_list_rr(u->prereq[m], i));
		for (size_t i = 0; i < count(u->update[m]); i++)
			put_update(b, ldns_rr_list_rr(u->update[m], i));
		ldns_buffer_printf(b, "send\n");
	}
	*out = ldns_buffer_status_ok(b) ? ldns_buffer_export2str(b) : NULL;
	ldns_buffer_free(b);
	return *out != NULL ? SZ_OK : SZ_ERR_NOMEM;
}

ldns_pkt *szi_live_update_packet(const sz_live_update *u, size_t i, const ldns_rdf *zone)
{
	/* ldns_update_pkt_new() takes the zone name but copies the lists */
	ldns_rdf *z = ldns_rdf_clone(zone);
	if (z == NULL)
		return NULL;
	ldns_pkt *p = ldns_update_pkt_new(z, LDNS_RR_CLASS_IN, u->prereq[i], u->update[i], NULL);
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
