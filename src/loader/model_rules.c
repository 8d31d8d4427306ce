/*
 * loader/model_rules.c: the rules that span several parts of the model, in
 * the order they run (and so the order of their reports).
 *
 * Pools are sorted by name and domains' references resolved
 * (loader/rules_refs.c); then per pool and per domain the certificate rules
 * (loader/rules_cert.c), the namespace rule and name lengths
 * (loader/rules_names.c) and the web services (loader/rules_web.c). On a
 * model without problems so far, one address set per host name
 * (loader/rules_addresses.c). Then the domains are sorted into canonical
 * order, which finds duplicates (loader/sort.c), and the zones checked
 * (loader/rules_zones.c).
 */
#include "loader/rules.h"

void szi_model_check_rules(sz_loader *ld)
{
	sz_model *m = ld->model;
	szi_mr_sort_pools(m);
	for (size_t i = 0; i < m->n_pools; i++)
		szi_mr_check_pool(ld, &m->pools[i]);
	const sz_domain *dialin = NULL, *admin = NULL;
	for (size_t i = 0; i < m->n_domains; i++) {
		szi_mr_resolve_domain(ld, i);
		if (m->domains[i].hosted != SZ_HOSTED_NONE) {
			szi_mr_check_name_length(ld, i);
			continue;
		}
		szi_mr_check_namespace(ld, i);
		szi_mr_check_certificate(ld, i);
		szi_mr_check_internal_certificates(ld, i);
		szi_mr_check_web(ld, i, &dialin, &admin);
	}
	if (ld->problems == 0)
		szi_mr_check_conflicts(ld);
	szi_mr_check_public_addresses(ld);
	/* Sorting also finds duplicate domains; it needs ld->src intact. */
	if (szi_model_sort(ld) != SZ_OK)
		ld->nomem = true;
	else
		szi_mr_check_zones(ld);
}
