/*
 * check/record.c: parse one record with ldns and run the rules that need
 * that record only (the SRV verdict is sip/srv_verdict.c's; this file puts
 * words around it). Runs in the parser threads: reads the shared rule
 * context, writes only the batch it was given.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "check/findings.h"
#include "dns/address.h"
#include "zonefile/record_parse.h"
#include "zonefile/tokens.h"

static uint32_t put_wire(sz_batch *b, const uint8_t *w, size_t len)
{
	uint32_t off = (uint32_t)b->wire.len;
	if (!sz_buf_put(&b->wire, w, len))
		return UINT32_MAX;
	return off;
}

/* Presentation form of a lower-case wire name, for messages. */
typedef struct { char s[SZ_TEXT_MAX]; } name_text;

static name_text text_of(const uint8_t *w, size_t len)
{
	name_text t;
	szi_wire_to_text(w, len, t.s);
	return t;
}

/* A name's text made only when a finding needs it: most records have none. */
typedef struct lazy_name {
	const uint8_t *w;
	size_t len;
	bool made;
	char s[SZ_TEXT_MAX];
} lazy_name;

static const char *lz(lazy_name *n)
{
	if (!n->made) {
		szi_wire_to_text(n->w, n->len, n->s);
		n->made = true;
	}
	return n->s;
}

/*
 * doubled-origin and (when `fqdn_test`) missing-trailing-dot for one name of
 * a record: the name is X.<origin>. and X looks like something that was
 * meant to be absolute. `field` is the name's place in the text (-1: the
 * owner, else its RDATA field); `what` says which name ("owner", "SRV
 * target", ...).
 */
static bool check_dots(const sz_rules *rules, sz_batch *b, uint32_t i, const ldns_rr *rr,
		       const uint8_t *w, size_t len, int field, const char *what, bool fqdn_test)
{
	const sz_origin *o = b->entries[i].origin;
	if (o == NULL || o->wire_len < 2 || len <= o->wire_len ||
	    !szi_wire_within(w, len, o->wire, o->wire_len))
		return false;
	size_t prefix = len - o->wire_len;
	bool doubled = szi_wire_doubled_origin(w, len, o->wire, o->wire_len);
	/* Below an origin like _report._dmarc.example.org. a domain name as the
	 * first labels is the record's point (RFC 7489 section 7.1). */
	bool undotted = fqdn_test && o->wire[0] > 0 && o->wire[1] != '_' &&
			szi_prefix_looks_fqdn(rules->psl, w, prefix);
	if (!doubled && !undotted)
		return false;
	/* Only a name written relative had the origin appended: one written
	 * with its final dot ("sip.uk.contoso.com.") is what was meant. */
	if (szi_rec_name_absolute(b->text.data + b->entries[i].text_off, field))
		return false;
	uint8_t meant_w[SZ_WIRE_MAX];   /* the name without the origin appended */
	memcpy(meant_w, w, prefix);
	meant_w[prefix] = 0;
	name_text meant = text_of(meant_w, prefix + 1);
	name_text full = text_of(w, len);
	if (doubled)
		(void)szi_batch_finding(b, i, SZ_RULE_DOUBLED_ORIGIN, SZ_SEV_WARNING, rr,
			"the %s %s ends in the origin %s twice: a trailing dot was forgotten; write %s (with the final dot) or the name relative to the origin",
			what, full.s, o->text, meant.s);
	if (undotted)
		(void)szi_batch_finding(b, i, SZ_RULE_MISSING_TRAILING_DOT, SZ_SEV_WARNING, rr,
			"the %s %s is %s with the origin %s appended: the trailing dot is missing; write %s",
			what, full.s, meant.s, o->text, meant.s);
	return true;
}

/* The words around one item of the verdict (sip/srv_verdict.h). */
static void say(sz_batch *b, uint32_t i, const ldns_rr *rr, const szi_srv *srv,
		const szi_srv_verdict *v, const szi_srv_item *it)
{
	lazy_name target = { .w = srv->target, .len = srv->target_len };
	lazy_name dom = { .w = srv->owner + v->d_off, .len = srv->owner_len - v->d_off };
	const char *svc = v->svc != NULL ? v->svc->prefix : "";
	uint16_t want = v->svc != NULL ? v->svc->port : 0;
	switch (it->why) {
	case SZI_SRV_OWNER_FORM: {
		name_text owner = text_of(srv->owner, srv->owner_len);
		(void)szi_batch_finding(b, i, it->rule, it->severity, rr,
			"SRV owner %s is not of the form _service._proto.name: clients look the service up as _service._proto.domain (e.g. _sipfederationtls._tcp.contoso.com.); rename the owner",
			owner.s);
		break;
	}
	case SZI_SRV_NULL_NOT_ZERO:
		(void)szi_batch_finding(b, i, it->rule, it->severity, rr,
			"SRV target '.' says the service is not available, but priority, weight and port are %u %u %u: write 0 0 0 . or give a real target",
			srv->priority, srv->weight, srv->port);
		break;
	case SZI_SRV_NULL:
		(void)szi_batch_finding(b, i, it->rule, it->severity, rr,
			"SRV target '.': the service is declared not available here (RFC 2782)");
		break;
	case SZI_SRV_IS_ADDRESS:
		(void)szi_batch_finding(b, i, it->rule, it->severity, rr,
			"SRV target %s looks like an IP address, but an SRV target must be a host name with A/AAAA records (RFC 2782): name the host and point the SRV at the name",
			lz(&target));
		break;
	case SZI_SRV_HOSTED:
		if (v->cloud != NULL)
			(void)szi_batch_finding(b, i, it->rule, it->severity, rr,
				"SRV target %s is outside %s but a name of the %s cloud: federation partners reach a hosted domain only because they configure a hosting provider for the cloud's sipfed name %s, and the cloud's edges serve %s; nothing to fix if %s is hosted there",
				lz(&target), lz(&dom), v->cloud->key, v->cloud->sipfed, svc, lz(&dom));
		else
			(void)szi_batch_finding(b, i, it->rule, it->severity, rr,
				"SRV target %s is outside %s but on the --allow-target list: this works only for partners that configure a hosting provider for %s; nothing to fix if %s is hosted there",
				lz(&target), lz(&dom), lz(&target), lz(&dom));
		break;
	case SZI_SRV_HOSTED_WRONG_SERVICE: {
		const char *right = v->cloud != NULL && v->svc != NULL ?
			szi_sip_service_hosted_target(v->svc, v->cloud) : NULL;
		const char *cloud = v->cloud != NULL ? v->cloud->key : "?";
		if (right != NULL)
			(void)szi_batch_finding(b, i, it->rule, it->severity, rr,
				"SRV target %s is a name of the %s cloud, but not the one for %s: partners configure a hosting provider for the sipfed name only and clients look up sipdir, so a domain hosted there points %s at %s; change the target to %s",
				lz(&target), cloud, svc, svc, right, right);
		else
			(void)szi_batch_finding(b, i, it->rule, it->severity, rr,
				"SRV target %s is a name of the %s cloud, but the cloud serves no %s (a hosted domain publishes _sipfederationtls._tcp at its sipfed name and _sip._tls at its sipdir name only): point %s at a host of %s, or remove the record",
				lz(&target), cloud, svc, svc, lz(&dom));
		break;
	}
	case SZI_SRV_OUTSIDE_INTERNAL_EDGE:
		(void)szi_batch_finding(b, i, it->rule, it->severity, rr,
			"SRV target %s is outside %s: in internal DNS, %s is Microsoft's mobile-push record and points at the edge pool's internal FQDN (on the internal edge certificate), which need not be in %s; nothing to fix if %s is that FQDN (in external DNS this would be an error)",
			lz(&target), lz(&dom), svc, lz(&dom), lz(&target));
		break;
	case SZI_SRV_OUTSIDE_BINDING:
		(void)szi_batch_finding(b, i, it->rule, it->severity, rr,
			"SRV target %s is outside the SIP domain %s: Lync/Skype for Business edges and clients require %s or a host below it; point %s at a host like sip.%s with A records to the edge, and add that name to the edge certificate (or use --allow-target for a hosting provider)",
			lz(&target), lz(&dom), lz(&dom), svc, lz(&dom));
		break;
	case SZI_SRV_OUTSIDE_UNUSUAL:
		if (v->svc == szi_sip_service_at(SZI_SVC_XMPP_SERVER))
			(void)szi_batch_finding(b, i, it->rule, it->severity, rr,
				"SRV target %s is outside %s: legal for %s, since partner XMPP servers (server-to-server) authenticate the service domain %s, not the target (RFC 6120 section 13.7, RFC 6125), so the host must present a certificate for %s; prefer a host below %s",
				lz(&target), lz(&dom), svc, lz(&dom), lz(&dom), lz(&dom));
		else
			(void)szi_batch_finding(b, i, it->rule, it->severity, rr,
				"SRV target %s is outside %s: legal for %s, which authenticates the service domain rather than the target, but Lync/Skype clients refuse it; prefer a host below %s",
				lz(&target), lz(&dom), svc, lz(&dom));
		break;
	case SZI_SRV_STRICT_NAMING:
		(void)szi_batch_finding(b, i, it->rule, it->severity, rr,
			"%s target %s is neither %s nor sip.%s: Lync clients with strict naming (the default) prompt the user or refuse to connect; use sip.%s, or relax the client's TrustModelData policy",
			svc, lz(&target), lz(&dom), lz(&dom), lz(&dom));
		break;
	case SZI_SRV_PORT_UNUSUAL:
		(void)szi_batch_finding(b, i, it->rule, it->severity, rr,
			"%s uses port %u, but its clients and partners expect %u: use %u unless the edge really listens on %u",
			svc, srv->port, want, want, srv->port);
		break;
	}
}

/* The rules of one SRV record; fills the entry's target for the merge. */
static void check_srv(const sz_rules *rules, sz_batch *b, uint32_t i, const ldns_rr *rr,
		      const uint8_t *ow, size_t olen, const uint8_t *tw, size_t tlen)
{
	sz_entry *e = &b->entries[i];
	if (ldns_rr_rd_count(rr) != 4 || tlen == 0)
		return;
	szi_srv srv = {
		.owner = ow, .owner_len = olen,
		.priority = ldns_rdf2native_int16(ldns_rr_rdf(rr, 0)),
		.weight = ldns_rdf2native_int16(ldns_rr_rdf(rr, 1)),
		.port = ldns_rdf2native_int16(ldns_rr_rdf(rr, 2)),
		.target = tw, .target_len = tlen,
		.internal_view = rules->opts->has_view && rules->opts->view == SZ_VIEW_INTERNAL,
	};
	szi_allow_list allow = szi_rules_allow(rules);
	szi_srv_verdict v;
	szi_srv_verdict_make(&srv, &allow, &v);
	for (size_t k = 0; k < v.count; k++) {
		/* RFC 3263 lets a NAPTR name any SRV owner: whether this
		 * one is wrong is known at the end (check/cross.c) */
		if (v.items[k].why == SZI_SRV_OWNER_FORM) {
			e->owner_form_late = true;
			e->srv_priority = srv.priority;
			e->srv_weight = srv.weight;
			e->srv_port = srv.port;
			continue;
		}
		say(b, i, rr, &srv, &v, &v.items[k]);
	}
	if (olen > 11 && memcmp(ow, "\5_sips\4_udp", 11) == 0) {
		name_text owner = text_of(ow, olen);
		(void)szi_batch_finding(b, i, SZ_RULE_SIP_TRANSPORT_LABEL, SZ_SEV_WARNING, rr,
			"SRV owner %s is SIPS over UDP, which is not defined (SIPS needs TLS over a reliable transport, RFC 3261 section 26.2; RFC 3263 looks up _sips._tcp only): no client asks for it; publish the TLS servers at _sips._tcp%s and remove this record",
			owner.s, owner.s + 10);
	}
	if (tlen == 1)
		return;   /* '.': no target for the end-of-input rules */
	e->target_off = put_wire(b, tw, tlen);
	e->target_len = (uint8_t)tlen;
	e->target_hash = szi_hash(tw, tlen);
	if (e->target_off == UINT32_MAX) {
		e->target_len = 0;
		return;
	}
	if (!v.owner_form)
		return;
	e->d_off = (uint8_t)v.d_off;
	/* Internally the federation SRV is the mobile-push record: its target,
	 * the edge's internal FQDN, is on the internal edge certificate, which
	 * the model does not describe (OfficeDocs-SkypeForBusiness
	 * .../network-requirements/dns.md; issue 12). */
	bool push = srv.internal_view && v.svc == szi_sip_service_at(SZI_SVC_FEDERATION);
	if (v.svc != NULL && v.svc->cert != SZI_CERT_NONE && rules->model != NULL && !push)
		szi_model_check_srv(rules, b, i, v.svc->cert, ow + v.d_off, olen - v.d_off, tw, tlen,
				    rr);
}

/* An address that is not public is kept in the batch for check/public.c,
 * which knows at the end whether its owner is published for the outside. */
static void note_address(sz_batch *b, uint32_t i, const ldns_rdf *rdf)
{
	sz_entry *e = &b->entries[i];
	size_t n = ldns_rdf_size(rdf);
	szi_addr_kind k = szi_addr_classify(ldns_rdf_data(rdf), n);
	if (!szi_addr_kind_not_public(k))
		return;
	e->target_off = put_wire(b, ldns_rdf_data(rdf), n);
	if (e->target_off == UINT32_MAX)
		return;
	e->target_len = (uint8_t)n;
	e->addr_kind = (uint8_t)k;
}

static const char *dname_role(uint16_t type)
{
	switch (type) {
	case LDNS_RR_TYPE_SRV: return "SRV target";
	case LDNS_RR_TYPE_CNAME: return "CNAME target";
	case LDNS_RR_TYPE_NS: return "NS name";
	case LDNS_RR_TYPE_MX: return "MX exchange";
	case LDNS_RR_TYPE_PTR: return "PTR target";
	case LDNS_RR_TYPE_SOA: return "SOA name";
	default: return "name in the record data";
	}
}

static void parse_one(const sz_rules *rules, sz_batch *b, uint32_t i)
{
	sz_entry *e = &b->entries[i];
	ldns_rr *rr = NULL;
	const char *text = b->text.data + e->text_off;
	uint32_t dttl = e->has_default_ttl ? e->default_ttl : 0;
	szi_rec_head head;
	if (e->has_head)
		szi_rec_head_unpack(&e->head, &head);
	e->status = szi_parse_rr_head(&rr, text, e->has_head ? &head : NULL, dttl,
				      e->origin != NULL ? e->origin->rdf : NULL, !rules->opts->ldns_only, NULL);
	if (e->status != LDNS_STATUS_OK)
		return;
	/* ldns reads a default TTL of 0 as "none": $TTL 0 must still be 0 */
	if (!e->explicit_ttl && e->has_default_ttl && e->default_ttl == 0)
		ldns_rr_set_ttl(rr, 0);

	const ldns_rdf *owner = ldns_rr_owner(rr);
	size_t olen = ldns_rdf_size(owner);
	uint8_t ow[SZ_WIRE_MAX];
	if (olen == 0 || olen > SZ_WIRE_MAX) {
		e->status = LDNS_STATUS_DOMAINNAME_OVERFLOW;
		ldns_rr_free(rr);
		return;
	}
	szi_wire_lower(ow, ldns_rdf_data(owner), olen);
	e->type = (uint16_t)ldns_rr_get_type(rr);
	e->rr_class = (uint16_t)ldns_rr_get_class(rr);
	e->ttl = ldns_rr_ttl(rr);
	e->owner_off = put_wire(b, ow, olen);
	e->owner_len = (uint8_t)olen;
	e->owner_hash = szi_hash(ow, olen);
	e->rrset_key = szi_rrset_key(e->owner_hash, e->rr_class, e->type);
	if (e->owner_off == UINT32_MAX) {
		e->status = LDNS_STATUS_MEM_ERR;
		ldns_rr_free(rr);
		return;
	}

	if (e->ttl > INT32_MAX)
		(void)szi_batch_finding(b, i, SZ_RULE_TTL_TOO_LARGE, SZ_SEV_WARNING, rr,
			"TTL %u is above 2147483647: RFC 2181 section 8 reads it as 0 and BIND loads it as 0; write at most 2147483647 (a week, 604800, is the usual ceiling)",
			e->ttl);
	check_dots(rules, b, i, rr, ow, olen, -1, "owner", true);
	uint8_t target_w[SZ_WIRE_MAX];   /* SRV or CNAME target */
	size_t target_len = 0;
	uint8_t repl_w[SZ_WIRE_MAX];     /* NAPTR replacement */
	size_t repl_len = 0;
	for (size_t k = 0; k < ldns_rr_rd_count(rr); k++) {
		const ldns_rdf *rdf = ldns_rr_rdf(rr, k);
		size_t n = ldns_rdf_size(rdf);
		if (ldns_rdf_get_type(rdf) != LDNS_RDF_TYPE_DNAME || n > SZ_WIRE_MAX || n == 0)
			continue;
		uint8_t w[SZ_WIRE_MAX];
		szi_wire_lower(w, ldns_rdf_data(rdf), n);
		/* issue 3: missing-trailing-dot looks at owners and at SRV and
		 * CNAME targets; doubled-origin at every name */
		bool target = (e->type == LDNS_RR_TYPE_SRV && k == 3) ||
			      (e->type == LDNS_RR_TYPE_CNAME && k == 0);
		check_dots(rules, b, i, rr, w, n, (int)k, dname_role(e->type), target);
		if (target) {
			memcpy(target_w, w, n);
			target_len = n;
		}
		if (e->type == LDNS_RR_TYPE_NAPTR && k == 5) {
			memcpy(repl_w, w, n);
			repl_len = n;
		}
		if (e->type == LDNS_RR_TYPE_CNAME && k == 0) {
			e->target_hash = szi_hash(w, n);
			e->target_off = put_wire(b, w, n);
			e->target_len = e->target_off == UINT32_MAX ? 0 : (uint8_t)n;
		}
	}
	if (e->type == LDNS_RR_TYPE_SRV)
		check_srv(rules, b, i, rr, ow, olen, target_w, target_len);
	if (e->type == LDNS_RR_TYPE_NAPTR && repl_len > 0)
		szi_naptr_check(b, i, rr, repl_w, repl_len);
	if ((e->type == LDNS_RR_TYPE_A || e->type == LDNS_RR_TYPE_AAAA) &&
	    ldns_rr_rd_count(rr) == 1 && szi_public_view(rules->opts))
		note_address(b, i, ldns_rr_rdf(rr, 0));
	if (rules->opts->has_view)
		szi_view_check(rules, b, i, rr, ow, olen, target_w, target_len);
	if (rules->model != NULL)
		e->model_key = szi_model_key(ow, olen, e->type, rr);
	ldns_rr_free(rr);
}

void szi_parse_batch(const sz_rules *rules, sz_batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		sz_entry *e = &b->entries[i];
		if (e->kind != SZ_ZREC_RECORD)
			continue;
		e->first_finding = (uint32_t)b->n_findings;
		parse_one(rules, b, (uint32_t)i);
	}
}
