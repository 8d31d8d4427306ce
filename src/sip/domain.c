/*
 * sip/domain.c: what one SIP domain asks for in one view, before any
 * placement: its SRV records, its CNAMEs (hosted domains) and the host
 * names it needs address records for. records/build.c places and writes
 * them; loader/model_rules.c checks them (one address set per name, targets on
 * the certificates).
 *
 * External view (the Internet):
 *   _sipfederationtls._tcp.D SRV 0 0 5061 access host   (open, enhanced)
 *   _sip._tls.D              SRV 0 0 443  access host   (remote_access)
 *   _xmpp-server._tcp.D      SRV 0 0 5269 xmpp.D        (xmpp)
 *   access host, xmpp.D: the edge's addresses
 *   lyncdiscover.D, meet.D, dialin.D: the reverse proxy (web_services)
 * Internal view (the organisation's resolvers), for a domain with a
 * front_end_pool:
 *   _sipinternaltls._tcp.D   SRV 0 0 5061 sip.D
 *   sip.D, sipinternal.D: the front-end pool's addresses; the pool FQDN
 *     itself is a pool host, placed like the edge's hosts
 *   (Microsoft's table points the SRV at the pool FQDN, which is outside
 *   every SIP domain but one and is refused by strict-naming clients;
 *   sip.D is the in-namespace alias they accept, on the pool certificate.)
 *   _sipfederationtls._tcp.D SRV 0 0 5061 <internal_fqdn> (mobile push;
 *     open, enhanced), when the edge pool gives its internal interface
 *     (edge_pools.P.internal_fqdn): Microsoft's internal DNS table
 *     (Skype/SfbServer/plan-your-deployment/network-requirements/dns.md,
 *     and edge-environmental-requirements.md) points it at the edge's
 *     internal pool FQDN, on the internal edge certificate. The FQDN's
 *     address records are a pool host (records/build.c). Without
 *     internal_fqdn nothing is written for mobile push internally.
 *   lyncdiscoverinternal.D, meet.D, dialin.D, admin.D: internal web services
 *   _sips._tcp.D, _sip._tcp.D, _sip._udp.D SRV 0 0 port host (generic_sip:
 *     one per listed transport; host is the access host unless the model
 *     names its own, whose addresses are then written too), and with
 *     generic_sip.naptr D NAPTR 10 50 "s" "SIPS+D2T" "" _sips._tcp.D.
 *     (one per transport). External only, like _sip._tls.D, also for a
 *     domain with a front-end pool: in the internal view sip.D, the
 *     default target, names the front-end pool, not the edge that serves
 *     generic SIP, and the model knows no internal address of another
 *     generic SIP host, so an internal copy would send SIP clients to the
 *     wrong server or to public addresses the model cannot vouch for
 *     inside. Where a split-brain internal zone shadows D, internal RFC
 *     3263 clients need records the administrator adds by hand (check
 *     accepts them in either view: sip/services.c).
 * Hosted (both views): Microsoft's four records, priority 100 weight 1;
 *   a Teams-only domain only the federation SRV (microsoft-365-docs
 *   external-domain-name-system-records.md, since 2024).
 * Each SRV's prefix, port and model key are its row of sip/services.c.
 */
#include <stdio.h>
#include <string.h>

#include "sip/domain.h"
#include "sip/services.h"

static const char *set_name(sz_domain_set *set, const char *prefix, const char *domain)
{
	char *n = set->names[set->n_names++];
	snprintf(n, sizeof(set->names[0]), "%s.%s", prefix, domain);
	return n;
}

/* The SRV of service `id` (prefix, port and the model key that asks for
 * it from sip/services.c) to `target`. */
static void add_srv(sz_domain_set *set, szi_svc_id id, const char *target)
{
	const szi_sip_service *svc = szi_sip_service_at(id);
	set->srv[set->n_srv++] = (sz_set_srv){ svc->prefix, { 0, 0, svc->port }, target,
					       svc->model_key };
}

static void add_host(sz_domain_set *set, const char *name, const sz_host *addrs, const char *key)
{
	set->host[set->n_host++] = (sz_set_host){ name, addrs->addrs, addrs->n_addrs, key };
}

/* The simple URLs. admin (the Control Panel) is internal only: Microsoft's
 * perimeter table lists lyncdiscover, meet and dialin, and dns.md says the
 * admin URL is internal to the organisation. */
static void add_web(sz_domain_set *set, const sz_domain *d, const sz_host *endpoint,
		    sz_view view)
{
	static const struct { unsigned bit; const char *prefix; bool inside_only; } web[] = {
		{ SZ_WEB_MEET, "meet", false }, { SZ_WEB_DIALIN, "dialin", false },
		{ SZ_WEB_ADMIN, "admin", true },
	};
	const char *discover = view == SZ_VIEW_INTERNAL ? "lyncdiscoverinternal" : "lyncdiscover";
	if (endpoint->n_addrs == 0)
		return; /* the model requires it when asked (loader/model_rules.c) */
	if (d->web & SZ_WEB_LYNCDISCOVER)
		add_host(set, set_name(set, discover, d->name), endpoint, "web_services");
	for (size_t i = 0; i < sizeof(web) / sizeof(web[0]); i++)
		if ((d->web & web[i].bit) && (!web[i].inside_only || view == SZ_VIEW_INTERNAL))
			add_host(set, set_name(set, web[i].prefix, d->name), endpoint, "web_services");
}

static bool federates(const sz_domain *d)
{
	return d->federation == SZ_FED_OPEN || d->federation == SZ_FED_ENHANCED;
}

/* generic_sip: one SRV per transport, in the model's order, to the access
 * host or the domain's own generic SIP host. The snippet's canonical order
 * decides where they are written; the order of preference is the NAPTRs'
 * business (RFC 3263 section 4.1), the SRVs all take priority 0 weight 0.
 * With naptr, one NAPTR per transport at D naming its SRV: order 10, 20,
 * 30 in the model's order (the first most preferred), preference 50 for
 * all, as RFC 3263 section 4.1's example gives its three NAPTRs one
 * preference and ranks them by order alone. */
static void add_generic_sip(const sz_domain *d, sz_domain_set *set)
{
	const sz_generic_sip *g = &d->generic_sip;
	const char *target = g->host.fqdn != NULL ? g->host.fqdn : d->access_host;
	for (size_t i = 0; i < g->n_transports; i++) {
		sz_sip_transport t = g->transports[i];
		const szi_sip_service *svc = szi_sip_service_of_transport(t);
		set->srv[set->n_srv++] = (sz_set_srv){ svc->prefix, { 0, 0, g->ports[t] }, target,
						       svc->model_key };
		if (g->naptr)
			set->naptr[set->n_naptr++] = (sz_set_naptr){ (uint16_t)(10 * (i + 1)), 50,
								     svc->naptr, svc->prefix };
	}
	if (g->n_transports > 0 && g->host.fqdn != NULL)
		add_host(set, g->host.fqdn, &g->host, "generic_sip");
}

static void make_external(const sz_model *m, const sz_domain *d, sz_domain_set *set)
{
	const sz_host *edge = &d->pool->access_edge;
	if (federates(d))
		add_srv(set, SZI_SVC_FEDERATION, d->access_host);
	if (d->remote_access)
		add_srv(set, SZI_SVC_SIP_TLS, d->access_host);
	add_host(set, d->access_host, edge, "access_host");
	if (d->xmpp) {
		const char *x = set_name(set, "xmpp", d->name);
		add_srv(set, SZI_SVC_XMPP_SERVER, x);
		add_host(set, x, edge, "xmpp");
	}
	add_web(set, d, &m->reverse_proxy, SZ_VIEW_EXTERNAL);
	add_generic_sip(d, set);
}

static void make_internal(const sz_model *m, const sz_domain *d, sz_domain_set *set)
{
	const sz_fe_pool *fe = d->fe_pool;
	if (fe == NULL)
		return;
	const char *sip = set_name(set, "sip", d->name);
	add_srv(set, SZI_SVC_INTERNAL_TLS, sip);
	add_host(set, sip, &fe->host, "front_end_pool");
	add_host(set, set_name(set, "sipinternal", d->name), &fe->host, "front_end_pool");
	if (d->pool != NULL && d->pool->internal_edge.fqdn != NULL && federates(d))
		add_srv(set, SZI_SVC_FEDERATION, d->pool->internal_edge.fqdn);
	add_web(set, d, &m->internal_web, SZ_VIEW_INTERNAL);
}

static void make_hosted(const sz_domain *d, sz_domain_set *set)
{
	const sz_hosted_names *h = sz_hosted_info(d->hosted);
	/* Microsoft 365's published records: priority 100, weight 1, for the
	 * services whose hosted column names a cloud host. */
	for (size_t k = 0; k < SZI_SVC_COUNT; k++) {
		const szi_sip_service *svc = szi_sip_service_at((szi_svc_id)k);
		const char *target = szi_sip_service_hosted_target(svc, h);
		if (d->teams_only && k != SZI_SVC_FEDERATION)
			continue;
		if (target != NULL)
			set->srv[set->n_srv++] = (sz_set_srv){ svc->prefix, { 100, 1, svc->port },
							       target, "hosted" };
	}
	if (d->teams_only)
		return;
	set->cname[set->n_cname++] = (sz_set_cname){ set_name(set, "sip", d->name), h->sipdir };
	set->cname[set->n_cname++] = (sz_set_cname){ set_name(set, "lyncdiscover", d->name),
						     h->webdir };
}

void szi_domain_set_make(const sz_model *m, const sz_domain *d, sz_view view, sz_domain_set *set)
{
	set->n_srv = set->n_host = set->n_cname = set->n_names = set->n_naptr = 0;
	if (d->hosted != SZ_HOSTED_NONE)
		make_hosted(d, set);
	else if (view == SZ_VIEW_INTERNAL)
		make_internal(m, d, set);
	else if (d->pool != NULL)
		make_external(m, d, set);
	else
		add_generic_sip(d, set); /* a plain SIP provider: its own host */
}
