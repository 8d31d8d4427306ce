/*
 * records/build.c: model -> records, one snippet (zone) at a time.
 *
 * Placement: the snippets' zones ("apexes") are the complete zones the
 * model lists and the SIP domains that lie in none of them; a SIP domain
 * inside a listed zone (and not listed itself) is written into the longest
 * listed zone that contains it. A record goes to the snippet of the longest
 * apex that contains its owner; a pool host inside no apex goes to a
 * snippet named after its parent domain. SRV owners (_svc._proto.D) always
 * land with D, because SIP domains are host names and cannot hold '_'
 * labels. A listed zone inside another listed zone is delegated: the
 * parent gets the child's NS records and the addresses of the child's name
 * servers that the model gives (glue; they lie inside the child, so inside
 * the parent too).
 *
 * Names that land elsewhere than the domain or pool that made them, whole
 * SIP domains written into a listed zone, listed zones and delegations are
 * "strays": they are few, so they are collected once up front, sorted by
 * zone and merged into their snippet when it is built.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "dns/host_name.h"
#include "records/builder.h"
#include "base/strmap.h"

typedef struct stray {
	const char *zone;   /* placement (points into the model or `owned`) */
	const char *name;   /* a host with addresses, or NULL */
	const sz_addr *addrs;
	size_t n_addrs;
	const sz_domain *domain;   /* a SIP domain written into `zone`, or NULL */
	const sz_zone_def *deleg;  /* a listed zone delegated from `zone`, or NULL */
} stray;

typedef struct plan {
	const sz_model *model;
	sz_view view;
	bool nested;        /* some SIP domain lies below another, or zones are listed */
	sz_strmap domains;  /* apex name -> (non-NULL), only when nested */
	stray *strays;      /* sorted by zone */
	size_t n_strays, cap_strays;
	char **owned;       /* strings the plan made (domain hosts that stray) */
	size_t n_owned, cap_owned;
} plan;

/* The apex whose snippet holds `name` (the name as the model spells it);
 * NULL when none. */
static const char *placement(const plan *pl, const char *name)
{
	for (const char *s = name; s != NULL; s = szi_name_parent(s)) {
		if (pl->nested ? szi_strmap_get(&pl->domains, s) != NULL
			       : sz_model_find_domain(pl->model, s) != NULL)
			return s;
	}
	return NULL;
}

/* The longest listed zone that contains `name`, strictly when `strict`;
 * NULL when none. */
static const sz_zone_def *listed_zone(const sz_model *m, const char *name, bool strict)
{
	const char *s = strict ? szi_name_parent(name) : name;
	for (; m->n_zones > 0 && s != NULL; s = szi_name_parent(s)) {
		const sz_zone_def *z = sz_model_find_zone(m, s);
		if (z != NULL)
			return z;
	}
	return NULL;
}

/* The zone of the snippet that holds SIP domain d's records. */
static const char *domain_zone(const sz_model *m, const sz_domain *d)
{
	const sz_zone_def *z = listed_zone(m, d->name, false);
	return z != NULL ? z->name : d->name;
}

/* Does `host` of domain d stay in d's records, or go elsewhere? */
static bool host_stays(const plan *pl, const sz_domain *d, const char *host)
{
	if (!pl->nested)
		return true; /* without nesting, a domain's hosts stay in it */
	const char *a = placement(pl, host);
	return a == NULL || sz_name_canonical_cmp(a, domain_zone(pl->model, d)) == 0;
}

/* In canonical order every name below D follows D directly, so if any SIP
 * domain lies below another, one lies below its predecessor. Listed zones
 * take the same careful path. */
static bool any_nested(const sz_model *m)
{
	if (m->n_zones > 0)
		return true;
	for (size_t i = 1; i < m->n_domains; i++)
		if (sz_name_is_within(m->domains[i].name, m->domains[i - 1].name))
			return true;
	return false;
}

static sz_status own(plan *pl, char *s)
{
	if (s == NULL)
		return SZ_ERR_NOMEM;
	if (pl->n_owned == pl->cap_owned) {
		size_t cap = pl->cap_owned ? pl->cap_owned * 2 : 16;
		char **o = realloc(pl->owned, cap * sizeof(*o));
		if (o == NULL) {
			free(s);
			return SZ_ERR_NOMEM;
		}
		pl->owned = o;
		pl->cap_owned = cap;
	}
	pl->owned[pl->n_owned++] = s;
	return SZ_OK;
}

static sz_status add_item(plan *pl, stray item)
{
	if (pl->n_strays == pl->cap_strays) {
		size_t cap = pl->cap_strays ? pl->cap_strays * 2 : 16;
		stray *s = realloc(pl->strays, cap * sizeof(*s));
		if (s == NULL)
			return SZ_ERR_NOMEM;
		pl->strays = s;
		pl->cap_strays = cap;
	}
	pl->strays[pl->n_strays++] = item;
	return SZ_OK;
}

static sz_status add_stray(plan *pl, const char *zone, const char *name, const sz_addr *addrs,
			   size_t n)
{
	return add_item(pl, (stray){ .zone = zone, .name = name, .addrs = addrs, .n_addrs = n });
}

static sz_status place_pool_host(plan *pl, const sz_host *h)
{
	if (h->fqdn == NULL)
		return SZ_OK;
	const char *a = placement(pl, h->fqdn);
	return add_stray(pl, a != NULL ? a : szi_name_parent(h->fqdn), h->fqdn, h->addrs, h->n_addrs);
}

/* The domain's own hosts that belong to a longer SIP domain's snippet. */
static sz_status place_domain_hosts(plan *pl, const sz_domain *d)
{
	sz_domain_set set;
	szi_domain_set_make(pl->model, d, pl->view, &set);
	for (size_t i = 0; i < set.n_host; i++) {
		const sz_set_host *h = &set.host[i];
		if (host_stays(pl, d, h->name))
			continue;
		char *name = strdup(h->name);
		if (own(pl, name) != SZ_OK)
			return SZ_ERR_NOMEM;
		/* placement() returns a suffix of its argument: of `name` here */
		if (add_stray(pl, placement(pl, name), name, h->addrs, h->n_addrs) != SZ_OK)
			return SZ_ERR_NOMEM;
	}
	return SZ_OK;
}

/* Listed zones: each gets a snippet, a SIP domain inside one (and not
 * listed itself) goes into it, and one inside another is delegated. */
static sz_status place_zones(plan *pl, const sz_model *m)
{
	for (size_t i = 0; i < m->n_zones; i++) {
		const sz_zone_def *z = &m->zones[i];
		if (add_item(pl, (stray){ .zone = z->name }) != SZ_OK)
			return SZ_ERR_NOMEM;
		const sz_zone_def *parent = listed_zone(m, z->name, true);
		if (parent != NULL && pl->view == SZ_VIEW_EXTERNAL &&
		    add_item(pl, (stray){ .zone = parent->name, .deleg = z }) != SZ_OK)
			return SZ_ERR_NOMEM;
	}
	for (size_t i = 0; i < m->n_domains; i++) {
		const sz_domain *d = &m->domains[i];
		const char *zone = domain_zone(m, d);
		if (zone != d->name && strcmp(zone, d->name) != 0 &&
		    add_item(pl, (stray){ .zone = zone, .domain = d }) != SZ_OK)
			return SZ_ERR_NOMEM;
	}
	return SZ_OK;
}

static int stray_cmp(const void *a, const void *b)
{
	return sz_name_canonical_cmp(((const stray *)a)->zone, ((const stray *)b)->zone);
}

static sz_status place_pool_hosts(plan *pl, const sz_model *m)
{
	if (pl->view == SZ_VIEW_INTERNAL) {
		for (size_t i = 0; i < m->n_fe_pools; i++)
			if (place_pool_host(pl, &m->fe_pools[i].host) != SZ_OK)
				return SZ_ERR_NOMEM;
		/* The edge's internal interface (Microsoft's internal DNS table,
		 * dns.md): the mobile-push SRV's target. */
		for (size_t i = 0; i < m->n_pools; i++)
			if (place_pool_host(pl, &m->pools[i].internal_edge) != SZ_OK)
				return SZ_ERR_NOMEM;
		return SZ_OK;
	}
	for (size_t i = 0; i < m->n_pools; i++) {
		const sz_pool *p = &m->pools[i];
		if (place_pool_host(pl, &p->access_edge) != SZ_OK ||
		    place_pool_host(pl, &p->webconf_edge) != SZ_OK ||
		    place_pool_host(pl, &p->av_edge) != SZ_OK)
			return SZ_ERR_NOMEM;
	}
	return SZ_OK;
}

static sz_status plan_build(plan *pl, const sz_model *m, sz_view view)
{
	memset(pl, 0, sizeof(*pl));
	pl->model = m;
	pl->view = view;
	szi_strmap_init(&pl->domains);
	pl->nested = any_nested(m);
	for (size_t i = 0; pl->nested && i < m->n_domains; i++)
		if (strcmp(domain_zone(m, &m->domains[i]), m->domains[i].name) == 0 &&
		    szi_strmap_put(&pl->domains, m->domains[i].name, (void *)&m->domains[i], NULL) != SZ_OK)
			return SZ_ERR_NOMEM;
	for (size_t i = 0; i < m->n_zones; i++)
		if (szi_strmap_put(&pl->domains, m->zones[i].name, (void *)&m->zones[i], NULL) != SZ_OK)
			return SZ_ERR_NOMEM;
	if (place_pool_hosts(pl, m) != SZ_OK || place_zones(pl, m) != SZ_OK)
		return SZ_ERR_NOMEM;
	/* Without nesting, every domain host stays in its own domain. */
	for (size_t i = 0; pl->nested && i < m->n_domains; i++)
		if (place_domain_hosts(pl, &m->domains[i]) != SZ_OK)
			return SZ_ERR_NOMEM;
	if (pl->n_strays > 1)
		qsort(pl->strays, pl->n_strays, sizeof(*pl->strays), stray_cmp);
	return SZ_OK;
}

static void plan_free(plan *pl)
{
	szi_strmap_clear(&pl->domains);
	free(pl->strays);
	for (size_t i = 0; i < pl->n_owned; i++)
		free(pl->owned[i]);
	free(pl->owned);
}

/* The domain's own records: SRVs, NAPTRs, CNAMEs, and the hosts that stay in its
 * snippet. Names made for the set are copied into the snippet. */
static sz_status add_domain_records(const plan *pl, sz_snippet_builder *b, const sz_domain *d)
{
	sz_domain_set set;
	szi_domain_set_make(pl->model, d, pl->view, &set);
	sz_status s = SZ_OK;
	for (size_t i = 0; i < set.n_srv && s == SZ_OK; i++) {
		const sz_set_srv *v = &set.srv[i];
		const char *t = szi_builder_copy(b, v->target);
		s = t != NULL ? szi_builder_add_srv(b, v->prefix, d->name, v->prio_weight_port, t)
			      : SZ_ERR_NOMEM;
	}
	for (size_t i = 0; i < set.n_naptr && s == SZ_OK; i++) {
		const sz_set_naptr *n = &set.naptr[i];
		const char *repl = szi_builder_name(b, n->prefix, d->name);
		s = repl != NULL ? szi_builder_add_naptr(b, d->name, n->order, n->preference,
							 n->service, repl)
				 : SZ_ERR_NOMEM;
	}
	for (size_t i = 0; i < set.n_cname && s == SZ_OK; i++) {
		const char *o = szi_builder_copy(b, set.cname[i].owner);
		s = o != NULL ? szi_builder_add_cname(b, o, set.cname[i].target) : SZ_ERR_NOMEM;
	}
	for (size_t i = 0; i < set.n_host && s == SZ_OK; i++) {
		const sz_set_host *h = &set.host[i];
		if (!host_stays(pl, d, h->name))
			continue;
		const char *n = szi_builder_copy(b, h->name);
		s = n != NULL ? szi_builder_add_addrs(b, n, h->addrs, h->n_addrs) : SZ_ERR_NOMEM;
	}
	return s;
}

/* A delegation: the child's NS records, and the addresses the model gives
 * its name servers (inside the child: glue), with the child zone's TTL, so
 * that parent and child agree on these RRsets. */
static sz_status add_delegation(const plan *pl, sz_snippet_builder *b, const sz_zone_def *child)
{
	size_t first = b->snippet->n_records;
	for (size_t i = 0; i < child->n_ns; i++)
		if (szi_builder_add_ns(b, child->name, child->ns[i].name) != SZ_OK ||
		    szi_builder_add_addrs(b, child->ns[i].name, child->ns[i].addrs,
					  child->ns[i].n_addrs) != SZ_OK)
			return SZ_ERR_NOMEM;
	const sz_domain *d = sz_model_find_domain(pl->model, child->name);
	for (size_t i = first; i < b->snippet->n_records; i++)
		b->snippet->records[i].ttl = d != NULL ? d->ttl : pl->model->default_ttl;
	return SZ_OK;
}

static sz_status add_strays(const plan *pl, sz_snippet_builder *b, const stray *s, size_t n,
			    const char *zone)
{
	sz_status st = SZ_OK;
	for (size_t i = 0; st == SZ_OK && i < n && strcmp(s[i].zone, zone) == 0; i++) {
		if (s[i].domain != NULL) {
			st = add_domain_records(pl, b, s[i].domain);
		} else if (s[i].deleg != NULL) {
			st = add_delegation(pl, b, s[i].deleg);
		} else if (s[i].name != NULL) {
			/* Stray names may belong to the plan, which dies before the snippet. */
			const char *name = szi_builder_copy(b, s[i].name);
			st = name == NULL ? SZ_ERR_NOMEM
				: szi_builder_add_addrs(b, name, s[i].addrs, s[i].n_addrs);
		}
	}
	return st;
}

/* A complete zone: its SOA/NS come from the model, in-zone name servers get
 * their address records here. */
static sz_status add_glue(sz_snippet_builder *b, const sz_zone_def *def)
{
	b->snippet->def = def;
	for (size_t i = 0; def != NULL && i < def->n_ns; i++)
		if (szi_builder_add_addrs(b, def->ns[i].name, def->ns[i].addrs, def->ns[i].n_addrs) != SZ_OK)
			return SZ_ERR_NOMEM;
	return SZ_OK;
}

/* Emit one snippet: the SIP domain `d` (may be NULL) and/or the strays
 * starting at *si whose zone is `zone`. */
static sz_status emit(const plan *pl, const char *zone, const sz_domain *d, size_t *si,
		      sz_snippet_fn fn, void *ctx)
{
	sz_snippet_builder b;
	uint32_t ttl = d != NULL ? d->ttl : pl->model->default_ttl;
	if (szi_builder_init(&b, zone, ttl) != SZ_OK)
		return SZ_ERR_NOMEM;
	sz_status s = d != NULL ? add_domain_records(pl, &b, d) : SZ_OK;
	/* Complete zones (SOA, NS) are the external view's. */
	if (s == SZ_OK && pl->view == SZ_VIEW_EXTERNAL)
		s = add_glue(&b, sz_model_find_zone(pl->model, zone));
	size_t start = *si;
	while (*si < pl->n_strays && strcmp(pl->strays[*si].zone, zone) == 0)
		(*si)++;
	if (s == SZ_OK && *si > start) /* strays is NULL when there are none */
		s = add_strays(pl, &b, pl->strays + start, *si - start, zone);
	sz_snippet *snippet = NULL;
	if (s == SZ_OK)
		s = szi_builder_finish(&b, &snippet);
	else
		szi_builder_abandon(&b);
	/* A domain with nothing in this view (no front-end pool in the
	 * internal view) gets no snippet at all. */
	if (s == SZ_OK && snippet->n_records == 0 && snippet->def == NULL) {
		sz_snippet_free(snippet);
		return SZ_OK;
	}
	return s == SZ_OK ? fn(snippet, ctx) : s;
}

/* Walk the SIP domains and the stray-only zones together, in canonical
 * order; both lists are sorted. */
static sz_status walk(const plan *pl, sz_snippet_fn fn, void *ctx)
{
	const sz_model *m = pl->model;
	size_t di = 0, si = 0;
	sz_status s = SZ_OK;
	while (s == SZ_OK && (di < m->n_domains || si < pl->n_strays)) {
		int c;
		if (di == m->n_domains)
			c = 1;
		else if (si == pl->n_strays)
			c = -1;
		else
			c = sz_name_canonical_cmp(m->domains[di].name, pl->strays[si].zone);
		if (c <= 0) {
			const sz_domain *d = &m->domains[di++];
			/* one written into a listed zone comes with that zone */
			if (m->n_zones == 0 || strcmp(domain_zone(m, d), d->name) == 0)
				s = emit(pl, d->name, d, &si, fn, ctx);
		} else {
			s = emit(pl, pl->strays[si].zone, NULL, &si, fn, ctx);
		}
	}
	return s;
}

sz_status sz_snippets_each(const sz_model *model, sz_snippet_fn fn, void *ctx)
{
	return sz_snippets_each_view(model, SZ_VIEW_EXTERNAL, fn, ctx);
}

sz_status sz_snippets_each_view(const sz_model *model, sz_view view, sz_snippet_fn fn,
				void *ctx)
{
	plan pl;
	sz_status s = plan_build(&pl, model, view);
	if (s == SZ_OK)
		s = walk(&pl, fn, ctx);
	plan_free(&pl);
	return s;
}

static sz_status collect(sz_snippet *snippet_take, void *ctx)
{
	sz_snippets *all = ctx;
	/* Grow at powers of two: the count alone tells the capacity. */
	if ((all->count & (all->count - 1)) == 0) {
		size_t cap = all->count ? all->count * 2 : 1;
		sz_snippet *items = realloc(all->items, cap * sizeof(*items));
		if (items == NULL) {
			sz_snippet_free(snippet_take);
			return SZ_ERR_NOMEM;
		}
		all->items = items;
	}
	all->items[all->count++] = *snippet_take;
	free(snippet_take);
	return SZ_OK;
}

sz_status sz_snippets_build(const sz_model *model, sz_snippets **out)
{
	return sz_snippets_build_view(model, SZ_VIEW_EXTERNAL, out);
}

sz_status sz_snippets_build_view(const sz_model *model, sz_view view, sz_snippets **out)
{
	sz_snippets *all = calloc(1, sizeof(*all));
	*out = NULL;
	if (all == NULL)
		return SZ_ERR_NOMEM;
	sz_status s = sz_snippets_each_view(model, view, collect, all);
	if (s != SZ_OK) {
		sz_snippets_free(all);
		return s;
	}
	*out = all;
	return SZ_OK;
}
