/*
 * loader/rules_cert.c: the certificate rules, as Microsoft states them
 * (OfficeDocs-SkypeForBusiness
 * Lync/LyncServer/lync-server-2013-certificate-requirements-for-external-user-access.md,
 * "Certificate requirements for the external user Access Edge" and
 * Skype/SfbServer/plan-your-deployment/edge-server-deployments/edge-environmental-requirements.md,
 * "Certificate planning"):
 *  - the subject is the Access Edge FQDN, and the SAN list must hold it too
 *    (TLS matches names against the SAN list only): a host that is only the
 *    subject is not covered;
 *  - the SAN list holds every access host an SRV record points at, the web
 *    conferencing edge FQDN, and xmpp.D for each XMPP domain;
 *  - a wildcard SAN entry (*.contoso.com, lync-server-2013-wildcard-certificate-support.md)
 *    is accepted but covers none of these names: Microsoft lists them
 *    explicitly. (A wildcard subject is refused when the certificate is
 *    read, loader/values.c.)
 *  - the front-end pool's certificate (when the model gives it) holds sip.D
 *    and sipinternal.D, the names the internal view writes for D. These
 *    concern the internal view only: they are kept for it
 *    (sz_model_view_findings()) and do not stop the model from loading.
 * Every error is cert-san-missing, at the key that asks for the name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader/rules.h"
#include "sipzone/records.h"
#include "sip/domain.h"

static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* On the SAN list by name; the subject alone does not count, and a
 * wildcard entry never equals a host name. */
static bool on_san(char *const *san, size_t n_san, const char *host)
{
	return n_san > 0 && bsearch(&host, san, n_san, sizeof(char *), str_ptr_cmp) != NULL;
}

static bool on_edge_san(const sz_pool *pool, const char *host)
{
	return on_san(pool->san, pool->n_san, host);
}

static bool has_host_srv(const sz_domain *d)
{
	return d->remote_access || d->federation == SZ_FED_OPEN || d->federation == SZ_FED_ENHANCED;
}

/* generic_sip over TLS to the access host: _sips._tcp.D points at the
 * edge, whose certificate must then name it like the Microsoft SRVs'. */
static bool generic_tls_on_edge(const sz_domain *d)
{
	const sz_generic_sip *g = &d->generic_sip;
	for (size_t k = 0; g->host.fqdn == NULL && k < g->n_transports; k++)
		if (g->transports[k] == SZ_SIP_TLS)
			return true;
	return false;
}

void szi_mr_check_certificate(sz_loader *ld, size_t i)
{
	const sz_domain *d = &ld->model->domains[i];
	sz_jpath p;
	if (d->pool == NULL)
		return;
	/* An access host outside the domain is already an error; its
	 * certificate is beside the point. The pool's own access edge (the
	 * subject) is reported once, at the pool (szi_mr_check_pool). */
	bool is_subject = d->pool->cert_subject != NULL &&
		strcmp(d->pool->cert_subject, d->access_host) == 0;
	bool tls_srv = has_host_srv(d) || generic_tls_on_edge(d);
	if (tls_srv && sz_name_is_within(d->access_host, d->name) && !is_subject &&
	    !on_edge_san(d->pool, d->access_host)) {
		szi_mr_domain_path(ld, i, has_host_srv(d) ? "access_host" : "generic_sip", &p);
		szi_loader_error(ld, &p, SZ_MR_CERT_SAN,
				"access host %s is not on the san list of the certificate of edge pool %s; add it to edge_pools.%s.certificate.san (a wildcard covers no access host), or TLS to the SRV target of %s fails",
				d->access_host, d->pool->name, d->pool->name, d->name);
	}
	if (d->xmpp) {
		char x[260];
		snprintf(x, sizeof(x), "xmpp.%s", d->name);
		if (!on_edge_san(d->pool, x)) {
			szi_mr_domain_path(ld, i, "xmpp", &p);
			szi_loader_error(ld, &p, SZ_MR_CERT_SAN,
					"%s, the XMPP federation host of %s, is not on the san list of the certificate of edge pool %s; add it to edge_pools.%s.certificate.san (Microsoft's Access Edge certificate table lists it by name)",
					x, d->name, d->pool->name, d->pool->name);
		}
	}
}

/* The internal view's names for D on the front-end pool's certificate,
 * reported into the model's internal findings, not counted as problems. */
void szi_mr_check_internal_certificates(sz_loader *ld, size_t i)
{
	const sz_domain *d = &ld->model->domains[i];
	const sz_fe_pool *fe = d->fe_pool;
	if (fe == NULL || fe->cert.subject == NULL || d->hosted != SZ_HOSTED_NONE)
		return;
	static const char *const prefixes[] = { "sip", "sipinternal" };
	for (size_t k = 0; k < 2; k++) {
		char host[260];
		snprintf(host, sizeof(host), "%s.%s", prefixes[k], d->name);
		if (on_san(fe->cert.san, fe->cert.n_san, host))
			continue;
		sz_model *m = ld->model;
		if (m->internal_findings == NULL) {
			if ((m->internal_findings = malloc(sizeof(*m->internal_findings))) == NULL) {
				ld->nomem = true;
				return;
			}
			sz_diag_list_init(m->internal_findings);
		}
		sz_diag_list *diags = ld->diags;
		size_t problems = ld->problems;
		ld->diags = m->internal_findings;
		sz_jpath p;
		szi_mr_domain_path(ld, i, "front_end_pool", &p);
		szi_loader_error(ld, &p, SZ_MR_CERT_SAN,
				"%s, which the internal view writes for %s (%s), is not on the san list of the certificate of front-end pool %s; add it to front_end_pools.%s.certificate.san",
				host, d->name, k == 0 ? "the _sipinternaltls._tcp target" : "client sign-in fallback",
				fe->name, fe->name);
		ld->diags = diags;
		ld->problems = problems;
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
	if (!on_edge_san(pool, pool->cert_subject)) {
		szi_mr_pool_path(ld, pool, "certificate", "san", &p);
		szi_loader_error(ld, &p, SZ_MR_CERT_SAN,
				"the certificate subject %s of edge pool %s is not on its san list; add it to edge_pools.%s.certificate.san (Microsoft: the SAN must also hold the Access Edge FQDN; TLS ignores the subject)",
				pool->cert_subject, pool->name, pool->name);
	}
	if (pool->webconf_edge.fqdn != NULL && !on_edge_san(pool, pool->webconf_edge.fqdn)) {
		szi_mr_pool_path(ld, pool, "webconf_edge", "fqdn", &p);
		szi_loader_error(ld, &p, SZ_MR_CERT_SAN,
				"web conferencing edge %s of edge pool %s is not on the san list of its certificate; add it to edge_pools.%s.certificate.san",
				pool->webconf_edge.fqdn, pool->name, pool->name);
	}
}
