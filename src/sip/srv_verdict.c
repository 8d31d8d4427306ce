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

/* What the target is besides a name outside D, looked up once, when a rule
 * first needs it: the tests format the name. */
typedef struct lazy_hosted {
	const szi_allow_list *allow;
	const szi_srv *srv;
	bool known;
	bool listed;            /* on --allow-target: accepted for any service */
	szi_svc_hosted role;    /* which cloud name it is; SZI_HOSTED_NO: none */
	const sz_hosted_names *cloud;
} lazy_hosted;

static void look_up(lazy_hosted *a)
{
	if (a->known)
		return;
	a->known = true;
	const uint8_t *t = a->srv->target;
	size_t tlen = a->srv->target_len;
	for (size_t k = 0; a->allow != NULL && k < a->allow->count; k++)
		if (a->allow->lens[k] == tlen && memcmp(a->allow->names[k], t, tlen) == 0)
			a->listed = true;
	char text[SZ_TEXT_MAX];
	szi_wire_to_text(t, tlen, text);
	a->role = szi_hosted_role(text, &a->cloud);
}

static bool allowed(lazy_hosted *a)
{
	look_up(a);
	return a->listed || a->role != SZI_HOSTED_NO;
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
	lazy_hosted al = { .allow = allow, .srv = srv };
	bool within = szi_wire_within(t, tlen, d, dlen);
	if (!within && svc->ns != SZI_NS_EXEMPT) {
		/* Partners configure a hosting provider for the cloud's sipfed
		 * name, clients look up sipdir: each name serves one service
		 * (sip/services.h, hosted column), and a service a cloud does not
		 * publish has none. --allow-target names are the user's word. */
		if (allowed(&al))
			v->cloud = al.cloud;
		if (allowed(&al) && (al.listed || al.role == svc->hosted))
			add(v, SZ_RULE_SRV_TARGET_HOSTED, SZ_SEV_WARNING, SZI_SRV_HOSTED);
		else if (allowed(&al))
			add(v, SZ_RULE_SRV_TARGET_HOSTED_WRONG_SERVICE, SZ_SEV_ERROR,
			    SZI_SRV_HOSTED_WRONG_SERVICE);
		else if (srv->internal_view && svc == szi_sip_service_at(SZI_SVC_FEDERATION))
			add(v, SZ_RULE_SRV_TARGET_OUTSIDE_NAMESPACE, SZ_SEV_WARNING,
			    SZI_SRV_OUTSIDE_INTERNAL_EDGE);
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
