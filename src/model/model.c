/*
 * model/model.c: the model's lifetime, lookups and names.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model/parts.h"
#include "sipzone/records.h"

static const sz_rule model_rules[] = {
#define SZ_MR_ENTRY(id, rule) rule,
	SZ_MODEL_RULES(SZ_MR_ENTRY)
#undef SZ_MR_ENTRY
};

sz_rule sz_model_rule_registry(sz_model_rule rule)
{
	return (unsigned)rule < SZ_MR_COUNT ? model_rules[rule] : SZ_RULE_COUNT;
}

const char *sz_model_rule_name(sz_model_rule rule)
{
	return (unsigned)rule < SZ_MR_COUNT ? sz_rule_id(model_rules[rule]) : "unknown";
}

const char *sz_model_rule_text(sz_model_rule rule)
{
	return (unsigned)rule < SZ_MR_COUNT ? sz_rule_description(model_rules[rule]) : "unknown rule";
}

const char *sz_federation_name(sz_federation fed)
{
	switch (fed) {
	case SZ_FED_OPEN: return "open";
	case SZ_FED_ENHANCED: return "enhanced";
	case SZ_FED_DIRECT: return "direct";
	case SZ_FED_NONE: return "none";
	}
	return "unknown";
}

const char *sz_sip_transport_name(sz_sip_transport t)
{
	switch (t) {
	case SZ_SIP_TLS: return "tls";
	case SZ_SIP_TCP: return "tcp";
	case SZ_SIP_UDP: return "udp";
	}
	return NULL;
}

const char *sz_view_name(sz_view view)
{
	return view == SZ_VIEW_INTERNAL ? "internal" : "external";
}

bool sz_view_parse(const char *text, sz_view *out)
{
	if (strcmp(text, "external") == 0)
		*out = SZ_VIEW_EXTERNAL;
	else if (strcmp(text, "internal") == 0)
		*out = SZ_VIEW_INTERNAL;
	else
		return false;
	return true;
}

int szi_addr_cmp(const sz_addr *a, const sz_addr *b)
{
	/* IPv4 before IPv6, then by value: the order A before AAAA in output. */
	int fa = a->family == AF_INET ? 4 : 6, fb = b->family == AF_INET ? 4 : 6;
	if (fa != fb)
		return fa - fb;
	return memcmp(a->bytes, b->bytes, fa == 4 ? 4 : 16);
}

void szi_host_clear(sz_host *h)
{
	free(h->fqdn);
	free(h->addrs);
	memset(h, 0, sizeof(*h));
}

void szi_pool_clear(sz_pool *pool)
{
	free(pool->name);
	szi_host_clear(&pool->access_edge);
	free(pool->cert_subject);
	for (size_t i = 0; i < pool->n_san; i++)
		free(pool->san[i]);
	free(pool->san);
	szi_host_clear(&pool->webconf_edge);
	szi_host_clear(&pool->av_edge);
	szi_host_clear(&pool->internal_edge);
	memset(pool, 0, sizeof(*pool));
}

void szi_fe_pool_clear(sz_fe_pool *pool)
{
	free(pool->name);
	szi_host_clear(&pool->host);
	free(pool->cert.subject);
	for (size_t i = 0; i < pool->cert.n_san; i++)
		free(pool->cert.san[i]);
	free(pool->cert.san);
	memset(pool, 0, sizeof(*pool));
}

void szi_domain_clear(sz_domain *domain)
{
	free(domain->name);
	free(domain->access_host);
	free(domain->generic_sip.host.fqdn);
	free(domain->generic_sip.host.addrs);
	memset(domain, 0, sizeof(*domain));
}

void szi_zone_def_clear(sz_zone_def *zone)
{
	free(zone->name);
	free(zone->mname);
	free(zone->rname);
	for (size_t i = 0; i < zone->n_ns; i++) {
		free(zone->ns[i].name);
		free(zone->ns[i].addrs);
	}
	free(zone->ns);
	memset(zone, 0, sizeof(*zone));
}

const sz_zone_def *sz_model_find_zone(const sz_model *model, const char *zone)
{
	for (size_t i = 0; i < model->n_zones; i++)
		if (model->zones[i].name != NULL && sz_name_canonical_cmp(model->zones[i].name, zone) == 0)
			return &model->zones[i];
	return NULL;
}

void sz_model_free(sz_model *model)
{
	if (model == NULL)
		return;
	for (size_t i = 0; i < model->n_zones; i++)
		szi_zone_def_clear(&model->zones[i]);
	free(model->zones);
	for (size_t i = 0; i < model->n_pools; i++)
		szi_pool_clear(&model->pools[i]);
	free(model->pools);
	for (size_t i = 0; i < model->n_fe_pools; i++)
		szi_fe_pool_clear(&model->fe_pools[i]);
	free(model->fe_pools);
	szi_host_clear(&model->reverse_proxy);
	szi_host_clear(&model->internal_web);
	for (size_t i = 0; i < model->n_domains; i++)
		szi_domain_clear(&model->domains[i]);
	free(model->domains);
	free(model->source);
	if (model->internal_findings != NULL) {
		sz_diag_list_clear(model->internal_findings);
		free(model->internal_findings);
	}
	free(model);
}

sz_status sz_model_view_findings(const sz_model *model, sz_view view, sz_diag_list *diags)
{
	const sz_diag_list *from = view == SZ_VIEW_INTERNAL ? model->internal_findings : NULL;
	if (from == NULL || from->count == 0)
		return SZ_OK;
	for (size_t i = 0; i < from->count; i++) {
		const sz_diag *d = &from->items[i];
		if (sz_diag_add(diags, d->severity, d->rule, d->file, d->line, d->col, d->path,
				d->owner, d->type, "%s", d->message) != SZ_OK)
			return SZ_ERR_NOMEM;
	}
	return from->errors > 0 ? SZ_ERR_INVALID : SZ_OK;
}

const sz_domain *sz_model_find_domain(const sz_model *model, const char *name)
{
	/* Domains are in canonical order (loader/model_rules.c), so binary search. */
	size_t lo = 0, hi = model->n_domains;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = sz_name_canonical_cmp(model->domains[mid].name, name);
		if (c == 0)
			return &model->domains[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}
