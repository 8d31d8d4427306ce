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

void szi_live_error_init(sz_live_error *err)
{
	memset(err, 0, sizeof(*err));
	err->rcode = -1;
}

sz_status szi_live_read_range(sz_live_conn *c, sz_live_plan *plan, size_t from, size_t to,
			 bool need_authority, sz_live_error *err)
{
	for (size_t i = from; i < to; i++) {
		sz_status s = szi_live_read_rrset(c, &plan->items[i], need_authority, err);
		if (s != SZ_OK)
			return s;
	}
	return SZ_OK;
}

static sz_status verify_plan(sz_live_conn *c, sz_live_plan *plan, const sz_live_options *opts,
			     sz_diag_list *findings, sz_live_error *err)
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

sz_status sz_verify(const sz_model *model, const sz_live_options *opts,
		    sz_live_report **out, sz_diag_list *findings, sz_live_error *err)
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
