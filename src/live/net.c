/*
 * live/net.c: the server's addresses, queries and the answers they take.
 *
 * ldns builds and parses the packets; it does not send them. ldns_resolver
 * took the first datagram that parsed, from any source, with any ID, and
 * bounded each recv() rather than the answer (issue 14). live/exchange.c
 * sends, waits and matches; this file decides what an answer means.
 */
#include <netdb.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "live/exchange.h"
#include "live/net.h"

#define EDNS_UDP_SIZE 1232

const char *szi_live_rcode_name(int rcode, char *buf, size_t size)
{
	const ldns_lookup_table *e = ldns_lookup_by_id(ldns_rcodes, rcode);
	if (e != NULL && e->name != NULL)
		return e->name;
	snprintf(buf, size, "RCODE %d", rcode);
	return buf;
}

static bool parse_port(const char *s, unsigned *port)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end != '\0' || v == 0 || v > 65535)
		return false;
	*port = (unsigned)v;
	return true;
}

bool szi_live_server_parse(const char *server, char *host, size_t host_size, unsigned *port,
		      szi_live_error *err)
{
	const char *hash = strrchr(server, '#');
	size_t n = hash != NULL ? (size_t)(hash - server) : strlen(server);
	*port = SZ_LIVE_PORT;
	if (hash != NULL && !parse_port(hash + 1, port)) {
		snprintf(err->text, sizeof(err->text),
			 "'%s': the port after '#' must be a number 1..65535", server);
		return false;
	}
	if (n >= 2 && server[0] == '[' && server[n - 1] == ']') {
		server++;
		n -= 2;
	}
	if (n == 0 || n >= host_size || memchr(server, ' ', n) != NULL) {
		snprintf(err->text, sizeof(err->text),
			 "'%s' is not a server: give ADDR or ADDR#PORT (192.0.2.53#5353)", server);
		return false;
	}
	memcpy(host, server, n);
	host[n] = '\0';
	return true;
}

static sz_status add_sockaddr(sz_live_conn *c, const struct sockaddr *sa, socklen_t len)
{
	if (c->n_addrs == SZI_LIVE_MAX_ADDRS || len > (socklen_t)sizeof(c->addrs[0]))
		return SZ_OK; /* enough to try */
	memset(&c->addrs[c->n_addrs], 0, sizeof(c->addrs[0]));
	memcpy(&c->addrs[c->n_addrs], sa, len);
	c->addr_lens[c->n_addrs++] = len;
	return SZ_OK;
}

/* A literal address, or every address the system gives for a host name. */
static sz_status add_server(sz_live_conn *c, szi_live_error *err)
{
	char port[8];
	snprintf(port, sizeof(port), "%u", c->port);
	struct addrinfo hints = { .ai_socktype = SOCK_DGRAM, .ai_flags = AI_NUMERICSERV }, *ai = NULL;
	int rc = getaddrinfo(c->host, port, &hints, &ai);
	if (rc != 0) {
		snprintf(err->text, sizeof(err->text), "cannot find the address of server %s: %s",
			 c->host, gai_strerror(rc));
		return SZ_ERR_NETWORK;
	}
	for (struct addrinfo *p = ai; p != NULL; p = p->ai_next)
		if (p->ai_family == AF_INET || p->ai_family == AF_INET6)
			add_sockaddr(c, p->ai_addr, p->ai_addrlen);
	freeaddrinfo(ai);
	if (c->n_addrs == 0) {
		snprintf(err->text, sizeof(err->text), "server %s has no IPv4 or IPv6 address", c->host);
		return SZ_ERR_NETWORK;
	}
	return SZ_OK;
}

static void system_label(sz_live_conn *c, ldns_resolver *res)
{
	size_t o = (size_t)snprintf(c->label, sizeof(c->label), "system resolvers (");
	ldns_rdf **ns = ldns_resolver_nameservers(res);
	for (size_t i = 0; i < ldns_resolver_nameserver_count(res) && o < sizeof(c->label); i++) {
		char *s = ldns_rdf2str(ns[i]);
		int w = snprintf(c->label + o, sizeof(c->label) - o, "%s%s", i ? " " : "", s ? s : "?");
		free(s);
		o += w > 0 ? (size_t)w : 0;
	}
	if (o + 2 < sizeof(c->label))
		snprintf(c->label + o, sizeof(c->label) - o, ")");
}

static sz_status open_named(sz_live_conn *c, const char *server, szi_live_error *err)
{
	if (!szi_live_server_parse(server, c->host, sizeof(c->host), &c->port, err))
		return SZ_ERR_USAGE;
	c->named = true;
	snprintf(c->label, sizeof(c->label), "%s#%u", c->host, c->port);
	return add_server(c, err);
}

/* /etc/resolv.conf, read by ldns; only its nameserver addresses are used. */
static sz_status open_system(sz_live_conn *c, szi_live_error *err)
{
	ldns_resolver *res = NULL;
	ldns_status st = ldns_resolver_new_frm_file(&res, NULL);
	if (st != LDNS_STATUS_OK || ldns_resolver_nameserver_count(res) == 0) {
		snprintf(err->text, sizeof(err->text),
			 "no system resolver to ask (/etc/resolv.conf: %s); give --server",
			 st != LDNS_STATUS_OK ? ldns_get_errorstr_by_id(st) : "no nameserver line");
		if (res != NULL)
			ldns_resolver_deep_free(res);
		return SZ_ERR_NETWORK;
	}
	c->port = ldns_resolver_port(res);
	system_label(c, res);
	ldns_rdf **ns = ldns_resolver_nameservers(res);
	for (size_t i = 0; i < ldns_resolver_nameserver_count(res); i++) {
		size_t len = 0;
		struct sockaddr_storage *ss = ldns_rdf2native_sockaddr_storage(ns[i], (uint16_t)c->port, &len);
		if (ss != NULL)
			add_sockaddr(c, (const struct sockaddr *)ss, (socklen_t)len);
		free(ss);
	}
	ldns_resolver_deep_free(res);
	if (c->n_addrs == 0) {
		snprintf(err->text, sizeof(err->text), "no usable system resolver address; give --server");
		return SZ_ERR_NETWORK;
	}
	return SZ_OK;
}

sz_status szi_live_conn_open(sz_live_conn *c, const sz_live_options *opts, szi_live_error *err)
{
	memset(c, 0, sizeof(*c));
	c->timeout_ms = opts->timeout_ms != 0 ? opts->timeout_ms : SZ_LIVE_TIMEOUT_MS;
	if (opts->retries > SZ_LIVE_RETRIES_MAX) {
		snprintf(err->text, sizeof(err->text), "at most %u retries", SZ_LIVE_RETRIES_MAX);
		return SZ_ERR_USAGE;
	}
	c->attempts = opts->retries + 1;
	sz_status s = opts->server != NULL ? open_named(c, opts->server, err) : open_system(c, err);
	if (s != SZ_OK)
		szi_live_conn_close(c);
	if (s == SZ_ERR_NOMEM)
		snprintf(err->text, sizeof(err->text), "%s", sz_status_str(s));
	return s;
}

void szi_live_conn_close(sz_live_conn *c)
{
	c->n_addrs = 0;
}

static void query_name(const ldns_rdf *owner, ldns_rr_type type, char *out, size_t size)
{
	char name[LDNS_MAX_DOMAINLEN + 2];
	char *t = ldns_rr_type2str(type);
	szi_live_name_text(owner, name, sizeof(name));
	snprintf(out, size, "%s %s", name, t != NULL ? t : "?");
	free(t);
}

static sz_status no_answer(const sz_live_conn *c, const char *what, const char *why, szi_live_error *err)
{
	snprintf(err->text, sizeof(err->text),
		 "no answer from %s to %s within %u.%03u s (%u attempt%s): %s", c->label, what,
		 c->timeout_ms / 1000, c->timeout_ms % 1000, c->attempts, c->attempts == 1 ? "" : "s",
		 why[0] != '\0' ? why : "no packet");
	return SZ_ERR_NETWORK;
}

static ldns_pkt *query_packet(const ldns_rdf *owner, ldns_rr_type type)
{
	ldns_rdf *name = ldns_rdf_clone(owner);
	ldns_pkt *q = name != NULL ? ldns_pkt_query_new(name, type, LDNS_RR_CLASS_IN, LDNS_RD) : NULL;
	if (q == NULL)
		return NULL;
	ldns_pkt_set_id(q, szi_live_random_id());
	ldns_pkt_set_edns_udp_size(q, EDNS_UDP_SIZE);
	/* DNSSEC OK: a signed zone's RRSIG tells an answer synthesised from a
	 * wildcard (its labels field) from the name's own data */
	ldns_pkt_set_edns_do(q, true);
	return q;
}

/*
 * Every address, each up to c->attempts times, until one answers. A reply
 * truncated over TCP ends the query: no complete answer exists.
 */
static sz_status exchange(const sz_live_conn *c, const ldns_pkt *q, const char *what, ldns_pkt **out,
			  szi_live_error *err)
{
	szi_live_exchange x;
	char why[sizeof(x.why)] = "";
	for (unsigned a = 0; a < c->attempts; a++) {
		for (size_t i = 0; i < c->n_addrs; i++) {
			memset(&x, 0, sizeof(x));
			x.addr = &c->addrs[i];
			x.addr_len = c->addr_lens[i];
			x.timeout_ms = c->timeout_ms;
			sz_status s = szi_live_exchange_run(&x, q, out);
			if (s == SZ_OK || s == SZ_ERR_NOMEM)
				return s;
			snprintf(why, sizeof(why), "%s", x.why);
			if (s == SZ_ERR_DNS) {
				snprintf(err->text, sizeof(err->text), "%s to %s: %s", c->label, what, why);
				return s;
			}
		}
	}
	return no_answer(c, what, why, err);
}

static sz_status judge(const sz_live_conn *c, const char *what, bool need_authority, ldns_pkt *p,
		       ldns_pkt **out, szi_live_error *err);

/* Send one query; NOERROR and NXDOMAIN answers come back in *out. */
static sz_status ask(sz_live_conn *c, const ldns_rdf *owner, ldns_rr_type type, bool need_authority,
		     ldns_pkt **out, szi_live_error *err)
{
	char what[LDNS_MAX_DOMAINLEN + 32];
	ldns_pkt *p = NULL;
	query_name(owner, type, what, sizeof(what));
	ldns_pkt *q = query_packet(owner, type);
	if (q == NULL) {
		snprintf(err->text, sizeof(err->text), "%s", sz_status_str(SZ_ERR_NOMEM));
		return SZ_ERR_NOMEM;
	}
	sz_status st = exchange(c, q, what, &p, err);
	ldns_pkt_free(q);
	if (st != SZ_OK) {
		if (st == SZ_ERR_NOMEM)
			snprintf(err->text, sizeof(err->text), "%s", sz_status_str(st));
		return st;
	}
	return judge(c, what, need_authority, p, out, err);
}

/* What the reply p to `what` means: an answer (*out = p), or an error (p freed). */
static sz_status judge(const sz_live_conn *c, const char *what, bool need_authority, ldns_pkt *p,
		       ldns_pkt **out, szi_live_error *err)
{
	char rc[32];
	int rcode = (int)ldns_pkt_get_rcode(p);
	if (rcode != LDNS_RCODE_NOERROR && rcode != LDNS_RCODE_NXDOMAIN) {
		err->rcode = rcode;
		snprintf(err->text, sizeof(err->text), "%s answered %s to %s%s", c->label,
			 szi_live_rcode_name(rcode, rc, sizeof(rc)), what,
			 rcode == LDNS_RCODE_REFUSED && c->named
				 ? " (does it serve that zone? --zone limits what is asked)" : "");
		ldns_pkt_free(p);
		return SZ_ERR_DNS;
	}
	if (!ldns_pkt_aa(p) && (need_authority || (c->named && !ldns_pkt_ra(p)))) {
		snprintf(err->text, sizeof(err->text),
			 "%s is not authoritative for %s (no AA bit in its answer)%s", c->label, what,
			 need_authority ? ": give the zone's primary server" : " and does not recurse");
		ldns_pkt_free(p);
		return SZ_ERR_DNS;
	}
	*out = p;
	return SZ_OK;
}

sz_status szi_live_read_rrset(sz_live_conn *c, sz_live_slot *s, bool need_authority, szi_live_error *err)
{
	ldns_pkt *p = NULL;
	sz_status st = ask(c, s->owner, s->type, need_authority, &p, err);
	if (st != SZ_OK)
		return st;
	st = szi_live_rrset_take_answer(s, p);
	ldns_pkt_free(p);
	if (st != SZ_OK)
		snprintf(err->text, sizeof(err->text), "%s", sz_status_str(st));
	return st;
}

/* ---- many RRsets, up to a window of queries in flight ---- */

typedef struct read_item {
	szi_live_job job;
	sz_live_slot *slot;
	size_t index;           /* in the caller's list */
	size_t addr;            /* the address of this attempt */
	unsigned attempt;
	char why[sizeof(((szi_live_exchange *)0)->why)];  /* the last attempt's */
} read_item;

typedef struct read_ctx {
	sz_live_conn *c;
	sz_live_slot **slots;
	size_t n, next;
	bool need_authority;
	read_item items[SZI_LIVE_WINDOW_MAX];
	read_item *free_items[SZI_LIVE_WINDOW_MAX];
	size_t n_free;
	/* the failure of the first slot (in the caller's order) that failed */
	bool failed;
	size_t fail_index;
	sz_status fail_status;
	szi_live_error fail_err;
} read_ctx;

/* szi_live_error_init() lives in live/verify.c, which uses this file */
static void error_clear(szi_live_error *e)
{
	memset(e, 0, sizeof(*e));
	e->rcode = -1;
}

static void item_release(read_ctx *r, read_item *it)
{
	ldns_pkt_free((ldns_pkt *)it->job.query);
	it->job.query = NULL;
	r->free_items[r->n_free++] = it;
}

static void item_fail(read_ctx *r, read_item *it, sz_status st, const szi_live_error *e)
{
	if (!r->failed || it->index < r->fail_index) {
		r->failed = true;
		r->fail_index = it->index;
		r->fail_status = st;
		r->fail_err = *e;
	}
}

static void item_address(read_ctx *r, read_item *it)
{
	it->job.x.addr = &r->c->addrs[it->addr];
	it->job.x.addr_len = r->c->addr_lens[it->addr];
}

/* The next slot in order; none once a slot has failed (the sequential
 * path would never have asked for those after it). */
static szi_live_job *read_next(void *ctx)
{
	read_ctx *r = ctx;
	if (r->failed || r->next == r->n || r->n_free == 0)
		return NULL;
	read_item *it = r->free_items[--r->n_free];
	memset(it, 0, sizeof(*it));
	it->index = r->next;
	it->slot = r->slots[r->next++];
	it->job.query = query_packet(it->slot->owner, it->slot->type);
	if (it->job.query == NULL) {
		szi_live_error e;
		error_clear(&e);
		snprintf(e.text, sizeof(e.text), "%s", sz_status_str(SZ_ERR_NOMEM));
		item_fail(r, it, SZ_ERR_NOMEM, &e);
		r->free_items[r->n_free++] = it;
		return NULL;
	}
	it->job.x.timeout_ms = r->c->timeout_ms;
	item_address(r, it);
	return &it->job;
}

/* As exchange() and ask() decide, for one attempt of one slot. */
static bool read_done(void *ctx, szi_live_job *job)
{
	read_ctx *r = ctx;
	read_item *it = (read_item *)(void *)((char *)job - offsetof(read_item, job));
	char what[LDNS_MAX_DOMAINLEN + 32];
	szi_live_error e;
	error_clear(&e);
	sz_status st = job->status;
	if (st == SZ_ERR_NETWORK) {
		snprintf(it->why, sizeof(it->why), "%s", job->x.why);
		if (++it->addr == r->c->n_addrs) {
			it->addr = 0;
			it->attempt++;
		}
		if (it->attempt < r->c->attempts) {
			item_address(r, it);
			return true;
		}
		query_name(it->slot->owner, it->slot->type, what, sizeof(what));
		st = no_answer(r->c, what, it->why, &e);
	} else if (st == SZ_ERR_DNS) {
		query_name(it->slot->owner, it->slot->type, what, sizeof(what));
		snprintf(e.text, sizeof(e.text), "%s to %s: %s", r->c->label, what, job->x.why);
	} else if (st == SZ_OK) {
		ldns_pkt *p = NULL;
		query_name(it->slot->owner, it->slot->type, what, sizeof(what));
		st = judge(r->c, what, r->need_authority, job->reply, &p, &e);
		job->reply = NULL;
		if (st == SZ_OK) {
			st = szi_live_rrset_take_answer(it->slot, p);
			ldns_pkt_free(p);
		}
	}
	if (st == SZ_ERR_NOMEM)
		snprintf(e.text, sizeof(e.text), "%s", sz_status_str(st));
	if (st != SZ_OK)
		item_fail(r, it, st, &e);
	item_release(r, it);
	return false;
}

sz_status szi_live_read_rrsets(sz_live_conn *c, sz_live_slot **slots, size_t n, bool need_authority,
			       szi_live_error *err)
{
	if (n == 0)
		return SZ_OK;
	read_ctx *r = calloc(1, sizeof(*r));
	if (r == NULL) {
		snprintf(err->text, sizeof(err->text), "%s", sz_status_str(SZ_ERR_NOMEM));
		return SZ_ERR_NOMEM;
	}
	r->c = c;
	r->slots = slots;
	r->n = n;
	r->need_authority = need_authority;
	size_t size = SZI_LIVE_WINDOW < n ? SZI_LIVE_WINDOW : n;
	for (size_t i = 0; i < size; i++)
		r->free_items[r->n_free++] = &r->items[i];
	szi_live_window w = { .size = size, .next = read_next, .done = read_done, .ctx = r };
	sz_status st = szi_live_exchange_window(&w);
	if (st == SZ_OK && r->failed) {
		st = r->fail_status;
		*err = r->fail_err;
	} else if (st != SZ_OK) {
		snprintf(err->text, sizeof(err->text), "%s", sz_status_str(st));
	}
	free(r);
	return st;
}

static bool has_soa(const ldns_pkt *p, const ldns_rdf *zone)
{
	const ldns_rr_list *ans = ldns_pkt_answer(p);
	for (size_t i = 0; i < ldns_rr_list_rr_count(ans); i++) {
		const ldns_rr *rr = ldns_rr_list_rr(ans, i);
		if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_SOA &&
		    ldns_dname_compare(ldns_rr_owner(rr), zone) == 0)
			return true;
	}
	return false;
}

sz_status szi_live_check_authority(sz_live_conn *c, const ldns_rdf *zone, szi_live_error *err)
{
	ldns_pkt *p = NULL;
	sz_status st = ask(c, zone, LDNS_RR_TYPE_SOA, true, &p, err);
	if (st != SZ_OK)
		return st;
	bool ok = has_soa(p, zone);
	ldns_pkt_free(p);
	if (ok)
		return SZ_OK;
	char name[LDNS_MAX_DOMAINLEN + 2];
	szi_live_name_text(zone, name, sizeof(name));
	snprintf(err->text, sizeof(err->text),
		 "%s has no zone %s (no SOA record at that name): give the zone's apex with --zone",
		 c->label, name);
	return SZ_ERR_DNS;
}
