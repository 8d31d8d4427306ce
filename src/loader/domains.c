/*
 * loader/domains.c: jansson values -> model parts.
 *
 * Each function checks one part of the model: JSON types, allowed keys,
 * names, addresses and numbers (with the getters of loader/values.c), and
 * reports every problem at its JSON path. A part with problems is not added
 * to the model.
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "loader/loader.h"
#include "loader/values.h"
#include "dns/host_name.h"

void szi_model_take_version(sz_loader *ld, json_t *v, sz_jpath *p)
{
	if (!szi_mj_want(ld, v, p, JSON_INTEGER, "the integer 1"))
		return;
	if (json_integer_value(v) != SZ_MODEL_VERSION)
		szi_loader_error(ld, p, SZ_MR_BAD_VERSION,
				"model version %lld is not supported; this sipzone reads version 1",
				(long long)json_integer_value(v));
}

void szi_model_take_defaults(sz_loader *ld, json_t *v, sz_jpath *p)
{
	static const char *const keys[] = { "ttl", NULL };
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "an object"))
		return;
	szi_mj_check_keys(ld, v, p, keys);
	json_t *ttl = szi_mj_member(ld, v, p, "ttl", false);
	if (ttl != NULL && szi_mj_take_ttl(ld, ttl, p, &ld->model->default_ttl))
		ld->has_default_ttl = true;
	szi_jpath_pop(p);
}

static void take_pool_hosts(sz_loader *ld, json_t *v, sz_jpath *p, sz_pool *pool)
{
	json_t *w = szi_mj_member(ld, v, p, "webconf_edge", false);
	if (w != NULL)
		szi_mj_take_host(ld, w, p, &pool->webconf_edge);
	szi_jpath_pop(p);
	json_t *a = szi_mj_member(ld, v, p, "av_edge", false);
	if (a != NULL)
		szi_mj_take_host(ld, a, p, &pool->av_edge);
	szi_jpath_pop(p);
	/* The internal interface: both keys or neither (Microsoft's internal
	 * DNS table, dns.md, gives the internal edge FQDN its addresses). */
	bool has_fqdn = json_object_get(v, "internal_fqdn") != NULL;
	bool has_addrs = json_object_get(v, "internal_addresses") != NULL;
	json_t *f = szi_mj_member(ld, v, p, "internal_fqdn", has_addrs);
	if (f != NULL)
		szi_mj_take_name(ld, f, p, &pool->internal_edge.fqdn);
	szi_jpath_pop(p);
	json_t *ia = szi_mj_member(ld, v, p, "internal_addresses", has_fqdn);
	if (ia != NULL)
		szi_mj_take_addresses(ld, ia, p, &pool->internal_edge.addrs, &pool->internal_edge.n_addrs);
	szi_jpath_pop(p);
}

static void take_pool(sz_loader *ld, const char *name, size_t nlen, json_t *v, sz_jpath *p,
		      void *out)
{
	sz_pool *pool = out;
	static const char *const keys[] = { "access_edge", "addresses", "certificate",
					    "webconf_edge", "av_edge", "internal_fqdn",
					    "internal_addresses", NULL };
	pool->name = szi_mj_take_pool_name(ld, p, name, nlen);
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "an object describing the edge pool"))
		return;
	szi_mj_check_keys(ld, v, p, keys);
	json_t *ae = szi_mj_member(ld, v, p, "access_edge", true);
	if (ae != NULL)
		szi_mj_take_name(ld, ae, p, &pool->access_edge.fqdn);
	szi_jpath_pop(p);
	json_t *addrs = szi_mj_member(ld, v, p, "addresses", true);
	if (addrs != NULL)
		szi_mj_take_addresses(ld, addrs, p, &pool->access_edge.addrs, &pool->access_edge.n_addrs);
	szi_jpath_pop(p);
	json_t *cert = szi_mj_member(ld, v, p, "certificate", true);
	if (cert != NULL) {
		sz_cert c = { 0 };
		szi_mj_take_certificate(ld, cert, p, &c, "Access Edge");
		pool->cert_subject = c.subject;
		pool->san = c.san;
		pool->n_san = c.n_san;
	}
	szi_jpath_pop(p);
	take_pool_hosts(ld, v, p, pool);
}

void szi_model_take_pools(sz_loader *ld, json_t *v, sz_jpath *p)
{
	sz_model *m = ld->model;
	m->pools = szi_mj_take_named(ld, v, p, "an object of edge pools by name", sizeof(*m->pools),
				    &m->n_pools, take_pool);
}

static bool take_federation(sz_loader *ld, json_t *v, const sz_jpath *p, sz_federation *out)
{
	static const sz_federation all[] = { SZ_FED_OPEN, SZ_FED_ENHANCED, SZ_FED_DIRECT, SZ_FED_NONE };
	char q[SZ_QUOTE_SIZE];
	if (!szi_mj_want(ld, v, p, JSON_STRING, "one of \"open\", \"enhanced\", \"direct\", \"none\""))
		return false;
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]) && !szi_mj_has_nul(v); i++) {
		if (strcmp(json_string_value(v), sz_federation_name(all[i])) == 0) {
			*out = all[i];
			return true;
		}
	}
	szi_loader_error(ld, p, SZ_MR_BAD_VALUE,
			"federation \"%s\" is not one of \"open\", \"enhanced\", \"direct\", \"none\"",
			szi_quote(json_string_value(v), json_string_length(v), q, sizeof(q)));
	return false;
}

static void take_domain_flags(sz_loader *ld, json_t *v, sz_jpath *p, sz_domain *d)
{
	json_t *x;
	if ((x = szi_mj_member(ld, v, p, "federation", false)) != NULL)
		take_federation(ld, x, p, &d->federation);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "remote_access", false)) != NULL)
		szi_mj_take_bool(ld, x, p, &d->remote_access);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "xmpp", false)) != NULL)
		szi_mj_take_bool(ld, x, p, &d->xmpp);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "pic", false)) != NULL)
		szi_mj_take_bool(ld, x, p, &d->pic);
	szi_jpath_pop(p);
}

static void take_domain_fields(sz_loader *ld, json_t *v, sz_jpath *p, sz_domain *d,
			       sz_domain_src *src)
{
	json_t *x;
	if ((x = szi_mj_member(ld, v, p, "domain", true)) != NULL)
		szi_mj_take_name(ld, x, p, &d->name);
	szi_jpath_pop(p);
	/* Neither an edge pool nor the cloud: a plain SIP provider's domain,
	 * which generic_sip alone describes (loader/generic_sip.c). */
	bool needs_pool = json_object_get(v, "hosted") == NULL &&
			  json_object_get(v, "generic_sip") == NULL;
	if ((x = szi_mj_member(ld, v, p, "edge_pool", needs_pool)) != NULL)
		szi_mj_take_pool_ref(ld, x, p, "edge_pools", &src->pool_name);
	szi_jpath_pop(p);
	take_domain_flags(ld, v, p, d);
	szi_model_take_domain_deploy(ld, v, p, d, src);
	if ((x = szi_mj_member(ld, v, p, "access_host", false)) != NULL)
		szi_mj_take_name(ld, x, p, &d->access_host);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "generic_sip", false)) != NULL)
		szi_model_take_generic_sip(ld, x, p, d);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "ttl", false)) != NULL)
		src->has_ttl = szi_mj_take_ttl(ld, x, p, &d->ttl);
	szi_jpath_pop(p);
}

static char *default_access_host(const char *domain)
{
	size_t n = strlen(domain);
	char *h = malloc(n + 5);
	if (h != NULL) {
		memcpy(h, "sip.", 4);
		memcpy(h + 4, domain, n + 1);
	}
	return h;
}

void szi_model_take_domain(sz_loader *ld, json_t *v, sz_jpath *p, size_t index)
{
	static const char *const keys[] = { "domain", "edge_pool", "federation", "remote_access",
					    "xmpp", "pic", "access_host", "ttl", "front_end_pool",
					    "web_services", "hosted", "teams_only", "generic_sip", NULL };
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "an object describing a SIP domain"))
		return;
	size_t before = ld->problems;
	sz_domain d = { .federation = SZ_FED_OPEN, .remote_access = true };
	sz_domain_src src = { .index = index, .offset = p->base };
	szi_mj_check_keys(ld, v, p, keys);
	take_domain_fields(ld, v, p, &d, &src);
	if (d.name != NULL && d.access_host == NULL && d.hosted == SZ_HOSTED_NONE &&
	    (d.access_host = default_access_host(d.name)) == NULL)
		ld->nomem = true;
	if (ld->problems == before && d.hosted == SZ_HOSTED_NONE && src.pool_name == NULL)
		szi_model_generic_sip_alone(ld, v, p, &d);
	if (ld->problems == before)
		szi_model_generic_sip_host(ld, v, p, &d);
	if (ld->problems != before || ld->nomem) {
		szi_domain_clear(&d);
		free(src.pool_name);
		free(src.fe_pool_name);
		return;
	}
	ld->model->domains[ld->model->n_domains] = d;
	ld->src[ld->model->n_domains] = src;
	ld->model->n_domains++;
}

static bool take_u32_timer(sz_loader *ld, json_t *v, const sz_jpath *p, uint32_t *out)
{
	/* SOA timers are TTL-like: 0..2^31-1 (RFC 2181 section 8). */
	return szi_mj_take_ttl(ld, v, p, out);
}

static void take_soa(sz_loader *ld, json_t *v, sz_jpath *p, sz_zone_def *z)
{
	static const char *const keys[] = { "mname", "rname", "refresh", "retry", "expire",
					    "minimum", NULL };
	static const struct { const char *key; size_t off; uint32_t def; } timers[] = {
		{ "refresh", offsetof(sz_zone_def, refresh), 7200 },
		{ "retry", offsetof(sz_zone_def, retry), 3600 },
		{ "expire", offsetof(sz_zone_def, expire), 1209600 },
		{ "minimum", offsetof(sz_zone_def, minimum), 3600 },
	};
	json_t *x;
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "an object with mname, rname and the SOA timers"))
		return;
	szi_mj_check_keys(ld, v, p, keys);
	if ((x = szi_mj_member(ld, v, p, "mname", true)) != NULL)
		szi_mj_take_name(ld, x, p, &z->mname);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "rname", true)) != NULL)
		szi_mj_take_name(ld, x, p, &z->rname);
	szi_jpath_pop(p);
	for (size_t i = 0; i < sizeof(timers) / sizeof(timers[0]); i++) {
		uint32_t *t = (uint32_t *)(void *)((char *)z + timers[i].off);
		*t = timers[i].def;
		if ((x = szi_mj_member(ld, v, p, timers[i].key, false)) != NULL)
			take_u32_timer(ld, x, p, t);
		szi_jpath_pop(p);
	}
}

/* "ns1.contoso.net" or {"name": "ns1.contoso.com", "addresses": [...]} */
static void take_ns(sz_loader *ld, json_t *v, sz_jpath *p, sz_ns *ns)
{
	static const char *const keys[] = { "name", "addresses", NULL };
	if (json_is_string(v)) {
		szi_mj_take_name(ld, v, p, &ns->name);
		return;
	}
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "a host name or an object with name and addresses"))
		return;
	szi_mj_check_keys(ld, v, p, keys);
	json_t *x;
	if ((x = szi_mj_member(ld, v, p, "name", true)) != NULL)
		szi_mj_take_name(ld, x, p, &ns->name);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "addresses", false)) != NULL)
		szi_mj_take_addresses(ld, x, p, &ns->addrs, &ns->n_addrs);
	szi_jpath_pop(p);
}

static void take_ns_list(sz_loader *ld, json_t *v, sz_jpath *p, sz_zone_def *z)
{
	if (!szi_mj_want(ld, v, p, JSON_ARRAY, "an array of name servers"))
		return;
	size_t n = json_array_size(v);
	if (n == 0) {
		szi_loader_error(ld, p, SZ_MR_EMPTY, "a zone needs at least one name server");
		return;
	}
	if ((z->ns = calloc(n, sizeof(*z->ns))) == NULL) {
		ld->nomem = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		szi_jpath_push_index(p, i);
		take_ns(ld, json_array_get(v, i), p, &z->ns[z->n_ns++]);
		szi_jpath_pop(p);
	}
}

static void take_zone(sz_loader *ld, const char *key, size_t klen, json_t *v, sz_jpath *p,
		      void *out)
{
	sz_zone_def *z = out;
	static const char *const keys[] = { "soa", "ns", NULL };
	char why[SZ_NAME_WHY_SIZE], q[SZ_QUOTE_SIZE];
	bool nomem;
	z->name = szi_name_normalize(key, klen, why, &nomem);
	if (nomem)
		ld->nomem = true;
	else if (z->name == NULL)
		szi_loader_error_key(ld, p, SZ_MR_BAD_NAME, "zone \"%s\" %s",
				    szi_quote(key, klen, q, sizeof(q)), why);
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "an object with soa and ns"))
		return;
	szi_mj_check_keys(ld, v, p, keys);
	json_t *x;
	if ((x = szi_mj_member(ld, v, p, "soa", true)) != NULL)
		take_soa(ld, x, p, z);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "ns", true)) != NULL)
		take_ns_list(ld, x, p, z);
	szi_jpath_pop(p);
}

void szi_model_take_zones(sz_loader *ld, json_t *v, sz_jpath *p)
{
	sz_model *m = ld->model;
	m->zones = szi_mj_take_named(ld, v, p, "an object of complete zones by name", sizeof(*m->zones),
				    &m->n_zones, take_zone);
}
