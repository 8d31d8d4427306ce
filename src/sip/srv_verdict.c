/*
 * sip/srv_verdict.c: the verdict on one SRV record (sip/srv_verdict.h),
 * from DOMAIN.md's rules 1 and 5 and RFC 2782.
 */
#include <string.h>

#include "sip/srv_verdict.h"

bool szi_target_allowed(const szi_allow_list *allow, const uint8_t *t, size_t tlen)
{
	for (size_t k = 0; allow != NULL && k < allow->count; k++)
		if (allow->lens[k] == tlen && memcmp(allow->names[k], t, tlen) == 0)
			return true;
	char text[SZ_TEXT_MAX];
	szi_wire_to_text(t, tlen, text);
	return sz_is_hosted_target(text);
}

static void add(szi_srv_verdict *v, sz_rule rule, sz_severity sev, szi_srv_why why)
{
	if (v->count < SZI_SRV_VERDICT_MAX)
		v->items[v->count++] = (szi_srv_item){ rule, sev, why };
}

/* Looked up once, when a rule first needs it: the test formats the name. */
typedef struct lazy_allowed {
	const szi_allow_list *allow;
	const szi_srv *srv;
	int known;    /* -1 not asked yet, else the answer */
} lazy_allowed;

static bool allowed(lazy_allowed *a)
{
	if (a->known < 0)
		a->known = szi_target_allowed(a->allow, a->srv->target, a->srv->target_len);
	return a->known != 0;
}

void szi_srv_verdict_make(const szi_srv *srv, const szi_allow_list *allow, szi_srv_verdict *v)
{
	memset(v, 0, sizeof(*v));
	const uint8_t *t = srv->target;
	size_t tlen = srv->target_len;
	v->owner_form = szi_srv_owner_form(srv->owner, srv->owner_len, &v->d_off);
	if (!v->owner_form)
		add(v, SZ_RULE_SRV_OWNER_FORM, SZ_SEV_ERROR, SZI_SRV_OWNER_FORM);
	if (tlen == 1) {
		if (srv->priority != 0 || srv->weight != 0 || srv->port != 0)
			add(v, SZ_RULE_SRV_NULL_TARGET, SZ_SEV_ERROR, SZI_SRV_NULL_NOT_ZERO);
		else
			add(v, SZ_RULE_SRV_NULL_TARGET, SZ_SEV_INFO, SZI_SRV_NULL);
		return;   /* "not here": no target to judge */
	}
	if (szi_wire_looks_like_address(t, tlen))
		add(v, SZ_RULE_SRV_TARGET_IS_ADDRESS, SZ_SEV_ERROR, SZI_SRV_IS_ADDRESS);
	if (!v->owner_form)
		return;
	const szi_sip_service *svc = szi_sip_service_find(srv->owner, srv->owner_len, NULL);
	if (svc == NULL)
		return;   /* _ntp._udp, _ldap._tcp ...: any target will do */
	v->svc = svc;
	const uint8_t *d = srv->owner + v->d_off;
	size_t dlen = srv->owner_len - v->d_off;
	lazy_allowed al = { allow, srv, -1 };
	bool within = szi_wire_within(t, tlen, d, dlen);
	if (!within && svc->ns != SZI_NS_EXEMPT) {
		if (allowed(&al))
			add(v, SZ_RULE_SRV_TARGET_HOSTED, SZ_SEV_WARNING, SZI_SRV_HOSTED);
		else if (svc->ns == SZI_NS_ERROR)
			add(v, SZ_RULE_SRV_TARGET_OUTSIDE_NAMESPACE, SZ_SEV_ERROR, SZI_SRV_OUTSIDE_BINDING);
		else
			add(v, SZ_RULE_SRV_TARGET_OUTSIDE_NAMESPACE, SZ_SEV_WARNING, SZI_SRV_OUTSIDE_UNUSUAL);
	}
	/* Independent of the namespace rule: any target but D or sip.D. An
	 * allow-listed hosting provider is exempt: Microsoft 365's clients
	 * trust its own hosts, and issue 7 wants hosted domains to draw
	 * srv-target-hosted only. */
	if (svc->strict_naming && !szi_strict_name_ok(t, tlen, d, dlen) && (within || !allowed(&al)))
		add(v, SZ_RULE_CLIENT_STRICT_NAMING, SZ_SEV_WARNING, SZI_SRV_STRICT_NAMING);
	if (svc->port != 0 && srv->port != svc->port)
		add(v, SZ_RULE_SRV_PORT_UNUSUAL, SZ_SEV_WARNING, SZI_SRV_PORT_UNUSUAL);
}
