/*
 * records/zone_json.c: a snippet's records as JSON text.
 *
 * Built as jansson objects and dumped here, so that the public header hands
 * out text and no jansson type crosses the library's boundary.
 */
#include <arpa/inet.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sipzone/zone_json.h"

/* "name" -> "name." (names are at most 253 octets) */
static json_t *fqdn(const char *name)
{
	char buf[300];
	snprintf(buf, sizeof(buf), "%s.", name);
	return json_string(buf);
}

static json_t *record(const sz_snippet *s, const char *owner, const char *type, json_t *rdata)
{
	return json_pack("{s:s, s:o, s:I, s:s, s:s, s:o}", "zone", s->zone, "name", fqdn(owner),
			 "ttl", (json_int_t)s->ttl, "class", "IN", "type", type, "rdata", rdata);
}

/* NAPTR rdata (RFC 3403 section 4.1 field names; the replacement absolute,
 * "." for the root). Self-contained so the writer around it can change. */
static json_t *naptr_rdata(const sz_record *r)
{
	return json_pack("{s:i, s:i, s:s, s:s, s:s, s:o}", "order", (int)r->rdata.naptr.order,
			 "preference", (int)r->rdata.naptr.preference, "flags",
			 r->rdata.naptr.flags, "services", r->rdata.naptr.service, "regexp",
			 r->rdata.naptr.regexp, "replacement", fqdn(r->rdata.naptr.replacement));
}

static json_t *rdata_of(const sz_record *r)
{
	if (r->type == SZ_TYPE_NAPTR)
		return naptr_rdata(r);
	if (r->type == SZ_TYPE_SRV)
		return json_pack("{s:i, s:i, s:i, s:o}", "priority", (int)r->rdata.srv.priority,
				 "weight", (int)r->rdata.srv.weight, "port", (int)r->rdata.srv.port,
				 "target", fqdn(r->rdata.srv.target));
	if (r->type == SZ_TYPE_CNAME)
		return json_pack("{s:o}", "target", fqdn(r->rdata.cname));
	char addr[INET6_ADDRSTRLEN];
	inet_ntop(r->rdata.addr.family, r->rdata.addr.bytes, addr, sizeof(addr));
	return json_pack("{s:s}", "address", addr);
}

/* Takes the reference to `obj` (NULL: building it failed). */
static sz_status emit(json_t *obj, sz_json_record_fn fn, void *ctx)
{
	char *text = obj != NULL ? json_dumps(obj, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(obj);
	if (text == NULL)
		return SZ_ERR_NOMEM;
	sz_status st = fn(text, strlen(text), ctx);
	free(text);
	return st;
}

static sz_status each_soa_ns(const sz_snippet *s, sz_json_record_fn fn, void *ctx)
{
	const sz_zone_def *d = s->def;
	json_t *soa = json_pack("{s:o, s:o, s:I, s:I, s:I, s:I, s:I}", "mname", fqdn(d->mname),
				"rname", fqdn(d->rname), "serial", (json_int_t)s->serial,
				"refresh", (json_int_t)d->refresh, "retry", (json_int_t)d->retry,
				"expire", (json_int_t)d->expire, "minimum", (json_int_t)d->minimum);
	sz_status st = emit(soa != NULL ? record(s, s->zone, "SOA", soa) : NULL, fn, ctx);
	for (size_t i = 0; st == SZ_OK && i < d->n_ns; i++) {
		json_t *ns = json_pack("{s:o}", "target", fqdn(d->ns[i].name));
		st = emit(ns != NULL ? record(s, s->zone, "NS", ns) : NULL, fn, ctx);
	}
	return st;
}

sz_status sz_snippet_each_json(const sz_snippet *snippet, sz_json_record_fn fn, void *ctx)
{
	sz_status st = snippet->def != NULL ? each_soa_ns(snippet, fn, ctx) : SZ_OK;
	for (size_t i = 0; st == SZ_OK && i < snippet->n_records; i++) {
		const sz_record *r = &snippet->records[i];
		json_t *rd = rdata_of(r);
		st = emit(rd != NULL ? record(snippet, r->owner, sz_type_name(r->type), rd) : NULL,
			  fn, ctx);
	}
	return st;
}
