/*
 * loader/rules_zones.c: the complete zones of the model (zones{}). Each is
 * a zone sipzone writes records for, its name servers have glue exactly
 * when they lie inside it, and neither zones nor name servers repeat; both
 * are sorted into canonical order.
 */
#include <stdlib.h>
#include <string.h>

#include "loader/rules.h"
#include "dns/host_name.h"
#include "sipzone/records.h"

/* Is `zone` the zone of some snippet: a SIP domain, or the parent of a pool
 * host that lies in no SIP domain? (Domains are sorted by now.) */
static bool is_snippet_zone(const sz_model *m, const char *zone)
{
	if (sz_model_find_domain(m, zone) != NULL)
		return true;
	for (size_t i = 0; i < m->n_pools; i++) {
		const sz_host *hosts[] = { &m->pools[i].access_edge, &m->pools[i].webconf_edge,
					   &m->pools[i].av_edge };
		for (size_t j = 0; j < 3; j++) {
			const char *h = hosts[j]->fqdn;
			bool placed = false;
			for (const char *s = h; s != NULL && !placed; s = szi_name_parent(s))
				placed = sz_model_find_domain(m, s) != NULL;
			if (h != NULL && !placed && strcmp(szi_name_parent(h), zone) == 0)
				return true;
		}
	}
	return false;
}

static void check_zone_ns(sz_loader *ld, const sz_zone_def *z)
{
	sz_jpath p;
	for (size_t i = 0; i < z->n_ns; i++) {
		bool inside = sz_name_is_within(z->ns[i].name, z->name);
		if (inside == (z->ns[i].n_addrs > 0))
			continue;
		szi_mr_zone_path(ld, z, "ns", &p);
		szi_jpath_push_index(&p, i);
		if (inside)
			szi_loader_error(ld, &p, SZ_MR_NS_NO_ADDRESS,
					"name server %s is inside %s and needs addresses (glue): write {\"name\": \"%s\", \"addresses\": [...]}",
					z->ns[i].name, z->name, z->ns[i].name);
		else
			szi_loader_error(ld, &p, SZ_MR_BAD_VALUE,
					"name server %s is outside %s: its addresses belong in its own zone, not here",
					z->ns[i].name, z->name);
	}
}

static int ns_cmp(const void *a, const void *b)
{
	return sz_name_canonical_cmp(((const sz_ns *)a)->name, ((const sz_ns *)b)->name);
}

static int zone_def_cmp(const void *a, const void *b)
{
	return sz_name_canonical_cmp(((const sz_zone_def *)a)->name, ((const sz_zone_def *)b)->name);
}

void szi_mr_check_zones(sz_loader *ld)
{
	sz_model *m = ld->model;
	sz_jpath p;
	for (size_t i = 0; i < m->n_zones; i++) {
		sz_zone_def *z = &m->zones[i];
		if (!is_snippet_zone(m, z->name)) {
			szi_mr_zone_path(ld, z, NULL, &p);
			szi_loader_error_key(ld, &p, SZ_MR_UNKNOWN_ZONE,
					    "sipzone writes no records for %s: a complete zone must be a SIP domain or the parent domain of an edge pool host",
					    z->name);
		}
		check_zone_ns(ld, z);
		if (z->n_ns > 1)
			qsort(z->ns, z->n_ns, sizeof(*z->ns), ns_cmp);
		for (size_t j = 1; j < z->n_ns; j++) {
			if (strcmp(z->ns[j - 1].name, z->ns[j].name) != 0)
				continue;
			szi_mr_zone_path(ld, z, "ns", &p);
			szi_loader_error(ld, &p, SZ_MR_BAD_VALUE, "name server %s is listed twice",
					z->ns[j].name);
		}
	}
	if (m->n_zones > 1)
		qsort(m->zones, m->n_zones, sizeof(*m->zones), zone_def_cmp);
	for (size_t i = 1; i < m->n_zones; i++) {
		if (strcmp(m->zones[i - 1].name, m->zones[i].name) != 0)
			continue;
		szi_mr_zone_path(ld, &m->zones[i], NULL, &p);
		szi_loader_error_key(ld, &p, SZ_MR_DUP_DOMAIN, "zone %s is listed twice", m->zones[i].name);
	}
}
