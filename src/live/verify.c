/*
 * live/verify.c: sipzone verify: read every RRset the model owns from a
 * server, compare, and check the served SRV records.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "live/net.h"
#include "live/owner.h"
#include "live/report.h"
#include "live/rules.h"
#include "live/verify.h"

void szi_live_error_init(szi_live_error *err)
{
	memset(err, 0, sizeof(*err));
	err->rcode = -1;
}

sz_status szi_live_fail(sz_diag_list *diags, sz_status s, const szi_live_error *err)
{
	sz_rule rule;
	switch (s) {
	case SZ_OK:
	case SZ_ERR_NOMEM:
		return s;
	case SZ_ERR_USAGE: rule = SZ_RULE_USAGE; break;
	case SZ_ERR_NETWORK: rule = SZ_RULE_NETWORK; break;
	case SZ_ERR_CONFLICT: rule = SZ_RULE_CONFLICT; break;
	case SZ_ERR_DNS:
	default: rule = SZ_RULE_SERVER_ERROR; break;
	}
	if (diags != NULL)
		(void)sz_diag_add(diags, SZ_SEV_ERROR, sz_rule_id(rule), NULL, 0, 0, NULL, NULL, NULL,
				  "%s", err->text[0] != '\0' ? err->text : sz_status_str(s));
	return s;
}

/* ---- reading a plan: transfers first, queries for the rest ---- */

void szi_live_reader_clear(szi_live_reader *rd)
{
	for (size_t i = 0; i < rd->n_zones; i++) {
		szi_live_zone_clear(&rd->zones[i]);
		ldns_rdf_deep_free(rd->tried[i]);
		rd->tried[i] = NULL;
	}
	rd->n_zones = 0;
	rd->n_transferred = 0;
}

static bool within(const ldns_rdf *name, const ldns_rdf *apex)
{
	return szi_live_dname_within(name, apex);
}

/* The transfer that holds `name`: the longest apex above it, unless a
 * longer one was asked for and not transferred (then: queries). */
static const szi_live_zone *zone_for(const szi_live_reader *rd, const ldns_rdf *name)
{
	const szi_live_zone *best = NULL;
	size_t best_len = 0, tried_len = 0;
	for (size_t i = 0; i < rd->n_zones; i++) {
		if (!within(name, rd->tried[i]))
			continue;
		size_t len = ldns_rdf_size(rd->tried[i]);
		if (rd->zones[i].apex != NULL && len > best_len) {
			best = &rd->zones[i];
			best_len = len;
		} else if (rd->zones[i].apex == NULL && len > tried_len) {
			tried_len = len;
		}
	}
	return tried_len > best_len ? NULL : best;
}

/* The RRset (and a CNAME at its owner) from a transfer; *cursor is where
 * the previous name was found (see szi_live_zone_seek()). */
static sz_status take_from_zone(sz_live_slot *s, const szi_live_zone *z, size_t *cursor)
{
	ldns_rr_list *served = ldns_rr_list_new();
	if (served == NULL)
		return SZ_ERR_NOMEM;
	const ldns_rr *cname = NULL;
	size_t i = *cursor = szi_live_zone_seek(z, *cursor, s->owner), n = 0;
	for (; i < z->count && szi_live_dname_cmp(ldns_rr_owner(z->rrs[i]), s->owner) == 0; i++) {
		ldns_rr_type t = ldns_rr_get_type(z->rrs[i]);
		if (t == LDNS_RR_TYPE_CNAME && s->type != LDNS_RR_TYPE_CNAME && cname == NULL)
			cname = z->rrs[i];
		if (t != s->type)
			continue;
		ldns_rr *copy = ldns_rr_clone(z->rrs[i]);
		if (copy == NULL || !ldns_rr_list_push_rr(served, copy)) {
			ldns_rr_free(copy);
			ldns_rr_list_deep_free(served);
			return SZ_ERR_NOMEM;
		}
		n++;
	}
	ldns_rr *alias = NULL;
	if (cname != NULL && (alias = ldns_rr_clone(cname)) == NULL) {
		ldns_rr_list_deep_free(served);
		return SZ_ERR_NOMEM;
	}
	ldns_rr_list_sort(served);
	ldns_rr_list_deep_free(s->served);
	ldns_rr_free(s->alias);
	s->served = served;
	s->alias = alias;
	s->authoritative = true;
	ldns_rdf_deep_free(s->wildcard);
	s->wildcard = NULL;
	if (n == 0 && alias == NULL && !s->meta)
		s->wildcard = szi_live_zone_wildcard(z, s->owner, s->type);
	return SZ_OK;
}

/* The slots of [from, to) from the transfers; those no transfer holds
 * are asked for, a window of queries at a time (live/net.h), and each
 * takes its own answer, so the result is that of asking in order. */
static sz_status fill(szi_live_reader *rd, sz_live_plan *plan, size_t from, size_t to, bool unread_only,
		      szi_live_error *err)
{
	size_t cursor[SZI_LIVE_READ_MAX_ZONES] = { 0 };
	sz_live_slot **ask = to > from ? malloc((to - from) * sizeof(*ask)) : NULL;
	size_t n_ask = 0;
	if (to > from && ask == NULL) {
		snprintf(err->text, sizeof(err->text), "%s", sz_status_str(SZ_ERR_NOMEM));
		return SZ_ERR_NOMEM;
	}
	sz_status st = SZ_OK;
	for (size_t i = from; st == SZ_OK && i < to; i++) {
		sz_live_slot *s = &plan->items[i];
		if (unread_only && s->served != NULL)
			continue;
		const szi_live_zone *z = zone_for(rd, s->owner);
		if (z == NULL) {
			ask[n_ask++] = s;
			continue;
		}
		st = take_from_zone(s, z, &cursor[z - rd->zones]);
		if (st != SZ_OK)
			snprintf(err->text, sizeof(err->text), "%s", sz_status_str(st));
	}
	if (st == SZ_OK) {
		rd->n_queries += n_ask;
		st = szi_live_read_rrsets(rd->conn, ask, n_ask, rd->need_authority, err);
	}
	free(ask);
	return st;
}

static sz_status transfer(szi_live_reader *rd, const ldns_rdf *const *apexes, size_t n, szi_live_error *err)
{
	for (size_t i = 0; i < n && rd->n_zones < SZI_LIVE_READ_MAX_ZONES; i++) {
		size_t k = rd->n_zones;
		bool dup = false;
		for (size_t j = 0; j < k; j++)
			dup = dup || szi_live_dname_cmp(rd->tried[j], apexes[i]) == 0;
		if (dup)
			continue;
		if ((rd->tried[k] = ldns_rdf_clone(apexes[i])) == NULL)
			return SZ_ERR_NOMEM;
		ldns_dname2canonical(rd->tried[k]);
		rd->n_zones++;
		if (!rd->conn->named || rd->conn_slow)
			continue;
		szi_live_error xe;
		szi_live_error_init(&xe);
		sz_status st = szi_live_axfr(rd->conn, apexes[i], rd->key, &rd->zones[k], &xe);
		if (st == SZ_ERR_NOMEM) {
			snprintf(err->text, sizeof(err->text), "%s", sz_status_str(st));
			return st;
		}
		if (st == SZ_OK)
			rd->n_transferred++;
		else if (rd->why_no_transfer[0] == '\0')
			snprintf(rd->why_no_transfer, sizeof(rd->why_no_transfer), "%.399s", xe.text);
		/* a server too slow for one transfer gets no second one: the
		 * queries that follow keep their own bound, and the whole run
		 * stays within one timeout more than without transfers */
		if (st == SZ_ERR_NETWORK)
			rd->conn_slow = true;
	}
	return SZ_OK;
}

sz_status szi_live_read_plan(szi_live_reader *rd, sz_live_plan *plan, const ldns_rdf *const *apexes,
			     size_t n_apexes, bool again, szi_live_error *err)
{
	if (again) {
		szi_live_reader_clear(rd);
		for (size_t i = 0; i < plan->n_owned; i++) {
			ldns_rr_list_deep_free(plan->items[i].served);
			plan->items[i].served = NULL;
		}
	} else if (szi_live_owner_add_meta(plan) != SZ_OK) {
		snprintf(err->text, sizeof(err->text), "%s", sz_status_str(SZ_ERR_NOMEM));
		return SZ_ERR_NOMEM;
	}
	sz_status s = transfer(rd, apexes, n_apexes, err);
	/* each round reads what the ownership records of the one before added */
	for (int round = 0; s == SZ_OK && round < 4; round++) {
		size_t added = 0;
		s = fill(rd, plan, 0, plan->n_owned, true, err);
		if (s == SZ_OK && (s = szi_live_owner_discover(plan, rd->zones, rd->n_zones, &added)) != SZ_OK)
			snprintf(err->text, sizeof(err->text), "%s", sz_status_str(s));
		if (added == 0)
			break;
	}
	return s;
}

sz_status szi_live_read_more(szi_live_reader *rd, sz_live_plan *plan, size_t from, size_t to,
			     szi_live_error *err)
{
	return fill(rd, plan, from, to, false, err);
}

static sz_status verify_plan(sz_live_conn *c, sz_live_plan *plan, const sz_live_options *opts,
			     sz_diag_list *findings, sz_live_report **out, szi_live_error *err)
{
	szi_live_reader rd = { .conn = c };
	ldns_rdf *given[SZI_LIVE_READ_MAX_ZONES];
	size_t n_given = 0;
	sz_status s = SZ_OK;
	for (size_t i = 0; i < opts->n_zones && n_given < SZI_LIVE_READ_MAX_ZONES; i++) {
		char buf[LDNS_MAX_DOMAINLEN + 2];
		size_t len = strlen(opts->zones[i]);
		snprintf(buf, sizeof(buf), "%s%s", opts->zones[i], len > 0 && opts->zones[i][len - 1] == '.' ? "" : ".");
		if ((given[n_given] = ldns_dname_new_frm_str(buf)) != NULL)
			n_given++;
	}
	if (opts->n_zones > 0)
		s = szi_live_read_plan(&rd, plan, (const ldns_rdf *const *)given, n_given, false, err);
	else
		s = szi_live_read_plan(&rd, plan, (const ldns_rdf *const *)plan->zone_rdfs,
				       plan->n_zones < SZI_LIVE_READ_MAX_ZONES ? plan->n_zones : SZI_LIVE_READ_MAX_ZONES,
				       false, err);
	for (size_t i = 0; i < n_given; i++)
		ldns_rdf_deep_free(given[i]);
	if (s == SZ_OK && (s = szi_live_rules_add_probes(plan)) != SZ_OK)
		snprintf(err->text, sizeof(err->text), "%s", sz_status_str(s));
	if (s == SZ_OK)
		s = szi_live_read_more(&rd, plan, plan->n_owned, plan->count, err);
	if (s == SZ_OK && (s = szi_live_rules_run(plan, c->label, opts->allow_targets,
					     opts->n_allow_targets, findings)) != SZ_OK)
		snprintf(err->text, sizeof(err->text), "%s", sz_status_str(s));
	if (s == SZ_OK && (s = szi_live_report_new(plan, c->label, out)) == SZ_OK) {
		(*out)->transferred = rd.n_transferred > 0;
		(*out)->n_queries = rd.n_queries;
		if (rd.why_no_transfer[0] != '\0' && ((*out)->why_no_transfer = strdup(rd.why_no_transfer)) == NULL)
			s = SZ_ERR_NOMEM;
	}
	if (s == SZ_ERR_NOMEM)
		snprintf(err->text, sizeof(err->text), "%s", sz_status_str(s));
	szi_live_reader_clear(&rd);
	return s;
}

static sz_status verify(const sz_model *model, const sz_live_options *opts,
		       sz_live_report **out, sz_diag_list *findings, szi_live_error *err)
{
	sz_live_plan plan;
	sz_live_conn conn;
	*out = NULL;
	szi_live_error_init(err);
	sz_status s = szi_live_rules_check_allow(opts->allow_targets, opts->n_allow_targets, err);
	if (s == SZ_OK)
		s = szi_live_plan_build_view(model, opts->view, opts->zones, opts->n_zones, &plan, err);
	if (s != SZ_OK)
		return s;
	s = szi_live_conn_open(&conn, opts, err);
	if (s == SZ_OK) {
		s = verify_plan(&conn, &plan, opts, findings, out, err);
		if (s != SZ_OK) {
			sz_live_report_free(*out);
			*out = NULL;
		}
		szi_live_conn_close(&conn);
	}
	szi_live_plan_clear(&plan);
	return s;
}

sz_status sz_verify(const sz_model *model, const sz_live_options *opts,
		    sz_live_report **out, sz_diag_list *findings)
{
	szi_live_error err;
	return szi_live_fail(findings, verify(model, opts, out, findings, &err), &err);
}
