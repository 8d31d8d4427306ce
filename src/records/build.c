/*
 * records/build.c: model -> records, one snippet (zone) at a time.
 *
 * Placement: a record goes to the snippet of the longest SIP domain that
 * contains its owner; a pool host inside no SIP domain goes to a snippet
 * named after its parent domain. SRV owners (_svc._proto.D) always land in
 * D, because SIP domains are host names and cannot hold '_' labels. Host
 * names that land elsewhere than the domain or pool that made them are
 * "strays"; they are few, so they are collected once up front and merged
 * into their snippet when it is built.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "dns/host_name.h"
#include "records/builder.h"
#include "base/strmap.h"

typedef struct stray {
	const char *zone;   /* placement (points into the model or `owned`) */
	const char *name;
	const sz_addr *addrs;
	size_t n_addrs;
} stray;

typedef struct plan {
	const sz_model *model;
	sz_view view;
	bool nested;        /* some SIP domain lies below another */
	sz_strmap domains;  /* name -> sz_domain *, only when nested */
	stray *strays;      /* sorted by zone */
	size_t n_strays, cap_strays;
	char **owned;       /* strings the plan made (domain hosts that stray) */
	size_t n_owned, cap_owned;
} plan;

/* The SIP domain whose snippet holds `name`, searching only suffixes longer
 * than `floor` (a domain known to contain it); NULL when none. */
static const sz_domain *placement(const plan *pl, const char *name, const char *floor)
{
	/* Without nesting, the domain known to contain a name is the longest. */
	if (floor != NULL && !pl->nested)
		return NULL;
	size_t floor_len = floor != NULL ? strlen(floor) : 0;
	for (const char *s = name; s != NULL && strlen(s) > floor_len; s = szi_name_parent(s)) {
		const sz_domain *d = pl->nested ? szi_strmap_get(&pl->domains, s)
			: sz_model_find_domain(pl->model, s);
		if (d != NULL)
			return d;
	}
	return NULL;
}

/* In canonical order every name below D follows D directly, so if any SIP
 * domain lies below another, one lies below its predecessor. */
static bool any_nested(const sz_model *m)
{
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

static sz_status add_stray(plan *pl, const char *zone, const char *name, const sz_addr *addrs,
			   size_t n)
{
	if (pl->n_strays == pl->cap_strays) {
		size_t cap = pl->cap_strays ? pl->cap_strays * 2 : 16;
		stray *s = realloc(pl->strays, cap * sizeof(*s));
		if (s == NULL)
			return SZ_ERR_NOMEM;
		pl->strays = s;
		pl->cap_strays = cap;
	}
	pl->strays[pl->n_strays++] = (stray){ zone, name, addrs, n };
	return SZ_OK;
}

static sz_status place_pool_host(plan *pl, const sz_host *h)
{
	if (h->fqdn == NULL)
		return SZ_OK;
	const sz_domain *d = placement(pl, h->fqdn, NULL);
	return add_stray(pl, d != NULL ? d->name : szi_name_parent(h->fqdn), h->fqdn,
			 h->addrs, h->n_addrs);
}

/* The domain's own hosts that belong to a longer SIP domain's snippet. */
static sz_status place_domain_hosts(plan *pl, const sz_domain *d)
{
	sz_domain_set set;
	szi_domain_set_make(pl->model, d, pl->view, &set);
	for (size_t i = 0; i < set.n_host; i++) {
		const sz_set_host *h = &set.host[i];
		const sz_domain *z = placement(pl, h->name, d->name);
		if (z == NULL)
			continue;
		char *name = strdup(h->name);
		if (own(pl, name) != SZ_OK || add_stray(pl, z->name, name, h->addrs, h->n_addrs) != SZ_OK)
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
		if (szi_strmap_put(&pl->domains, m->domains[i].name, (void *)&m->domains[i], NULL) != SZ_OK)
			return SZ_ERR_NOMEM;
	if (place_pool_hosts(pl, m) != SZ_OK)
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
		if (placement(pl, h->name, d->name) != NULL)
			continue;
		const char *n = szi_builder_copy(b, h->name);
		s = n != NULL ? szi_builder_add_addrs(b, n, h->addrs, h->n_addrs) : SZ_ERR_NOMEM;
	}
	return s;
}

static sz_status add_strays(sz_snippet_builder *b, const stray *s, size_t n, const char *zone)
{
	/* Stray names may belong to the plan, which dies before the snippet. */
	for (size_t i = 0; i < n && strcmp(s[i].zone, zone) == 0; i++) {
		const char *name = szi_builder_copy(b, s[i].name);
		if (name == NULL || szi_builder_add_addrs(b, name, s[i].addrs, s[i].n_addrs) != SZ_OK)
			return SZ_ERR_NOMEM;
	}
	return SZ_OK;
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
		s = add_strays(&b, pl->strays + start, *si - start, zone);
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
