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

#define MAX_FIELDS 10
#define MAX_TEXT 1024
/* ldns reads TTL, class and type into fixed buffers and fails past them:
 * LDNS_SYNTAX_DATALEN 16 (class, type), LDNS_TTL_DATALEN 21 (TTL) */
#define SYNTAX_DATALEN 16
#define TTL_DATALEN 21

/* The types handled here and their RDATA fields, as ldns describes them. */
static bool fast_type(ldns_rr_type type, ldns_rdf_type *fields, size_t *n)
{
	switch (type) {
	case LDNS_RR_TYPE_A:
		fields[0] = LDNS_RDF_TYPE_A;
		*n = 1;
		return true;
	case LDNS_RR_TYPE_AAAA:
		fields[0] = LDNS_RDF_TYPE_AAAA;
		*n = 1;
		return true;
	case LDNS_RR_TYPE_NS:
	case LDNS_RR_TYPE_CNAME:
	case LDNS_RR_TYPE_PTR:
		fields[0] = LDNS_RDF_TYPE_DNAME;
		*n = 1;
		return true;
	case LDNS_RR_TYPE_MX:
		fields[0] = LDNS_RDF_TYPE_INT16;
		fields[1] = LDNS_RDF_TYPE_DNAME;
		*n = 2;
		return true;
	case LDNS_RR_TYPE_SRV:
		fields[0] = fields[1] = fields[2] = LDNS_RDF_TYPE_INT16;
		fields[3] = LDNS_RDF_TYPE_DNAME;
		*n = 4;
		return true;
	default:
		return false;
	}
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
	if (len == 0 || len >= sizeof(buf) || origin == NULL)
		return false;
	/*
	 * Give up on what changes tokenising (quotes, escapes, blanks other
	 * than the reader's single spaces) and on "@" at the start of a data
	 * field (ldns: the origin).
	 */
	if (strpbrk(text, "\"\\();\t\r") != NULL)
		return false;
	szi_rec_head h;
	if (head != NULL)
		h = *head;
	else if (!szi_rec_head_split(text, &h))
		return false;
	ldns_rr_type type = (ldns_rr_type)h.type_code;
	ldns_rdf_type fields[MAX_FIELDS];
	size_t nfields;
	if (!fast_type(type, fields, &nfields))
		return false;
	char *tok[MAX_FIELDS + 5];
	size_t ntok = 0;
	memcpy(buf, text, len + 1);
	szi_tok field[MAX_FIELDS + 1];
	size_t nrd = 0;
	/* the reader leaves single spaces only: a field that does not start
	 * right after one, or a trailing space, and this is no plain record */
	size_t prev_end = h.type.off + h.type.len;
	for (size_t p = h.rdata; nrd < MAX_FIELDS + 1 && szi_tok_next(text, &p, &field[nrd]); nrd++) {
		if (field[nrd].off != prev_end + 1)
			return false;
		prev_end = field[nrd].off + field[nrd].len;
	}
	if (nrd != nfields || text[len - 1] == ' ')
		return false;
	/* the tokens become C strings in buf: no quotes or escapes, so the
	 * byte after each is a space or the end */
	const szi_tok *head_toks[] = { &h.owner, &h.ttl, &h.cls, &h.type };
	for (size_t i = 0; i < 4; i++) {
		if (head_toks[i]->len == 0)
			continue;
		buf[head_toks[i]->off + head_toks[i]->len] = '\0';
		tok[ntok++] = buf + head_toks[i]->off;
	}
	size_t t = ntok;
	for (size_t i = 0; i < nrd; i++) {
		buf[field[i].off + field[i].len] = '\0';
		if (buf[field[i].off] == '@')
			return false;
		tok[ntok++] = buf + field[i].off;
	}
	if ((h.ttl.len > 0 && h.ttl.len >= TTL_DATALEN) || (h.cls.len > 0 && h.cls.len >= SYNTAX_DATALEN) ||
	    h.type.len >= SYNTAX_DATALEN)
		return false;
	uint32_t ttl;
	if (h.ttl.len > 0) {
		const char *endptr;
		ttl = ldns_str2period(buf + h.ttl.off, &endptr);
	} else {
		ttl = default_ttl == 0 ? LDNS_DEFAULT_TTL : default_ttl;
	}
	ldns_rr_class clas = h.cls.len > 0 ? szi_class_by_name(buf + h.cls.off) : LDNS_RR_CLASS_IN;

	ldns_rdf *owner;
	if (strcmp(tok[0], "@") == 0) {
		owner = ldns_rdf_clone(origin);
	} else {
		owner = ldns_dname_new_frm_str(tok[0]);
		if (owner != NULL && !ldns_dname_str_absolute(tok[0]) &&
		    ldns_dname_cat(owner, origin) != LDNS_STATUS_OK) {
			ldns_rdf_deep_free(owner);
			owner = NULL;
		}
	}
	if (owner == NULL)
		return false;
	/* with its RDATA slots allocated once, as ldns_rr_new_frm_type() does */
	ldns_rr *rr = ldns_rr_new_frm_type(type);
	if (rr == NULL || ldns_rr_rd_count(rr) != nfields) {
		ldns_rdf_deep_free(owner);
		ldns_rr_free(rr);
		return false;
	}
	ldns_rr_set_owner(rr, owner);
	ldns_rr_set_ttl(rr, ttl);
	ldns_rr_set_class(rr, clas);
	for (size_t f = 0; f < nfields; f++) {
		const char *rd = tok[t + f];
		ldns_rdf *r = ldns_rdf_new_frm_str(fields[f], rd);
		if (r != NULL && fields[f] == LDNS_RDF_TYPE_DNAME && !ldns_dname_str_absolute(rd) &&
		    ldns_dname_cat(r, origin) != LDNS_STATUS_OK) {
			ldns_rdf_deep_free(r);
			r = NULL;
		}
		if (r == NULL) {
			/* the unset slots are NULL: ldns_rr_free() skips nothing it must free */
			ldns_rr_free(rr);
			return false;
		}
		(void)ldns_rr_set_rdf(rr, r, f);
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
