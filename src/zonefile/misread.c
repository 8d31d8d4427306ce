/*
 * zonefile/misread.c: the records that ldns reads otherwise than BIND.
 *
 * ldns_rr_new_frm_str() accepts some records that are not master-file
 * records at all, and makes of them something nobody wrote:
 *  - a record without a type ("www sip.contoso.com.", a CNAME whose type
 *    was forgotten) or with a class before the TTL ("IN 3600 A"): ldns
 *    takes the token after the owner, TTL and class as the type, and an
 *    unknown name is type 0, so the record becomes "TYPE0 \# 0";
 *  - "TYPE0" itself, a reserved type no zone may hold;
 *  - RFC 3597's "\#" anywhere but at the start of the RDATA ("SRV 0 \# 0
 *    443 sip"): ldns reads the rest as generic data for one field and
 *    makes a record with fields missing, BIND refuses it or reads "#";
 *  - generic RDATA that is not a valid record of a type ldns knows
 *    ("A \# 0", "SRV \# 2 0001", "A \# 5 c000020101"): ldns keeps the
 *    fields it could read and drops the rest without a word;
 *  - an odd number of hex digits in a last field of hex ("DS 1 8 2 ABC",
 *    SSHFP, TLSA): ldns pads the last digit with a 0;
 *  - a word in the type list of an NSEC or NSEC3 that names no type
 *    ("NSEC next A BOGUS"): ldns sets the bit of type 0;
 *  - an SVCB or HTTPS port past 65535 or negative ("port=70000"): ldns
 *    keeps 16 bits of it.
 * BIND refuses each of them, and a record nobody can print back must not
 * reach the checker or the diff. They come out of the reader as syntax
 * errors. Anything else that is wrong is left to ldns and its own messages.
 */
#include <ldns/ldns.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "zonefile/reader.h"
#include "zonefile/tokens.h"

#define TOKEN_MAX 64 /* longer than any class or type name */

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * "\# LEN HEX..." from `rec` at `p` (after the "\#" token) as RDLENGTH and
 * the octets, the way ldns hands them to ldns_wire2rdf(). NULL when it is
 * not well-formed, with the reason in `why` (empty when out of memory).
 * ldns accepts some malformed ones ("TXT \# 0 abcd": the hex after a
 * length of 0 is dropped), BIND refuses them all ("unexpected end of
 * input", "extra input text").
 */
static uint8_t *generic_wire(const char *rec, size_t p, size_t *wire_len, char *why, size_t cap)
{
	szi_tok t;
	why[0] = '\0';
	if (!szi_tok_next(rec, &p, &t))
		return NULL; /* a lone "\#": BIND reads TXT \# as the string "#"; left to ldns */
	size_t s = t.off, n = t.len;
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		if (rec[s + i] < '0' || rec[s + i] > '9' || len > 65535) {
			snprintf(why, cap, "'%.*s' is not a length from 0 to 65535 octets",
				 (int)(n > 20 ? 20 : n), rec + s);
			return NULL;
		}
		len = len * 10 + (size_t)(rec[s + i] - '0');
	}
	if (len > 65535) {
		snprintf(why, cap, "'%.*s' is not a length from 0 to 65535 octets",
			 (int)(n > 20 ? 20 : n), rec + s);
		return NULL;
	}
	uint8_t *w = malloc(len + 2);
	if (w == NULL)
		return NULL;
	ldns_write_uint16(w, (uint16_t)len);
	size_t got = 0, digits = 0;
	int hi = -1;
	bool bad = false;
	while (szi_tok_next(rec, &p, &t)) {
		for (size_t i = 0; i < t.len; i++) {
			int v = hex_value(rec[t.off + i]);
			if (v < 0) {
				bad = true;
				break;
			}
			digits++;
			if (hi < 0) {
				hi = v;
			} else {
				if (got < len)
					w[2 + got] = (uint8_t)(hi << 4 | v);
				got++;
				hi = -1;
			}
		}
	}
	if (bad || hi >= 0 || got != len) {
		free(w);
		if (bad)
			snprintf(why, cap, "the data is not hexadecimal");
		else if (hi >= 0)
			snprintf(why, cap, "an odd number of hex digits (%zu)", digits);
		else
			snprintf(why, cap, "the length says %zu octets but %zu are written", len, got);
		return NULL;
	}
	*wire_len = len + 2;
	return w;
}

/* Is the generic RDATA at `p` a whole, valid record of `type`? Writes why
 * not into `why`. Types ldns does not know take any octets. */
static bool generic_fits(const char *rec, size_t p, ldns_rr_type type, char *why, size_t cap)
{
	size_t wire_len = 0;
	uint8_t *w = generic_wire(rec, p, &wire_len, why, cap);
	if (w == NULL)
		return why[0] == '\0'; /* out of memory: let ldns try */
	const ldns_rr_descriptor *d = ldns_rr_descript((uint16_t)type);
	if (d == NULL || d->_name == NULL || d->_type != type) {
		free(w);
		return true;
	}
	ldns_rr *rr = ldns_rr_new();
	bool fits = true;
	size_t pos = 0;
	if (rr != NULL) {
		ldns_rr_set_type(rr, type);
		if (ldns_wire2rdf(rr, w, wire_len, &pos) != LDNS_STATUS_OK) {
			fits = true; /* ldns refuses it too, with its own message */
		} else if (ldns_rr_rd_count(rr) < ldns_rr_descriptor_minimum(d)) {
			fits = false;
			snprintf(why, cap, "its %zu octets hold %zu of the %zu fields the type needs",
				 wire_len - 2, ldns_rr_rd_count(rr), ldns_rr_descriptor_minimum(d));
		} else if (pos != wire_len) {
			fits = false;
			snprintf(why, cap, "%zu octets are left over after the record's last field",
				 wire_len - pos);
		}
	}
	ldns_rr_free(rr);
	free(w);
	return fits;
}

/*
 * The last field of the record, when it is hex (DS, SSHFP, TLSA, ...) or a
 * type bitmap (NSEC, NSEC3), read to the end of the line as ldns reads it:
 * ldns takes an odd number of hex digits as if a 0 followed ("ABC" is AB C0)
 * and a name in a type bitmap that names no type as type 0; BIND refuses
 * both ("bad hex encoding", "unknown class/type"). True, with `msg`, when
 * the record holds either.
 */
static bool last_field_misread(const char *rec, size_t p, ldns_rr_type type, const char *type_tok,
			       char *msg, size_t cap)
{
	const ldns_rr_descriptor *d = ldns_rr_descript((uint16_t)type);
	if (d == NULL || d->_type != type || d->_variable != LDNS_RDF_TYPE_NONE || d->_maximum == 0)
		return false;
	ldns_rdf_type last = ldns_rr_descriptor_field_type(d, d->_maximum - 1U);
	if (last != LDNS_RDF_TYPE_HEX && last != LDNS_RDF_TYPE_NSEC && last != LDNS_RDF_TYPE_SVCPARAMS)
		return false;
	szi_tok t;
	size_t digits = 0;
	for (size_t field = 0; szi_tok_next(rec, &p, &t); field++) {
		if (field == 0 && szi_tok_is(rec, t, "\\#"))
			return false; /* generic RDATA: szi_zread_misread() decodes it */
		if (field + 1 < d->_maximum)
			continue;
		if (last == LDNS_RDF_TYPE_SVCPARAMS) {
			/* ldns reads port=N with strtoul() and keeps 16 bits */
			if (t.len < 5 || strncmp(rec + t.off, "port=", 5) != 0)
				continue;
			size_t s = t.off + 5, n = t.len - 5;
			if (n >= 2 && rec[s] == '"' && rec[s + n - 1] == '"') {
				s++;
				n -= 2;
			}
			uint64_t v = 0;
			bool number = n > 0;
			for (size_t i = 0; number && i < n; i++) {
				number = rec[s + i] >= '0' && rec[s + i] <= '9';
				v = v * 10 + (uint64_t)(rec[s + i] - '0');
				number = number && v <= 65535;
			}
			if (!number && n > 0 && n <= 5) {
				snprintf(msg, cap, "'%.*s' in the %s record: the port must be 0 to 65535 (ldns would wrap it, BIND refuses it: out of range)",
					 (int)(t.len > 40 ? 40 : t.len), rec + t.off, type_tok);
				return true;
			}
			continue;
		}
		if (last == LDNS_RDF_TYPE_HEX) {
			for (size_t i = 0; i < t.len; i++) {
				char c = rec[t.off + i];
				if (hex_value(c) < 0)
					return false; /* ldns refuses it, with its own message */
				digits++;
			}
			continue;
		}
		char name[TOKEN_MAX];
		szi_tok_copy(rec, t, name, sizeof(name));
		uint64_t num = 0;
		bool numbered = t.len > 4 && strncasecmp(name, "TYPE", 4) == 0 && t.len < sizeof(name);
		for (size_t i = 4; numbered && i < t.len; i++) {
			numbered = name[i] >= '0' && name[i] <= '9';
			num = num * 10 + (uint64_t)(name[i] - '0');
			numbered = numbered && num <= 65535;
		}
		if (!numbered && (t.len >= sizeof(name) || szi_type_by_name(name) == 0)) {
			snprintf(msg, cap, "'%.*s' in the type list of the %s record is not a record type (ldns would read it as TYPE0)",
				 (int)(t.len > 40 ? 40 : t.len), rec + t.off, type_tok);
			return true;
		}
	}
	if (last == LDNS_RDF_TYPE_HEX && digits % 2 == 1) {
		snprintf(msg, cap, "an odd number of hex digits (%zu) in the last field of the %s record: ldns would read the last one as if a 0 followed it (BIND: bad hex encoding)",
			 digits, type_tok);
		return true;
	}
	return false;
}

/* Types 128 to 255 and OPT are meta types, for queries and transfers
 * (AXFR, IXFR, ANY, TSIG, TKEY, MAILA, MAILB, ...): BIND refuses them as
 * records ("invalid use of a meta type"), ldns reads them as any other. */
static bool meta_type(ldns_rr_type type)
{
	return type == LDNS_RR_TYPE_OPT || (type >= 128 && type <= 255);
}

/* The mnemonic of a type or class (AXFR, CH) or its generic form, never
 * the text as written (which may be long or hold any byte). */
static const char *type_name(ldns_rr_type type, char *buf, size_t cap)
{
	const ldns_rr_descriptor *d = ldns_rr_descript((uint16_t)type);
	if (d != NULL && d->_type == type && d->_name != NULL)
		snprintf(buf, cap, "%s", d->_name);
	else if (type == LDNS_RR_TYPE_AXFR || type == LDNS_RR_TYPE_IXFR ||
		 type == LDNS_RR_TYPE_MAILA || type == LDNS_RR_TYPE_MAILB || type == LDNS_RR_TYPE_ANY)
		snprintf(buf, cap, "%s", type == LDNS_RR_TYPE_AXFR ? "AXFR" : type == LDNS_RR_TYPE_IXFR ? "IXFR"
			 : type == LDNS_RR_TYPE_MAILA ? "MAILA" : type == LDNS_RR_TYPE_MAILB ? "MAILB" : "ANY");
	else
		snprintf(buf, cap, "TYPE%u", (unsigned)type);
	return buf;
}

static const char *class_name(ldns_rr_class c, char *buf, size_t cap)
{
	switch (c) {
	case LDNS_RR_CLASS_CH: snprintf(buf, cap, "CH"); break;
	case LDNS_RR_CLASS_HS: snprintf(buf, cap, "HS"); break;
	case LDNS_RR_CLASS_NONE: snprintf(buf, cap, "NONE"); break;
	case LDNS_RR_CLASS_ANY: snprintf(buf, cap, "ANY"); break;
	default: snprintf(buf, cap, "CLASS%u", (unsigned)c); break;
	}
	return buf;
}

bool szi_zread_misread(const char *rec, const szi_rec_head *h, char *msg, size_t cap)
{
	char tok[TOKEN_MAX];
	szi_tok t;
	szi_tok_copy(rec, h->type, tok, sizeof(tok));
	bool cls = h->cls.len > 0, ttl = h->ttl.len > 0;
	ldns_rr_type type = (ldns_rr_type)h->type_code;
	if (type == 0) {
		if (cls && !ttl && tok[0] >= '0' && tok[0] <= '9')
			snprintf(msg, cap, "'%.40s' after the class is read as the record type: write the TTL before the class (3600 IN A)", tok);
		else if (strcasecmp(tok, "TYPE0") == 0)
			snprintf(msg, cap, "type 0 is reserved: no zone may hold a record of TYPE0");
		else
			snprintf(msg, cap, "'%.40s' is not a record type: the type (A, CNAME, SRV, ...) comes after the owner, TTL and class; without one, ldns would read the record as TYPE0", tok);
		return true;
	}
	if (cls) {
		char ctok[TOKEN_MAX];
		szi_tok_copy(rec, h->cls, ctok, sizeof(ctok));
		ldns_rr_class c = szi_class_by_name(ctok);
		if (c != LDNS_RR_CLASS_IN) {
			snprintf(msg, cap, "class %s is not IN: a zone holds records of one class, and every zone sipzone checks is IN (BIND: class != zone class 'IN'); write IN or leave the class out", class_name(c, ctok, sizeof(ctok)));
			return true;
		}
	}
	if (meta_type(type)) {
		char name[TOKEN_MAX];
		snprintf(msg, cap, "%s is a meta type (RFC 6895: queries and transfers, not data), so no zone may hold a record of it (BIND: invalid use of a meta type)", type_name(type, name, sizeof(name)));
		return true;
	}
	size_t p = h->rdata;
	if (type == LDNS_RR_TYPE_CERT) {
		/* ldns refuses certificate type 0 (CERT_BAD_ALGORITHM) and leaks
		 * the field it made (ldns_str2rdf_cert_alg(), ldns 1.8): say so
		 * here, so that ldns never sees it */
		size_t q = p;
		if (szi_tok_next(rec, &q, &t) && strspn(rec + t.off, "0") >= t.len) {
			snprintf(msg, cap, "CERT certificate type 0 is reserved (RFC 4398): write the type (1 for PKIX, 3 for PGP, ...)");
			return true;
		}
	}
	if (last_field_misread(rec, p, type, tok, msg, cap))
		return true;
	if (strstr(rec + p, "\\#") == NULL)
		return false;
	for (size_t field = 0; szi_tok_next(rec, &p, &t); field++) {
		if (!szi_tok_is(rec, t, "\\#"))
			continue;
		if (field > 0) {
			snprintf(msg, cap, "'\\#' in RDATA field %zu of the %s record: RFC 3597's generic form stands for the whole RDATA and comes right after the type; write the field (or quote a literal \"#\")",
				 field + 1, tok);
			return true;
		}
		char why[160];
		if (!generic_fits(rec, p, type, why, sizeof(why))) {
			snprintf(msg, cap, "the generic RDATA (\\#) is not a valid %s record: %s", tok, why);
			return true;
		}
	}
	return false;
}

bool szi_zread_relative_name(const char *rec, const szi_rec_head *h, char *msg, size_t cap)
{
	szi_tok bad = { 0, 0 };
	if (!szi_tok_absolute(rec, h->owner)) {
		bad = h->owner;
	} else {
		char tok[TOKEN_MAX];
		szi_tok_copy(rec, h->type, tok, sizeof(tok));
		ldns_rr_type type = szi_type_by_name(tok);
		const ldns_rr_descriptor *d = ldns_rr_descript((uint16_t)type);
		size_t p = h->rdata;
		szi_tok t;
		for (size_t i = 0; d != NULL && d->_type == type && i < ldns_rr_descriptor_maximum(d) &&
				   szi_tok_next(rec, &p, &t); i++) {
			if (i == 0 && szi_tok_is(rec, t, "\\#"))
				break; /* generic RDATA holds names in wire form: absolute */
			ldns_rdf_type ft = ldns_rr_descriptor_field_type(d, i);
			if (ft == LDNS_RDF_TYPE_DNAME && !szi_tok_is(rec, t, ".") && !szi_tok_absolute(rec, t)) {
				bad = t;
				break;
			}
			/* a field of several tokens: the rest cannot be placed */
			if (ft == LDNS_RDF_TYPE_B64 || ft == LDNS_RDF_TYPE_HEX || ft == LDNS_RDF_TYPE_NSEC ||
			    ft == LDNS_RDF_TYPE_WKS || ft == LDNS_RDF_TYPE_LOC || ft == LDNS_RDF_TYPE_APL ||
			    ft == LDNS_RDF_TYPE_SVCPARAMS)
				break;
		}
	}
	if (bad.len == 0)
		return false;
	snprintf(msg, cap, "'%.*s' is a relative name and no origin is known to complete it: add '$ORIGIN zone.example.' before it, pass --origin, or write the name with its final dot",
		 (int)(bad.len > 80 ? 80 : bad.len), rec + bad.off);
	return true;
}
