/*
 * sip/services.c: the table of SIP services (sip/services.h says what each
 * column means) and the lookups on it.
 */
#include <string.h>
#include <strings.h>

#include "dns/wire_name.h"
#include "sip/services.h"

/*
 * Ports: what the Microsoft clients and federation partners connect to;
 * XMPP server-to-server is 5269; 0 where clients take the SRV's word.
 * Views: Microsoft's internal and perimeter record tables
 * (OfficeDocs-SkypeForBusiness .../network-requirements/dns.md); the
 * federation SRV is in both, the internal copy serving mobile push.
 * Hosted: Microsoft 365's published records (sipfed for federation, sipdir
 * for remote sign-in).
 * RFC 3263 (section 4.1): _sips._tcp, _sip._tcp and _sip._udp with their
 * NAPTR services and RFC 3261's default ports; port 0 because the model
 * picks the port (generic_sip.ports), so any port is right for check.
 * Their views are both: check accepts them in either view (a hand-made
 * internal copy is legal), while generation writes them in the external
 * view only (sip/domain.c says why).
 */
static const szi_sip_service services[SZI_SVC_COUNT] = {
	[SZI_SVC_FEDERATION] = { "_sipfederationtls._tcp", 5061, SZI_NS_ERROR, false, SZI_CERT_EDGE,
				 SZI_IN_BOTH, SZI_HOSTED_SIPFED, "federation",
				 "federation and mobile push" },
	[SZI_SVC_SIP_TLS] = { "_sip._tls", 443, SZI_NS_ERROR, true, SZI_CERT_EDGE, SZI_IN_EXTERNAL,
			      SZI_HOSTED_SIPDIR, "remote_access", "remote client sign-in" },
	[SZI_SVC_INTERNAL_TLS] = { "_sipinternaltls._tcp", 5061, SZI_NS_ERROR, true,
				   SZI_CERT_FRONT_END, SZI_IN_INTERNAL, SZI_HOSTED_NO,
				   "front_end_pool", "internal client sign-in over TLS" },
	[SZI_SVC_INTERNAL_TCP] = { "_sipinternal._tcp", 0, SZI_NS_ERROR, false, SZI_CERT_NONE,
				   SZI_IN_INTERNAL, SZI_HOSTED_NO, NULL,
				   "internal client sign-in over TCP" },
	[SZI_SVC_SIP_TCP] = { "_sip._tcp", 0, SZI_NS_WARNING, false, SZI_CERT_NONE, SZI_IN_BOTH,
			      SZI_HOSTED_NO, "generic_sip", "SIP over TCP (RFC 3263)", "SIP+D2T",
			      SZ_SIP_TCP, 5060 },
	[SZI_SVC_SIP_UDP] = { "_sip._udp", 0, SZI_NS_WARNING, false, SZI_CERT_NONE, SZI_IN_BOTH,
			      SZI_HOSTED_NO, "generic_sip", "SIP over UDP (RFC 3263)", "SIP+D2U",
			      SZ_SIP_UDP, 5060 },
	[SZI_SVC_SIPS_TCP] = { "_sips._tcp", 0, SZI_NS_WARNING, false, SZI_CERT_NONE, SZI_IN_BOTH,
			       SZI_HOSTED_NO, "generic_sip", "SIP over TLS (RFC 3263)", "SIPS+D2T",
			       SZ_SIP_TLS, 5061 },
	[SZI_SVC_XMPP_SERVER] = { "_xmpp-server._tcp", 5269, SZI_NS_WARNING, false, SZI_CERT_NONE,
				  SZI_IN_EXTERNAL, SZI_HOSTED_NO, "xmpp", "XMPP federation" },
	[SZI_SVC_XMPP_CLIENT] = { "_xmpp-client._tcp", 0, SZI_NS_WARNING, false, SZI_CERT_NONE,
				  SZI_IN_BOTH, SZI_HOSTED_NO, NULL, "XMPP client sign-in" },
};

const szi_sip_service *szi_sip_service_at(szi_svc_id id)
{
	return (unsigned)id < SZI_SVC_COUNT ? &services[id] : NULL;
}

/* Does the wire label at `w` (length byte first) equal `text` of `n` bytes? */
static bool label_eq(const uint8_t *w, const char *text, size_t n)
{
	return w[0] == n && memcmp(w + 1, text, n) == 0;
}

const szi_sip_service *szi_sip_service_find(const uint8_t *owner, size_t len, size_t *d_off)
{
	size_t d;
	if (!szi_srv_owner_form(owner, len, &d))
		return NULL;
	if (d_off != NULL)
		*d_off = d;
	const uint8_t *second = owner + owner[0] + 1;
	for (size_t i = 0; i < SZI_SVC_COUNT; i++) {
		const char *name = services[i].prefix;
		const char *dot = strchr(name, '.');
		if (label_eq(owner, name, (size_t)(dot - name)) &&
		    label_eq(second, dot + 1, strlen(dot + 1)))
			return &services[i];
	}
	return NULL;
}

const szi_sip_service *szi_sip_service_of_transport(sz_sip_transport t)
{
	for (size_t i = 0; i < SZI_SVC_COUNT; i++)
		if (services[i].naptr != NULL && services[i].transport == t)
			return &services[i];
	return NULL;
}

const szi_sip_service *szi_sip_service_by_naptr(const uint8_t *svc, size_t len)
{
	for (size_t i = 0; i < SZI_SVC_COUNT; i++)
		if (services[i].naptr != NULL && strlen(services[i].naptr) == len &&
		    strncasecmp((const char *)svc, services[i].naptr, len) == 0)
			return &services[i];
	return NULL;
}

bool szi_sip_service_in_view(const szi_sip_service *s, sz_view view)
{
	return (s->views & (1u << view)) != 0;
}

const char *szi_sip_service_hosted_target(const szi_sip_service *s, const sz_hosted_names *h)
{
	switch (s->hosted) {
	case SZI_HOSTED_SIPFED: return h->sipfed;
	case SZI_HOSTED_SIPDIR: return h->sipdir;
	default: return NULL;
	}
}

bool szi_strict_name_ok(const uint8_t *t, size_t tlen, const uint8_t *d, size_t dlen)
{
	if (tlen == dlen)
		return memcmp(t, d, dlen) == 0;
	return tlen == dlen + 4 && memcmp(t, "\003sip", 4) == 0 && memcmp(t + 4, d, dlen) == 0;
}
