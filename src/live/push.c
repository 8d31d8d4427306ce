/*
 * live/push.c: sipzone push: read the owned RRsets of one zone from its
 * primary, send the difference as one signed UPDATE guarded by the RRsets
 * as read, then read them again to confirm.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "live/net.h"
#include "live/report.h"
#include "live/update.h"
#include "live/verify.h"

static sz_status usage(szi_live_error *err, const char *msg)
{
	snprintf(err->text, sizeof(err->text), "%s", msg);
	return SZ_ERR_USAGE;
}

static sz_status check_options(const sz_live_options *opts, szi_live_error *err)
{
	if (opts->n_zones != 1)
		return usage(err, "push changes one zone: give exactly one --zone");
	if (opts->server == NULL)
		return usage(err, "push needs --server: the zone's primary server");
	if (opts->key == NULL && !opts->dry_run)
		return usage(err, "push signs its update: give --key FILE or --tsig NAME:ALGORITHM:SECRET");
	if (opts->key != NULL && !sz_tsig_algorithm_supported(opts->key->algorithm))
		return usage(err, "the key's algorithm is not one sipzone can sign with");
	return SZ_OK;
}

/* A CNAME where the model wants records: the update would be ignored
 * (RFC 2136 section 3.4.2.2), and the CNAME is not sipzone's to remove. */
static sz_status check_in_the_way(const sz_live_plan *plan, szi_live_error *err)
{
	for (size_t i = 0; i < plan->n_owned; i++) {
		const sz_live_slot *s = &plan->items[i];
		if (s->alias == NULL || ldns_rr_list_rr_count(s->expected) == 0)
			continue;
		char owner[LDNS_MAX_DOMAINLEN + 2];
		szi_live_name_text(s->owner, owner, sizeof(owner));
		snprintf(err->text, sizeof(err->text),
			 "%s is an alias (CNAME) on the server, where the model wants records; sipzone does not own the CNAME: remove it, then push again",
			 owner);
		return SZ_ERR_CONFLICT;
	}
	return SZ_OK;
}

static sz_status nomem(szi_live_error *err)
{
	snprintf(err->text, sizeof(err->text), "%s", sz_status_str(SZ_ERR_NOMEM));
	return SZ_ERR_NOMEM;
}

/* Send the update and read the zone again into the report. */
static sz_status apply(sz_live_conn *c, sz_live_plan *plan, const sz_live_update *u, const ldns_rdf *zone,
		       const sz_tsig_key *key, sz_live_report *r, szi_live_error *err)
{
	ldns_pkt *pkt = szi_live_update_packet(u, zone);
	if (pkt == NULL)
		return nomem(err);
	sz_status s = szi_live_send_update(c, pkt, key, err);
	ldns_pkt_free(pkt);
	if (s != SZ_OK)
		return s;
	r->sent = true;
	s = szi_live_read_range(c, plan, 0, plan->n_owned, true, err);
	if (s != SZ_OK) {
		char why[sizeof(err->text)];
		snprintf(why, sizeof(why), "%s", err->text);
		snprintf(err->text, sizeof(err->text),
			 "the server accepted the update, but reading the zone again failed: %.900s", why);
		return s;
	}
	if (szi_live_report_fill(r, plan) != SZ_OK)
		return nomem(err);
	r->confirmed = r->states[SZ_RRSET_OK] == r->count;
	return SZ_OK;
}

/* Everything after the plan is read: the update, and sending it. */
static sz_status push_plan(sz_live_conn *c, sz_live_plan *plan, const ldns_rdf *zone,
			   const sz_live_options *opts, sz_live_report **out, szi_live_error *err)
{
	sz_live_update u;
	sz_live_report *r = NULL;
	if (szi_live_update_build(plan, &u) != SZ_OK)
		return nomem(err);
	sz_status s = szi_live_report_new(plan, c->label, &r);
	if (s == SZ_OK && (r->zone = ldns_rdf2str(zone)) == NULL)
		s = SZ_ERR_NOMEM;
	if (s == SZ_OK && (r->n_changed = u.n_changed) > 0)
		s = szi_live_update_text(&u, c->host, c->port, zone, &r->update_text);
	if (s != SZ_OK)
		s = nomem(err);
	else if (u.n_changed == 0)
		r->confirmed = true;
	else if (!opts->dry_run)
		s = apply(c, plan, &u, zone, opts->key, r, err);
	szi_live_update_clear(&u);
	if (s != SZ_OK) {
		sz_live_report_free(r);
		return s;
	}
	*out = r;
	return SZ_OK;
}

static ldns_rdf *zone_rdf(const char *zone)
{
	char buf[LDNS_MAX_DOMAINLEN + 2];
	size_t n = strlen(zone);
	snprintf(buf, sizeof(buf), "%s%s", zone, n > 0 && zone[n - 1] == '.' ? "" : ".");
	ldns_rdf *rdf = ldns_dname_new_frm_str(buf);
	if (rdf != NULL)
		ldns_dname2canonical(rdf);
	return rdf;
}

static sz_status push(const sz_model *model, const sz_live_options *opts,
		      sz_live_report **out, szi_live_error *err)
{
	sz_live_plan plan;
	sz_live_conn conn;
	*out = NULL;
	szi_live_error_init(err);
	sz_status s = check_options(opts, err);
	if (s == SZ_OK)
		s = szi_live_plan_build_view(model, opts->view, opts->zones, 1, &plan, err);
	if (s != SZ_OK)
		return s;
	ldns_rdf *zone = zone_rdf(opts->zones[0]);
	s = zone != NULL ? szi_live_conn_open(&conn, opts, err) : nomem(err);
	if (s == SZ_OK) {
		s = szi_live_check_authority(&conn, zone, err);
		if (s == SZ_OK)
			s = szi_live_read_range(&conn, &plan, 0, plan.n_owned, true, err);
		if (s == SZ_OK)
			s = check_in_the_way(&plan, err);
		if (s == SZ_OK)
			s = push_plan(&conn, &plan, zone, opts, out, err);
		szi_live_conn_close(&conn);
	}
	ldns_rdf_deep_free(zone);
	szi_live_plan_clear(&plan);
	return s;
}

sz_status sz_push(const sz_model *model, const sz_live_options *opts,
		  sz_live_report **out, sz_diag_list *diags)
{
	szi_live_error err;
	return szi_live_fail(diags, push(model, opts, out, &err), &err);
}
