/*
 * import/emit.c: what spans the SIP domains (edge pools grouped by shared
 * addresses, the reverse proxy, complete zones, the default TTL), and the
 * model as JSON: keys sorted, domains in canonical order, addresses IPv4
 * first then by value, names sorted canonically, so that the same records
 * give the same bytes.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dns/host_name.h"
#include "import/infer.h"
#include "sip/services.h"
#include "sipzone/records.h"

typedef struct build {
	infer in;
	imp_domain *doms;
	size_t n_doms;
	bool *kept;
	size_t *index;            /* final index in sip_domains[] */
	size_t n_pools;
	size_t n_fe_pools;
	json_t *root;
} build;

static int name_qcmp(const void *a, const void *b)
{
	return sz_name_canonical_cmp(*(char *const *)a, *(char *const *)b);
}

static json_t *addr_array(const szi_addr_set *s)
{
	json_t *a = json_array();
	for (size_t i = 0; a != NULL && i < s->n; i++) {
		char t[64];
		szi_addr_text(&s->a[i], t, sizeof(t));
		json_array_append_new(a, json_string(t));
	}
	return a;
}

static const char *file_of(const szi_imp_recs *recs, const szi_imp_rec *r)
{
	return r != NULL && r->file < recs->files.count ? recs->files.names[r->file] : NULL;
}

typedef struct name_ref {
	const char *name;
	const szi_imp_rec *rec;
} name_ref;

static int name_ref_cmp(const void *a, const void *b)
{
	const name_ref *x = a, *y = b;
	return sz_name_canonical_cmp(x->name, y->name);
}

/* The SIP domains: every D that owns a SIP service's SRV, in canonical order. */
static sz_status collect_domains(build *b)
{
	const szi_imp_recs *recs = b->in.recs;
	name_ref *names = malloc((recs->n + 1) * sizeof(*names));
	if (names == NULL)
		return SZ_ERR_NOMEM;
	size_t n = 0;
	for (size_t i = 0; i < recs->n; i++)
		if (recs->v[i].svc >= 0 && recs->v[i].svc_domain != NULL)
			names[n++] = (name_ref){ recs->v[i].svc_domain, &recs->v[i] };
	qsort(names, n, sizeof(*names), name_ref_cmp);
	b->doms = calloc(n + 1, sizeof(*b->doms));
	if (b->doms == NULL) {
		free(names);
		return SZ_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && strcmp(names[i - 1].name, names[i].name) == 0)
			continue;
		if (!szi_imp_name_ok(names[i].name)) {
			b->in.notes->cur_dom = -1;
			szi_imp_note(b->in.notes, SZ_IMPORT_LEFT_OUT, "", NULL, file_of(recs, names[i].rec),
				     names[i].rec->line,
				     "SIP domain %s not imported: not a host name the model accepts [bad-name]",
				     names[i].name);
			continue;
		}
		b->doms[b->n_doms++].name = (char *)names[i].name; /* borrowed from the records */
	}
	free(names);
	return SZ_OK;
}

/* Pools: the kept domains' hosts with the same addresses share one. For
 * `fe` false the edge pools (access hosts, dom->pool), for `fe` true the
 * front-end pools (sip.D in the internal view, dom->fe_pool). */
static sz_status group_by_addresses(build *b, bool fe)
{
	szi_addr_set *sets = calloc(b->n_doms + 1, sizeof(*sets));
	size_t *group = calloc(b->n_doms + 1, sizeof(*group));
	size_t *which = calloc(b->n_doms + 1, sizeof(*which));
	if (sets == NULL || group == NULL || which == NULL) {
		free(sets);
		free(group);
		free(which);
		return SZ_ERR_NOMEM;
	}
	size_t n = 0;
	for (size_t i = 0; i < b->n_doms; i++)
		if (b->kept[i] && (fe ? b->doms[i].fe : b->doms[i].kind == IMP_EDGE)) {
			which[n] = i;
			sets[n++] = fe ? b->doms[i].fe_addrs : b->doms[i].addrs;
		}
	size_t n_groups = szi_imp_group_pools(sets, n, group);
	for (size_t k = 0; k < n; k++)
		*(fe ? &b->doms[which[k]].fe_pool : &b->doms[which[k]].pool) = group[k];
	if (fe)
		b->n_fe_pools = n_groups;
	else
		b->n_pools = n_groups;
	/* edge pools that share some addresses but not all stay apart: say
	 * so (among the first hosts only: the check is quadratic) */
	for (size_t k = 0; !fe && k < n && k < 512; k++)
		for (size_t j = 0; j < k; j++)
			if (group[j] != group[k] && szi_addr_set_overlap(&sets[j], &sets[k])) {
				char path[64];
				snprintf(path, sizeof(path), "/edge_pools/edge-%zu", group[k] + 1);
				b->in.notes->cur_dom = -1;
				szi_imp_note(b->in.notes, SZ_IMPORT_ASSUMED, path, NULL, NULL, 0,
					     "%s and %s share some addresses but not all: two edge pools, edge-%zu and edge-%zu, so that each keeps its addresses; one pool if that is what they are (then give them one address set)",
					     b->doms[which[j]].access_host, b->doms[which[k]].access_host,
					     group[j] + 1, group[k] + 1);
				j = k; /* one note per host */
			}
	free(sets);
	free(group);
	free(which);
	return SZ_OK;
}

/* Pool p from its domains (`members`, indexes into b->doms in canonical
 * order of the domains). */
static json_t *pool_json(build *b, size_t p, const size_t *members, size_t n_members)
{
	const imp_domain *first = NULL;
	char **san = calloc(2 * n_members + 2, sizeof(*san));
	if (san == NULL)
		return NULL;
	size_t n_san = 0;
	for (size_t k = 0; k < n_members; k++) {
		imp_domain *d = &b->doms[members[k]];
		if (first == NULL)
			first = d;
		san[n_san++] = strdup(d->access_host);
		if (d->xmpp) {
			size_t len = strlen(d->name) + 6;
			san[n_san] = malloc(len);
			if (san[n_san] != NULL)
				snprintf(san[n_san], len, "xmpp.%s", d->name);
			n_san++;
		}
	}
	json_t *pool = json_object(), *sans = json_array(), *cert = json_object();
	bool ok = pool != NULL && sans != NULL && cert != NULL;
	for (size_t i = 0; i < n_san; i++)
		ok = ok && san[i] != NULL;
	if (ok) {
		qsort(san, n_san, sizeof(*san), name_qcmp);
		for (size_t i = 0; i < n_san; i++)
			if (i == 0 || strcmp(san[i], san[i - 1]) != 0)
				json_array_append_new(sans, json_string(san[i]));
		json_object_set_new(pool, "access_edge", json_string(first->access_host));
		const imp_domain *ie = NULL;
		for (size_t k = 0; k < n_members; k++) {
			const imp_domain *d = &b->doms[members[k]];
			if (d->int_edge == NULL)
				continue;
			if (ie == NULL) {
				ie = d;
			} else if (strcmp(d->int_edge->target, ie->int_edge->target) != 0 ||
				   !szi_addr_set_equal(&d->int_addrs, &ie->int_addrs)) {
				b->in.notes->cur_dom = -1;
				char ipath[64];
				snprintf(ipath, sizeof(ipath), "/edge_pools/edge-%zu/internal_fqdn", p + 1);
				szi_imp_note(b->in.notes, SZ_IMPORT_CORRECTED, ipath, NULL,
					     file_of(b->in.irecs, d->int_edge), d->int_edge->line,
					     "%s SRV target %s. becomes %s.: an edge pool has one internal FQDN",
					     d->int_edge->owner, d->int_edge->target, ie->int_edge->target);
			}
		}
		if (ie != NULL) {
			json_object_set_new(pool, "internal_fqdn", json_string(ie->int_edge->target));
			json_object_set_new(pool, "internal_addresses", addr_array(&ie->int_addrs));
		}
		json_object_set_new(pool, "addresses", addr_array(&first->addrs));
		json_object_set_new(cert, "subject", json_string(first->access_host));
		json_object_set(cert, "san", sans);
		json_object_set(pool, "certificate", cert);
		char path[96];
		snprintf(path, sizeof(path), "/edge_pools/edge-%zu/access_edge", p + 1);
		char value[SZ_TEXT_MAX + 4];
		snprintf(value, sizeof(value), "\"%s\"", first->access_host);
		b->in.notes->cur_dom = -1;
		szi_imp_note(b->in.notes, SZ_IMPORT_ASSUMED, path, value, NULL, 0,
			     "the Access Edge FQDN (the certificate's subject, what PIC and direct partners are given) is not in DNS: the first access host of the pool; confirm");
		snprintf(path, sizeof(path), "/edge_pools/edge-%zu/certificate/san", p + 1);
		char *text = json_dumps(sans, JSON_COMPACT);
		szi_imp_note(b->in.notes, SZ_IMPORT_ASSUMED, path, text, NULL, 0,
			     "not in DNS: the names the model requires (subject, access hosts, xmpp.D); add the web conferencing edge and the other names the certificate holds; confirm");
		free(text);
	}
	json_decref(sans);
	json_decref(cert);
	for (size_t i = 0; i < n_san; i++)
		free(san[i]);
	free(san);
	if (!ok) {
		json_decref(pool);
		return NULL;
	}
	return pool;
}

static int set_ptr_cmp(const void *a, const void *b)
{
	return szi_addr_set_cmp(*(const szi_addr_set *const *)a, *(const szi_addr_set *const *)b);
}

/* {"addresses": a}, taking `a`. */
static json_t *addresses_object(json_t *a)
{
	json_t *o = json_object();
	if (o != NULL)
		json_object_set_new(o, "addresses", a);
	else
		json_decref(a);
	return o;
}

/* The set most entries of `list` have; on a tie the first in the sets'
 * order. NULL for an empty list or out of memory (in->nomem). */
static const szi_addr_set *most_common(infer *in, const imp_web *list, size_t n)
{
	if (n == 0)
		return NULL;
	const szi_addr_set **sets = malloc(n * sizeof(*sets));
	if (sets == NULL) {
		in->nomem = true;
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		sets[i] = &list[i].addrs;
	qsort(sets, n, sizeof(*sets), set_ptr_cmp);
	const szi_addr_set *best = sets[0];
	size_t best_count = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && szi_addr_set_cmp(sets[i], sets[j]) == 0)
			j++;
		if (j - i > best_count) {
			best = sets[i];
			best_count = j - i;
		}
		i = j;
	}
	free(sets);
	return best;
}

/* The reverse proxy: the address set most web service names share. */
static json_t *reverse_proxy(build *b)
{
	infer *in = &b->in;
	if (in->n_web == 0)
		return NULL;
	const szi_addr_set *rp = most_common(in, in->web, in->n_web);
	if (rp == NULL)
		return NULL;
	json_t *a = addr_array(rp);
	char *text = json_dumps(a, JSON_COMPACT);
	bool dialin = false;
	for (size_t i = 0; i < in->n_web; i++) {
		imp_web *w = &in->web[i];
		if (w->bit == SZ_WEB_DIALIN) {
			if (dialin) {
				w->dom->web &= ~SZ_WEB_DIALIN;
				in->notes->cur_dom = -1;
				szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/reverse_proxy", NULL,
					     file_of(in->recs, w->rec), w->rec != NULL ? w->rec->line : 0,
					     "dialin.%s not imported: one domain per organisation has dialin, %s here [once-per-organisation]",
					     w->dom->name, "the first");
				continue;
			}
			dialin = true;
		}
		if (!szi_addr_set_equal(&w->addrs, rp)) {
			in->notes->cur_dom = -1;
			szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/reverse_proxy/addresses", text,
				     file_of(in->recs, w->rec), w->rec != NULL ? w->rec->line : 0,
				     "%s gets the reverse proxy's addresses, those most web service names have",
				     w->rec != NULL ? w->rec->owner : w->dom->name);
		}
	}
	free(text);
	return addresses_object(a);
}

/* The index of the longest kept SIP domain that holds `name`, or -1. */
static int holder_of(const build *b, const char *name)
{
	for (const char *n = name; n != NULL; n = szi_name_parent(n)) {
		size_t lo = 0, hi = b->n_doms;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			int c = sz_name_canonical_cmp(b->doms[mid].name, n);
			if (c == 0) {
				if (b->kept[mid])
					return (int)mid;
				break;
			}
			if (c < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
	}
	return -1;
}

/* An address record is written into the snippet of the longest SIP
 * domain that holds its owner, with that domain's TTL: say so where the
 * files had another. */
static void note_host_ttls(build *b)
{
	static const uint16_t types[] = { LDNS_RR_TYPE_A, LDNS_RR_TYPE_AAAA };
	const szi_imp_recs *recs = b->in.recs;
	for (size_t i = 0; i < b->n_doms; i++) {
		const imp_domain *d = &b->doms[i];
		const char *hosts[] = { d->access_host, d->gs_host };
		if (!b->kept[i])
			continue;
		for (size_t h = 0; h < 2; h++) {
			if (hosts[h] == NULL || (h == 1 && d->access_host != NULL && strcmp(hosts[1], d->access_host) == 0))
				continue;
			int j = holder_of(b, hosts[h]);
			if (j < 0)
				continue;
			bool done = false;
			for (size_t t = 0; t < 2 && !done; t++) {
				size_t n = 0;
				const szi_imp_rec *r = szi_imp_find(recs, hosts[h], types[t], &n);
				for (size_t k = 0; k < n && !done; k++)
					if (r[k].ttl != b->doms[j].ttl) {
						b->in.notes->cur_dom = j;
						szi_imp_note(b->in.notes, SZ_IMPORT_CORRECTED, "/ttl", NULL, file_of(recs, &r[k]),
							     r[k].line, "%s %s TTL %u becomes %u, the TTL of the SIP domain %s, whose snippet holds it",
							     hosts[h], t == 0 ? "A" : "AAAA", r[k].ttl, b->doms[j].ttl, b->doms[j].name);
						done = true;
					}
			}
		}
	}
	b->in.notes->cur_dom = -1;
}

/* Does `zone` hold a kept SIP domain or one of its hosts? generate writes
 * such a domain into the longest listed zone that holds it, and a pool host
 * outside every SIP domain into a listed zone that holds it. */
static bool zone_holds_model_name(const build *b, const char *zone)
{
	for (size_t i = 0; i < b->n_doms; i++) {
		const imp_domain *d = &b->doms[i];
		if (b->kept[i] && (sz_name_is_within(d->name, zone) ||
				   (d->access_host != NULL && sz_name_is_within(d->access_host, zone)) ||
				   (d->gs_host != NULL && sz_name_is_within(d->gs_host, zone))))
			return true;
	}
	return false;
}

/* One complete zone from the SOA and NS records at its apex; NULL (with a
 * note) when the model cannot hold it. */
static json_t *zone_json(build *b, const szi_imp_rec *soa)
{
	const szi_imp_recs *recs = b->in.recs;
	szi_imp_notes *notes = b->in.notes;
	notes->cur_dom = -1;
	char path[SZ_TEXT_MAX + 16];
	snprintf(path, sizeof(path), "/zones/%s", soa->owner);
	if (!zone_holds_model_name(b, soa->owner)) {
		szi_imp_note(notes, SZ_IMPORT_LEFT_OUT, "/zones", NULL, file_of(recs, soa), soa->line,
			     "zone %s (SOA) not imported as a complete zone: it holds none of the SIP domains and hosts imported",
			     soa->owner);
		return NULL;
	}
	if (!szi_imp_name_ok(soa->target) || !szi_imp_name_ok(soa->rname)) {
		szi_imp_note(notes, SZ_IMPORT_LEFT_OUT, path, NULL, file_of(recs, soa), soa->line,
			     "zone %s not imported as a complete zone: its SOA names a host name the model does not accept",
			     soa->owner);
		return NULL;
	}
	size_t n_ns = 0;
	const szi_imp_rec *ns = szi_imp_find(recs, soa->owner, LDNS_RR_TYPE_NS, &n_ns);
	json_t *arr = json_array();
	if (arr == NULL)
		return NULL;
	const char *why = n_ns == 0 ? "it has no NS records" : NULL;
	for (size_t i = 0; i < n_ns && why == NULL; i++) {
		if (!szi_imp_name_ok(ns[i].target)) {
			why = "an NS record names a host name the model does not accept";
			break;
		}
		if (!szi_imp_within(ns[i].target, soa->owner)) {
			json_array_append_new(arr, json_string(ns[i].target));
			continue;
		}
		szi_addr_set s;
		const szi_imp_rec *via = NULL;
		size_t n4 = 0, n6 = 0;
		(void)szi_imp_find(recs, ns[i].target, LDNS_RR_TYPE_A, &n4);
		(void)szi_imp_find(recs, ns[i].target, LDNS_RR_TYPE_AAAA, &n6);
		if (n4 + n6 == 0) {
			why = "a name server inside it has no A or AAAA record in the files [ns-no-address]";
			break;
		}
		if (!szi_imp_addrs_of(recs, ns[i].target, &s, &via)) {
			json_decref(arr);
			return NULL;
		}
		json_t *o = json_object();
		json_object_set_new(o, "name", json_string(ns[i].target));
		json_object_set_new(o, "addresses", addr_array(&s));
		json_array_append_new(arr, o);
		free(s.a);
	}
	if (why != NULL) {
		json_decref(arr);
		szi_imp_note(notes, SZ_IMPORT_LEFT_OUT, path, NULL, file_of(recs, soa), soa->line,
			     "zone %s not imported as a complete zone: %s", soa->owner, why);
		return NULL;
	}
	json_t *z = json_object(), *s = json_object();
	json_object_set_new(s, "mname", json_string(soa->target));
	json_object_set_new(s, "rname", json_string(soa->rname));
	json_object_set_new(s, "refresh", json_integer(soa->refresh));
	json_object_set_new(s, "retry", json_integer(soa->retry));
	json_object_set_new(s, "expire", json_integer(soa->expire));
	json_object_set_new(s, "minimum", json_integer(soa->minimum));
	json_object_set_new(z, "soa", s);
	json_object_set_new(z, "ns", arr);
	return z;
}


static json_t *domain_json(const imp_domain *d, uint32_t default_ttl)
{
	json_t *o = json_object();
	if (o == NULL)
		return NULL;
	json_object_set_new(o, "domain", json_string(d->name));
	if (d->kind == IMP_HOSTED) {
		json_object_set_new(o, "hosted", json_string(d->cloud->key));
		if (d->teams_only)
			json_object_set_new(o, "teams_only", json_true());
		if (d->ttl != 3600)
			json_object_set_new(o, "ttl", json_integer(d->ttl));
		return o;
	}
	if (d->ttl != default_ttl)
		json_object_set_new(o, "ttl", json_integer(d->ttl));
	if (d->kind == IMP_EDGE) {
		char pool[32];
		snprintf(pool, sizeof(pool), "edge-%zu", d->pool + 1);
		json_object_set_new(o, "edge_pool", json_string(pool));
		char def[SZ_TEXT_MAX + 8];
		snprintf(def, sizeof(def), "sip.%s", d->name);
		if (strcmp(d->access_host, def) != 0)
			json_object_set_new(o, "access_host", json_string(d->access_host));
		json_object_set_new(o, "federation", json_string(d->federation ? "open" : "none"));
		json_object_set_new(o, "remote_access", json_boolean(d->remote_access));
		if (d->xmpp)
			json_object_set_new(o, "xmpp", json_true());
		if (d->fe) {
			char fe[32];
			snprintf(fe, sizeof(fe), "fe-%zu", d->fe_pool + 1);
			json_object_set_new(o, "front_end_pool", json_string(fe));
		}
		if (d->web != 0) {
			json_t *w = json_object();
			if (d->web & SZ_WEB_LYNCDISCOVER)
				json_object_set_new(w, "lyncdiscover", json_true());
			if (d->web & SZ_WEB_MEET)
				json_object_set_new(w, "meet", json_true());
			if (d->web & SZ_WEB_DIALIN)
				json_object_set_new(w, "dialin", json_true());
			if (d->web & SZ_WEB_ADMIN)
				json_object_set_new(w, "admin", json_true());
			json_object_set_new(o, "web_services", w);
		}
	} else {
		json_object_set_new(o, "federation", json_string("none"));
		json_object_set_new(o, "remote_access", json_false());
	}
	if (d->n_transports > 0) {
		json_t *g = json_object(), *tr = json_array(), *ports = json_object();
		for (size_t i = 0; i < d->n_transports; i++) {
			sz_sip_transport t = d->transports[i];
			const char *name = sz_sip_transport_name(t);
			json_array_append_new(tr, json_string(name));
			if (d->ports[t] != szi_sip_service_of_transport(t)->default_port)
				json_object_set_new(ports, name, json_integer(d->ports[t]));
		}
		json_object_set_new(g, "transports", tr);
		if (d->naptr)
			json_object_set_new(g, "naptr", json_true());
		if (json_object_size(ports) > 0)
			json_object_set_new(g, "ports", ports);
		else
			json_decref(ports);
		if (d->gs_host != NULL) {
			json_object_set_new(g, "host", json_string(d->gs_host));
			json_object_set_new(g, "addresses", addr_array(&d->gs_addrs));
		}
		json_object_set_new(o, "generic_sip", g);
	}
	return o;
}

/* The internal web services' addresses (internal_web): the set most of
 * their names share; without any, the front-end pool's (where Lync's
 * internal web services run), as an assumption. NULL when no domain on a
 * front-end pool asks for web services. */
static json_t *internal_web(build *b)
{
	infer *in = &b->in;
	const imp_domain *need = NULL;
	for (size_t i = 0; i < b->n_doms && need == NULL; i++)
		if (b->kept[i] && b->doms[i].fe && b->doms[i].web != 0)
			need = &b->doms[i];
	if (need == NULL)
		return NULL;
	const szi_addr_set *best = most_common(in, in->iweb, in->n_iweb);
	in->notes->cur_dom = -1;
	json_t *a = addr_array(best != NULL ? best : &need->fe_addrs);
	char *text = json_dumps(a, JSON_COMPACT);
	if (best == NULL)
		szi_imp_note(in->notes, SZ_IMPORT_ASSUMED, "/internal_web/addresses", text, NULL, 0,
			     "no internal web service name (lyncdiscoverinternal.D, meet.D ...) has an address in the internal files: the front-end pool's addresses of %s, where the internal web services run; confirm",
			     need->name);
	bool admin = false;
	for (size_t i = 0; best != NULL && i < in->n_iweb; i++) {
		imp_web *w = &in->iweb[i];
		if (w->bit == SZ_WEB_ADMIN) {
			if (admin) {
				w->dom->web &= ~SZ_WEB_ADMIN;
				szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/internal_web", NULL,
					     file_of(in->irecs, w->rec), w->rec != NULL ? w->rec->line : 0,
					     "admin.%s not imported: one domain per organisation has admin [once-per-organisation]",
					     w->dom->name);
				continue;
			}
			admin = true;
		}
		if (!szi_addr_set_equal(&w->addrs, best))
			szi_imp_note(in->notes, SZ_IMPORT_CORRECTED, "/internal_web/addresses", text,
				     file_of(in->irecs, w->rec), w->rec != NULL ? w->rec->line : 0,
				     "%s gets the internal web services' addresses, those most of their names have",
				     w->rec != NULL ? w->rec->owner : w->dom->name);
	}
	free(text);
	return addresses_object(a);
}

/* The front-end pools: domains whose sip.D has the same internal addresses
 * share one. Its FQDN is an owner of the internal files with exactly those
 * addresses that is no domain's sip, sipinternal or web service name; else
 * sipinternal.D of its first domain (a record the model writes anyway), as
 * an assumption. */
static bool skip_label(const char *owner)
{
	static const char *const labels[] = { "sip.", "sipinternal.", "lyncdiscoverinternal.",
					      "meet.", "dialin.", "admin.", "xmpp." };
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strncmp(owner, labels[i], strlen(labels[i])) == 0)
			return true;
	return false;
}

static json_t *fe_pool_json(build *b, size_t p)
{
	const imp_domain *first = NULL;
	for (size_t i = 0; i < b->n_doms && first == NULL; i++)
		if (b->kept[i] && b->doms[i].fe && b->doms[i].fe_pool == p)
			first = &b->doms[i];
	const szi_imp_recs *ir = b->in.irecs;
	const char *fqdn = NULL;
	for (size_t i = 0; i < ir->n && fqdn == NULL;) {
		size_t j = i;
		while (j < ir->n && strcmp(ir->v[j].owner, ir->v[i].owner) == 0)
			j++;
		if (!skip_label(ir->v[i].owner) && szi_imp_name_ok(ir->v[i].owner)) {
			szi_addr_set s;
			const szi_imp_rec *via = NULL;
			size_t n4 = 0, n6 = 0;
			(void)szi_imp_find(ir, ir->v[i].owner, LDNS_RR_TYPE_A, &n4);
			(void)szi_imp_find(ir, ir->v[i].owner, LDNS_RR_TYPE_AAAA, &n6);
			if (n4 + n6 > 0 && szi_imp_addrs_of(ir, ir->v[i].owner, &s, &via)) {
				if (szi_addr_set_equal(&s, &first->fe_addrs))
					fqdn = ir->v[i].owner;
				free(s.a);
			}
		}
		i = j;
	}
	char fallback[SZ_TEXT_MAX + 16];
	char path[64];
	snprintf(path, sizeof(path), "/front_end_pools/fe-%zu/fqdn", p + 1);
	if (fqdn == NULL) {
		snprintf(fallback, sizeof(fallback), "sipinternal.%s", first->name);
		fqdn = fallback;
		char value[SZ_TEXT_MAX + 20];
		snprintf(value, sizeof(value), "\"%s\"", fqdn);
		b->in.notes->cur_dom = -1;
		szi_imp_note(b->in.notes, SZ_IMPORT_ASSUMED, path, value, NULL, 0,
			     "no other name in the internal files has the pool's addresses: sipinternal.D of its first domain, which the model writes anyway; confirm");
	}
	json_t *o = json_object();
	if (o == NULL)
		return NULL;
	json_object_set_new(o, "fqdn", json_string(fqdn));
	json_object_set_new(o, "addresses", addr_array(&first->fe_addrs));
	return o;
}

static int u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* The default TTL: the one most of the own-server domains have (the
 * smallest on a tie); hosted domains go by Microsoft's 3600 instead. */
static uint32_t default_ttl(build *b)
{
	uint32_t *ttls = malloc((b->n_doms + 1) * sizeof(*ttls));
	if (ttls == NULL) {
		b->in.nomem = true;
		return 3600;
	}
	size_t n = 0;
	for (size_t i = 0; i < b->n_doms; i++)
		if (b->kept[i] && b->doms[i].kind != IMP_HOSTED)
			ttls[n++] = b->doms[i].ttl;
	qsort(ttls, n, sizeof(*ttls), u32_cmp);
	uint32_t best = 3600;
	size_t best_count = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && ttls[j] == ttls[i])
			j++;
		if (j - i > best_count) { /* ascending: a tie keeps the smaller */
			best = ttls[i];
			best_count = j - i;
		}
		i = j;
	}
	free(ttls);
	return best;
}

static sz_status make_json(build *b)
{
	json_t *root = json_object(), *doms = json_array(), *pools = json_object();
	if (root == NULL || doms == NULL || pools == NULL) {
		json_decref(root);
		json_decref(doms);
		json_decref(pools);
		return SZ_ERR_NOMEM;
	}
	b->root = root;
	uint32_t dttl = default_ttl(b);
	json_object_set_new(root, "version", json_integer(1));
	json_t *defaults = json_object();
	json_object_set_new(defaults, "ttl", json_integer(dttl));
	json_object_set_new(root, "defaults", defaults);
	/* the domains of each pool, in the domains' order: a counting sort */
	size_t *start = calloc(b->n_pools + 1, sizeof(*start));
	size_t *members = calloc(b->n_doms + 1, sizeof(*members));
	if (start == NULL || members == NULL) {
		free(start);
		free(members);
		json_decref(doms);
		json_decref(pools);
		return SZ_ERR_NOMEM;
	}
	for (size_t i = 0; i < b->n_doms; i++)
		if (b->kept[i] && b->doms[i].kind == IMP_EDGE)
			start[b->doms[i].pool + 1]++;
	for (size_t p = 0; p < b->n_pools; p++)
		start[p + 1] += start[p];
	size_t *fill = calloc(b->n_pools + 1, sizeof(*fill));
	for (size_t i = 0; fill != NULL && i < b->n_doms; i++)
		if (b->kept[i] && b->doms[i].kind == IMP_EDGE) {
			size_t p = b->doms[i].pool;
			members[start[p] + fill[p]++] = i;
		}
	sz_status st = fill != NULL ? SZ_OK : SZ_ERR_NOMEM;
	for (size_t p = 0; st == SZ_OK && p < b->n_pools; p++) {
		char name[32];
		snprintf(name, sizeof(name), "edge-%zu", p + 1);
		json_t *pool = pool_json(b, p, members + start[p], start[p + 1] - start[p]);
		if (pool == NULL)
			st = SZ_ERR_NOMEM;
		else
			json_object_set_new(pools, name, pool);
	}
	free(fill);
	free(start);
	free(members);
	if (st != SZ_OK) {
		json_decref(doms);
		json_decref(pools);
		return st;
	}
	json_t *rp = reverse_proxy(b);
	json_t *iw = internal_web(b);
	if (iw != NULL)
		json_object_set_new(root, "internal_web", iw);
	if (b->n_fe_pools > 0) {
		json_t *fes = json_object();
		for (size_t p = 0; fes != NULL && p < b->n_fe_pools; p++) {
			char name[32];
			snprintf(name, sizeof(name), "fe-%zu", p + 1);
			json_t *fe = fe_pool_json(b, p);
			if (fe != NULL)
				json_object_set_new(fes, name, fe);
		}
		json_object_set_new(root, "front_end_pools", fes);
	}
	for (size_t i = 0; i < b->n_doms; i++)
		if (b->kept[i])
			json_array_append_new(doms, domain_json(&b->doms[i], dttl));
	json_object_set_new(root, "sip_domains", doms);
	if (b->n_pools > 0)
		json_object_set_new(root, "edge_pools", pools);
	else
		json_decref(pools);
	if (rp != NULL)
		json_object_set_new(root, "reverse_proxy", rp);
	json_t *zones = json_object();
	const szi_imp_recs *recs = b->in.recs;
	for (size_t i = 0; i < recs->n; i++) {
		const szi_imp_rec *r = &recs->v[i];
		if (r->type != LDNS_RR_TYPE_SOA || json_object_get(zones, r->owner) != NULL)
			continue;
		json_t *z = zone_json(b, r);
		if (z != NULL)
			json_object_set_new(zones, r->owner, z);
	}
	if (json_object_size(zones) > 0)
		json_object_set_new(root, "zones", zones);
	else
		json_decref(zones);
	return SZ_OK;
}

/* Notes made for a domain get its final path; those of a domain left out
 * keep only the note that says so. */
static void fix_paths(build *b)
{
	szi_imp_notes *notes = b->in.notes;
	size_t o = 0;
	for (size_t i = 0; i < notes->n; i++) {
		sz_import_note *n = &notes->v[i];
		int d = notes->dom[i];
		if (d >= 0 && !b->kept[d] && n->kind != SZ_IMPORT_LEFT_OUT) {
			free(n->path);
			free(n->value);
			free(n->reason);
			free(n->file);
			continue;
		}
		if (d >= 0 && b->kept[d]) {
			size_t len = strlen(n->path) + 48;
			char *p = malloc(len);
			if (p == NULL) {
				notes->nomem = true;
			} else {
				snprintf(p, len, "/sip_domains/%zu%s", b->index[d], n->path);
				free(n->path);
				n->path = p;
			}
		}
		notes->dom[o] = -1;
		notes->v[o++] = *n;
	}
	notes->n = o;
}

sz_status szi_imp_build(const szi_imp_recs *recs, const szi_imp_recs *irecs, szi_imp_notes *notes,
			char **json_out, size_t *n_domains)
{
	build b;
	memset(&b, 0, sizeof(b));
	b.in.recs = recs;
	b.in.irecs = irecs;
	b.in.notes = notes;
	*json_out = NULL;
	*n_domains = 0;
	sz_status st = collect_domains(&b);
	if (st == SZ_OK) {
		b.kept = calloc(b.n_doms + 1, sizeof(*b.kept));
		b.index = calloc(b.n_doms + 1, sizeof(*b.index));
		if (b.kept == NULL || b.index == NULL)
			st = SZ_ERR_NOMEM;
	}
	size_t kept = 0;
	for (size_t i = 0; st == SZ_OK && i < b.n_doms; i++) {
		notes->cur_dom = (int)i;
		b.kept[i] = szi_imp_infer_domain(&b.in, &b.doms[i]);
		if (b.in.nomem)
			st = SZ_ERR_NOMEM;
		if (b.kept[i])
			b.index[i] = kept++;
	}
	for (size_t i = 0; st == SZ_OK && i < b.n_doms; i++) {
		if (!b.kept[i])
			continue;
		notes->cur_dom = (int)i;
		szi_imp_infer_internal(&b.in, &b.doms[i]);
		if (b.in.nomem)
			st = SZ_ERR_NOMEM;
	}
	notes->cur_dom = -1;
	if (st == SZ_OK && kept > 0) {
		note_host_ttls(&b);
		st = group_by_addresses(&b, false);
	}
	if (st == SZ_OK && kept > 0)
		st = group_by_addresses(&b, true);
	if (st == SZ_OK && kept > 0)
		st = make_json(&b);
	if (st == SZ_OK)
		fix_paths(&b);
	if (st == SZ_OK && (notes->nomem || b.in.nomem))
		st = SZ_ERR_NOMEM;
	if (st == SZ_OK && b.root != NULL) {
		char *text = json_dumps(b.root, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
		size_t len = text != NULL ? strlen(text) : 0;
		char *with_nl = text != NULL ? realloc(text, len + 2) : NULL;
		if (with_nl == NULL) {
			free(text);
			st = SZ_ERR_NOMEM;
		} else {
			with_nl[len] = '\n';
			with_nl[len + 1] = '\0';
			*json_out = with_nl;
			*n_domains = kept;
		}
	}
	json_decref(b.root);
	for (size_t i = 0; i < b.in.n_web; i++)
		free(b.in.web[i].addrs.a);
	free(b.in.web);
	for (size_t i = 0; i < b.in.n_iweb; i++)
		free(b.in.iweb[i].addrs.a);
	free(b.in.iweb);
	for (size_t i = 0; i < b.n_doms; i++) {
		imp_domain *d = &b.doms[i];
		free(d->access_host);
		free(d->addrs.a);
		free(d->gs_host);
		free(d->gs_addrs.a);
		free(d->fe_addrs.a);
		free(d->int_addrs.a);
	}
	free(b.doms);
	free(b.kept);
	free(b.index);
	return st;
}
