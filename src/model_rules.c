/*
 * model_rules.c: the rules that span several parts of the model.
 *
 * References (edge_pool), duplicates, the namespace rule (access_host inside
 * its SIP domain), the certificate rules (SRV targets on the SAN list, no
 * wildcard subject, access_edge == subject), name lengths of the records to
 * be written, and one address set per host name. Then the model is sorted
 * into canonical order, so that output never depends on input order.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_internal.h"
#include "name_internal.h"
#include "sipzone/records.h"
#include "strmap_internal.h"

/* The longest owner name sipzone writes below a SIP domain. */
#define SZ_LONGEST_PREFIX "_sipfederationtls._tcp."

static void domain_path(const sz_loader *ld, size_t i, const char *key, sz_jpath *p)
{
	sz_jpath_root(p, "sip_domains", ld->src[i].offset);
	sz_jpath_push_index(p, ld->src[i].index);
	p->base_steps = 2;
	if (key != NULL)
		sz_jpath_push_key(p, key);
}

static void pool_path(const sz_loader *ld, const sz_pool *pool, const char *key,
		      const char *key2, sz_jpath *p)
{
	sz_jpath_root(p, "edge_pools", ld->pools_offset);
	sz_jpath_push_key(p, pool->name);
	if (key != NULL)
		sz_jpath_push_key(p, key);
	if (key2 != NULL)
		sz_jpath_push_key(p, key2);
}

static void zone_path(const sz_loader *ld, const sz_zone_def *z, const char *key, sz_jpath *p)
{
	sz_jpath_root(p, "zones", ld->zones_offset);
	sz_jpath_push_key(p, z->name);
	if (key != NULL)
		sz_jpath_push_key(p, key);
}

static int pool_name_cmp(const void *a, const void *b)
{
	return strcmp(((const sz_pool *)a)->name, ((const sz_pool *)b)->name);
}

static const sz_pool *find_pool(const sz_model *m, const char *name)
{
	sz_pool key = { .name = (char *)name };
	return bsearch(&key, m->pools, m->n_pools, sizeof(*m->pools), pool_name_cmp);
}

static void resolve_domain(sz_loader *ld, size_t i)
{
	sz_domain *d = &ld->model->domains[i];
	char q[SZ_QUOTE_SIZE];
	d->pool = find_pool(ld->model, ld->src[i].pool_name);
	if (d->pool == NULL) {
		sz_jpath p;
		domain_path(ld, i, "edge_pool", &p);
		sz_loader_error(ld, &p, SZ_MR_UNKNOWN_POOL, "edge pool \"%s\" is not defined in edge_pools",
				sz_quote(ld->src[i].pool_name, strlen(ld->src[i].pool_name), q, sizeof(q)));
	}
	if (!ld->src[i].has_ttl)
		d->ttl = ld->model->default_ttl;
}

static void check_namespace(sz_loader *ld, size_t i)
{
	const sz_domain *d = &ld->model->domains[i];
	sz_jpath p;
	if (!sz_name_is_within(d->access_host, d->name)) {
		domain_path(ld, i, "access_host", &p);
		sz_loader_error(ld, &p, SZ_MR_NAMESPACE,
				"access host %s is outside the SIP domain %s: an SRV record of %s must point to %s or a name below it (e.g. sip.%s), with that name on the edge certificate",
				d->access_host, d->name, d->name, d->name, d->name);
	}
	if (strlen(SZ_LONGEST_PREFIX) + strlen(d->name) > 253) {
		domain_path(ld, i, "domain", &p);
		sz_loader_error(ld, &p, SZ_MR_BAD_NAME,
				"%s is too long: the owner " SZ_LONGEST_PREFIX "%s would exceed 255 octets",
				d->name, d->name);
	} else if (d->xmpp && strlen("xmpp.") + strlen(d->name) > 253) {
		domain_path(ld, i, "xmpp", &p);
		sz_loader_error(ld, &p, SZ_MR_BAD_NAME, "xmpp.%s would exceed 255 octets", d->name);
	}
}

static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool on_certificate(const sz_pool *pool, const char *host)
{
	if (pool->cert_subject != NULL && strcmp(pool->cert_subject, host) == 0)
		return true;
	return pool->n_san > 0 &&
	       bsearch(&host, pool->san, pool->n_san, sizeof(char *), str_ptr_cmp) != NULL;
}

static bool has_host_srv(const sz_domain *d)
{
	return d->remote_access || d->federation == SZ_FED_OPEN || d->federation == SZ_FED_ENHANCED;
}

static void check_certificate(sz_loader *ld, size_t i)
{
	const sz_domain *d = &ld->model->domains[i];
	/* An access host outside the domain is already an error; its
	 * certificate is beside the point. */
	if (d->pool == NULL || !has_host_srv(d) || !sz_name_is_within(d->access_host, d->name) ||
	    on_certificate(d->pool, d->access_host))
		return;
	sz_jpath p;
	domain_path(ld, i, "access_host", &p);
	sz_loader_error(ld, &p, SZ_MR_CERT_SAN,
			"access host %s is not on the certificate of edge pool %s (subject or san); add it to edge_pools.%s.certificate.san, or TLS to the SRV target of %s fails",
			d->access_host, d->pool->name, d->pool->name, d->name);
}

static void check_pool(sz_loader *ld, const sz_pool *pool)
{
	sz_jpath p;
	if (pool->cert_subject == NULL || pool->access_edge.fqdn == NULL)
		return;
	if (strcmp(pool->cert_subject, pool->access_edge.fqdn) != 0) {
		pool_path(ld, pool, "certificate", "subject", &p);
		sz_loader_error(ld, &p, SZ_MR_CERT_SUBJECT,
				"certificate subject %s differs from access_edge %s: the subject (common name) must be the Access Edge FQDN, which PIC and direct partners are given",
				pool->cert_subject, pool->access_edge.fqdn);
	}
}

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
		if (sz_addr_cmp(&a->addrs[i], &addrs[i]) != 0)
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
	uintptr_t prev = (uintptr_t)sz_strmap_get(&c->map, name);
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
	if (sz_strmap_put(&c->map, name, (void *)(uintptr_t)(c->n + 1), NULL) != SZ_OK)
		ld->nomem = true;
	c->n++;
	return true;
}

static void conflict_error(sz_loader *ld, const sz_jpath *p, const char *name)
{
	sz_loader_error(ld, p, SZ_MR_ADDR_CONFLICT,
			"%s would get address records from two sources with different addresses; give each host name one set of addresses",
			name);
}

static void use_pool_host(sz_loader *ld, conflicts *c, const sz_pool *pool, const sz_host *h,
			  const char *key)
{
	sz_jpath p;
	if (h->fqdn == NULL || use_host(ld, c, h->fqdn, h->addrs, h->n_addrs))
		return;
	if (key != NULL)
		pool_path(ld, pool, key, "fqdn", &p);
	else
		pool_path(ld, pool, "access_edge", NULL, &p);
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
	uintptr_t prev = (uintptr_t)sz_strmap_get(&c->map, name);
	return prev == 0 || same_addrs(&c->uses[prev - 1], a->addrs, a->n_addrs);
}

static char *keep_xmpp_name(sz_loader *ld, conflicts *c, const char *domain)
{
	char *xmpp = malloc(strlen(domain) + 6);
	if (xmpp != NULL && c->n_owned == c->cap_owned) {
		size_t cap = c->cap_owned ? c->cap_owned * 2 : 64;
		char **o = realloc(c->owned, cap * sizeof(*o));
		if (o == NULL) {
			free(xmpp);
			xmpp = NULL;
		} else {
			c->owned = o;
			c->cap_owned = cap;
		}
	}
	if (xmpp == NULL) {
		ld->nomem = true;
		return NULL;
	}
	strcpy(xmpp, "xmpp.");
	strcat(xmpp, domain);
	c->owned[c->n_owned++] = xmpp;
	return xmpp;
}

static void use_domain_hosts(sz_loader *ld, conflicts *c, size_t i, bool insert)
{
	const sz_domain *d = &ld->model->domains[i];
	const sz_host *a = &d->pool->access_edge;
	sz_jpath p;
	if (!domain_host_ok(ld, c, d->access_host, a, insert)) {
		domain_path(ld, i, "access_host", &p);
		conflict_error(ld, &p, d->access_host);
	}
	if (!d->xmpp)
		return;
	/* The map borrows its keys: inserted xmpp names live in `c`. Names
	 * are at most 253 octets here (check_namespace). */
	char buf[300];
	char *xmpp = buf;
	if (insert)
		xmpp = keep_xmpp_name(ld, c, d->name);
	else
		snprintf(buf, sizeof(buf), "xmpp.%s", d->name);
	if (xmpp != NULL && !domain_host_ok(ld, c, xmpp, a, insert)) {
		domain_path(ld, i, "xmpp", &p);
		conflict_error(ld, &p, xmpp);
	}
}

static void check_conflicts(sz_loader *ld)
{
	conflicts c = { 0 };
	sz_model *m = ld->model;
	bool insert = !pools_share_addresses(m);
	sz_strmap_init(&c.map);
	for (size_t i = 0; i < m->n_pools && !ld->nomem; i++) {
		const sz_pool *pool = &m->pools[i];
		use_pool_host(ld, &c, pool, &pool->access_edge, NULL);
		use_pool_host(ld, &c, pool, &pool->webconf_edge, "webconf_edge");
		use_pool_host(ld, &c, pool, &pool->av_edge, "av_edge");
	}
	for (size_t i = 0; i < m->n_zones && !ld->nomem; i++) {
		const sz_zone_def *z = &m->zones[i];
		for (size_t j = 0; j < z->n_ns; j++) {
			sz_jpath p;
			if (z->ns[j].n_addrs == 0 ||
			    use_host(ld, &c, z->ns[j].name, z->ns[j].addrs, z->ns[j].n_addrs))
				continue;
			zone_path(ld, z, "ns", &p);
			conflict_error(ld, &p, z->ns[j].name);
		}
	}
	for (size_t i = 0; i < m->n_domains && !ld->nomem; i++)
		if (m->domains[i].pool != NULL)
			use_domain_hosts(ld, &c, i, insert);
	sz_strmap_clear(&c.map);
	free(c.uses);
	for (size_t i = 0; i < c.n_owned; i++)
		free(c.owned[i]);
	free(c.owned);
}

/* Sorting 200,000 domains with a label-walking comparison is most of the
 * generator's time, so each name is first rewritten into a key that sorts
 * in canonical order under plain strcmp: labels in reverse order joined by
 * 0x01, which is below every host-name character ("sip.contoso.com" ->
 * "com\1contoso\1sip"). Names are lower-case here. */
typedef struct sort_key {
	char *key;
	size_t index;
} sort_key;

static void reverse_labels(const char *name, char *out)
{
	size_t end = strlen(name), o = 0;
	while (end > 0) {
		size_t start = end;
		while (start > 0 && name[start - 1] != '.')
			start--;
		if (o > 0)
			out[o++] = '\1';
		memcpy(out + o, name + start, end - start);
		o += end - start;
		end = start > 0 ? start - 1 : 0;
	}
	out[o] = '\0';
}

static int sort_key_cmp(const void *a, const void *b)
{
	const sort_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	/* Equal names keep model order, so a duplicate is reported at the
	 * later entry. */
	return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

/* After sorting, equal names are neighbours. */
static void report_duplicates(sz_loader *ld, const sort_key *keys, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		if (strcmp(keys[i - 1].key, keys[i].key) != 0)
			continue;
		sz_jpath p;
		domain_path(ld, keys[i].index, "domain", &p);
		sz_loader_error(ld, &p, SZ_MR_DUP_DOMAIN, "SIP domain %s is already listed as sip_domains[%zu]",
				ld->model->domains[keys[i].index].name, ld->src[keys[i - 1].index].index);
	}
}

static sz_status permute(sz_model *m, const sort_key *keys)
{
	sz_domain *sorted = malloc(m->n_domains * sizeof(*sorted));
	if (sorted == NULL)
		return SZ_ERR_NOMEM;
	for (size_t i = 0; i < m->n_domains; i++)
		sorted[i] = m->domains[keys[i].index];
	memcpy(m->domains, sorted, m->n_domains * sizeof(*sorted));
	free(sorted);
	return SZ_OK;
}

sz_status sz_model_sort(sz_loader *ld)
{
	sz_model *m = ld->model;
	size_t total = 0;
	for (size_t i = 0; i < m->n_domains; i++)
		total += strlen(m->domains[i].name) + 1;
	sort_key *keys = malloc((m->n_domains ? m->n_domains : 1) * sizeof(*keys));
	char *arena = malloc(total ? total : 1);
	sz_status s = keys != NULL && arena != NULL ? SZ_OK : SZ_ERR_NOMEM;
	for (size_t i = 0, o = 0; s == SZ_OK && i < m->n_domains; i++) {
		keys[i] = (sort_key){ arena + o, i };
		reverse_labels(m->domains[i].name, arena + o);
		o += strlen(m->domains[i].name) + 1;
	}
	if (s == SZ_OK) {
		qsort(keys, m->n_domains, sizeof(*keys), sort_key_cmp);
		report_duplicates(ld, keys, m->n_domains);
		s = permute(m, keys);
	}
	free(keys);
	free(arena);
	return s;
}

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
			for (const char *s = h; s != NULL && !placed; s = sz_name_parent(s))
				placed = sz_model_find_domain(m, s) != NULL;
			if (h != NULL && !placed && strcmp(sz_name_parent(h), zone) == 0)
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
		zone_path(ld, z, "ns", &p);
		sz_jpath_push_index(&p, i);
		if (inside)
			sz_loader_error(ld, &p, SZ_MR_NS_NO_ADDRESS,
					"name server %s is inside %s and needs addresses (glue): write {\"name\": \"%s\", \"addresses\": [...]}",
					z->ns[i].name, z->name, z->ns[i].name);
		else
			sz_loader_error(ld, &p, SZ_MR_BAD_VALUE,
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

static void check_zones(sz_loader *ld)
{
	sz_model *m = ld->model;
	sz_jpath p;
	for (size_t i = 0; i < m->n_zones; i++) {
		sz_zone_def *z = &m->zones[i];
		if (!is_snippet_zone(m, z->name)) {
			zone_path(ld, z, NULL, &p);
			sz_loader_error_key(ld, &p, SZ_MR_UNKNOWN_ZONE,
					    "sipzone writes no records for %s: a complete zone must be a SIP domain or the parent domain of an edge pool host",
					    z->name);
		}
		check_zone_ns(ld, z);
		if (z->n_ns > 1)
			qsort(z->ns, z->n_ns, sizeof(*z->ns), ns_cmp);
		for (size_t j = 1; j < z->n_ns; j++) {
			if (strcmp(z->ns[j - 1].name, z->ns[j].name) != 0)
				continue;
			zone_path(ld, z, "ns", &p);
			sz_loader_error(ld, &p, SZ_MR_BAD_VALUE, "name server %s is listed twice",
					z->ns[j].name);
		}
	}
	if (m->n_zones > 1)
		qsort(m->zones, m->n_zones, sizeof(*m->zones), zone_def_cmp);
	for (size_t i = 1; i < m->n_zones; i++) {
		if (strcmp(m->zones[i - 1].name, m->zones[i].name) != 0)
			continue;
		zone_path(ld, &m->zones[i], NULL, &p);
		sz_loader_error_key(ld, &p, SZ_MR_DUP_DOMAIN, "zone %s is listed twice", m->zones[i].name);
	}
}

void sz_model_check_rules(sz_loader *ld)
{
	sz_model *m = ld->model;
	if (m->n_pools > 1)
		qsort(m->pools, m->n_pools, sizeof(*m->pools), pool_name_cmp);
	for (size_t i = 0; i < m->n_pools; i++)
		check_pool(ld, &m->pools[i]);
	for (size_t i = 0; i < m->n_domains; i++) {
		resolve_domain(ld, i);
		check_namespace(ld, i);
		check_certificate(ld, i);
	}
	if (ld->problems == 0)
		check_conflicts(ld);
	/* Sorting also finds duplicate domains; it needs ld->src intact. */
	if (sz_model_sort(ld) != SZ_OK)
		ld->nomem = true;
	else
		check_zones(ld);
}
