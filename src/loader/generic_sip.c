/*
 * loader/generic_sip.c: a domain's generic_sip key (RFC 3263 SRV and NAPTR
 * records): transports in preference order, ports, the host they point
 * at, and whether NAPTRs rank the transports.
 *
 * Shape errors are reported here at their JSON path; the namespace rule on
 * `host` and its addresses are checked once the domain's access host is
 * known (szi_model_generic_sip_host, from loader/domains.c).
 *
 * A domain without edge_pool (and not hosted) is a plain SIP provider's:
 * it has generic_sip and nothing that needs an edge (szi_model_generic_sip_alone),
 * and its generic SIP host is always its own, with its addresses.
 */
#include <stdlib.h>
#include <string.h>

#include "loader/loader.h"
#include "loader/values.h"
#include "sip/services.h"
#include "sipzone/records.h"

static bool transport_parse(const json_t *v, sz_sip_transport *out)
{
	for (int t = SZ_SIP_TLS; t <= SZ_SIP_UDP; t++) {
		if (!szi_mj_has_nul(v) &&
		    strcmp(json_string_value(v), sz_sip_transport_name((sz_sip_transport)t)) == 0) {
			*out = (sz_sip_transport)t;
			return true;
		}
	}
	return false;
}

static void take_transports(sz_loader *ld, json_t *v, sz_jpath *p, sz_generic_sip *g)
{
	char q[SZ_QUOTE_SIZE];
	if (!szi_mj_want(ld, v, p, JSON_ARRAY, "an array of transports (\"tls\", \"tcp\", \"udp\")"))
		return;
	if (json_array_size(v) == 0) {
		szi_loader_error(ld, p, SZ_MR_EMPTY,
				"generic_sip needs at least one transport (\"tls\", \"tcp\", \"udp\")");
		return;
	}
	bool seen[SZ_SIP_TRANSPORTS] = { false };
	for (size_t i = 0; i < json_array_size(v); i++) {
		json_t *x = json_array_get(v, i);
		sz_sip_transport t;
		szi_jpath_push_index(p, i);
		if (!szi_mj_want(ld, x, p, JSON_STRING, "\"tls\", \"tcp\" or \"udp\"")) {
			/* reported */
		} else if (!transport_parse(x, &t)) {
			szi_loader_error(ld, p, SZ_MR_BAD_VALUE,
					"transport \"%s\" is not one of \"tls\", \"tcp\", \"udp\" (RFC 3263: SIPS+D2T, SIP+D2T, SIP+D2U)",
					szi_quote(json_string_value(x), json_string_length(x), q, sizeof(q)));
		} else if (seen[t]) {
			szi_loader_error(ld, p, SZ_MR_BAD_VALUE,
					"transport \"%s\" is listed twice; list each once, most preferred first",
					sz_sip_transport_name(t));
		} else {
			seen[t] = true;
			g->transports[g->n_transports++] = t;
		}
		szi_jpath_pop(p);
	}
}

static void take_ports(sz_loader *ld, json_t *v, sz_jpath *p, sz_generic_sip *g)
{
	static const char *const keys[] = { "tls", "tcp", "udp", NULL };
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "an object of ports by transport"))
		return;
	szi_mj_check_keys(ld, v, p, keys);
	for (int t = SZ_SIP_TLS; t <= SZ_SIP_UDP; t++) {
		json_t *x = szi_mj_member(ld, v, p, keys[t], false);
		if (x != NULL && szi_mj_want(ld, x, p, JSON_INTEGER, "a port number 1..65535")) {
			json_int_t n = json_integer_value(x);
			if (n < 1 || n > 65535)
				szi_loader_error(ld, p, SZ_MR_BAD_VALUE,
						"port %lld is not in 1..65535", (long long)n);
			else
				g->ports[t] = (uint16_t)n;
		}
		szi_jpath_pop(p);
	}
}

void szi_model_take_generic_sip(sz_loader *ld, json_t *v, sz_jpath *p, sz_domain *d)
{
	static const char *const keys[] = { "transports", "ports", "host", "addresses", "naptr",
					    NULL };
	sz_generic_sip *g = &d->generic_sip;
	/* RFC 3261 section 19.1.2's ports, from the services table */
	for (int t = SZ_SIP_TLS; t <= SZ_SIP_UDP; t++)
		g->ports[t] = szi_sip_service_of_transport((sz_sip_transport)t)->default_port;
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "an object with transports, and optionally ports, host, addresses and naptr"))
		return;
	szi_mj_check_keys(ld, v, p, keys);
	json_t *x;
	if ((x = szi_mj_member(ld, v, p, "transports", true)) != NULL)
		take_transports(ld, x, p, g);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "ports", false)) != NULL)
		take_ports(ld, x, p, g);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "host", false)) != NULL)
		szi_mj_take_name(ld, x, p, &g->host.fqdn);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "addresses", false)) != NULL)
		szi_mj_take_addresses(ld, x, p, &g->host.addrs, &g->host.n_addrs);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "naptr", false)) != NULL)
		szi_mj_take_bool(ld, x, p, &g->naptr);
	szi_jpath_pop(p);
}

/* After the access host is known: the host defaults to it; another host
 * lies inside the domain and brings its own addresses. Errors go to the
 * generic_sip object at `p` (the domain's path). */
void szi_model_generic_sip_host(sz_loader *ld, json_t *v, sz_jpath *p, sz_domain *d)
{
	sz_generic_sip *g = &d->generic_sip;
	if (json_object_get(v, "generic_sip") == NULL || d->access_host == NULL)
		return;
	szi_jpath_push_key(p, "generic_sip");
	bool alone = json_object_get(v, "edge_pool") == NULL;
	bool own = g->host.fqdn != NULL && (alone || strcmp(g->host.fqdn, d->access_host) != 0);
	if (alone && g->host.fqdn == NULL) {
		szi_loader_error(ld, p, SZ_MR_MISSING_KEY,
				"%s has no edge_pool: generic_sip needs its \"host\" and \"addresses\"",
				d->name);
	} else if (g->host.fqdn != NULL && !sz_name_is_within(g->host.fqdn, d->name)) {
		szi_jpath_push_key(p, "host");
		szi_loader_error(ld, p, SZ_MR_NAMESPACE,
				"generic SIP host %s is outside the SIP domain %s: sipzone writes SRV targets inside the domain (e.g. sip.%s)",
				g->host.fqdn, d->name, d->name);
		szi_jpath_pop(p);
	} else if (own && g->host.n_addrs == 0) {
		szi_loader_error(ld, p, SZ_MR_MISSING_KEY,
				"generic SIP host %s is not the edge's access host: give its \"addresses\"",
				g->host.fqdn);
	} else if (!own && g->host.n_addrs != 0) {
		szi_jpath_push_key(p, "addresses");
		szi_loader_error(ld, p, SZ_MR_BAD_VALUE,
				"the generic SIP host is the access host %s, which has the edge pool's addresses; drop \"addresses\" or name another \"host\"",
				d->access_host);
		szi_jpath_pop(p);
	}
	if (!own) {
		free(g->host.fqdn);
		g->host.fqdn = NULL;
	}
	szi_jpath_pop(p);
}

/* Without an edge pool there is no access host, so nothing of Microsoft's:
 * the keys that would ask for it must say so (federation "none",
 * remote_access false) or be absent. */
void szi_model_generic_sip_alone(sz_loader *ld, json_t *v, sz_jpath *p, const sz_domain *d)
{
	static const char *const edge_keys[] = { "access_host", "xmpp", "pic", "web_services",
						 NULL };
	if (d->federation != SZ_FED_NONE || d->remote_access) {
		szi_loader_error(ld, p, SZ_MR_MISSING_KEY,
				"%s has no edge_pool: give \"federation\": \"none\" and \"remote_access\": false (a plain SIP provider), or its \"edge_pool\"",
				d->name);
	}
	for (size_t i = 0; edge_keys[i] != NULL; i++) {
		if (json_object_get(v, edge_keys[i]) == NULL)
			continue;
		szi_jpath_push_key(p, edge_keys[i]);
		szi_loader_error_key(ld, p, SZ_MR_BAD_VALUE,
				    "\"%s\" needs an edge pool; %s has none (a plain SIP provider with generic_sip)",
				    edge_keys[i], d->name);
		szi_jpath_pop(p);
	}
}
