/*
 * live/report.c: the public report of verify and push.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "live/report.h"

static const char *const state_names[SZ_RRSET_STATE_COUNT] = {
	"ok", "missing", "different", "extra", "stale",
};

const char *sz_rrset_state_name(sz_rrset_state state)
{
	return (unsigned)state < SZ_RRSET_STATE_COUNT ? state_names[state] : "?";
}

static void rrs_free(sz_live_rr *rrs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(rrs[i].rdata);
	free(rrs);
}

static void items_free(sz_live_report *r)
{
	for (size_t i = 0; i < r->count; i++) {
		sz_live_rrset *s = &r->items[i];
		free(s->zone);
		free(s->owner);
		free(s->note);
		rrs_free(s->expected, s->n_expected);
		rrs_free(s->served, s->n_served);
	}
	free(r->items);
	r->items = NULL;
	r->count = 0;
	memset(r->states, 0, sizeof(r->states));
}

void sz_live_report_free(sz_live_report *report)
{
	if (report == NULL)
		return;
	items_free(report);
	free(report->server);
	free(report->zone);
	free(report->update_text);
	free(report->why_no_transfer);
	free(report);
}

static sz_status rrs_from(const ldns_rr_list *l, sz_live_rr **out, size_t *n)
{
	size_t count = l != NULL ? ldns_rr_list_rr_count(l) : 0;
	*out = NULL;
	*n = 0;
	if (count == 0)
		return SZ_OK;
	sz_live_rr *rrs = calloc(count, sizeof(*rrs));
	if (rrs == NULL)
		return SZ_ERR_NOMEM;
	*out = rrs;
	for (size_t i = 0; i < count; i++) {
		const ldns_rr *rr = ldns_rr_list_rr(l, i);
		rrs[i].ttl = ldns_rr_ttl(rr);
		if ((rrs[i].rdata = szi_live_rdata_text(rr)) == NULL)
			return SZ_ERR_NOMEM;
		(*n)++;
	}
	return SZ_OK;
}

static char *note_of(const sz_live_slot *s, sz_rrset_state state)
{
	char buf[LDNS_MAX_DOMAINLEN * 2 + 120];
	if (s->wildcard != NULL) {
		char *w = ldns_rdf2str(s->wildcard);
		snprintf(buf, sizeof(buf), "the zone has no RRset here: a server answers from the wildcard %s",
			 w != NULL ? w : "?");
		free(w);
		return strdup(buf);
	}
	if (state == SZ_RRSET_STALE) {
		snprintf(buf, sizeof(buf), "%s", s->stale ? "published by sipzone; the model no longer has this name or type (push --prune deletes it)"
					   : "published by sipzone; the model wants none here any more (push deletes it)");
		return strdup(buf);
	}
	if (s->alias != NULL) {
		char *to = ldns_rdf2str(ldns_rr_rdf(s->alias, 0));
		snprintf(buf, sizeof(buf), "the server has an alias here (CNAME %s)", to != NULL ? to : "?");
		free(to);
		return strdup(buf);
	}
	if (state == SZ_RRSET_DIFFERENT && szi_live_rrset_same_records(s)) {
		uint32_t ttl = ldns_rr_ttl(ldns_rr_list_rr(s->served, 0));
		snprintf(buf, sizeof(buf), "served TTL %u, the model's %u", (unsigned)ttl, (unsigned)s->ttl);
		return strdup(buf);
	}
	return NULL;
}

static sz_status item_fill(sz_live_rrset *it, const sz_live_plan *plan, const sz_live_slot *s)
{
	char owner[LDNS_MAX_DOMAINLEN + 2];
	szi_live_name_text(s->owner, owner, sizeof(owner));
	it->type = (uint16_t)s->type;
	it->state = szi_live_rrset_state(s);
	it->ttl_checked = s->authoritative;
	it->zone = strdup(s->xzone != NULL ? s->xzone : plan->n_zones > 0 ? plan->zones[s->zone] : "");
	it->owner = strdup(owner);
	if (it->zone == NULL || it->owner == NULL)
		return SZ_ERR_NOMEM;
	if (rrs_from(s->expected, &it->expected, &it->n_expected) != SZ_OK ||
	    rrs_from(s->served, &it->served, &it->n_served) != SZ_OK)
		return SZ_ERR_NOMEM;
	it->note = note_of(s, it->state);
	it->left = s->left;
	if ((s->alias != NULL || s->wildcard != NULL || it->state == SZ_RRSET_STALE ||
	     (it->state == SZ_RRSET_DIFFERENT && szi_live_rrset_same_records(s))) &&
	    it->note == NULL)
		return SZ_ERR_NOMEM;
	return SZ_OK;
}

sz_status szi_live_report_fill(sz_live_report *r, const sz_live_plan *plan)
{
	items_free(r);
	if (plan->n_owned == 0)
		return SZ_OK;
	r->items = calloc(plan->n_owned, sizeof(*r->items));
	if (r->items == NULL)
		return SZ_ERR_NOMEM;
	for (size_t i = 0; i < plan->n_owned; i++) {
		const sz_live_slot *s = &plan->items[i];
		/* ownership records are sipzone's bookkeeping, and an RRset
		 * only an ownership record names is news only while it is served */
		if (s->meta || (s->stale && (s->served == NULL || ldns_rr_list_rr_count(s->served) == 0)))
			continue;
		sz_live_rrset *it = &r->items[r->count++];
		if (item_fill(it, plan, &plan->items[i]) != SZ_OK)
			return SZ_ERR_NOMEM;
		r->states[it->state]++;
	}
	return SZ_OK;
}

sz_status szi_live_report_new(const sz_live_plan *plan, const char *server, sz_live_report **out)
{
	sz_live_report *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return SZ_ERR_NOMEM;
	/* as given on the command line, made printable: it is only shown */
	r->server = sz_text_escape(server);
	if (r->server == NULL || szi_live_report_fill(r, plan) != SZ_OK) {
		sz_live_report_free(r);
		return SZ_ERR_NOMEM;
	}
	*out = r;
	return SZ_OK;
}
