/*
 * loader/rules_cert.c: the certificate rules. SRV targets are on their
 * pool's certificate (subject or SAN list), in the external and the internal
 * view, and an edge pool's subject is its access_edge. (A wildcard subject
 * is refused when the certificate is read, loader/values.c.)
 */
#include <stdlib.h>
#include <string.h>

#include "loader/rules.h"
#include "sipzone/records.h"
#include "sip/domain.h"

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

void szi_mr_check_certificate(sz_loader *ld, size_t i)
{
	const sz_domain *d = &ld->model->domains[i];
	/* An access host outside the domain is already an error; its
	 * certificate is beside the point. */
	if (d->pool == NULL || !has_host_srv(d) || !sz_name_is_within(d->access_host, d->name) ||
	    on_certificate(d->pool, d->access_host))
		return;
	sz_jpath p;
	szi_mr_domain_path(ld, i, "access_host", &p);
	szi_loader_error(ld, &p, SZ_MR_CERT_SAN,
			"access host %s is not on the certificate of edge pool %s (subject or san); add it to edge_pools.%s.certificate.san, or TLS to the SRV target of %s fails",
			d->access_host, d->pool->name, d->pool->name, d->name);
}

/* The internal view's SRV targets: the front-end pool's on its certificate
 * (when the model gives one), the edge name for mobile push on the edge's. */
void szi_mr_check_internal_certificates(sz_loader *ld, size_t i)
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
		szi_mr_domain_path(ld, i, fe ? "front_end_pool" : "access_host", &p);
		szi_loader_error(ld, &p, SZ_MR_CERT_SAN,
				"%s, the internal %s.%s SRV target, is not on the certificate of %s pool %s (subject or san); add it to %s.%s.certificate.san",
				v->target, v->prefix, d->name, fe ? "front-end" : "edge",
				fe ? d->fe_pool->name : d->pool->name, fe ? "front_end_pools" : "edge_pools",
				fe ? d->fe_pool->name : d->pool->name);
	}
}

void szi_mr_check_pool(sz_loader *ld, const sz_pool *pool)
{
	sz_jpath p;
	if (pool->cert_subject == NULL || pool->access_edge.fqdn == NULL)
		return;
	if (strcmp(pool->cert_subject, pool->access_edge.fqdn) != 0) {
		szi_mr_pool_path(ld, pool, "certificate", "subject", &p);
		szi_loader_error(ld, &p, SZ_MR_CERT_SUBJECT,
				"certificate subject %s differs from access_edge %s: the subject (common name) must be the Access Edge FQDN, which PIC and direct partners are given",
				pool->cert_subject, pool->access_edge.fqdn);
	}
}
