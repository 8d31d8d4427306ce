/*
 * records/export_dnscontrol.c: a DNSControl dnsconfig.js.
 *
 * One D() per zone with REG_NONE (DNSControl changes no delegation) and the
 * DNS provider the user names in creds.json; records as SRV(), A(), AAAA(),
 * CNAME(), NAPTR() with labels relative to the zone ("@" at the apex),
 * targets fully qualified with the trailing dot (DNSControl reads a target
 * without one as relative to the zone) and TTL() on each. A complete zone's name
 * servers as NAMESERVER() (DNSControl's apex NS); its SOA stays the
 * provider's. The internal view is DNSControl's split horizon:
 * D("contoso.com!internal", ...).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records/export_internal.h"

#define PLACEHOLDER "SIPZONE_DNS_PROVIDER"

static sz_status begin(szi_export_ctx *c, sz_text *t)
{
	char src[256];
	szi_safe_source(c->source, src, sizeof(src));
	const char *p = c->opt->dnscontrol_provider != NULL ? c->opt->dnscontrol_provider
							    : PLACEHOLDER;
	return szi_putf(t,
			"// sipzone: generated from %s; edit the model, not this file\n"
			"// The DNS provider is the name of an entry in creds.json.\n"
			"var REG_NONE = NewRegistrar(\"none\");\n"
			"var DSP_SIPZONE = NewDnsProvider(\"%s\");\n",
			src, p);
}

static sz_status put_record(const sz_snippet *s, const sz_record *r, sz_text *t)
{
	char rel[256], addr[64];
	szi_relative(r->owner, s->zone, rel, sizeof(rel));
	const char *label = rel[0] != '\0' ? rel : "@";
	switch (r->type) {
	case SZ_TYPE_NS:
		return szi_putf(t, "\tNAMESERVER(\"%s.\"),\n", r->rdata.cname);
	case SZ_TYPE_SRV:
		return szi_putf(t, "\tSRV(\"%s\", %u, %u, %u, \"%s.\", TTL(%u)),\n", label,
				r->rdata.srv.priority, r->rdata.srv.weight, r->rdata.srv.port,
				r->rdata.srv.target, r->ttl);
	case SZ_TYPE_NAPTR:
		/* NAPTR(subdomain, order, preference, terminalflag, service,
		 * regexp, target): DNSControl's language reference */
		return szi_putf(t, "\tNAPTR(\"%s\", %u, %u, \"%s\", \"%s\", \"%s\", \"%s.\", TTL(%u)),\n",
				label, r->rdata.naptr.order, r->rdata.naptr.preference,
				r->rdata.naptr.flags, r->rdata.naptr.service, r->rdata.naptr.regexp,
				r->rdata.naptr.replacement, r->ttl);
	case SZ_TYPE_CNAME:
		return szi_putf(t, "\tCNAME(\"%s\", \"%s.\", TTL(%u)),\n", label, r->rdata.cname,
				r->ttl);
	default:
		szi_address(r, addr, sizeof(addr));
		return szi_putf(t, "\t%s(\"%s\", \"%s\", TTL(%u)),\n", sz_type_name(r->type), label,
				addr, r->ttl);
	}
}

static sz_status zone(szi_export_ctx *c, const sz_snippet *snippet, sz_text *t)
{
	sz_snippet s;
	if (szi_export_records(snippet, SZ_EXPORT_DNSCONTROL, &s) != SZ_OK)
		return SZ_ERR_NOMEM;
	sz_status st = szi_putf(t, "\nD(\"%s%s\", REG_NONE, DnsProvider(DSP_SIPZONE),\n", s.zone,
				c->opt->view == SZ_VIEW_INTERNAL ? "!internal" : "");
	if (st == SZ_OK && s.def != NULL)
		st = szi_putf(t, "\tNAMESERVER_TTL(%u),\n", s.ttl);
	for (size_t i = 0; st == SZ_OK && i < s.n_records; i++)
		st = put_record(&s, &s.records[i], t);
	if (st == SZ_OK)
		st = szi_put(t, ");\n");
	free(s.records);
	return st;
}

const szi_export_writer szi_export_dnscontrol = {
	.file_name = "dnsconfig.js",
	.begin = begin,
	.zone = zone,
};
