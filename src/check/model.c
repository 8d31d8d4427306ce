/*
 * check/model.c: the rules that compare the zones with the model
 * (--model): cert-san-missing and model-record-missing.
 *
 * The records the model implies are the ones `sipzone generate` writes for
 * the view checked (sz_snippets_each_view(); external without --view). Each is kept as a fingerprint of owner, type and
 * RDATA; a parsed record with the same fingerprint marks it present. The TTL
 * is not part of it: a record with another TTL is there, only different.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/hash.h"
#include "check/findings.h"
#include "sipzone/records.h"

typedef struct expected {
	uint64_t key;
	bool seen;
	uint16_t type;
	char *owner;      /* presentation form, trailing dot */
	char *text;       /* the whole record as generate writes it */
	uint8_t wire[SZ_WIRE_MAX];
	size_t wire_len;
} expected;

struct sz_expect {
	expected *v;
	size_t count;
	size_t capacity;
};

/* Owner, type and RDATA in one buffer, hashed: the record's fingerprint. */
/* Room for any RDATA the fingerprints take: NAPTR's two numbers, three
 * character-strings and a name is the longest. */
#define SZ_RDATA_MAX (4 + 3 * 256 + SZ_WIRE_MAX)

static uint64_t fingerprint(const uint8_t *owner, size_t olen, uint16_t type,
			    const uint8_t *rdata, size_t rlen)
{
	uint8_t buf[SZ_WIRE_MAX + SZ_RDATA_MAX + 16];
	size_t n = 0;
	if (olen + rlen + 2 > sizeof(buf))
		return 0;
	memcpy(buf, owner, olen);
	n += olen;
	buf[n++] = (uint8_t)(type >> 8);
	buf[n++] = (uint8_t)type;
	memcpy(buf + n, rdata, rlen);
	n += rlen;
	return szi_hash(buf, n);
}

/* NAPTR RDATA as fingerprinted: the numbers, the strings with their length
 * octets (flags and services in lower case: RFC 3403 section 4.1 makes
 * their case insignificant), the replacement's lower-case wire form. */
static size_t naptr_rdata(uint8_t *out, uint16_t order, uint16_t pref,
			  const uint8_t *const str[3], const size_t len[3],
			  const uint8_t *repl, size_t rlen)
{
	size_t n = 0;
	out[n++] = (uint8_t)(order >> 8);
	out[n++] = (uint8_t)order;
	out[n++] = (uint8_t)(pref >> 8);
	out[n++] = (uint8_t)pref;
	for (size_t k = 0; k < 3; k++) {
		out[n++] = (uint8_t)len[k];
		for (size_t j = 0; j < len[k]; j++) {
			uint8_t c = str[k][j];
			out[n++] = k < 2 && c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c;
		}
	}
	szi_wire_lower(out + n, repl, rlen);
	return n + rlen;
}

uint64_t szi_model_key(const uint8_t *owner, size_t olen, uint16_t type, const ldns_rr *rr)
{
	uint8_t rdata[SZ_RDATA_MAX];
	size_t n = 0;
	if (type == LDNS_RR_TYPE_A || type == LDNS_RR_TYPE_AAAA) {
		if (ldns_rr_rd_count(rr) != 1)
			return 0;
		const ldns_rdf *a = ldns_rr_rdf(rr, 0);
		n = ldns_rdf_size(a);
		if (n > 16)
			return 0;
		memcpy(rdata, ldns_rdf_data(a), n);
	} else if (type == LDNS_RR_TYPE_SRV) {
		if (ldns_rr_rd_count(rr) != 4)
			return 0;
		for (size_t k = 0; k < 3; k++) {
			const ldns_rdf *f = ldns_rr_rdf(rr, k);
			if (ldns_rdf_size(f) != 2)
				return 0;
			memcpy(rdata + n, ldns_rdf_data(f), 2);
			n += 2;
		}
		const ldns_rdf *t = ldns_rr_rdf(rr, 3);
		size_t tlen = ldns_rdf_size(t);
		if (tlen > SZ_WIRE_MAX)
			return 0;
		szi_wire_lower(rdata + n, ldns_rdf_data(t), tlen);
		n += tlen;
	} else if (type == LDNS_RR_TYPE_CNAME) {
		if (ldns_rr_rd_count(rr) != 1 || ldns_rdf_size(ldns_rr_rdf(rr, 0)) > SZ_WIRE_MAX)
			return 0;
		n = ldns_rdf_size(ldns_rr_rdf(rr, 0));
		szi_wire_lower(rdata, ldns_rdf_data(ldns_rr_rdf(rr, 0)), n);
	} else if (type == LDNS_RR_TYPE_NAPTR) {
		if (ldns_rr_rd_count(rr) != 6 || ldns_rdf_size(ldns_rr_rdf(rr, 0)) != 2 ||
		    ldns_rdf_size(ldns_rr_rdf(rr, 1)) != 2 || ldns_rdf_size(ldns_rr_rdf(rr, 5)) > SZ_WIRE_MAX)
			return 0;
		const uint8_t *str[3];
		size_t len[3];
		for (size_t k = 0; k < 3; k++) {
			const ldns_rdf *f = ldns_rr_rdf(rr, k + 2);
			const uint8_t *d = ldns_rdf_data(f);
			if (ldns_rdf_size(f) == 0 || (size_t)d[0] + 1 != ldns_rdf_size(f))
				return 0;
			str[k] = d + 1;
			len[k] = d[0];
		}
		n = naptr_rdata(rdata, ldns_rdf2native_int16(ldns_rr_rdf(rr, 0)),
				ldns_rdf2native_int16(ldns_rr_rdf(rr, 1)), str, len,
				ldns_rdf_data(ldns_rr_rdf(rr, 5)), ldns_rdf_size(ldns_rr_rdf(rr, 5)));
	} else {
		return 0;
	}
	return fingerprint(owner, olen, type, rdata, n);
}

static int cmp_expected(const void *a, const void *b)
{
	uint64_t x = ((const expected *)a)->key, y = ((const expected *)b)->key;
	return (x > y) - (x < y);
}

static sz_status add_expected(sz_expect *x, const sz_record *r)
{
	expected e = { .type = r->type };
	uint8_t rdata[SZ_RDATA_MAX];
	size_t n = 0;
	char rtext[SZ_TEXT_MAX + 64];
	e.wire_len = szi_text_to_wire(r->owner, e.wire);
	if (e.wire_len == 0)
		return SZ_ERR_INVALID;
	if (r->type == SZ_TYPE_A || r->type == SZ_TYPE_AAAA) {
		int fam = r->type == SZ_TYPE_A ? AF_INET : AF_INET6;
		n = r->type == SZ_TYPE_A ? 4 : 16;
		memcpy(rdata, r->rdata.addr.bytes, n);
		char a[64];
		inet_ntop(fam, r->rdata.addr.bytes, a, sizeof(a));
		snprintf(rtext, sizeof(rtext), "%s", a);
	} else if (r->type == SZ_TYPE_SRV) {
		uint16_t v[3] = { r->rdata.srv.priority, r->rdata.srv.weight, r->rdata.srv.port };
		for (size_t k = 0; k < 3; k++) {
			rdata[n++] = (uint8_t)(v[k] >> 8);
			rdata[n++] = (uint8_t)v[k];
		}
		size_t tlen = szi_text_to_wire(r->rdata.srv.target, rdata + n);
		if (tlen == 0)
			return SZ_ERR_INVALID;
		n += tlen;
		snprintf(rtext, sizeof(rtext), "%u %u %u %s.", v[0], v[1], v[2], r->rdata.srv.target);
	} else if (r->type == SZ_TYPE_CNAME) {
		n = szi_text_to_wire(r->rdata.cname, rdata);
		if (n == 0)
			return SZ_ERR_INVALID;
		snprintf(rtext, sizeof(rtext), "%s.", r->rdata.cname);
	} else if (r->type == SZ_TYPE_NAPTR) {
		uint8_t repl[SZ_WIRE_MAX];
		const char *rt = r->rdata.naptr.replacement;
		size_t rlen = szi_text_to_wire(rt[0] != '\0' ? rt : ".", repl);
		const uint8_t *str[3] = { (const uint8_t *)r->rdata.naptr.flags,
					  (const uint8_t *)r->rdata.naptr.service,
					  (const uint8_t *)r->rdata.naptr.regexp };
		size_t len[3];
		for (size_t k = 0; k < 3; k++)
			if ((len[k] = strlen((const char *)str[k])) > 255)
				return SZ_ERR_INVALID;
		if (rlen == 0)
			return SZ_ERR_INVALID;
		n = naptr_rdata(rdata, r->rdata.naptr.order, r->rdata.naptr.preference, str, len,
				repl, rlen);
		snprintf(rtext, sizeof(rtext), "%u %u \"%s\" \"%s\" \"%s\" %s.", r->rdata.naptr.order,
			 r->rdata.naptr.preference, r->rdata.naptr.flags, r->rdata.naptr.service,
			 r->rdata.naptr.regexp, rt);
	} else {
		return SZ_OK; /* the checker knows no other type the model writes */
	}
	e.key = fingerprint(e.wire, e.wire_len, r->type, rdata, n);
	const char *tn = sz_type_name(r->type);
	size_t olen = strlen(r->owner) + 2;
	size_t tlen = olen + strlen(rtext) + 48;
	e.owner = malloc(olen);
	e.text = malloc(tlen);
	if (e.owner == NULL || e.text == NULL) {
		free(e.owner);
		free(e.text);
		return SZ_ERR_NOMEM;
	}
	snprintf(e.owner, olen, "%s.", r->owner);
	snprintf(e.text, tlen, "%s. %u IN %s %s", r->owner, r->ttl, tn != NULL ? tn : "?", rtext);
	if (x->count == x->capacity) {
		size_t cap = x->capacity ? x->capacity * 2 : 64;
		expected *v = realloc(x->v, cap * sizeof(*v));
		if (v == NULL) {
			free(e.owner);
			free(e.text);
			return SZ_ERR_NOMEM;
		}
		x->v = v;
		x->capacity = cap;
	}
	x->v[x->count++] = e;
	return SZ_OK;
}

static sz_status collect(sz_snippet *snippet_take, void *ctx)
{
	sz_expect *x = ctx;
	sz_status st = SZ_OK;
	for (size_t i = 0; i < snippet_take->n_records && st == SZ_OK; i++)
		st = add_expected(x, &snippet_take->records[i]);
	sz_snippet_free(snippet_take);
	return st;
}

sz_status szi_model_prepare(sz_checker *c)
{
	const sz_model *m = c->opts.model;
	if (m == NULL)
		return SZ_OK;
	c->rules.model = m;
	for (size_t i = 0; i < m->n_domains; i++) {
		uint8_t w[SZ_WIRE_MAX];
		size_t len = szi_text_to_wire(m->domains[i].name, w);
		uint32_t id;
		if (len == 0)
			continue;
		sz_status st = szi_names_intern(&c->rules.model_domains, w, len, szi_hash(w, len), &id);
		if (st != SZ_OK)
			return st;
		c->rules.model_domains.v[id].aux = (uint32_t)i;
	}
	c->expect = calloc(1, sizeof(*c->expect));
	if (c->expect == NULL)
		return SZ_ERR_NOMEM;
	sz_view view = c->opts.has_view ? c->opts.view : SZ_VIEW_EXTERNAL;
	sz_status st = sz_snippets_each_view(m, view, collect, c->expect);
	if (st != SZ_OK)
		return st;
	if (c->expect->count > 1) /* v is NULL when the view has no records */
		qsort(c->expect->v, c->expect->count, sizeof(expected), cmp_expected);
	return SZ_OK;
}

void szi_model_seen(sz_checker *c, uint64_t key)
{
	sz_expect *x = c->expect;
	if (x == NULL)
		return;
	size_t lo = 0, hi = x->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->v[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < x->count && x->v[lo].key == key; lo++)
		x->v[lo].seen = true;
}

static int cmp_text(const void *a, const void *b)
{
	const expected *x = *(const expected *const *)a, *y = *(const expected *const *)b;
	return strcmp(x->text, y->text);
}

sz_status szi_model_finish(sz_checker *c)
{
	sz_expect *x = c->expect;
	if (x == NULL || x->count == 0)
		return SZ_OK;
	/* Report in a stable order (the fingerprints' order is arbitrary). */
	const expected **missing = malloc(x->count * sizeof(*missing));
	if (missing == NULL)
		return SZ_ERR_NOMEM;
	size_t n = 0;
	uint32_t zone;
	for (size_t i = 0; i < x->count; i++)
		if (!x->v[i].seen && szi_in_checked_zone(c, x->v[i].wire, x->v[i].wire_len, &zone))
			missing[n++] = &x->v[i];
	qsort(missing, n, sizeof(*missing), cmp_text);
	sz_status st = SZ_OK;
	for (size_t i = 0; i < n && st == SZ_OK; i++) {
		const char *tn = sz_type_name(missing[i]->type);
		st = szi_emit(c, SZ_RULE_MODEL_RECORD_MISSING, SZ_SEV_ERROR, UINT32_MAX, 0,
			      missing[i]->owner, tn,
			      "the model implies '%s' (as sipzone generate writes it), but the files checked do not have it: add the record, or change the model",
			      missing[i]->text);
	}
	free(missing);
	return st;
}

void szi_model_clear(sz_checker *c)
{
	szi_names_clear(&c->rules.model_domains);
	if (c->expect == NULL)
		return;
	for (size_t i = 0; i < c->expect->count; i++) {
		free(c->expect->v[i].owner);
		free(c->expect->v[i].text);
	}
	free(c->expect->v);
	free(c->expect);
	c->expect = NULL;
}

/* The certificate `cert` (a column of sip/services.c) of domain `dom`:
 * the front-end pool's (when the model gives one) or the edge pool's. */
static bool target_cert(const sz_domain *dom, szi_svc_cert cert, const char **subject,
			char *const **san, size_t *n_san, const char **what, const char **pool)
{
	if (cert == SZI_CERT_FRONT_END) {
		if (dom->fe_pool == NULL || dom->fe_pool->cert.subject == NULL)
			return false;
		*subject = dom->fe_pool->cert.subject;
		*san = dom->fe_pool->cert.san;
		*n_san = dom->fe_pool->cert.n_san;
		*what = "front-end pool";
		*pool = dom->fe_pool->name;
		return true;
	}
	if (cert != SZI_CERT_EDGE || dom->pool == NULL)
		return false;
	*subject = dom->pool->cert_subject;
	*san = dom->pool->san;
	*n_san = dom->pool->n_san;
	*what = "edge pool";
	*pool = dom->pool->name;
	return true;
}

void szi_model_check_srv(const sz_rules *rules, sz_batch *b, uint32_t entry, szi_svc_cert cert,
			 const uint8_t *d, size_t dlen, const uint8_t *target, size_t tlen,
			 const ldns_rr *rr)
{
	uint32_t id;
	if (!szi_names_find(&rules->model_domains, d, dlen, szi_hash(d, dlen), &id))
		return;
	const sz_domain *dom = &rules->model->domains[rules->model_domains.v[id].aux];
	const char *subject, *what, *pool;
	char *const *san;
	size_t n_san;
	if (!target_cert(dom, cert, &subject, &san, &n_san, &what, &pool))
		return;
	char t[SZ_TEXT_MAX];
	size_t n = szi_wire_to_text(target, tlen, t);
	if (n > 1)
		t[n - 1] = '\0';   /* the model writes names without the final dot */
	if (subject != NULL && strcasecmp(subject, t) == 0)
		return;
	for (size_t i = 0; i < n_san; i++)
		if (strcasecmp(san[i], t) == 0)
			return;
	(void)szi_batch_finding(b, entry, SZ_RULE_CERT_SAN_MISSING, SZ_SEV_ERROR, rr,
		"SRV target %s. is not on the certificate of %s %s (subject %s, %zu SAN names): TLS to it fails for partners and clients; add %s to the certificate's SAN list or point the SRV at a name on it",
		t, what, pool != NULL ? pool : "?", subject != NULL ? subject : "?", n_san, t);
}
