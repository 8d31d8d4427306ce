/*
 * loader/deploy.c: the parts of the model beyond the edge: front-end
 * pools (front_end_pools), the web service endpoints (reverse_proxy,
 * internal_web), and on each SIP domain its front_end_pool, web_services,
 * hosted and teams_only. All of them are optional; a version 1 model without them means
 * what it always meant.
 */
#include <stdlib.h>
#include <string.h>

#include "loader/loader.h"
#include "loader/values.h"

static void take_fe_pool(sz_loader *ld, const char *name, size_t nlen, json_t *v, sz_jpath *p,
			 void *out)
{
	sz_fe_pool *pool = out;
	static const char *const keys[] = { "fqdn", "addresses", "certificate", NULL };
	pool->name = szi_mj_take_pool_name(ld, p, name, nlen);
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "an object describing the front-end pool"))
		return;
	szi_mj_check_keys(ld, v, p, keys);
	json_t *x;
	if ((x = szi_mj_member(ld, v, p, "fqdn", true)) != NULL)
		szi_mj_take_name(ld, x, p, &pool->host.fqdn);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "addresses", true)) != NULL)
		szi_mj_take_addresses(ld, x, p, &pool->host.addrs, &pool->host.n_addrs);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "certificate", false)) != NULL)
		szi_mj_take_certificate(ld, x, p, &pool->cert, "front-end pool");
	szi_jpath_pop(p);
}

void szi_model_take_fe_pools(sz_loader *ld, json_t *v, sz_jpath *p)
{
	sz_model *m = ld->model;
	m->fe_pools = szi_mj_take_named(ld, v, p, "an object of front-end pools by name",
				       sizeof(*m->fe_pools), &m->n_fe_pools, take_fe_pool);
}

/* {"addresses": [...]}: web service endpoints have addresses, no name of
 * their own (each domain's simple URLs point at them). */
static void take_endpoint(sz_loader *ld, json_t *v, sz_jpath *p, sz_host *out)
{
	static const char *const keys[] = { "addresses", NULL };
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "an object with addresses"))
		return;
	szi_mj_check_keys(ld, v, p, keys);
	json_t *a = szi_mj_member(ld, v, p, "addresses", true);
	if (a != NULL)
		szi_mj_take_addresses(ld, a, p, &out->addrs, &out->n_addrs);
	szi_jpath_pop(p);
}

void szi_model_take_reverse_proxy(sz_loader *ld, json_t *v, sz_jpath *p)
{
	take_endpoint(ld, v, p, &ld->model->reverse_proxy);
}

void szi_model_take_internal_web(sz_loader *ld, json_t *v, sz_jpath *p)
{
	take_endpoint(ld, v, p, &ld->model->internal_web);
}

static void take_web_services(sz_loader *ld, json_t *v, sz_jpath *p, unsigned *web)
{
	static const char *const keys[] = { "lyncdiscover", "meet", "dialin", "admin", NULL };
	static const unsigned bits[] = { SZ_WEB_LYNCDISCOVER, SZ_WEB_MEET, SZ_WEB_DIALIN,
					 SZ_WEB_ADMIN };
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "an object of web services (lyncdiscover, meet, dialin, admin)"))
		return;
	szi_mj_check_keys(ld, v, p, keys);
	for (size_t i = 0; keys[i] != NULL; i++) {
		bool on = false;
		json_t *x = szi_mj_member(ld, v, p, keys[i], false);
		if (x != NULL && szi_mj_take_bool(ld, x, p, &on) && on)
			*web |= bits[i];
		szi_jpath_pop(p);
	}
}

#define SZ_HOSTED_VALUES \
	"\"microsoft365\", \"microsoft365-gcc-high\", \"microsoft365-dod\" or \"microsoft365-21vianet\""

static void take_hosted(sz_loader *ld, json_t *v, const sz_jpath *p, sz_hosted *out)
{
	char q[SZ_QUOTE_SIZE];
	if (!szi_mj_want(ld, v, p, JSON_STRING, SZ_HOSTED_VALUES))
		return;
	for (sz_hosted h = SZ_HOSTED_M365; h <= SZ_HOSTED_LAST && !szi_mj_has_nul(v); h++) {
		if (strcmp(json_string_value(v), sz_hosted_info(h)->key) == 0) {
			*out = h;
			return;
		}
	}
	szi_loader_error(ld, p, SZ_MR_BAD_VALUE, "hosted \"%s\" is not " SZ_HOSTED_VALUES,
			szi_quote(json_string_value(v), json_string_length(v), q, sizeof(q)));
}

/* A hosted domain is the cloud's: keys about the organisation's own
 * servers mean nothing for it and are refused rather than ignored. */
static void refuse_with_hosted(sz_loader *ld, json_t *v, sz_jpath *p)
{
	static const char *const servers[] = { "edge_pool", "front_end_pool", "federation",
					       "remote_access", "xmpp", "pic", "access_host",
					       "web_services", "generic_sip", NULL };
	for (size_t i = 0; servers[i] != NULL; i++) {
		if (json_object_get(v, servers[i]) == NULL)
			continue;
		szi_jpath_push_key(p, servers[i]);
		szi_loader_error_key(ld, p, SZ_MR_BAD_VALUE,
				    "a hosted domain takes no \"%s\": the cloud service serves it, and sipzone writes its fixed records",
				    servers[i]);
		szi_jpath_pop(p);
	}
}

void szi_model_take_domain_deploy(sz_loader *ld, json_t *v, sz_jpath *p, sz_domain *d,
				 sz_domain_src *src)
{
	json_t *x;
	if ((x = szi_mj_member(ld, v, p, "front_end_pool", false)) != NULL)
		szi_mj_take_pool_ref(ld, x, p, "front_end_pools", &src->fe_pool_name);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "web_services", false)) != NULL)
		take_web_services(ld, x, p, &d->web);
	szi_jpath_pop(p);
	bool hosted = (x = szi_mj_member(ld, v, p, "hosted", false)) != NULL;
	if (hosted)
		take_hosted(ld, x, p, &d->hosted);
	szi_jpath_pop(p);
	/* Teams-only is a cloud tenant's mode (microsoft-365-docs
	 * external-domain-name-system-records.md): an on-premises domain has
	 * no such choice. */
	if ((x = szi_mj_member(ld, v, p, "teams_only", false)) != NULL) {
		if (!hosted)
			szi_loader_error_key(ld, p, SZ_MR_BAD_VALUE,
					    "\"teams_only\" is for a hosted domain (a Microsoft 365 tenant in Teams-only mode); give \"hosted\" or drop it");
		else
			szi_mj_take_bool(ld, x, p, &d->teams_only);
	}
	szi_jpath_pop(p);
	if (hosted)
		refuse_with_hosted(ld, v, p);
}
