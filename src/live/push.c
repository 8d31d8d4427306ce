/*
 * live/push.c: sipzone push: read one zone from its primary (one transfer,
 * or a query per RRset), with the ownership records (live/owner.h); send
 * the difference as signed UPDATEs, each guarded by the RRsets it changes
 * as read (live/update.h), in order until one is refused; then read the
 * zone again to confirm.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "live/net.h"
#include "live/owner.h"
#include "live/report.h"
#include "live/update.h"
#include "live/verify.h"

/* Changes up to this many RRsets are confirmed by one query each. */
#define SZI_CONFIRM_BY_QUERIES 64u

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

/* After the updates: every RRset the model has is served as the model
 * says, those push deleted are gone, the ownership records are written. */
static bool confirmed(const sz_live_plan *plan)
{
	for (size_t i = 0; i < plan->n_owned; i++) {
		const sz_live_slot *s = &plan->items[i];
		size_t served = s->served != NULL ? ldns_rr_list_rr_count(s->served) : 0;
		if (s->to_delete ? served != 0
		    : s->meta ? !szi_live_rrset_same_records(s)
		    : !s->left && !s->stale && szi_live_rrset_state(s) != SZ_RRSET_OK)
			return false;
	}
	return true;
}

static void applied_so_far(const sz_live_update *u, size_t failed, szi_live_error *err)
{
	if (u->n_msgs < 2)
		return;
	char why[sizeof(err->text)];
	snprintf(why, sizeof(why), "%s", err->text);
	if (failed == 0)
		snprintf(err->text, sizeof(err->text),
			 "update 1 of %zu: %.700s; none of the %zu updates was applied", u->n_msgs, why, u->n_msgs);
	else
		snprintf(err->text, sizeof(err->text),
			 "update %zu of %zu: %.700s; updates 1 to %zu were applied (each complete: its RRsets with their ownership records), %zu to %zu were not sent; run push again to finish",
			 failed + 1, u->n_msgs, why, failed, failed + 1, u->n_msgs);
}

/* Send the updates in order, the first refusal ends it; then read the zone
 * again into the report. */
static sz_status apply(szi_live_reader *rd, sz_live_plan *plan, const sz_live_update *u, const ldns_rdf *zone,
		       const sz_tsig_key *key, sz_live_report *r, szi_live_error *err)
{
	for (size_t i = 0; i < u->n_msgs; i++) {
		ldns_pkt *pkt = szi_live_update_packet(u, i, zone);
		if (pkt == NULL)
			return nomem(err);
		sz_status s = szi_live_send_update(rd->conn, pkt, key, err);
		ldns_pkt_free(pkt);
		if (s != SZ_OK) {
			applied_so_far(u, i, err);
			return s;
		}
		r->n_applied++;
	}
	r->sent = true;
	/* a small change is confirmed by asking for what it changed (the rest
	 * was just read); a large one by reading the zone again */
	size_t n_changing = 0;
	for (size_t i = 0; i < plan->n_owned; i++)
		n_changing += plan->items[i].changing;
	sz_status s = SZ_OK;
	if (n_changing <= SZI_CONFIRM_BY_QUERIES) {
		sz_live_slot *ask[SZI_CONFIRM_BY_QUERIES];
		size_t n_ask = 0;
		for (size_t i = 0; i < plan->n_owned; i++)
			if (plan->items[i].changing)
				ask[n_ask++] = &plan->items[i];
		rd->n_queries += n_ask;
		s = szi_live_read_rrsets(rd->conn, ask, n_ask, true, err);
	} else {
		s = szi_live_read_plan(rd, plan, &zone, 1, true, err);
	}
	if (s != SZ_OK) {
		char why[sizeof(err->text)];
		snprintf(why, sizeof(why), "%s", err->text);
		snprintf(err->text, sizeof(err->text),
			 "the server accepted the update, but reading the zone again failed: %.900s", why);
		return s;
	}
	if (szi_live_report_fill(r, plan) != SZ_OK)
		return nomem(err);
	r->confirmed = confirmed(plan);
	return SZ_OK;
}

static void decide(sz_live_plan *plan, bool prune, size_t *n_left)
{
	*n_left = 0;
	for (size_t i = 0; i < plan->n_owned; i++) {
		sz_live_slot *s = &plan->items[i];
		s->to_delete = szi_live_owner_deletes(s, prune);
		s->changing = szi_live_owner_changes(s, prune);
		s->left = szi_live_owner_leaves(s, prune);
		*n_left += s->left;
	}
}

/* Everything after the plan is read: the updates, and sending them. */
static sz_status push_plan(szi_live_reader *rd, sz_live_plan *plan, const ldns_rdf *zone,
			   const sz_live_options *opts, sz_live_report **out, szi_live_error *err)
{
	sz_live_update u;
	sz_live_report *r = NULL;
	size_t n_left;
	if (szi_live_owner_expect(plan, opts->prune) != SZ_OK)
		return nomem(err);
	decide(plan, opts->prune, &n_left);
	sz_status s = szi_live_update_build(plan, opts->prune, &u);
	if (s == SZ_ERR_USAGE) {
		snprintf(err->text, sizeof(err->text), "%s", u.why);
		return s;
	}
	if (s != SZ_OK)
		return nomem(err);
	s = szi_live_report_new(plan, rd->conn->label, &r);
	if (s == SZ_OK && (r->zone = ldns_rdf2str(zone)) == NULL)
		s = SZ_ERR_NOMEM;
	if (s == SZ_OK && rd->why_no_transfer[0] != '\0' && (r->why_no_transfer = strdup(rd->why_no_transfer)) == NULL)
		s = SZ_ERR_NOMEM;
	if (s == SZ_OK) {
		r->transferred = rd->n_transferred > 0;
		r->n_queries = rd->n_queries;
		r->n_changed = u.n_changed;
		r->n_deleted = u.n_deleted;
		r->n_owner = u.n_owner;
		r->n_left = n_left;
		r->n_updates = u.n_msgs;
		r->n_read = r->count;
	}
	if (s == SZ_OK && u.n_msgs > 0)
		s = szi_live_update_text(&u, rd->conn->host, rd->conn->port, zone, &r->update_text);
	if (s != SZ_OK)
		s = nomem(err);
	else if (u.n_msgs == 0)
		r->confirmed = true;
	else if (!opts->dry_run)
		s = apply(rd, plan, &u, zone, opts->key, r, err);
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
		s = szi_live_plan_build_prune(model, opts->view, opts->zones, 1, opts->prune, &plan, err);
	if (s != SZ_OK)
		return s;
	ldns_rdf *zone = zone_rdf(opts->zones[0]);
	s = zone != NULL ? szi_live_conn_open(&conn, opts, err) : nomem(err);
	if (s == SZ_OK) {
		/* the transfer is signed with the key: a primary that allows
		 * updates with it usually allows transfers with it too */
		szi_live_reader rd = { .conn = &conn, .key = opts->key, .need_authority = true };
		s = szi_live_check_authority(&conn, zone, err);
		if (s == SZ_OK)
			s = szi_live_read_plan(&rd, &plan, (const ldns_rdf *const *)&zone, 1, false, err);
		if (s == SZ_OK && opts->prune && rd.n_transferred == 0) {
			/* queries find the ownership records of the model's names
			 * only: pruning from them would silently miss the rest */
			snprintf(err->text, sizeof(err->text),
				 "push --prune reads the zone's ownership records with a zone transfer, and %.700s; allow the key to transfer the zone (BIND: allow-transfer { key %s; };)",
				 rd.why_no_transfer[0] != '\0' ? rd.why_no_transfer : "there was none",
				 opts->key != NULL ? opts->key->name : "NAME");
			s = SZ_ERR_DNS;
		}
		if (s == SZ_OK)
			s = check_in_the_way(&plan, err);
		if (s == SZ_OK)
			s = push_plan(&rd, &plan, zone, opts, out, err);
		szi_live_reader_clear(&rd);
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
