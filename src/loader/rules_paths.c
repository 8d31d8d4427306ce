/*
 * loader/rules_paths.c: where a part of the loaded model (a SIP domain, an
 * edge pool, a zone) sits in the JSON text, so that a rule reports there.
 */
#include "loader/rules.h"

void szi_mr_domain_path(const sz_loader *ld, size_t i, const char *key, sz_jpath *p)
{
	szi_jpath_root(p, "sip_domains", ld->src[i].offset);
	szi_jpath_push_index(p, ld->src[i].index);
	p->base_steps = 2;
	if (key != NULL)
		szi_jpath_push_key(p, key);
}

void szi_mr_pool_path(const sz_loader *ld, const sz_pool *pool, const char *key,
		      const char *key2, sz_jpath *p)
{
	szi_jpath_root(p, "edge_pools", ld->pools_offset);
	szi_jpath_push_key(p, pool->name);
	if (key != NULL)
		szi_jpath_push_key(p, key);
	if (key2 != NULL)
		szi_jpath_push_key(p, key2);
}

void szi_mr_zone_path(const sz_loader *ld, const sz_zone_def *z, const char *key, sz_jpath *p)
{
	szi_jpath_root(p, "zones", ld->zones_offset);
	szi_jpath_push_key(p, z->name);
	if (key != NULL)
		szi_jpath_push_key(p, key);
}
