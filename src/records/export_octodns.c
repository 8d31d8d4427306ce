/*
 * records/export_octodns.c: octoDNS YAML zone files for its YamlProvider.
 *
 * One document per zone: record names relative to the zone ('' at the
 * apex) as the top-level keys, each a record or a list of records (one per
 * type) with `ttl`, `type` and `value` (one) or `values` (several); an SRV
 * value is {port, priority, target, weight}. The provider refuses a file
 * whose mapping keys are not in its order (enforce_order, order_mode
 * natural: natsort's key, digit runs compared as numbers), so every key is
 * written in that order. Every string is single-quoted: a plain IPv6
 * address such as 1:2:3:4:5:6:7:8 would be a YAML 1.1 sexagesimal number.
 * A NAPTR value is {flags, order, preference, regexp, replacement,
 * service} (octoDNS's NaptrValue), the replacement absolute.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records/export_internal.h"

static const char readme[] =
	"Written by sipzone generate --format octodns: one octoDNS YAML zone file per\n"
	"zone, for octoDNS's YamlProvider (octodns.provider.yaml.YamlProvider), keys in\n"
	"the order it enforces (enforce_order: true, order_mode: natural).\n"
	"\n"
	"Microsoft's federation SRV record _sipfederationtls._tcp has a 16-character\n"
	"service label. RFC 6335 caps service names at 15, and octoDNS's strict\n"
	"validator set checks that: with `manager.validators.enabled: [strict, ...]`\n"
	"disable `srv-name-rfc` for SRV records, or octoDNS refuses the zone:\n"
	"\n"
	"  manager:\n"
	"    validators:\n"
	"      record:\n"
	"        disable_validators:\n"
	"          SRV:\n"
	"            - srv-name-rfc\n"
	"\n"
	"The default (legacy) set's srv-name accepts the label. Complete zones carry\n"
	"their root NS records (''); the SOA stays the target provider's.\n";

/* One chunk of natsort's key: a run of digits (a number) or of others. */
static size_t chunk(const char *s, bool *digits)
{
	size_t n = 0;
	*digits = s[0] >= '0' && s[0] <= '9';
	while (s[n] != '\0' && (s[n] >= '0' && s[n] <= '9') == *digits)
		n++;
	return n;
}

static int num_cmp(const char *a, size_t na, const char *b, size_t nb)
{
	while (na > 1 && *a == '0') {
		a++;
		na--;
	}
	while (nb > 1 && *b == '0') {
		b++;
		nb--;
	}
	if (na != nb)
		return na < nb ? -1 : 1;
	return memcmp(a, b, na);
}

/* natsort's default key compared: ('text', number, 'text', ...), a key
 * that starts with a number gets '' first; a shorter key that is a prefix
 * of the other sorts first. */
static int natural_cmp(const char *a, const char *b)
{
	bool first = true;
	while (*a != '\0' || *b != '\0') {
		bool da, db;
		size_t na = *a ? chunk(a, &da) : 0, nb = *b ? chunk(b, &db) : 0;
		if (*a == '\0' || *b == '\0')
			return *a == '\0' ? (*b == '\0' ? 0 : -1) : 1;
		if (first && (da || db) && da != db) /* '' against text */
			return da ? -1 : 1;
		first = false;
		if (da != db) /* cannot happen after the first chunk */
			return da ? -1 : 1;
		int c;
		if (da) {
			c = num_cmp(a, na, b, nb);
		} else {
			size_t m = na < nb ? na : nb;
			c = memcmp(a, b, m);
			if (c == 0 && na != nb)
				c = na < nb ? -1 : 1;
		}
		if (c != 0)
			return c;
		a += na;
		b += nb;
	}
	return 0;
}

typedef struct group {
	char name[256];    /* relative owner */
	size_t first, count;
} group;

static int group_cmp(const void *x, const void *y)
{
	const group *a = x, *b = y;
	int c = natural_cmp(a->name, b->name);
	return c != 0 ? c : strcmp(a->name, b->name);
}

static sz_status put_value(const sz_record *r, sz_text *t, const char *indent, bool list)
{
	char buf[64];
	const char *dash = list ? "- " : "";
	switch (r->type) {
	case SZ_TYPE_SRV:
		return szi_putf(t, "%s%sport: %u\n%s%spriority: %u\n%s%starget: '%s.'\n%s%sweight: %u\n",
				indent, dash, r->rdata.srv.port, indent, list ? "  " : "",
				r->rdata.srv.priority, indent, list ? "  " : "", r->rdata.srv.target,
				indent, list ? "  " : "", r->rdata.srv.weight);
	case SZ_TYPE_NAPTR: {
		/* octoDNS's NaptrValue (octodns/record/naptr.py): flags one of
		 * S A U P (older releases accept upper case only; RFC 3403
		 * section 4.1: the case of a flag is not significant). */
		const char *in = list ? "  " : "";
		char flags[8];
		size_t n = 0;
		for (const char *f = r->rdata.naptr.flags; *f && n + 1 < sizeof(flags); f++)
			flags[n++] = (char)(*f >= 'a' && *f <= 'z' ? *f - 'a' + 'A' : *f);
		flags[n] = '\0';
		return szi_putf(t, "%s%sflags: '%s'\n%s%sorder: %u\n%s%spreference: %u\n"
				"%s%sregexp: '%s'\n%s%sreplacement: '%s.'\n%s%sservice: '%s'\n",
				indent, dash, flags, indent, in, r->rdata.naptr.order, indent, in,
				r->rdata.naptr.preference, indent, in, r->rdata.naptr.regexp, indent,
				in, r->rdata.naptr.replacement, indent, in, r->rdata.naptr.service);
	}
	case SZ_TYPE_CNAME:
	case SZ_TYPE_NS:
		return szi_putf(t, "%s%s'%s.'\n", indent, dash, r->rdata.cname);
	default:
		szi_address(r, buf, sizeof(buf));
		return szi_putf(t, "%s%s'%s'\n", indent, dash, buf);
	}
}

/* One record (an RRset): "ttl", "type", "value"/"values"; as an item of the
 * name's list when the name has records of several types. */
static sz_status put_rrset(const sz_record *r, size_t n, sz_text *t, bool in_list)
{
	const char *ind = "  ";
	const char *lead = in_list ? "- " : "  ";
	sz_status s = szi_putf(t, "%sttl: %u\n%stype: %s\n", lead, r->ttl, ind,
			       sz_type_name(r->type));
	bool srv = r->type == SZ_TYPE_SRV || r->type == SZ_TYPE_NAPTR; /* a mapping */
	if (s == SZ_OK && n == 1) {
		s = szi_putf(t, "%svalue:%s", ind, srv ? "\n" : " ");
		if (s == SZ_OK)
			s = put_value(r, t, srv ? "    " : "", false);
		return s;
	}
	if (s == SZ_OK)
		s = szi_putf(t, "%svalues:\n", ind);
	for (size_t i = 0; s == SZ_OK && i < n; i++)
		s = put_value(&r[i], t, "  ", true);
	return s;
}

static sz_status zone(szi_export_ctx *c, const sz_snippet *snippet, sz_text *t)
{
	sz_snippet s;
	if (szi_export_records(snippet, SZ_EXPORT_OCTODNS, &s) != SZ_OK)
		return SZ_ERR_NOMEM;
	group *g = calloc(s.n_records + 1, sizeof(*g));
	size_t ng = 0;
	for (size_t i = 0; g != NULL && i < s.n_records; i++) {
		if (ng > 0 && strcmp(s.records[i].owner, s.records[g[ng - 1].first].owner) == 0) {
			g[ng - 1].count++;
			continue;
		}
		szi_relative(s.records[i].owner, s.zone, g[ng].name, sizeof(g[ng].name));
		g[ng].first = i;
		g[ng++].count = 1;
	}
	char src[256];
	szi_safe_source(c->source, src, sizeof(src));
	sz_status st = g == NULL ? SZ_ERR_NOMEM
		: szi_putf(t, "---\n# sipzone: zone %s, generated from %s; edit the model, not this file\n",
			   s.zone, src);
	if (st == SZ_OK)
		qsort(g, ng, sizeof(*g), group_cmp);
	for (size_t k = 0; st == SZ_OK && k < ng; k++) {
		size_t end = g[k].first + g[k].count;
		bool one_type = szi_rrset_len(&s, g[k].first) == g[k].count;
		st = szi_putf(t, "'%s':\n", g[k].name);
		for (size_t i = g[k].first; st == SZ_OK && i < end;) {
			size_t n = szi_rrset_len(&s, i);
			st = put_rrset(&s.records[i], n, t, !one_type);
			i += n;
		}
	}
	if (st == SZ_OK && ng == 0)
		st = szi_put(t, "{}\n");
	free(g);
	free(s.records);
	return st;
}

const szi_export_writer szi_export_octodns = {
	.zone_ext = ".yaml",
	.zone = zone,
	.extra_name = "README",
	.extra_text = readme,
};
