/*
 * zonefile/record_parse.c: records to ldns_rr, common plain records field by field.
 *
 * The field logic below follows ldns_rr_new_frm_str_internal() (ldns rr.c):
 * owner ("@" = origin; relative names get the origin appended), then TTL or
 * class or type in ldns's order of guessing, then the RDATA fields by the
 * type's descriptor. Where ldns would do anything this does not (quotes,
 * escapes, "\#" unknown-type data, "@" in the data, another number of fields),
 * the record is handed to ldns_rr_new_frm_str() unchanged.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "zonefile/record_parse.h"
#include "zonefile/tokens.h"

/* RDATA fields of one record the fast path takes (RRSIG has 9, a TXT may have more) */
#define MAX_FIELDS 64
/* the longest record text it takes: a DNSKEY or RRSIG of RSA-4096, a long TXT */
#define MAX_TEXT 8192
/* ldns reads TTL, class and type into fixed buffers and fails past them:
 * LDNS_SYNTAX_DATALEN 16 (class, type), LDNS_TTL_DATALEN 21 (TTL) */
#define SYNTAX_DATALEN 16
#define TTL_DATALEN 21

/* The types handled here (issue 18): their fields come from ldns's own
 * descriptor, so a field is read as ldns reads it. */
static bool fast_type(ldns_rr_type type)
{
	switch (type) {
	case LDNS_RR_TYPE_A:
	case LDNS_RR_TYPE_AAAA:
	case LDNS_RR_TYPE_NS:
	case LDNS_RR_TYPE_CNAME:
	case LDNS_RR_TYPE_DNAME:
	case LDNS_RR_TYPE_PTR:
	case LDNS_RR_TYPE_MX:
	case LDNS_RR_TYPE_TXT:
	case LDNS_RR_TYPE_SRV:
	case LDNS_RR_TYPE_NAPTR:
	case LDNS_RR_TYPE_CAA:
	case LDNS_RR_TYPE_SOA:
	case LDNS_RR_TYPE_DS:
	case LDNS_RR_TYPE_DNSKEY:
	case LDNS_RR_TYPE_RRSIG:
	case LDNS_RR_TYPE_NSEC:
	case LDNS_RR_TYPE_NSEC3:
	case LDNS_RR_TYPE_NSEC3PARAM:
	case LDNS_RR_TYPE_TLSA:
	case LDNS_RR_TYPE_SSHFP:
	case LDNS_RR_TYPE_SVCB:
	case LDNS_RR_TYPE_HTTPS:
		return true;
	default:
		return false;
	}
}

/* Field types ldns reads to the end of the line when they are the last
 * field (ldns_rr_new_frm_str_internal(): "may contain whitespace"). */
static bool rest_of_line(ldns_rdf_type t)
{
	switch (t) {
	case LDNS_RDF_TYPE_B64:
	case LDNS_RDF_TYPE_HEX:
	case LDNS_RDF_TYPE_NSEC:
	case LDNS_RDF_TYPE_LOC:
	case LDNS_RDF_TYPE_WKS:
	case LDNS_RDF_TYPE_IPSECKEY:
	case LDNS_RDF_TYPE_AMTRELAY:
	case LDNS_RDF_TYPE_SVCPARAMS:
		return true;
	default:
		return false;
	}
}

/* Character strings: the only fields in which quotes and escapes are taken here. */
static bool string_field(ldns_rdf_type t)
{
	return t == LDNS_RDF_TYPE_STR || t == LDNS_RDF_TYPE_LONG_STR;
}

/*
 * The bytes of the line that change how ldns splits it: outside quoted
 * strings parentheses, ';' and any control byte (the reader leaves single
 * spaces only); inside them control bytes. Quotes toggle as ldns_bget_token()
 * toggles them (a backslash escapes the next byte). True when there are none
 * and every quote is closed; *escapes tells whether a backslash or a quote
 * occurs at all (then each field is looked at).
 */
static bool plain_line(const char *text, size_t len, bool *escapes)
{
	bool quoted = false;
	*escapes = false;
	/* most records hold none of these: one vectorised scan says so (other
	 * control bytes are plain token bytes to ldns and to this parser alike) */
	if (strpbrk(text, "\"\\();\t\r\n") == NULL)
		return true;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x20 || c == 0x7f)
			return false;
		if (c == '\\') {
			*escapes = true;
			if (i + 1 >= len)
				return false;
			i++;
			if ((unsigned char)text[i] < 0x20 || text[i] == 0x7f)
				return false;
			continue;
		}
		if (c == '"') {
			*escapes = true;
			quoted = !quoted;
		} else if (!quoted && (c == '(' || c == ')' || c == ';')) {
			return false;
		}
	}
	return !quoted;
}

/* Does t hold a backslash or a quote? */
static bool has_escape(const char *text, szi_tok t)
{
	for (size_t i = 0; i < t.len; i++)
		if (text[t.off + i] == '\\' || text[t.off + i] == '"')
			return true;
	return false;
}

/*
 * A character-string token as ldns reads it: quoted ("..." with the first
 * unescaped quote at the token's end: ldns ends the string there) or plain
 * (no quote at all, and not RFC 3597's "\#"). *inner is the text between
 * the quotes, or the token.
 */
static bool string_token(const char *text, szi_tok t, bool *quoted, szi_tok *inner)
{
	const char *s = text + t.off;
	if (s[0] == '"') {
		size_t i = 1;
		while (i < t.len && s[i] != '"')
			i += s[i] == '\\' ? 2 : 1;
		if (i != t.len - 1)
			return false;
		*quoted = true;
		*inner = (szi_tok){ t.off + 1, t.len - 2 };
		return true;
	}
	for (size_t i = 0; i < t.len; i++)
		if (s[i] == '"')
			return false;
	if (t.len >= 2 && s[0] == '\\' && s[1] == '#')
		return false;
	*quoted = false;
	*inner = t;
	return true;
}

/* One RDATA field: where its text is (NUL-terminated in the copy) and its type. */
typedef struct field {
	szi_tok text;
	ldns_rdf_type type;
} field;

/*
 * Base64 to octets, the state machine of ldns_b64_pton() (ldns compat/,
 * from BIND) without its strchr() over the alphabet per character (a third
 * of the time of checking a signed zone went there). Spaces anywhere, '='
 * padding only where a partial group ends, nothing but spaces after it, the
 * bits past the last octet zero. -1 where ldns_b64_pton() says -1.
 */
static int b64_value(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

static int b64_decode(const char *s, uint8_t *out, size_t cap)
{
	size_t n = 0;
	int state = 0;
	unsigned char ch = 0;
	while ((ch = (unsigned char)*s++) != '\0') {
		if (ch == ' ')
			continue;
		if (ch == '=')
			break;
		int v = b64_value(ch);
		if (v < 0 || n + 1 >= cap)
			return -1;
		switch (state) {
		case 0:
			out[n] = (uint8_t)(v << 2);
			break;
		case 1:
			out[n] |= (uint8_t)(v >> 4);
			out[++n] = (uint8_t)((v & 0x0f) << 4);
			break;
		case 2:
			out[n] |= (uint8_t)(v >> 2);
			out[++n] = (uint8_t)((v & 0x03) << 6);
			break;
		default:
			out[n++] |= (uint8_t)v;
			break;
		}
		state = (state + 1) % 4;
	}
	if (ch != '=')
		return state == 0 ? (int)n : -1;
	if (state < 2)
		return -1;
	ch = (unsigned char)*s++;
	if (state == 2) {
		while (ch == ' ')
			ch = (unsigned char)*s++;
		if (ch != '=')
			return -1;
		ch = (unsigned char)*s++;
	}
	while (ch == ' ')
		ch = (unsigned char)*s++;
	if (ch != '\0' || out[n] != 0)
		return -1;
	return (int)n;
}

/* ldns_str2rdf_b64() of `rd`; NULL for "-" and "0" (no octets) and every
 * error, which are ldns's. Not inlined: its buffer would weigh on the stack
 * frame of every record. */
__attribute__((noinline)) static ldns_rdf *b64_rdf(const char *rd)
{
	uint8_t bin[MAX_TEXT];
	int n = b64_decode(rd, bin, sizeof(bin));
	return n > 0 ? ldns_rdf_new_frm_data(LDNS_RDF_TYPE_B64, (size_t)n, bin) : NULL;
}

/* The RDATA field `f` as ldns_rr_new_frm_str() makes it; NULL when ldns refuses it. */
static ldns_rdf *field_rdf(const field *f, const char *rd, const ldns_rdf *origin)
{
	if (f->type == LDNS_RDF_TYPE_B64 && f->text.len > 1) {
		ldns_rdf *r = b64_rdf(rd);
		if (r != NULL)
			return r;
	}
	ldns_rdf *r = ldns_rdf_new_frm_str(f->type, rd);
	if (r != NULL && f->type == LDNS_RDF_TYPE_DNAME && !ldns_dname_str_absolute(rd) &&
	    ldns_dname_cat(r, origin) != LDNS_STATUS_OK) {
		ldns_rdf_deep_free(r);
		r = NULL;
	}
	return r;
}

/*
 * The fast way; returns false when the record is not one it handles (or a
 * field does not convert), and then nothing is allocated.
 */
static bool parse_fast(ldns_rr **out, const char *text, const szi_rec_head *head,
		       uint32_t default_ttl, const ldns_rdf *origin)
{
	char buf[MAX_TEXT];
	size_t len = strlen(text);
	bool escapes;
	if (len == 0 || len >= sizeof(buf) || origin == NULL || text[len - 1] == ' ' ||
	    !plain_line(text, len, &escapes))
		return false;
	szi_rec_head h;
	if (head != NULL)
		h = *head;
	else if (!szi_rec_head_split(text, &h))
		return false;
	ldns_rr_type type = (ldns_rr_type)h.type_code;
	if (!fast_type(type))
		return false;
	const ldns_rr_descriptor *d = ldns_rr_descript((uint16_t)type);
	if (d == NULL || d->_type != type)
		return false;
	/* escapes and quotes only in character strings: none in the head */
	if (escapes && has_escape(text, (szi_tok){ 0, h.type.off + h.type.len }))
		return false;
	/* ldns's r_max is 16 bits: UINT_MAX (a variable type) is 65535 */
	size_t r_max = ldns_rr_descriptor_maximum(d) > UINT16_MAX ? UINT16_MAX : ldns_rr_descriptor_maximum(d);
	field fields[MAX_FIELDS];
	size_t nf = 0;
	/* the reader leaves single spaces only: a field that does not start
	 * right after one is no plain record */
	size_t prev_end = h.type.off + h.type.len;
	size_t p = h.rdata;
	szi_tok t;
	while (szi_tok_next(text, &p, &t)) {
		if (nf == r_max || nf == MAX_FIELDS || t.off != prev_end + 1)
			return false; /* superfluous text: ldns's own error */
		ldns_rdf_type ft = ldns_rr_descriptor_field_type(d, nf);
		if (rest_of_line(ft) && nf + 1 == r_max) {
			t.len = len - t.off;
			p = len;
		}
		if (string_field(ft)) {
			bool quoted;
			szi_tok inner;
			if (!string_token(text, t, &quoted, &inner) ||
			    (!quoted && ft == LDNS_RDF_TYPE_LONG_STR))
				return false;
			fields[nf].text = inner;
		} else {
			/* ldns takes "@" at the start of a name for the origin */
			if ((escapes && has_escape(text, t)) || text[t.off] == '@')
				return false;
			fields[nf].text = t;
		}
		fields[nf].type = ft;
		prev_end = t.off + t.len;
		nf++;
	}
	if (nf < ldns_rr_descriptor_minimum(d))
		return false;
	if ((h.ttl.len > 0 && h.ttl.len >= TTL_DATALEN) || (h.cls.len > 0 && h.cls.len >= SYNTAX_DATALEN) ||
	    h.type.len >= SYNTAX_DATALEN || h.owner.len > LDNS_MAX_DOMAINLEN - 1)
		return false;
	/* the tokens become C strings in buf: the byte after each (a space,
	 * a closing quote or the end) is not part of any other */
	memcpy(buf, text, len + 1);
	const szi_tok *head_toks[] = { &h.owner, &h.ttl, &h.cls, &h.type };
	for (size_t i = 0; i < 4; i++)
		if (head_toks[i]->len > 0)
			buf[head_toks[i]->off + head_toks[i]->len] = '\0';
	for (size_t i = 0; i < nf; i++)
		buf[fields[i].text.off + fields[i].text.len] = '\0';

	uint32_t ttl;
	if (h.ttl.len > 0) {
		const char *endptr;
		ttl = ldns_str2period(buf + h.ttl.off, &endptr);
	} else {
		ttl = default_ttl == 0 ? LDNS_DEFAULT_TTL : default_ttl;
	}
	ldns_rr_class clas = h.cls.len > 0 ? szi_class_by_name(buf + h.cls.off) : LDNS_RR_CLASS_IN;

	ldns_rdf *owner;
	const char *otext = buf + h.owner.off;
	if (otext[0] == '@') {
		/* ldns: an owner starting with "@" is the origin, whatever follows */
		owner = ldns_rdf_clone(origin);
	} else {
		owner = ldns_dname_new_frm_str(otext);
		if (owner != NULL && !ldns_dname_str_absolute(otext) &&
		    ldns_dname_cat(owner, origin) != LDNS_STATUS_OK) {
			ldns_rdf_deep_free(owner);
			owner = NULL;
		}
	}
	if (owner == NULL)
		return false;
	/* with the RDATA slots of the minimum allocated once, as
	 * ldns_rr_new_frm_type() does; a longer TXT pushes the rest */
	size_t nmin = ldns_rr_descriptor_minimum(d);
	ldns_rr *rr = ldns_rr_new_frm_type(type);
	if (rr == NULL || ldns_rr_rd_count(rr) != nmin) {
		ldns_rdf_deep_free(owner);
		ldns_rr_free(rr);
		return false;
	}
	ldns_rr_set_owner(rr, owner);
	ldns_rr_set_ttl(rr, ttl);
	ldns_rr_set_class(rr, clas);
	for (size_t f = 0; f < nf; f++) {
		ldns_rdf *r = field_rdf(&fields[f], buf + fields[f].text.off, origin);
		if (r == NULL) {
			/* the unset slots are NULL: ldns_rr_free() skips nothing it must free */
			ldns_rr_free(rr);
			return false;
		}
		if (f < nmin) {
			(void)ldns_rr_set_rdf(rr, r, f);
		} else if (!ldns_rr_push_rdf(rr, r)) {
			ldns_rdf_deep_free(r);
			ldns_rr_free(rr);
			return false;
		}
	}
	*out = rr;
	return true;
}

ldns_status szi_parse_rr_head(ldns_rr **out, const char *text, const szi_rec_head *head,
			      uint32_t default_ttl, const ldns_rdf *origin, bool fast, bool *fast_used)
{
	*out = NULL;
	if (fast && parse_fast(out, text, head, default_ttl, origin)) {
		if (fast_used != NULL)
			*fast_used = true;
		return LDNS_STATUS_OK;
	}
	if (fast_used != NULL)
		*fast_used = false;
	return ldns_rr_new_frm_str(out, text, default_ttl, origin, NULL);
}

ldns_status szi_parse_rr(ldns_rr **out, const char *text, uint32_t default_ttl,
			 const ldns_rdf *origin, bool fast, bool *fast_used)
{
	return szi_parse_rr_head(out, text, NULL, default_ttl, origin, fast, fast_used);
}
