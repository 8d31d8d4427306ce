/*
 * import/infer.c: from the records to the parts of a model. One SIP domain
 * per domain D that owns the SRV record of a SIP service of the one table
 * (sip/services.c); for each, what the records say, and where they break a
 * rule, what sipzone would write instead (a "corrected" note). The parts
 * are turned into JSON by import/emit.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns/host_name.h"
#include "import/infer.h"
#include "sip/services.h"
#include "sipzone/records.h"

/* ---- notes ---- */

void szi_imp_note(szi_imp_notes *notes, sz_import_note_kind kind, const char *path,
		  const char *value, const char *file, size_t line, const char *fmt, ...)
{
	if (notes->nomem)
		return;
	if (notes->n == notes->cap) {
		size_t cap = notes->cap ? notes->cap * 2 : 16;
		sz_import_note *v = realloc(notes->v, cap * sizeof(*v));
		int *d = realloc(notes->dom, cap * sizeof(*d));
		if (v != NULL)
			notes->v = v;
		if (d != NULL)
			notes->dom = d;
		if (v == NULL || d == NULL) {
			notes->nomem = true;
			return;
		}
		notes->cap = cap;
	}
	char reason[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	sz_import_note *n = &notes->v[notes->n];
	memset(n, 0, sizeof(*n));
	n->kind = kind;
	n->path = sz_text_escape(path);
	n->value = value != NULL ? sz_text_escape(value) : NULL;
	n->reason = sz_text_escape(reason);
	n->file = file != NULL ? sz_text_escape(file) : NULL;
	n->line = line;
	notes->dom[notes->n] = notes->cur_dom;
	if (n->path == NULL || n->reason == NULL || (value != NULL && n->value == NULL) ||
	    (file != NULL && n->file == NULL))
		notes->nomem = true;
	notes->n++;
}

/* ---- looking things up ---- */

static const char *file_of(const szi_imp_recs *recs, const szi_imp_rec *r)
{
	return r != NULL && r->file < recs->files.count ? recs->files.names[r->file] : NULL;
}

bool szi_imp_within(const char *name, const char *d)
{
	return sz_name_is_within(name, d);
}

/* A name the model accepts (a host name); the loader's test. */
bool szi_imp_name_ok(const char *name)
{
	char why[SZ_NAME_WHY_SIZE];
	bool nomem = false;
	char *n = szi_name_normalize(name, strlen(name), why, &nomem);
	bool ok = n != NULL;
	free(n);
	return ok;
}

/* The A and AAAA records of `name`, through at most 8 CNAMEs; *via is the
 * first CNAME followed, NULL when none. Returns false when out of memory. */
bool szi_imp_addrs_of(const szi_imp_recs *recs, const char *name, szi_addr_set *out,
		     const szi_imp_rec **via)
{
	out->a = NULL;
	out->n = 0;
	*via = NULL;
	const char *cur = name;
	for (int hop = 0; hop < 9; hop++) {
		size_t n4 = 0, n6 = 0;
		const szi_imp_rec *a4 = szi_imp_find(recs, cur, LDNS_RR_TYPE_A, &n4);
		const szi_imp_rec *a6 = szi_imp_find(recs, cur, LDNS_RR_TYPE_AAAA, &n6);
		if (n4 + n6 > 0) {
			out->a = malloc((n4 + n6) * sizeof(*out->a));
			if (out->a == NULL)
				return false;
			for (size_t i = 0; i < n4; i++)
				out->a[out->n++] = a4[i].addr;
			for (size_t i = 0; i < n6; i++)
				out->a[out->n++] = a6[i].addr;
			szi_addr_set_normalize(out);
			return true;
		}
		const szi_imp_rec *c = szi_imp_find(recs, cur, LDNS_RR_TYPE_CNAME, NULL);
		if (c == NULL)
			return true;
		if (*via == NULL)
			*via = c;
		cur = c->target;
	}
	return true;
}

static char *set_json(const szi_addr_set *s)
{
	size_t cap = 2 + s->n * 48;
	char *out = malloc(cap);
	if (out == NULL)
		return NULL;
	size_t o = 0;
	out[o++] = '[';
	for (size_t i = 0; i < s->n; i++) {
		char t[64];
		szi_addr_text(&s->a[i], t, sizeof(t));
		o += (size_t)snprintf(out + o, cap - o, "%s\"%s\"", i ? "," : "", t);
	}
	snprintf(out + o, cap - o, "]");
	return out;
}

/* The record of an RRset a one-target model keeps: lowest priority, then
 * highest weight, then the first target in canonical order. */
static const szi_imp_rec *pick(const szi_imp_rec *first, size_t n)
{
	const szi_imp_rec *best = first;
	for (size_t i = 1; i < n; i++) {
		const szi_imp_rec *r = &first[i];
		if (r->prio < best->prio || (r->prio == best->prio && r->weight > best->weight) ||
		    (r->prio == best->prio && r->weight == best->weight &&
		     sz_name_canonical_cmp(r->target, best->target) < 0))
			best = r;
	}
	return best;
}

typedef struct srvset {
	const szi_imp_rec *first;
	size_t n;
	const szi_imp_rec *best;
} srvset;

/* The SRV RRset at `owner`, without null targets. */
static srvset find_srv_at(const szi_imp_recs *recs, const char *owner)
{
	srvset s = { 0 };
	s.first = szi_imp_find(recs, owner, LDNS_RR_TYPE_SRV, &s.n);
	/* the null target "." declares the service absent (RFC 2782): it is
	 * sorted first (the root), and the model writes nothing for it */
	while (s.n > 0 && s.first->target[0] == '\0') {
		s.first++;
		s.n--;
	}
	if (s.n > 0)
		s.best = pick(s.first, s.n);
	return s;
}

/* The SRV RRset of service `svc` at D. */
static srvset find_srv_of(const szi_imp_recs *recs, const szi_sip_service *svc, const char *d)
{
	char owner[SZ_TEXT_MAX + 64];
	snprintf(owner, sizeof(owner), "%s.%s", svc->prefix, d);
	return find_srv_at(recs, owner);
}

static srvset find_srv(const szi_imp_recs *recs, szi_svc_id id, const char *d)
{
	return find_srv_of(recs, szi_sip_service_at(id), d);
}

/* Notes for the other records of an RRset the model keeps one of. */
static void note_dropped(infer *in, const srvset *s, const char *path)
{
	for (size_t i = 0; i < s->n; i++) {
		const szi_imp_rec *r = &s->first[i];
		if (r == s->best)
			continue;
		szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, path, NULL, file_of(in->recs, r), r->line,
			     "%s SRV %u %u %u %s. dropped: the model points the service at one target, %s.",
			     r->owner, r->prio, r->weight, r->port, r->target, s->best->target);
	}
}

/* Notes for a kept SRV whose priority, weight or port are not what
 * sipzone writes. */
static void note_fields(infer *in, const szi_imp_rec *r, const char *path, unsigned prio,
			unsigned weight, unsigned port)
{
	if (r->prio != prio || r->weight != weight)
		szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, path, NULL, file_of(in->recs, r), r->line,
			     "%s SRV priority and weight %u %u become %u %u", r->owner, r->prio,
			     r->weight, prio, weight);
	if (port != 0 && r->port != port)
		szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, path, NULL, file_of(in->recs, r), r->line,
			     "%s SRV port %u becomes %u, the port of the service [srv-port-unusual]",
			     r->owner, r->port, port);
}

/* ---- one domain ---- */

static char *dup_printf(const char *fmt, const char *a)
{
	size_t n = strlen(fmt) + strlen(a) + 1;
	char *s = malloc(n);
	if (s != NULL)
		snprintf(s, n, fmt, a);
	return s;
}

static bool infer_hosted(infer *in, imp_domain *dom, const srvset *fed, const srvset *tls,
			 const sz_hosted_names *cloud)
{
	dom->kind = IMP_HOSTED;
	dom->cloud = cloud;
	dom->teams_only = tls->best == NULL;
	const szi_imp_rec *first = fed->best != NULL ? fed->best : tls->best;
	dom->ttl = first->ttl;
	if (fed->best == NULL)
		szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/hosted", NULL, file_of(in->recs, first),
			     first->line, "_sipfederationtls._tcp.%s SRV 100 1 5061 %s. added: every %s domain publishes it",
			     dom->name, cloud->sipfed, cloud->key);
	if (fed->best != NULL) {
		note_dropped(in, fed, "/hosted");
		note_fields(in, fed->best, "/hosted", 100, 1, 5061);
		if (strcmp(fed->best->target, cloud->sipfed) != 0)
			szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/hosted", NULL,
				     file_of(in->recs, fed->best), fed->best->line,
				     "%s SRV target %s. becomes %s. [srv-target-hosted-wrong-service]",
				     fed->best->owner, fed->best->target, cloud->sipfed);
	}
	if (tls->best != NULL) {
		note_dropped(in, tls, "/hosted");
		note_fields(in, tls->best, "/hosted", 100, 1, 443);
		if (strcmp(tls->best->target, cloud->sipdir) != 0)
			szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/hosted", NULL,
				     file_of(in->recs, tls->best), tls->best->line,
				     "%s SRV target %s. becomes %s. [srv-target-hosted-wrong-service]",
				     tls->best->owner, tls->best->target, cloud->sipdir);
	} else {
		char own[SZ_TEXT_MAX + 16];
		const char *labels[] = { "sip", "lyncdiscover" };
		for (size_t i = 0; i < 2; i++) {
			snprintf(own, sizeof(own), "%s.%s", labels[i], dom->name);
			const szi_imp_rec *c = szi_imp_find(in->recs, own, LDNS_RR_TYPE_CNAME, NULL);
			if (c != NULL)
				szi_imp_note(in->notes, SZ_IMPORT_LEFT_OUT, "/teams_only", "true",
					     file_of(in->recs, c), c->line,
					     "%s CNAME %s. not imported: without _sip._tls.%s the domain is Teams-only, which publishes the federation SRV alone",
					     c->owner, c->target, dom->name);
		}
	}
	for (int id = 0; id < SZI_SVC_COUNT; id++) {
		if (id == SZI_SVC_FEDERATION || id == SZI_SVC_SIP_TLS)
			continue;
		srvset o = find_srv(in->recs, (szi_svc_id)id, dom->name);
		for (size_t i = 0; i < o.n; i++)
			szi_imp_note(in->notes, SZ_IMPORT_LEFT_OUT, "/hosted", NULL,
				     file_of(in->recs, &o.first[i]), o.first[i].line,
				     "%s SRV not imported: a domain hosted by %s has no records of its own servers",
				     o.first[i].owner, cloud->key);
	}
	return true;
}

/* The access host and its addresses; false: the domain cannot be imported
 * (a note says why), or out of memory (in->nomem). */
static bool infer_access(infer *in, imp_domain *dom, const srvset *fed, const srvset *tls,
			 const srvset *xmpp)
{
	const srvset *order[] = { tls, fed };
	const char *host = NULL;
	for (size_t i = 0; i < 2 && host == NULL; i++)
		if (order[i]->best != NULL && szi_imp_within(order[i]->best->target, dom->name) &&
		    szi_imp_name_ok(order[i]->best->target))
			host = order[i]->best->target;
	dom->access_host = host != NULL ? strdup(host) : dup_printf("sip.%s", dom->name);
	if (dom->access_host == NULL)
		return !(in->nomem = true);
	const szi_imp_rec *any = tls->best != NULL ? tls->best : fed->best != NULL ? fed->best : xmpp->best;
	if (!szi_imp_name_ok(dom->access_host)) {
		szi_imp_note(in->notes, SZ_IMPORT_LEFT_OUT, "", NULL, file_of(in->recs, any), any->line,
			     "SIP domain %s not imported: its access host %s would not be a valid host name [bad-name]",
			     dom->name, dom->access_host);
		return false;
	}
	char value[SZ_TEXT_MAX + 4];
	snprintf(value, sizeof(value), "\"%s\"", dom->access_host);
	/* The addresses: the access host's own, else those of the target the
	 * records point at (outside the domain: sipzone gives the domain's own
	 * access host the edge's addresses). */
	const szi_imp_rec *via = NULL;
	if (!szi_imp_addrs_of(in->recs, dom->access_host, &dom->addrs, &via))
		return !(in->nomem = true);
	const char *from = dom->access_host;
	const srvset *all[] = { tls, fed, xmpp };
	for (size_t i = 0; i < 3 && dom->addrs.n == 0; i++) {
		if (all[i]->best == NULL)
			continue;
		free(dom->addrs.a);
		if (!szi_imp_addrs_of(in->recs, all[i]->best->target, &dom->addrs, &via))
			return !(in->nomem = true);
		from = all[i]->best->target;
	}
	if (dom->addrs.n == 0) {
		szi_imp_note(in->notes, SZ_IMPORT_LEFT_OUT, "", NULL, file_of(in->recs, any), any->line,
			     "SIP domain %s not imported: no target of its SRV records has an A or AAAA record in the files [srv-target-no-address]",
			     dom->name);
		return false;
	}
	if (via != NULL)
		szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/access_host", NULL, file_of(in->recs, via),
			     via->line, "%s is a CNAME; the model gives %s the addresses it leads to as A/AAAA records [srv-target-cname]",
			     via->owner, dom->access_host);
	for (size_t i = 0; i < 2; i++) {
		const szi_imp_rec *r = order[i]->best;
		if (r == NULL || strcmp(r->target, dom->access_host) == 0)
			continue;
		if (!szi_imp_within(r->target, dom->name))
			szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/access_host", value, file_of(in->recs, r), r->line,
				     "%s SRV target %s. is outside the SIP domain %s; the model points it at the domain's own access host %s, with %s's addresses [srv-target-outside-namespace]",
				     r->owner, r->target, dom->name, dom->access_host, from);
		else if (!szi_imp_name_ok(r->target))
			szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/access_host", value, file_of(in->recs, r), r->line,
				     "%s SRV target %s. is not a host name the model accepts; the model points it at %s, with %s's addresses [bad-name]",
				     r->owner, r->target, dom->access_host, from);
		else
			szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/access_host", value, file_of(in->recs, r), r->line,
				     "%s SRV target %s. differs from the other service's target; the model has one access host per domain, %s",
				     r->owner, r->target, dom->access_host);
	}
	return true;
}

static void infer_xmpp(infer *in, imp_domain *dom, const srvset *xmpp)
{
	if (xmpp->best == NULL)
		return;
	dom->xmpp = true;
	note_dropped(in, xmpp, "/xmpp");
	note_fields(in, xmpp->best, "/xmpp", 0, 0, 5269);
	char want[SZ_TEXT_MAX + 8];
	snprintf(want, sizeof(want), "xmpp.%s", dom->name);
	if (strcmp(xmpp->best->target, want) != 0)
		szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/xmpp", "true", file_of(in->recs, xmpp->best),
			     xmpp->best->line, "%s SRV target %s. becomes %s. with the edge pool's addresses: sipzone's XMPP host is xmpp.D",
			     xmpp->best->owner, xmpp->best->target, want);
	szi_addr_set got;
	const szi_imp_rec *via = NULL;
	if (!szi_imp_addrs_of(in->recs, want, &got, &via)) {
		in->nomem = true;
		return;
	}
	if (got.n > 0 && !szi_addr_set_equal(&got, &dom->addrs)) {
		const szi_imp_rec *r = szi_imp_find(in->recs, want, 0, NULL);
		char *s = set_json(&dom->addrs);
		szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/xmpp", s, file_of(in->recs, r), r != NULL ? r->line : 0,
			     "%s gets the edge pool's addresses (those of %s), not its own", want, dom->access_host);
		free(s);
	}
	free(got.a);
}

/* The generic SIP service of RFC 3263 transport `t` (the services table). */
static const szi_sip_service *gs_service(size_t t)
{
	return szi_sip_service_of_transport((sz_sip_transport)t);
}

/*
 * The SIP NAPTRs at D (RFC 3263 section 4.1): the most preferred one per
 * transport into by_t[], SRV sets a NAPTR names at another owner into s[]
 * (the model writes them at _proto.D), and a note for every NAPTR the model
 * does not reproduce as it is.
 */
static void infer_naptr(infer *in, imp_domain *dom, srvset s[SZ_SIP_TRANSPORTS],
			const szi_imp_rec *by_t[SZ_SIP_TRANSPORTS])
{
	size_t nn = 0;
	const szi_imp_rec *np = szi_imp_find(in->recs, dom->name, LDNS_RR_TYPE_NAPTR, &nn);
	for (size_t i = 0; i < nn; i++) {
		const szi_imp_rec *r = &np[i];
		const szi_sip_service *svc = r->svc >= 0 ? szi_sip_service_at((szi_svc_id)r->svc) : NULL;
		if (svc == NULL || svc->naptr == NULL) {
			szi_imp_note(in->notes, SZ_IMPORT_LEFT_OUT, "/generic_sip/naptr", NULL,
				     file_of(in->recs, r), r->line,
				     "%s NAPTR %u %u not imported: not a SIP NAPTR of RFC 3263's form (flag \"s\", no regexp, service SIPS+D2T, SIP+D2T or SIP+D2U)",
				     r->owner, r->prio, r->weight);
			continue;
		}
		size_t t = (size_t)svc->transport;
		char want[SZ_TEXT_MAX + 64];
		snprintf(want, sizeof(want), "%s.%s", svc->prefix, dom->name);
		const char *repl = r->target != NULL ? r->target : "";
		if (strcmp(repl, want) != 0) {
			srvset named = find_srv_at(in->recs, repl);
			if (s[t].best == NULL && named.best != NULL)
				s[t] = named;
			szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/generic_sip/naptr", "true",
				     file_of(in->recs, r), r->line,
				     "%s NAPTR %s names %s.; the model's NAPTR names %s. and writes the SRV there",
				     r->owner, svc->naptr, repl, want);
		}
		if (s[t].best == NULL) {
			szi_imp_note(in->notes, SZ_IMPORT_LEFT_OUT, "/generic_sip/naptr", NULL,
				     file_of(in->recs, r), r->line,
				     "%s NAPTR %s not imported: it names no SRV record the files have [naptr-replacement-no-srv]",
				     r->owner, svc->naptr);
			continue;
		}
		const szi_imp_rec *drop = r, *b = by_t[t];
		if (b == NULL || r->prio < b->prio || (r->prio == b->prio && r->weight < b->weight)) {
			drop = b;
			by_t[t] = r;
		}
		if (drop != NULL)
			szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/generic_sip/naptr", "true",
				     file_of(in->recs, drop), drop->line,
				     "a second %s NAPTR at %s (order %u): the model writes one per transport",
				     svc->naptr, drop->owner, drop->prio);
	}
}

/* Most preferred first: transports with a NAPTR by its order and
 * preference, then the others by their SRVs' priority and weight, then
 * RFC 3263's tls, tcp, udp. */
static bool gs_before(size_t a, size_t b, const srvset s[SZ_SIP_TRANSPORTS],
		      const szi_imp_rec *const by_t[SZ_SIP_TRANSPORTS])
{
	const szi_imp_rec *na = by_t[a], *nb = by_t[b];
	if ((na == NULL) != (nb == NULL))
		return na != NULL;
	if (na != NULL && (na->prio != nb->prio || na->weight != nb->weight))
		return na->prio < nb->prio || (na->prio == nb->prio && na->weight < nb->weight);
	const szi_imp_rec *sa = s[a].best, *sb = s[b].best;
	if (sa->prio != sb->prio || sa->weight != sb->weight)
		return sa->prio < sb->prio || (sa->prio == sb->prio && sa->weight > sb->weight);
	return a < b;
}

static bool infer_generic(infer *in, imp_domain *dom)
{
	srvset s[SZ_SIP_TRANSPORTS];
	const szi_imp_rec *by_t[SZ_SIP_TRANSPORTS] = { NULL };
	size_t order[SZ_SIP_TRANSPORTS], n = 0, with_naptr = 0;
	for (size_t t = 0; t < SZ_SIP_TRANSPORTS; t++)
		s[t] = find_srv_of(in->recs, gs_service(t), dom->name);
	infer_naptr(in, dom, s, by_t);
	for (size_t t = 0; t < SZ_SIP_TRANSPORTS; t++)
		if (s[t].best != NULL) {
			order[n++] = t;
			with_naptr += by_t[t] != NULL;
		}
	if (n == 0)
		return true;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && gs_before(order[j], order[j - 1], s, by_t); j--) {
			size_t t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	dom->n_transports = n;
	dom->naptr = with_naptr > 0;
	for (size_t i = 0; i < n; i++) {
		size_t t = order[i];
		const szi_imp_rec *r = s[t].best;
		uint16_t dport = gs_service(t)->default_port;
		dom->transports[i] = (sz_sip_transport)t;
		dom->ports[t] = r->port != 0 ? r->port : dport;
		note_dropped(in, &s[t], "/generic_sip/host");
		note_fields(in, r, "/generic_sip/transports", 0, 0, r->port != 0 ? 0 : dport);
		if (dom->naptr && by_t[t] == NULL)
			szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/generic_sip/naptr", "true",
				     file_of(in->recs, r), r->line,
				     "%s has no NAPTR at %s; the model writes one for every transport",
				     r->owner, dom->name);
	}
	if (n - with_naptr > 1)
		szi_imp_note(in->notes, SZ_IMPORT_ASSUMED, "/generic_sip/transports", NULL, NULL, 0,
			     "transports of %s without a NAPTR ordered by their SRVs' priority and weight",
			     dom->name);
	/* the host: the most preferred transport's target */
	const szi_imp_rec *lead = s[order[0]].best;
	const char *host = lead->target;
	bool outside = !szi_imp_within(host, dom->name) || !szi_imp_name_ok(host);
	szi_addr_set addrs;
	const szi_imp_rec *via = NULL;
	if (!szi_imp_addrs_of(in->recs, host, &addrs, &via))
		return !(in->nomem = true);
	if (dom->access_host != NULL && (outside || strcmp(host, dom->access_host) == 0 || addrs.n == 0)) {
		if (strcmp(host, dom->access_host) != 0)
			szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/generic_sip/host", NULL,
				     file_of(in->recs, lead), lead->line,
				     outside ? "%s SRV target %s. is outside the SIP domain; the model points it at the access host %s"
					     : "%s SRV target %s. has no address in the files; the model points it at the access host %s",
				     lead->owner, host, dom->access_host);
		free(addrs.a);
		host = dom->access_host;
	} else {
		if (addrs.n == 0) {
			free(addrs.a);
			szi_imp_note(in->notes, SZ_IMPORT_LEFT_OUT, "", NULL, file_of(in->recs, lead), lead->line,
				     "generic SIP of %s not imported: its target %s. has no A or AAAA record in the files [srv-target-no-address]",
				     dom->name, host);
			dom->n_transports = 0;
			return true;
		}
		if (outside) {
			dom->gs_host = dup_printf("sip.%s", dom->name);
			szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/generic_sip/host", dom->gs_host,
				     file_of(in->recs, lead), lead->line,
				     "%s SRV target %s. is outside the SIP domain %s; the model names a host inside it with the target's addresses [srv-target-outside-namespace]",
				     lead->owner, host, dom->name);
		} else {
			dom->gs_host = strdup(host);
		}
		if (dom->gs_host == NULL) {
			free(addrs.a);
			return !(in->nomem = true);
		}
		dom->gs_addrs = addrs;
		host = dom->gs_host;
		if (via != NULL)
			szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/generic_sip/addresses", NULL,
				     file_of(in->recs, via), via->line,
				     "%s is a CNAME; the model gives %s the addresses it leads to [srv-target-cname]",
				     via->owner, host);
	}
	for (size_t i = 1; i < n; i++) {
		const szi_imp_rec *r = s[order[i]].best;
		if (strcmp(r->target, lead->target) != 0)
			szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/generic_sip/host", NULL,
				     file_of(in->recs, r), r->line,
				     "%s SRV target %s. becomes %s.: the model points every transport at one host",
				     r->owner, r->target, host);
	}
	return true;
}

static void infer_web(infer *in, imp_domain *dom)
{
	static const struct { const char *label; unsigned bit; } web[] = {
		{ "lyncdiscover", SZ_WEB_LYNCDISCOVER }, { "meet", SZ_WEB_MEET }, { "dialin", SZ_WEB_DIALIN },
	};
	for (size_t i = 0; i < sizeof(web) / sizeof(web[0]); i++) {
		char name[SZ_TEXT_MAX + 16];
		snprintf(name, sizeof(name), "%s.%s", web[i].label, dom->name);
		szi_addr_set s;
		const szi_imp_rec *via = NULL;
		if (!szi_imp_addrs_of(in->recs, name, &s, &via)) {
			in->nomem = true;
			return;
		}
		if (s.n == 0) {
			free(s.a);
			continue;
		}
		if (in->n_web == in->cap_web) {
			size_t cap = in->cap_web ? in->cap_web * 2 : 8;
			imp_web *v = realloc(in->web, cap * sizeof(*v));
			if (v == NULL) {
				free(s.a);
				in->nomem = true;
				return;
			}
			in->web = v;
			in->cap_web = cap;
		}
		const szi_imp_rec *r = szi_imp_find(in->recs, name, 0, NULL);
		in->web[in->n_web++] = (imp_web){ dom, web[i].bit, s, r };
		dom->web |= web[i].bit;
	}
}

/* The TTL of the domain: that of its first SRV in the table's order. */
static void infer_ttl(infer *in, imp_domain *dom, const srvset *sets, size_t n)
{
	const szi_imp_rec *first = NULL;
	for (size_t i = 0; i < n && first == NULL; i++)
		first = sets[i].best;
	if (first == NULL)
		return;
	dom->ttl = first->ttl;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < sets[i].n; j++)
			if (sets[i].first[j].ttl != dom->ttl) {
				const szi_imp_rec *r = &sets[i].first[j];
				szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/ttl", NULL, file_of(in->recs, r),
					     r->line, "%s SRV TTL %u becomes %u: a SIP domain's records share one TTL",
					     r->owner, r->ttl, dom->ttl);
				return;
			}
}

/* Null-target SRVs of the domain: the model has no way to say "declared
 * absent", so they are left out. */
static void note_null_targets(infer *in, const imp_domain *dom)
{
	for (int id = 0; id < SZI_SVC_COUNT; id++) {
		char owner[SZ_TEXT_MAX + 64];
		snprintf(owner, sizeof(owner), "%s.%s", szi_sip_service_at((szi_svc_id)id)->prefix, dom->name);
		size_t n = 0;
		const szi_imp_rec *r = szi_imp_find(in->recs, owner, LDNS_RR_TYPE_SRV, &n);
		for (size_t i = 0; i < n && r[i].target[0] == '\0'; i++)
			szi_imp_note(in->notes, SZ_IMPORT_LEFT_OUT, "", NULL, file_of(in->recs, &r[i]), r[i].line,
				     "%s SRV with the null target '.' not imported: the model writes no record for a service it does not have",
				     owner);
	}
}

bool szi_imp_infer_domain(infer *in, imp_domain *dom)
{
	note_null_targets(in, dom);
	srvset fed = find_srv(in->recs, SZI_SVC_FEDERATION, dom->name);
	srvset tls = find_srv(in->recs, SZI_SVC_SIP_TLS, dom->name);
	srvset xmpp = find_srv(in->recs, SZI_SVC_XMPP_SERVER, dom->name);
	/* Records the model does not write: the internal view's, and XMPP client sign-in. */
	static const szi_svc_id other[] = { SZI_SVC_INTERNAL_TLS, SZI_SVC_INTERNAL_TCP, SZI_SVC_XMPP_CLIENT };
	for (size_t k = 0; k < 3; k++) {
		srvset o = find_srv(in->recs, other[k], dom->name);
		for (size_t i = 0; i < o.n && dom->kind != IMP_HOSTED; i++)
			szi_imp_note(in->notes, SZ_IMPORT_LEFT_OUT, "", NULL, file_of(in->recs, &o.first[i]),
				     o.first[i].line,
				     other[k] == SZI_SVC_XMPP_CLIENT
					     ? "%s SRV not imported: sipzone does not write XMPP client records"
					     : "%s SRV not imported: an internal-view record among the external files (give the internal view's files with --internal)",
				     o.first[i].owner);
	}
	const sz_hosted_names *cloud = NULL;
	const srvset *ht[] = { &fed, &tls };
	for (size_t i = 0; i < 2 && cloud == NULL; i++)
		if (ht[i]->best != NULL)
			(void)szi_hosted_role(ht[i]->best->target, &cloud);
	if (cloud != NULL)
		return infer_hosted(in, dom, &fed, &tls, cloud);

	bool edge = fed.best != NULL || tls.best != NULL || xmpp.best != NULL;
	dom->kind = edge ? IMP_EDGE : IMP_PROVIDER;
	if (edge) {
		if (!infer_access(in, dom, &fed, &tls, &xmpp))
			return false;
		if (fed.best == NULL && tls.best == NULL)
			szi_imp_note(in->notes, SZ_IMPORT_ASSUMED, "/access_host", NULL, NULL, 0,
				     "%s has an XMPP SRV but no federation or remote-access SRV: the model still writes its access host %s with the edge's addresses",
				     dom->name, dom->access_host);
		dom->federation = fed.best != NULL;
		dom->remote_access = tls.best != NULL;
		if (fed.best != NULL) {
			note_dropped(in, &fed, "/federation");
			note_fields(in, fed.best, "/federation", 0, 0, 5061);
		}
		if (tls.best != NULL) {
			note_dropped(in, &tls, "/remote_access");
			note_fields(in, tls.best, "/remote_access", 0, 0, 443);
		}
		infer_xmpp(in, dom, &xmpp);
	}
	if (!infer_generic(in, dom) || in->nomem)
		return false;
	if (!edge && dom->n_transports == 0)
		return false;
	if (edge)
		infer_web(in, dom);
	srvset sets[6] = { fed, tls, xmpp };
	for (size_t t = 0; t < SZ_SIP_TRANSPORTS; t++)
		sets[3 + t] = find_srv_of(in->recs, gs_service(t), dom->name);
	infer_ttl(in, dom, sets, 6);
	if (edge && fed.best == NULL)
		szi_imp_note(in->notes, SZ_IMPORT_ASSUMED, "/federation", "\"none\"", NULL, 0,
			     "no _sipfederationtls._tcp.%s SRV: \"direct\" (partners given the Access Edge FQDN, PIC) writes the same records; confirm",
			     dom->name);
	else if (edge)
		szi_imp_note(in->notes, SZ_IMPORT_ASSUMED, "/federation", "\"open\"", NULL, 0,
			     "_sipfederationtls._tcp.%s SRV found: \"enhanced\" writes the same records; confirm",
			     dom->name);
	return true;
}

/* ---- the internal view (--internal) ---- */

static bool add_web(infer *in, imp_web **list, size_t *n, size_t *cap, imp_web w)
{
	if (*n == *cap) {
		size_t c = *cap ? *cap * 2 : 8;
		imp_web *v = realloc(*list, c * sizeof(*v));
		if (v == NULL) {
			in->nomem = true;
			return false;
		}
		*list = v;
		*cap = c;
	}
	(*list)[(*n)++] = w;
	return true;
}

void szi_imp_infer_internal(infer *in, imp_domain *dom)
{
	const szi_imp_recs *ir = in->irecs;
	if (ir == NULL || ir->n == 0 || dom->kind != IMP_EDGE)
		return;
	char sip[SZ_TEXT_MAX + 16];
	snprintf(sip, sizeof(sip), "sip.%s", dom->name);
	srvset fe = find_srv(ir, SZI_SVC_INTERNAL_TLS, dom->name);
	if (fe.best != NULL) {
		const szi_imp_rec *r = fe.best;
		const szi_imp_rec *via = NULL;
		if (!szi_imp_addrs_of(ir, sip, &dom->fe_addrs, &via))
			return (void)(in->nomem = true);
		if (dom->fe_addrs.n == 0) {
			free(dom->fe_addrs.a);
			if (!szi_imp_addrs_of(ir, r->target, &dom->fe_addrs, &via))
				return (void)(in->nomem = true);
		}
		if (dom->fe_addrs.n == 0) {
			szi_imp_note(in->notes, SZ_IMPORT_LEFT_OUT, "/front_end_pool", NULL, file_of(ir, r), r->line,
				     "%s SRV not imported: neither %s nor its target %s. has an A or AAAA record in the internal files",
				     r->owner, sip, r->target);
		} else {
			dom->fe = true;
			if (strcmp(r->target, sip) != 0)
				szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/front_end_pool", NULL, file_of(ir, r), r->line,
					     "%s SRV target %s. becomes %s.: sipzone points internal sign-in at sip.D, with the pool's addresses",
					     r->owner, r->target, sip);
			if (r->port != 5061 || r->prio != 0 || r->weight != 0)
				szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/front_end_pool", NULL, file_of(ir, r), r->line,
					     "%s SRV %u %u %u becomes 0 0 5061", r->owner, r->prio, r->weight, r->port);
			for (size_t i = 0; i < fe.n; i++)
				if (&fe.first[i] != r)
					szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/front_end_pool", NULL,
						     file_of(ir, &fe.first[i]), fe.first[i].line,
						     "%s SRV %s. dropped: the model points the service at one target",
						     fe.first[i].owner, fe.first[i].target);
		}
	}
	/* the internal web services: only those the domain asks for outside
	 * (the model's web_services are one set for both views), and admin */
	static const struct { const char *label; unsigned bit; } web[] = {
		{ "lyncdiscoverinternal", SZ_WEB_LYNCDISCOVER }, { "meet", SZ_WEB_MEET },
		{ "dialin", SZ_WEB_DIALIN }, { "admin", SZ_WEB_ADMIN },
	};
	for (size_t i = 0; dom->fe && i < sizeof(web) / sizeof(web[0]); i++) {
		char name[SZ_TEXT_MAX + 32];
		snprintf(name, sizeof(name), "%s.%s", web[i].label, dom->name);
		szi_addr_set s;
		const szi_imp_rec *via = NULL;
		if (!szi_imp_addrs_of(ir, name, &s, &via))
			return (void)(in->nomem = true);
		const szi_imp_rec *r = szi_imp_find(ir, name, 0, NULL);
		if (s.n == 0 || (web[i].bit != SZ_WEB_ADMIN && !(dom->web & web[i].bit))) {
			if (s.n > 0)
				szi_imp_note(in->notes, SZ_IMPORT_LEFT_OUT, "/web_services", NULL, file_of(ir, r),
					     r != NULL ? r->line : 0,
					     "%s not imported: the domain publishes no %s outside, and the model asks for a web service in both views",
					     name, web[i].label);
			free(s.a);
			continue;
		}
		if (web[i].bit == SZ_WEB_ADMIN)
			dom->web |= SZ_WEB_ADMIN;
		if (!add_web(in, &in->iweb, &in->n_iweb, &in->cap_iweb, (imp_web){ dom, web[i].bit, s, r })) {
			free(s.a);
			return;
		}
	}
	/* the edge's internal interface: the mobile-push federation SRV */
	srvset fed = find_srv(ir, SZI_SVC_FEDERATION, dom->name);
	if (fed.best != NULL && (!dom->fe || !dom->federation || !szi_imp_name_ok(fed.best->target) ||
				 szi_hosted_role(fed.best->target, NULL) != SZI_HOSTED_NO)) {
		szi_imp_note(in->notes, SZ_IMPORT_LEFT_OUT, "/edge_pool", NULL, file_of(ir, fed.best), fed.best->line,
			     "%s SRV (mobile push) not imported: sipzone writes it only for a domain on a front-end pool with a federation SRV outside, at the edge's internal FQDN",
			     fed.best->owner);
	} else if (fed.best != NULL) {
		const szi_imp_rec *via = NULL;
		if (!szi_imp_addrs_of(ir, fed.best->target, &dom->int_addrs, &via))
			return (void)(in->nomem = true);
		if (dom->int_addrs.n > 0)
			dom->int_edge = fed.best;
		else
			szi_imp_note(in->notes, SZ_IMPORT_LEFT_OUT, "/edge_pool", NULL, file_of(ir, fed.best),
				     fed.best->line, "%s SRV (mobile push) not imported: its target %s. has no address in the internal files",
				     fed.best->owner, fed.best->target);
	}
}
