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

/* Does sipzone write records into `zone`: does it hold a SIP domain (which
 * is written into it unless it is listed itself) or an edge pool host?
 * (Domains are sorted by now.) */
static bool is_snippet_zone(const sz_model *m, const char *zone)
{
	if (sz_model_find_domain(m, zone) != NULL)
		return true;
	for (size_t i = 0; i < m->n_domains; i++)
		if (sz_name_is_within(m->domains[i].name, zone))
			return true;
	for (size_t i = 0; i < m->n_pools; i++) {
		const sz_host *hosts[] = { &m->pools[i].access_edge, &m->pools[i].webconf_edge,
					   &m->pools[i].av_edge };
		for (size_t j = 0; j < 3; j++)
			if (hosts[j]->fqdn != NULL && sz_name_is_within(hosts[j]->fqdn, zone))
				return true;
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

/* The NS records' canonical order is their RDATA's (RFC 4034 section 6.3):
 * the target name in wire form, label by label from the left, each label's
 * length first (names are lower-case by now). */
static int ns_cmp(const void *a, const void *b)
{
	const char *x = ((const sz_ns *)a)->name, *y = ((const sz_ns *)b)->name;
	for (;;) {
		size_t lx = strcspn(x, "."), ly = strcspn(y, ".");
		if (lx != ly)
			return lx < ly ? -1 : 1;
		int c = memcmp(x, y, lx);
		if (c != 0 || lx == 0)
			return c;
		x += lx + (x[lx] == '.');
		y += ly + (y[ly] == '.');
	}
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
					    "sipzone writes no records for %s: a complete zone must be or hold a SIP domain or an edge pool host",
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
