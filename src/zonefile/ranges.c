/*
 * zonefile/ranges.c: numbers that ldns would wrap (ranges.h).
 */
#include <ldns/ldns.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "zonefile/ranges.h"

#define FIELD_MAX 64 /* RDATA fields looked at; no type has more before a variable one */

bool szi_period_value(const char *text, size_t len, uint64_t *out)
{
	uint64_t total = 0, n = 0;
	bool digits = false;
	if (len == 0 || text[0] < '0' || text[0] > '9')
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		if (c >= '0' && c <= '9') {
			n = n * 10 + (uint64_t)(c - '0');
			digits = true;
			if (n > UINT32_MAX * UINT64_C(1000))
				n = UINT32_MAX * UINT64_C(1000); /* stays above any limit */
			continue;
		}
		uint64_t unit;
		switch (c) {
		case 's': case 'S': unit = 1; break;
		case 'm': case 'M': unit = 60; break;
		case 'h': case 'H': unit = 3600; break;
		case 'd': case 'D': unit = 86400; break;
		case 'w': case 'W': unit = 604800; break;
		default: return false;
		}
		if (!digits)
			return false;
		total += n * unit;
		n = 0;
		digits = false;
	}
	total += n;
	*out = total;
	return true;
}

/* A decimal number of `len` characters; false when it is not one. */
static bool decimal_value(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (v <= UINT64_C(1) << 40)
			v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = v;
	return true;
}

/* "TYPE123" or "CLASS123" above 65535: ldns keeps the number modulo 65536. */
static bool numbered_above(const char *rec, szi_tok t, const char *prefix, uint64_t *v)
{
	size_t k = strlen(prefix);
	return t.len > k && strncasecmp(rec + t.off, prefix, k) == 0 &&
	       decimal_value(rec + t.off + k, t.len - k, v) && *v > 65535;
}

/* The largest value of an integer RDATA field, 0 when the field is no plain
 * integer, and whether the field is one token (so that the next token is
 * the next field). */
static uint64_t field_limit(ldns_rdf_type t, bool *one_token)
{
	*one_token = true;
	switch (t) {
	case LDNS_RDF_TYPE_INT8:
	case LDNS_RDF_TYPE_ALG:
	case LDNS_RDF_TYPE_CERTIFICATE_USAGE:
	case LDNS_RDF_TYPE_SELECTOR:
	case LDNS_RDF_TYPE_MATCHING_TYPE:
		return UINT8_MAX;
	case LDNS_RDF_TYPE_INT16:
		return UINT16_MAX;
	case LDNS_RDF_TYPE_INT32:
	case LDNS_RDF_TYPE_PERIOD:
		return UINT32_MAX;
	case LDNS_RDF_TYPE_DNAME:
	case LDNS_RDF_TYPE_A:
	case LDNS_RDF_TYPE_AAAA:
	case LDNS_RDF_TYPE_STR:
	case LDNS_RDF_TYPE_TYPE:
	case LDNS_RDF_TYPE_CLASS:
	case LDNS_RDF_TYPE_TIME:
	case LDNS_RDF_TYPE_ILNP64:
	case LDNS_RDF_TYPE_EUI48:
	case LDNS_RDF_TYPE_EUI64:
	case LDNS_RDF_TYPE_TAG:
		return 0;
	default:
		*one_token = false;
		return 0;
	}
}

/* The names RFC 2782, RFC 1035 and RFC 3403 give the integer fields of
 * the records SIP zones hold; other fields are named by their number. */
static void field_label(ldns_rr_type type, size_t i, char *out, size_t cap)
{
	static const struct { ldns_rr_type type; const char *names[5]; } named[] = {
		{ LDNS_RR_TYPE_SRV, { "priority", "weight", "port", NULL, NULL } },
		{ LDNS_RR_TYPE_MX, { "preference", NULL, NULL, NULL, NULL } },
		{ LDNS_RR_TYPE_NAPTR, { "order", "preference", NULL, NULL, NULL } },
		{ LDNS_RR_TYPE_SOA, { NULL, NULL, "serial", "refresh", "retry" } },
	};
	for (size_t k = 0; k < sizeof(named) / sizeof(named[0]); k++) {
		if (named[k].type == type && i < 5 && named[k].names[i] != NULL) {
			snprintf(out, cap, "the %s", named[k].names[i]);
			return;
		}
	}
	if (type == LDNS_RR_TYPE_SOA && i == 5) {
		snprintf(out, cap, "the expire");
		return;
	}
	if (type == LDNS_RR_TYPE_SOA && i == 6) {
		snprintf(out, cap, "the minimum");
		return;
	}
	snprintf(out, cap, "RDATA field %zu", i + 1);
}

bool szi_zread_out_of_range(const char *rec, const szi_rec_head *h, char *msg, size_t cap)
{
	uint64_t v;
	if (h->ttl.len > 0 && szi_period_value(rec + h->ttl.off, h->ttl.len, &v) && v > UINT32_MAX) {
		snprintf(msg, cap, "TTL %.*s is above 4294967295, the largest a TTL can hold (BIND: bad ttl)",
			 (int)(h->ttl.len > 40 ? 40 : h->ttl.len), rec + h->ttl.off);
		return true;
	}
	if (h->cls.len > 0 && numbered_above(rec, h->cls, "CLASS", &v)) {
		snprintf(msg, cap, "class number %.*s is above 65535, the largest a class can be",
			 (int)(h->cls.len > 40 ? 40 : h->cls.len), rec + h->cls.off);
		return true;
	}
	if (numbered_above(rec, h->type, "TYPE", &v)) {
		snprintf(msg, cap, "type number %.*s is above 65535, the largest a type can be",
			 (int)(h->type.len > 40 ? 40 : h->type.len), rec + h->type.off);
		return true;
	}
	char type_name[64];
	szi_tok_copy(rec, h->type, type_name, sizeof(type_name));
	ldns_rr_type type = (ldns_rr_type)h->type_code;
	const ldns_rr_descriptor *d = ldns_rr_descript((uint16_t)type);
	if (type == 0 || d == NULL || d->_name == NULL || d->_type != type)
		return false;
	size_t nfields = ldns_rr_descriptor_maximum(d);
	/* most records (A, AAAA, CNAME, NS, PTR) have no integer field before
	 * their first field of several tokens: nothing to walk */
	bool any = false;
	for (size_t i = 0; i < nfields && i < FIELD_MAX && !any; i++) {
		bool one_token;
		any = field_limit(ldns_rr_descriptor_field_type(d, i), &one_token) != 0;
		if (!one_token)
			break;
	}
	if (!any)
		return false;
	size_t p = h->rdata;
	szi_tok t;
	for (size_t i = 0; i < nfields && i < FIELD_MAX && szi_tok_next(rec, &p, &t); i++) {
		if (i == 0 && szi_tok_is(rec, t, "\\#"))
			return false; /* generic RDATA: misread.c decodes it */
		bool one_token;
		ldns_rdf_type ft = ldns_rr_descriptor_field_type(d, i);
		uint64_t limit = field_limit(ft, &one_token);
		if (!one_token)
			break;
		if (limit == 0)
			continue;
		const char *s = rec + t.off;
		int shown = (int)(t.len > 40 ? 40 : t.len);
		char label[32];
		bool num = ft == LDNS_RDF_TYPE_PERIOD ? szi_period_value(s, t.len, &v)
						      : decimal_value(s, t.len, &v);
		if (s[0] == '-' || (num && v > limit)) {
			field_label(type, i, label, sizeof(label));
			snprintf(msg, cap, "%s of the %s record is %.*s: it must be 0 to %llu (ldns would wrap it, BIND refuses it: out of range)",
				 label, type_name, shown, s, (unsigned long long)limit);
			return true;
		}
	}
	return false;
}
