/*
 * live/rules.c: the SRV rules of `sipzone check` on served records: the
 * verdict of sip/srv_verdict.c in verify's words, and the rules on the
 * target's served data (alias, no address).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "live/rules.h"
#include "sip/srv_verdict.h"
#include "sipzone/check.h"

static size_t served_count(const sz_live_slot *s)
{
	return s->served != NULL ? ldns_rr_list_rr_count(s->served) : 0;
}

static const ldns_rdf *srv_target(const ldns_rr *rr)
{
	return ldns_rr_rd_count(rr) == 4 ? ldns_rr_rdf(rr, 3) : NULL;
}

sz_status szi_live_rules_add_probes(sz_live_plan *plan)
{
	size_t n_owned = plan->n_owned;
	for (size_t i = 0; i < n_owned; i++) {
		const sz_live_slot *s = &plan->items[i];
		if (s->type != LDNS_RR_TYPE_SRV)
			continue;
		for (size_t k = 0; k < served_count(s); k++) {
			const ldns_rdf *t = srv_target(ldns_rr_list_rr(s->served, k));
			if (t == NULL || ldns_dname_label_count(t) == 0 || szi_live_plan_zone_of(plan, t) < 0)
				continue;
			if (szi_live_plan_add_probe(plan, t, LDNS_RR_TYPE_A) != SZ_OK ||
			    szi_live_plan_add_probe(plan, t, LDNS_RR_TYPE_AAAA) != SZ_OK)
				return SZ_ERR_NOMEM;
			s = &plan->items[i];   /* the items may have moved */
		}
	}
	return SZ_OK;
}

/* An owned RRset or a probe. */
static const sz_live_slot *find_any(const sz_live_plan *plan, const ldns_rdf *owner, ldns_rr_type type)
{
	const sz_live_slot *s = szi_live_plan_find(plan, owner, type);
	for (size_t i = plan->n_owned; s == NULL && i < plan->count; i++)
		if (plan->items[i].type == type && ldns_dname_compare(plan->items[i].owner, owner) == 0)
			s = &plan->items[i];
	return s;
}

typedef struct ctx {
	const sz_live_plan *plan;
	const char *source;
	szi_allow_list allow;       /* lower-case wire names */
	size_t *allow_lens;         /* allow.lens, owned */
	sz_diag_list *out;
	sz_status status;
	/* the record at hand */
	const sz_live_slot *set;
	const ldns_rr *rr;
	char owner[SZ_TEXT_MAX];
	char target[SZ_TEXT_MAX];
	char domain[SZ_TEXT_MAX];
	char record[SZ_TEXT_MAX * 2];
} ctx;

static void emit(ctx *c, sz_rule rule, sz_severity sev, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void emit(ctx *c, sz_rule rule, sz_severity sev, const char *fmt, ...)
{
	char msg[1200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->status == SZ_OK &&
	    sz_diag_add(c->out, sev, sz_rule_id(rule), c->source, 0, 0, NULL, c->owner, "SRV",
			"served %s: %s", c->record, msg) != SZ_OK)
		c->status = SZ_ERR_NOMEM;
}

/* The words around one item of the verdict (sip/srv_verdict.h). */
static void say(ctx *c, const szi_srv *srv, const szi_srv_verdict *v, const szi_srv_item *it)
{
	const char *svc = v->svc != NULL ? v->svc->prefix : "";
	uint16_t want = v->svc != NULL ? v->svc->port : 0;
	switch (it->why) {
	case SZI_SRV_OWNER_FORM:
		emit(c, it->rule, it->severity, "the owner is not of the form _service._proto.name");
		break;
	case SZI_SRV_NULL_NOT_ZERO:
		emit(c, it->rule, it->severity,
		     "target '.' says the service is not available, but priority, weight and port are %u %u %u",
		     srv->priority, srv->weight, srv->port);
		break;
	case SZI_SRV_NULL:
		emit(c, it->rule, it->severity,
		     "target '.': the service is declared not available here (RFC 2782)");
		break;
	case SZI_SRV_IS_ADDRESS:
		emit(c, it->rule, it->severity,
		     "target %s looks like an IP address; an SRV target must be a host name (RFC 2782)",
		     c->target);
		break;
	case SZI_SRV_HOSTED:
		if (v->cloud != NULL)
			emit(c, it->rule, it->severity,
			     "target %s is outside %s but a name of the %s cloud: federation partners reach a hosted domain only because they configure a hosting provider for the cloud's sipfed name %s",
			     c->target, c->domain, v->cloud->key, v->cloud->sipfed);
		else
			emit(c, it->rule, it->severity,
			     "target %s is outside %s but on the --allow-target list: this works only for partners that configure a hosting provider for it",
			     c->target, c->domain);
		break;
	case SZI_SRV_HOSTED_WRONG_SERVICE: {
		const char *right = v->cloud != NULL && v->svc != NULL ?
			szi_sip_service_hosted_target(v->svc, v->cloud) : NULL;
		emit(c, it->rule, it->severity,
		     "target %s is a name of the %s cloud, but not the one for %s: %s%s",
		     c->target, v->cloud != NULL ? v->cloud->key : "?", svc,
		     right != NULL ? "a domain hosted there points it at " : "the cloud serves no such record",
		     right != NULL ? right : "");
		break;
	}
	case SZI_SRV_OUTSIDE_INTERNAL_EDGE:
		emit(c, it->rule, it->severity,
		     "target %s is outside %s: in internal DNS the mobile-push record points at the edge pool's internal FQDN",
		     c->target, c->domain);
		break;
	case SZI_SRV_OUTSIDE_BINDING:
		emit(c, it->rule, it->severity,
		     "target %s is outside the SIP domain %s: Lync/Skype for Business edges and clients require %s or a host below it",
		     c->target, c->domain, c->domain);
		break;
	case SZI_SRV_OUTSIDE_UNUSUAL:
		emit(c, it->rule, it->severity,
		     v->svc == szi_sip_service_at(SZI_SVC_XMPP_SERVER) ?
		     "target %s is outside %s: legal for %s, since partner XMPP servers (server-to-server) authenticate the service domain, not the target" :
		     "target %s is outside %s: legal for %s, but Lync/Skype clients refuse it",
		     c->target, c->domain, svc);
		break;
	case SZI_SRV_STRICT_NAMING:
		emit(c, it->rule, it->severity,
		     "%s target %s is neither %s nor sip.%s: Lync clients with strict naming prompt or refuse",
		     svc, c->target, c->domain, c->domain);
		break;
	case SZI_SRV_PORT_UNUSUAL:
		emit(c, it->rule, it->severity, "%s uses port %u, but its clients and partners expect %u",
		     svc, srv->port, want);
		break;
	}
}

/* srv-target-cname and srv-target-no-address, for targets in the zones asked. */
static void check_target_data(ctx *c, const ldns_rdf *target)
{
	if (szi_live_plan_zone_of(c->plan, target) < 0)
		return;
	const sz_live_slot *a = find_any(c->plan, target, LDNS_RR_TYPE_A);
	const sz_live_slot *aaaa = find_any(c->plan, target, LDNS_RR_TYPE_AAAA);
	const ldns_rr *alias = a != NULL && a->alias != NULL ? a->alias
			      : aaaa != NULL ? aaaa->alias : NULL;
	if (alias != NULL) {
		char *to = ldns_rdf2str(ldns_rr_rdf(alias, 0));
		emit(c, SZ_RULE_SRV_TARGET_CNAME, SZ_SEV_ERROR,
		     "target %s is an alias (CNAME %s), but an SRV target must not be one (RFC 2782)",
		     c->target, to != NULL ? to : "?");
		free(to);
		return;
	}
	size_t n = (a != NULL ? served_count(a) : 0) + (aaaa != NULL ? served_count(aaaa) : 0);
	if (n == 0 && a != NULL && aaaa != NULL)
		emit(c, SZ_RULE_SRV_TARGET_NO_ADDRESS, SZ_SEV_ERROR,
		     "target %s has no A or AAAA record on the server", c->target);
}

static void check_srv(ctx *c)
{
	const ldns_rr *rr = c->rr;
	const ldns_rdf *target = srv_target(rr);
	if (target == NULL || ldns_rdf_size(target) > SZ_WIRE_MAX)
		return;
	/* The verdict compares lower-case wire names; a server may answer in
	 * any case (the messages keep its spelling). */
	uint8_t tw[SZ_WIRE_MAX];
	szi_wire_lower(tw, ldns_rdf_data(target), ldns_rdf_size(target));
	szi_srv srv = {
		.owner = ldns_rdf_data(c->set->owner),   /* canonical: the plan's */
		.owner_len = ldns_rdf_size(c->set->owner),
		.priority = ldns_rdf2native_int16(ldns_rr_rdf(rr, 0)),
		.weight = ldns_rdf2native_int16(ldns_rr_rdf(rr, 1)),
		.port = ldns_rdf2native_int16(ldns_rr_rdf(rr, 2)),
		.target = tw,
		.target_len = ldns_rdf_size(target),
	};
	szi_wire_to_text(ldns_rdf_data(target), ldns_rdf_size(target), c->target);
	char *rdata = szi_live_rdata_text(rr);
	snprintf(c->record, sizeof(c->record), "%s SRV %s", c->owner, rdata != NULL ? rdata : "?");
	free(rdata);
	szi_srv_verdict v;
	szi_srv_verdict_make(&srv, &c->allow, &v);
	if (v.owner_form)
		szi_wire_to_text(srv.owner + v.d_off, srv.owner_len - v.d_off, c->domain);
	for (size_t k = 0; k < v.count; k++) {
		say(c, &srv, &v, &v.items[k]);
		/* verify has always stopped at an address target: what the
		 * later rules say about names does not help it */
		if (v.items[k].why == SZI_SRV_IS_ADDRESS)
			return;
	}
	if (srv.target_len > 1)
		check_target_data(c, target);
}

/* The --allow-target names as lower-case wire names, for the verdict. */
static sz_status make_allow(ctx *c, const char *const *allow, size_t n_allow)
{
	if (n_allow == 0)
		return SZ_OK;
	c->allow.names = calloc(n_allow, sizeof(*c->allow.names));
	size_t *lens = c->allow_lens = calloc(n_allow, sizeof(*lens));
	c->allow.lens = lens;
	if (c->allow.names == NULL || lens == NULL)
		return SZ_ERR_NOMEM;
	for (size_t i = 0; i < n_allow; i++) {
		ldns_rdf *rdf = ldns_dname_new_frm_str(allow[i]);
		if (rdf == NULL || ldns_rdf_size(rdf) > SZ_WIRE_MAX) {
			ldns_rdf_deep_free(rdf);
			continue;   /* the caller checked them; an odd one matches nothing */
		}
		szi_wire_lower(c->allow.names[c->allow.count], ldns_rdf_data(rdf), ldns_rdf_size(rdf));
		lens[c->allow.count++] = ldns_rdf_size(rdf);
		ldns_rdf_deep_free(rdf);
	}
	return SZ_OK;
}

sz_status szi_live_rules_run(const sz_live_plan *plan, const char *source, const char *const *allow,
			size_t n_allow, sz_diag_list *out)
{
	ctx *c = calloc(1, sizeof(*c));
	if (c == NULL)
		return SZ_ERR_NOMEM;
	c->plan = plan;
	c->source = source;
	c->out = out;
	c->status = make_allow(c, allow, n_allow);
	for (size_t i = 0; c->status == SZ_OK && i < plan->n_owned; i++) {
		c->set = &plan->items[i];
		if (c->set->type != LDNS_RR_TYPE_SRV)
			continue;
		szi_wire_to_text(ldns_rdf_data(c->set->owner), ldns_rdf_size(c->set->owner), c->owner);
		for (size_t k = 0; c->status == SZ_OK && k < served_count(c->set); k++) {
			c->rr = ldns_rr_list_rr(c->set->served, k);
			check_srv(c);
		}
	}
	sz_status s = c->status;
	free(c->allow.names);
	free(c->allow_lens);
	free(c);
	return s;
}

sz_status szi_live_rules_check_allow(const char *const *allow, size_t n_allow, sz_live_error *err)
{
	for (size_t i = 0; i < n_allow; i++) {
		ldns_rdf *rdf = allow[i][0] != '\0' ? ldns_dname_new_frm_str(allow[i]) : NULL;
		if (rdf == NULL || ldns_dname_label_count(rdf) < 2) {
			ldns_rdf_deep_free(rdf);
			snprintf(err->text, sizeof(err->text),
				 "--allow-target %s is not a host name: give one like sipfed.online.lync.com",
				 allow[i]);
			return SZ_ERR_USAGE;
		}
		ldns_rdf_deep_free(rdf);
	}
	return SZ_OK;
}
