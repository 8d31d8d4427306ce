/*
 * live/rules.h: the rules of `sipzone check` applied to what a
 * server actually answers.
 *
 * The verdict on an SRV record is sip/srv_verdict.c's, the one `sipzone
 * check` asks, so a served SRV record gets the same rule ids and severities
 * as the same record in a zone file; here only the words differ. The
 * checker itself is not used: it reads zone text and keeps its own state,
 * while here the records come from answers and the address and CNAME facts
 * from further queries.
 */
#ifndef SZ_LIVE_RULES_INTERNAL_H
#define SZ_LIVE_RULES_INTERNAL_H

#include "live/rrset.h"
#include "sipzone/diag.h"

/**
 * Add probes (A and AAAA) for the served SRV targets that lie in the plan's
 * zones and whose address RRsets the plan does not own already. SZ_ERR_NOMEM.
 */
sz_status szi_live_rules_add_probes(sz_live_plan *plan);

/**
 * The SRV rules over the served SRV records of the owned RRsets, after all
 * RRsets and probes are read. Findings name `source` (the server) as their
 * file. `allow` adds hosting-provider targets to the built-in ones.
 */
sz_status szi_live_rules_run(const sz_live_plan *plan, const char *source, const char *const *allow,
			size_t n_allow, sz_diag_list *out);

/** SZ_ERR_USAGE with err->text when an allow-listed target is not a name. */
sz_status szi_live_rules_check_allow(const char *const *allow, size_t n_allow, szi_live_error *err);

#endif
