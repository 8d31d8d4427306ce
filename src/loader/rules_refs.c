/*
 * loader/rules_refs.c: references between parts of the model. A domain's
 * edge_pool and front_end_pool name pools that must exist; they are resolved
 * to pointers, and a domain without its own TTL gets its default.
 */
#include <stdlib.h>
#include <string.h>

#include "loader/rules.h"

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
	szi_mr_domain_path(ld, i, key, &p);
	szi_loader_error(ld, &p, SZ_MR_UNKNOWN_POOL, "pool \"%s\" is not defined in %s",
			szi_quote(name, strlen(name), q, sizeof(q)), table);
}

void szi_mr_resolve_domain(sz_loader *ld, size_t i)
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

void szi_mr_sort_pools(sz_model *m)
{
	if (m->n_pools > 1)
		qsort(m->pools, m->n_pools, sizeof(*m->pools), pool_name_cmp);
	if (m->n_fe_pools > 1)
		qsort(m->fe_pools, m->n_fe_pools, sizeof(*m->fe_pools), fe_pool_name_cmp);
}
