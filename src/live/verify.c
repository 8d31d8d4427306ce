/*
 * live/verify.c: sipzone verify: read every RRset the model owns from a
 * server, compare, and check the served SRV records.
 */
#include <stdio.h>
#include <string.h>

#include "live/net.h"
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

sz_status szi_live_read_range(sz_live_conn *c, sz_live_plan *plan, size_t from, size_t to,
			 bool need_authority, szi_live_error *err)
{
	for (size_t i = from; i < to; i++) {
		sz_status s = szi_live_read_rrset(c, &plan->items[i], need_authority, err);
		if (s != SZ_OK)
			return s;
	}
	return SZ_OK;
}

static sz_status verify_plan(sz_live_conn *c, sz_live_plan *plan, const sz_live_options *opts,
			     sz_diag_list *findings, szi_live_error *err)
{
	sz_status s = szi_live_read_range(c, plan, 0, plan->n_owned, false, err);
	if (s == SZ_OK && (s = szi_live_rules_add_probes(plan)) != SZ_OK)
		snprintf(err->text, sizeof(err->text), "%s", sz_status_str(s));
	if (s == SZ_OK)
		s = szi_live_read_range(c, plan, plan->n_owned, plan->count, false, err);
	if (s == SZ_OK && (s = szi_live_rules_run(plan, c->label, opts->allow_targets,
					     opts->n_allow_targets, findings)) != SZ_OK)
		snprintf(err->text, sizeof(err->text), "%s", sz_status_str(s));
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
		s = verify_plan(&conn, &plan, opts, findings, err);
		if (s == SZ_OK && (s = szi_live_report_new(&plan, conn.label, out)) != SZ_OK)
			snprintf(err->text, sizeof(err->text), "%s", sz_status_str(s));
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
