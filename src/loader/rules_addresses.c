/*
 * loader/rules_addresses.c: one address set per host name and view. Pool
 * hosts, front-end pools, name servers with glue and the hosts of every SIP
 * domain must agree on the addresses of each name they make records for.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loader/rules.h"
#include "base/strmap.h"
#include "sip/domain.h"

/* One address set per host name: every source that makes address records
 * for a name must agree, or the zone would merge two hosts into one. */
typedef struct host_use {
	const sz_addr *addrs;
	size_t n;
} host_use;

static bool same_addrs(const host_use *a, const sz_addr *addrs, size_t n)
{
	if (a->n != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (szi_addr_cmp(&a->addrs[i], &addrs[i]) != 0)
			return false;
	return true;
}

typedef struct conflicts {
	sz_strmap map;
	host_use *uses;
	size_t n, cap;
	char **owned;
	size_t n_owned, cap_owned;
} conflicts;

/* Returns false when `name` already has a different address set. The map
 * stores index + 1 into `uses`, which may move as it grows. */
static bool use_host(sz_loader *ld, conflicts *c, const char *name, const sz_addr *addrs, size_t n)
{
	uintptr_t prev = (uintptr_t)szi_strmap_get(&c->map, name);
	if (prev != 0)
		return same_addrs(&c->uses[prev - 1], addrs, n);
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		host_use *u = realloc(c->uses, cap * sizeof(*u));
		if (u == NULL) {
			ld->nomem = true;
			return true;
		}
		c->uses = u;
		c->cap = cap;
	}
	c->uses[c->n] = (host_use){ addrs, n };
	if (szi_strmap_put(&c->map, name, (void *)(uintptr_t)(c->n + 1), NULL) != SZ_OK)
		ld->nomem = true;
	c->n++;
	return true;
}

static void conflict_error(sz_loader *ld, const sz_jpath *p, const char *name)
{
	szi_loader_error(ld, p, SZ_MR_ADDR_CONFLICT,
			"%s would get address records from two sources with different addresses; give each host name one set of addresses",
			name);
}

static void view_conflict_error(sz_loader *ld, const sz_jpath *p, const char *name, sz_view view)
{
	szi_loader_error(ld, p, SZ_MR_ADDR_CONFLICT,
			"%s would get records from two sources in the %s view (different addresses, or addresses beside a hosted domain's CNAME); give each name one set of addresses",
			name, sz_view_name(view));
}

static void use_pool_host(sz_loader *ld, conflicts *c, const sz_pool *pool, const sz_host *h,
			  const char *key)
{
	sz_jpath p;
	if (h->fqdn == NULL || use_host(ld, c, h->fqdn, h->addrs, h->n_addrs))
		return;
	if (key != NULL)
		szi_mr_pool_path(ld, pool, key, "fqdn", &p);
	else
		szi_mr_pool_path(ld, pool, "access_edge", NULL, &p);
	conflict_error(ld, &p, h->fqdn);
}

/* Domain hosts get their pool's access addresses. They can differ from
 * another domain's host only when pools have different access addresses;
 * otherwise looking them up among the pool hosts is enough, and the map
 * stays small (a 200,000-domain model would otherwise fill it). */
static bool pools_share_addresses(const sz_model *m)
{
	for (size_t i = 1; i < m->n_pools; i++) {
		host_use a = { m->pools[0].access_edge.addrs, m->pools[0].access_edge.n_addrs };
		if (!same_addrs(&a, m->pools[i].access_edge.addrs, m->pools[i].access_edge.n_addrs))
			return false;
	}
	return true;
}

static bool domain_host_ok(sz_loader *ld, conflicts *c, const char *name, const sz_host *a,
			   bool insert)
{
	if (insert)
		return use_host(ld, c, name, a->addrs, a->n_addrs);
	uintptr_t prev = (uintptr_t)szi_strmap_get(&c->map, name);
	return prev == 0 || same_addrs(&c->uses[prev - 1], a->addrs, a->n_addrs);
}

static const char *keep_name(sz_loader *ld, conflicts *c, const char *name)
{
	char *copy = strdup(name);
	if (copy != NULL && c->n_owned == c->cap_owned) {
		size_t cap = c->cap_owned ? c->cap_owned * 2 : 64;
		char **o = realloc(c->owned, cap * sizeof(*o));
		if (o == NULL) {
			free(copy);
			copy = NULL;
		} else {
			c->owned = o;
			c->cap_owned = cap;
		}
	}
	if (copy == NULL) {
		ld->nomem = true;
		return NULL;
	}
	c->owned[c->n_owned++] = copy;
	return copy;
}

/* The map borrows its keys: inserted names are copies kept in `c`. */
static void use_domain_hosts(sz_loader *ld, conflicts *c, size_t i, sz_view view, bool insert)
{
	const sz_domain *d = &ld->model->domains[i];
	sz_domain_set set;
	szi_domain_set_make(ld->model, d, view, &set);
	/* A hosted domain's CNAME owners take part with no addresses, so that
	 * any address record at them (a nested domain's host) is a conflict. */
	for (size_t j = 0; j < set.n_host + set.n_cname && !ld->nomem; j++) {
		bool cname = j >= set.n_host;
		const sz_set_host *h = cname ? NULL : &set.host[j];
		const char *name = cname ? set.cname[j - set.n_host].owner : h->name;
		if (insert && szi_strmap_get(&c->map, name) == NULL && (name = keep_name(ld, c, name)) == NULL)
			return;
		sz_host a = { NULL, cname ? NULL : (sz_addr *)h->addrs, cname ? 0 : h->n_addrs };
		if (domain_host_ok(ld, c, name, &a, insert))
			continue;
		sz_jpath p;
		szi_mr_domain_path(ld, i, cname ? "hosted" : h->key, &p);
		view_conflict_error(ld, &p, name, view);
	}
}

static void use_pool_hosts(sz_loader *ld, conflicts *c, sz_view view)
{
	const sz_model *m = ld->model;
	for (size_t i = 0; view == SZ_VIEW_INTERNAL && i < m->n_fe_pools && !ld->nomem; i++) {
		const sz_fe_pool *fe = &m->fe_pools[i];
		sz_jpath p;
		if (use_host(ld, c, fe->host.fqdn, fe->host.addrs, fe->host.n_addrs))
			continue;
		szi_jpath_root(&p, "front_end_pools", ld->fe_pools_offset);
		szi_jpath_push_key(&p, fe->name);
		view_conflict_error(ld, &p, fe->host.fqdn, view);
	}
	for (size_t i = 0; view == SZ_VIEW_INTERNAL && i < m->n_pools && !ld->nomem; i++) {
		const sz_pool *pool = &m->pools[i];
		const sz_host *h = &pool->internal_edge;
		sz_jpath p;
		if (h->fqdn == NULL || use_host(ld, c, h->fqdn, h->addrs, h->n_addrs))
			continue;
		szi_mr_pool_path(ld, pool, "internal_fqdn", NULL, &p);
		view_conflict_error(ld, &p, h->fqdn, view);
	}
	for (size_t i = 0; view == SZ_VIEW_EXTERNAL && i < m->n_pools && !ld->nomem; i++) {
		const sz_pool *pool = &m->pools[i];
		use_pool_host(ld, c, pool, &pool->access_edge, NULL);
		use_pool_host(ld, c, pool, &pool->webconf_edge, "webconf_edge");
		use_pool_host(ld, c, pool, &pool->av_edge, "av_edge");
	}
	for (size_t i = 0; view == SZ_VIEW_EXTERNAL && i < m->n_zones && !ld->nomem; i++) {
		const sz_zone_def *z = &m->zones[i];
		for (size_t j = 0; j < z->n_ns; j++) {
			sz_jpath p;
			if (z->ns[j].n_addrs == 0 ||
			    use_host(ld, c, z->ns[j].name, z->ns[j].addrs, z->ns[j].n_addrs))
				continue;
			szi_mr_zone_path(ld, z, "ns", &p);
			conflict_error(ld, &p, z->ns[j].name);
		}
	}
}

/* Web services, front-end pools and hosted domains give domain names other
 * data than their edge pool's addresses: then every name is recorded. */
static bool has_deployment(const sz_model *m)
{
	if (m->n_fe_pools > 0 || m->reverse_proxy.n_addrs > 0 || m->internal_web.n_addrs > 0)
		return true;
	for (size_t i = 0; i < m->n_domains; i++)
		if (m->domains[i].hosted != SZ_HOSTED_NONE)
			return true;
	return false;
}

static void check_conflicts_in(sz_loader *ld, sz_view view)
{
	conflicts c = { 0 };
	sz_model *m = ld->model;
	bool insert = !pools_share_addresses(m) || has_deployment(m);
	szi_strmap_init(&c.map);
	use_pool_hosts(ld, &c, view);
	for (size_t i = 0; i < m->n_domains && !ld->nomem; i++)
		use_domain_hosts(ld, &c, i, view, insert);
	szi_strmap_clear(&c.map);
	free(c.uses);
	for (size_t i = 0; i < c.n_owned; i++)
		free(c.owned[i]);
	free(c.owned);
}

/* One address set per name within each view; the views are separate DNS
 * trees (sip.D is the edge outside and the front-end pool inside). */
void szi_mr_check_conflicts(sz_loader *ld)
{
	const sz_model *m = ld->model;
	bool internal = m->n_fe_pools > 0;
	for (size_t i = 0; i < m->n_pools && !internal; i++)
		internal = m->pools[i].internal_edge.fqdn != NULL;
	check_conflicts_in(ld, SZ_VIEW_EXTERNAL);
	if (internal)
		check_conflicts_in(ld, SZ_VIEW_INTERNAL);
}
