/*
 * live/net.c: the resolver, its bounded waits, queries and the UPDATE.
 *
 * ldns pitfalls handled here:
 *  - ldns_resolver_set_retry() is the number of attempts, not of retries:
 *    0 sends nothing at all.
 *  - a server that did not answer is marked unreachable inside the
 *    resolver; later queries fail at once, so the first failure ends a run.
 *  - ldns_resolver_send_pkt() drops the answer when its TSIG does not
 *    verify, and a refusal (BADKEY, BADSIG) is never signed: the UPDATE goes
 *    through ldns_send(), which keeps the answer, so the reason is reported.
 *  - the TSIG key of a resolver cannot be unset, and a resolver with one
 *    signs every query: the UPDATE uses a clone.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "live/net.h"
#include "live/tsig.h"

#define TSIG_FUDGE 300

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

static sz_status push_address(ldns_resolver *r, int family, const void *addr)
{
	ldns_rdf *rdf = family == AF_INET ? ldns_rdf_new_frm_data(LDNS_RDF_TYPE_A, 4, addr)
					  : ldns_rdf_new_frm_data(LDNS_RDF_TYPE_AAAA, 16, addr);
	ldns_status st = rdf != NULL ? ldns_resolver_push_nameserver(r, rdf) : LDNS_STATUS_MEM_ERR;
	ldns_rdf_deep_free(rdf);
	return st == LDNS_STATUS_OK ? SZ_OK : SZ_ERR_NOMEM;
}

/* A literal address, or every address the system gives for a host name. */
static sz_status add_server(sz_live_conn *c, szi_live_error *err)
{
	unsigned char a[16];
	if (inet_pton(AF_INET, c->host, a) == 1)
		return push_address(c->res, AF_INET, a);
	if (inet_pton(AF_INET6, c->host, a) == 1)
		return push_address(c->res, AF_INET6, a);
	struct addrinfo hints = { .ai_socktype = SOCK_DGRAM }, *ai = NULL;
	int rc = getaddrinfo(c->host, NULL, &hints, &ai);
	if (rc != 0) {
		snprintf(err->text, sizeof(err->text), "cannot find the address of server %s: %s",
			 c->host, gai_strerror(rc));
		return SZ_ERR_NETWORK;
	}
	sz_status s = SZ_OK;
	for (struct addrinfo *p = ai; p != NULL && s == SZ_OK; p = p->ai_next) {
		if (p->ai_family == AF_INET)
			s = push_address(c->res, AF_INET, &((struct sockaddr_in *)(void *)p->ai_addr)->sin_addr);
		else if (p->ai_family == AF_INET6)
			s = push_address(c->res, AF_INET6, &((struct sockaddr_in6 *)(void *)p->ai_addr)->sin6_addr);
	}
	freeaddrinfo(ai);
	return s;
}

static void system_label(sz_live_conn *c)
{
	size_t o = (size_t)snprintf(c->label, sizeof(c->label), "system resolvers (");
	ldns_rdf **ns = ldns_resolver_nameservers(c->res);
	for (size_t i = 0; i < ldns_resolver_nameserver_count(c->res) && o < sizeof(c->label); i++) {
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
	if ((c->res = ldns_resolver_new()) == NULL)
		return SZ_ERR_NOMEM;
	c->named = true;
	ldns_resolver_set_port(c->res, (uint16_t)c->port);
	snprintf(c->label, sizeof(c->label), "%s#%u", c->host, c->port);
	return add_server(c, err);
}

static sz_status open_system(sz_live_conn *c, szi_live_error *err)
{
	ldns_status st = ldns_resolver_new_frm_file(&c->res, NULL);
	if (st != LDNS_STATUS_OK || ldns_resolver_nameserver_count(c->res) == 0) {
		snprintf(err->text, sizeof(err->text),
			 "no system resolver to ask (/etc/resolv.conf: %s); give --server",
			 st != LDNS_STATUS_OK ? ldns_get_errorstr_by_id(st) : "no nameserver line");
		return SZ_ERR_NETWORK;
	}
	c->port = ldns_resolver_port(c->res);
	system_label(c);
	return SZ_OK;
}

static void bound_waits(sz_live_conn *c)
{
	struct timeval tv = { .tv_sec = (time_t)(c->timeout_ms / 1000),
			      .tv_usec = (suseconds_t)((c->timeout_ms % 1000) * 1000) };
	ldns_resolver_set_timeout(c->res, tv);
	ldns_resolver_set_retry(c->res, (uint8_t)c->attempts);
	ldns_resolver_set_retrans(c->res, 0);
	ldns_resolver_set_random(c->res, false);
	ldns_resolver_set_recursive(c->res, true);
	ldns_resolver_set_dnssec(c->res, false);
	ldns_resolver_set_defnames(c->res, false);
	ldns_resolver_set_dnsrch(c->res, false);
	ldns_resolver_set_fallback(c->res, true);
	ldns_resolver_set_edns_udp_size(c->res, 1232);
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
	if (s == SZ_OK)
		bound_waits(c);
	else
		szi_live_conn_close(c);
	if (s == SZ_ERR_NOMEM)
		snprintf(err->text, sizeof(err->text), "%s", sz_status_str(s));
	return s;
}

void szi_live_conn_close(sz_live_conn *c)
{
	if (c->res != NULL)
		ldns_resolver_deep_free(c->res);
	c->res = NULL;
}

static void query_name(const ldns_rdf *owner, ldns_rr_type type, char *out, size_t size)
{
	char name[LDNS_MAX_DOMAINLEN + 2];
	char *t = ldns_rr_type2str(type);
	szi_live_name_text(owner, name, sizeof(name));
	snprintf(out, size, "%s %s", name, t != NULL ? t : "?");
	free(t);
}

static sz_status no_answer(const sz_live_conn *c, const char *what, ldns_status st, szi_live_error *err)
{
	snprintf(err->text, sizeof(err->text),
		 "no answer from %s to %s within %u.%03u s (%u attempt%s): %s", c->label, what,
		 c->timeout_ms / 1000, c->timeout_ms % 1000, c->attempts, c->attempts == 1 ? "" : "s",
		 st != LDNS_STATUS_OK ? ldns_get_errorstr_by_id(st) : "no packet");
	return SZ_ERR_NETWORK;
}

/* Send one query; NOERROR and NXDOMAIN answers come back in *out. */
static sz_status ask(sz_live_conn *c, const ldns_rdf *owner, ldns_rr_type type, bool need_authority,
		     ldns_pkt **out, szi_live_error *err)
{
	char what[LDNS_MAX_DOMAINLEN + 32], rc[32];
	ldns_pkt *p = NULL;
	ldns_status st = ldns_resolver_send(&p, c->res, owner, type, LDNS_RR_CLASS_IN, LDNS_RD);
	query_name(owner, type, what, sizeof(what));
	if (st != LDNS_STATUS_OK || p == NULL) {
		ldns_pkt_free(p);
		return no_answer(c, what, st, err);
	}
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
