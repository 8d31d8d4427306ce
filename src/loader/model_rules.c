/*
 * loader/model_rules.c: the rules that span several parts of the model.
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

#include "loader/loader.h"
#include "dns/host_name.h"
#include "sipzone/records.h"
#include "records/builder.h"
#include "base/strmap.h"

/* The longest owner name sipzone writes below a SIP domain. */
#define SZ_LONGEST_PREFIX "_sipfederationtls._tcp."

static void domain_path(const sz_loader *ld, size_t i, const char *key, sz_jpath *p)
{
	szi_jpath_root(p, "sip_domains", ld->src[i].offset);
	szi_jpath_push_index(p, ld->src[i].index);
	p->base_steps = 2;
	if (key != NULL)
		szi_jpath_push_key(p, key);
}

static void pool_path(const sz_loader *ld, const sz_pool *pool, const char *key,
		      const char *key2, sz_jpath *p)
{
	szi_jpath_root(p, "edge_pools", ld->pools_offset);
	szi_jpath_push_key(p, pool->name);
	if (key != NULL)
		szi_jpath_push_key(p, key);
	if (key2 != NULL)
		szi_jpath_push_key(p, key2);
}

static void zone_path(const sz_loader *ld, const sz_zone_def *z, const char *key, sz_jpath *p)
{
	szi_jpath_root(p, "zones", ld->zones_offset);
	szi_jpath_push_key(p, z->name);
	if (key != NULL)
		szi_jpath_push_key(p, key);
}

static int pool_name_cmp(const void *a, const void *b)
{
	return strcmp(((const sz_pool *)a)->name, ((const sz_pool *)b)->name);
}

static const sz_pool *find_pool(const sz_model *m, const char *name)
{
	sz_pool key = { .name = (char *)name };
	if (m->n_pools == 0)
		return NULL; /* bsearch() wants a non-null base even for none */
	return bsearch(&key, m->pools, m->n_pools, sizeof(*m->pools), pool_name_cmp);
}

static int fe_pool_name_cmp(const void *a, const void *b)
{
	return strcmp(((const sz_fe_pool *)a)->name, ((const sz_fe_pool *)b)->name);
}

static const sz_fe_pool *find_fe_pool(const sz_model *m, const char *name)
{
	sz_fe_pool key = { .name = (char *)name };
	if (m->n_fe_pools == 0)
		return NULL;
	return bsearch(&key, m->fe_pools, m->n_fe_pools, sizeof(*m->fe_pools), fe_pool_name_cmp);
}

static void unknown_pool(sz_loader *ld, size_t i, const char *key, const char *name,
			 const char *table)
{
	char q[SZ_QUOTE_SIZE];
	sz_jpath p;
	domain_path(ld, i, key, &p);
	szi_loader_error(ld, &p, SZ_MR_UNKNOWN_POOL, "pool \"%s\" is not defined in %s",
			szi_quote(name, strlen(name), q, sizeof(q)), table);
}

static void resolve_domain(sz_loader *ld, size_t i)
{
	sz_domain *d = &ld->model->domains[i];
	const sz_domain_src *src = &ld->src[i];
	if (src->pool_name != NULL && (d->pool = find_pool(ld->model, src->pool_name)) == NULL)
		unknown_pool(ld, i, "edge_pool", src->pool_name, "edge_pools");
	if (src->fe_pool_name != NULL &&
	    (d->fe_pool = find_fe_pool(ld->model, src->fe_pool_name)) == NULL)
		unknown_pool(ld, i, "front_end_pool", src->fe_pool_name, "front_end_pools");
	/* Microsoft publishes a hosted domain's records with TTL 3600. */
	if (!src->has_ttl)
		d->ttl = d->hosted != SZ_HOSTED_NONE ? SZ_DEFAULT_TTL : ld->model->default_ttl;
}

/* Web services need their endpoint; dialin and admin are once per
 * organisation (Microsoft's simple URLs), so one domain asks for each. */
static void check_web(sz_loader *ld, size_t i, const sz_domain **dialin, const sz_domain **admin)
{
	const sz_domain *d = &ld->model->domains[i];
	const sz_model *m = ld->model;
	sz_jpath p;
	domain_path(ld, i, "web_services", &p);
	if ((d->web & ~SZ_WEB_ADMIN) != 0 && m->reverse_proxy.n_addrs == 0)
		szi_loader_error(ld, &p, SZ_MR_MISSING_KEY,
				"web services of %s need \"reverse_proxy\": {\"addresses\": [...]} at the top level (the external view points them there)",
				d->name);
	if (d->web != 0 && d->fe_pool != NULL && m->internal_web.n_addrs == 0)
		szi_loader_error(ld, &p, SZ_MR_MISSING_KEY,
				"web services of %s need \"internal_web\": {\"addresses\": [...]} at the top level (the internal view points them there)",
				d->name);
	if ((d->web & SZ_WEB_ADMIN) && d->fe_pool == NULL)
		szi_loader_error(ld, &p, SZ_MR_MISSING_KEY,
				"admin.%s (the Control Panel) is internal only: %s needs a \"front_end_pool\" for it",
				d->name, d->name);
	const struct { unsigned bit; const char *what; const sz_domain **first; } once[] = {
		{ SZ_WEB_DIALIN, "dialin", dialin }, { SZ_WEB_ADMIN, "admin", admin },
	};
	for (size_t k = 0; k < 2; k++) {
		if (!(d->web & once[k].bit))
			continue;
		if (*once[k].first != NULL)
			szi_loader_error(ld, &p, SZ_MR_ONCE_PER_ORG,
					"%s is once per organisation and %s already asks for it: %s.%s",
					once[k].what, (*once[k].first)->name, once[k].what,
					(*once[k].first)->name);
		else
			*once[k].first = d;
	}
}

/* Every name sipzone makes below D (lyncdiscoverinternal.D, ...) is
 * shorter than the longest SRV owner. */
static void check_name_length(sz_loader *ld, size_t i)
{
	const sz_domain *d = &ld->model->domains[i];
	sz_jpath p;
	if (strlen(SZ_LONGEST_PREFIX) + strlen(d->name) > 253) {
		domain_path(ld, i, "domain", &p);
		szi_loader_error(ld, &p, SZ_MR_BAD_NAME,
				"%s is too long: the owner " SZ_LONGEST_PREFIX "%s would exceed 255 octets",
				d->name, d->name);
	} else if (d->xmpp && strlen("xmpp.") + strlen(d->name) > 253) {
		domain_path(ld, i, "xmpp", &p);
		szi_loader_error(ld, &p, SZ_MR_BAD_NAME, "xmpp.%s would exceed 255 octets", d->name);
	}
}

static void check_namespace(sz_loader *ld, size_t i)
{
	const sz_domain *d = &ld->model->domains[i];
	sz_jpath p;
	if (!sz_name_is_within(d->access_host, d->name)) {
		domain_path(ld, i, "access_host", &p);
		szi_loader_error(ld, &p, SZ_MR_NAMESPACE,
				"access host %s is outside the SIP domain %s: an SRV record of %s must point to %s or a name below it (e.g. sip.%s), with that name on the edge certificate",
				d->access_host, d->name, d->name, d->name, d->name);
	}
	check_name_length(ld, i);
}

static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool on_cert(const char *subject, char *const *san, size_t n_san, const char *host)
{
	if (subject != NULL && strcmp(subject, host) == 0)
		return true;
	return n_san > 0 && bsearch(&host, san, n_san, sizeof(char *), str_ptr_cmp) != NULL;
}

static bool on_certificate(const sz_pool *pool, const char *host)
{
	return on_cert(pool->cert_subject, pool->san, pool->n_san, host);
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
	szi_loader_error(ld, &p, SZ_MR_CERT_SAN,
			"access host %s is not on the certificate of edge pool %s (subject or san); add it to edge_pools.%s.certificate.san, or TLS to the SRV target of %s fails",
			d->access_host, d->pool->name, d->pool->name, d->name);
}

/* The internal view's SRV targets: the front-end pool's on its certificate
 * (when the model gives one), the edge name for mobile push on the edge's. */
static void check_internal_certificates(sz_loader *ld, size_t i)
{
	const sz_domain *d = &ld->model->domains[i];
	sz_domain_set set;
	if (d->fe_pool == NULL || d->hosted != SZ_HOSTED_NONE ||
	    !sz_name_is_within(d->access_host, d->name))
		return;
	szi_domain_set_make(ld->model, d, SZ_VIEW_INTERNAL, &set);
	for (size_t j = 0; j < set.n_srv; j++) {
		const sz_set_srv *v = &set.srv[j];
		bool fe = strcmp(v->key, "front_end_pool") == 0;
		const sz_cert *fc = &d->fe_pool->cert;
		if (fe ? fc->subject == NULL || on_cert(fc->subject, fc->san, fc->n_san, v->target)
		       : d->pool == NULL || on_certificate(d->pool, v->target))
			continue;
		sz_jpath p;
		domain_path(ld, i, fe ? "front_end_pool" : "access_host", &p);
		szi_loader_error(ld, &p, SZ_MR_CERT_SAN,
				"%s, the internal %s.%s SRV target, is not on the certificate of %s pool %s (subject or san); add it to %s.%s.certificate.san",
				v->target, v->prefix, d->name, fe ? "front-end" : "edge",
				fe ? d->fe_pool->name : d->pool->name, fe ? "front_end_pools" : "edge_pools",
				fe ? d->fe_pool->name : d->pool->name);
	}
}

static void check_pool(sz_loader *ld, const sz_pool *pool)
{
	sz_jpath p;
	if (pool->cert_subject == NULL || pool->access_edge.fqdn == NULL)
		return;
	if (strcmp(pool->cert_subject, pool->access_edge.fqdn) != 0) {
		pool_path(ld, pool, "certificate", "subject", &p);
		szi_loader_error(ld, &p, SZ_MR_CERT_SUBJECT,
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
		domain_path(ld, i, cname ? "hosted" : h->key, &p);
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
			zone_path(ld, z, "ns", &p);
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
static void check_conflicts(sz_loader *ld)
{
	check_conflicts_in(ld, SZ_VIEW_EXTERNAL);
	if (ld->model->n_fe_pools > 0)
		check_conflicts_in(ld, SZ_VIEW_INTERNAL);
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
		szi_loader_error(ld, &p, SZ_MR_DUP_DOMAIN, "SIP domain %s is already listed as sip_domains[%zu]",
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

sz_status szi_model_sort(sz_loader *ld)
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
		zone_path(ld, z, "ns", &p);
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

static void check_zones(sz_loader *ld)
{
	sz_model *m = ld->model;
	sz_jpath p;
	for (size_t i = 0; i < m->n_zones; i++) {
		sz_zone_def *z = &m->zones[i];
		if (!is_snippet_zone(m, z->name)) {
			zone_path(ld, z, NULL, &p);
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
			zone_path(ld, z, "ns", &p);
			szi_loader_error(ld, &p, SZ_MR_BAD_VALUE, "name server %s is listed twice",
					z->ns[j].name);
		}
	}
	if (m->n_zones > 1)
		qsort(m->zones, m->n_zones, sizeof(*m->zones), zone_def_cmp);
	for (size_t i = 1; i < m->n_zones; i++) {
		if (strcmp(m->zones[i - 1].name, m->zones[i].name) != 0)
			continue;
		zone_path(ld, &m->zones[i], NULL, &p);
		szi_loader_error_key(ld, &p, SZ_MR_DUP_DOMAIN, "zone %s is listed twice", m->zones[i].name);
	}
}

void szi_model_check_rules(sz_loader *ld)
{
	sz_model *m = ld->model;
	if (m->n_pools > 1)
		qsort(m->pools, m->n_pools, sizeof(*m->pools), pool_name_cmp);
	if (m->n_fe_pools > 1)
		qsort(m->fe_pools, m->n_fe_pools, sizeof(*m->fe_pools), fe_pool_name_cmp);
	for (size_t i = 0; i < m->n_pools; i++)
		check_pool(ld, &m->pools[i]);
	const sz_domain *dialin = NULL, *admin = NULL;
	for (size_t i = 0; i < m->n_domains; i++) {
		resolve_domain(ld, i);
		if (m->domains[i].hosted != SZ_HOSTED_NONE) {
			check_name_length(ld, i);
			continue;
		}
		check_namespace(ld, i);
		check_certificate(ld, i);
		check_internal_certificates(ld, i);
		check_web(ld, i, &dialin, &admin);
	}
	if (ld->problems == 0)
		check_conflicts(ld);
	/* Sorting also finds duplicate domains; it needs ld->src intact. */
	if (szi_model_sort(ld) != SZ_OK)
		ld->nomem = true;
	else
		check_zones(ld);
}
