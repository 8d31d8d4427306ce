/*
 * loader/domains.c: jansson values -> model parts.
 *
 * Each function checks one part of the model: JSON types, allowed keys,
 * names, addresses and numbers, and reports every problem at its JSON path.
 * A part with problems is not added to the model.
 */
#include <arpa/inet.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "loader/loader.h"
#include "dns/host_name.h"

static const char *type_word(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a real number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "a value";
}

bool szi_mj_want(sz_loader *ld, const json_t *v, const sz_jpath *p, json_type type, const char *word)
{
	if (json_typeof(v) == type || (type == JSON_TRUE && json_is_boolean(v)))
		return true;
	szi_loader_error(ld, p, SZ_MR_WRONG_TYPE, "must be %s, not %s", word, type_word(v));
	return false;
}

/* A string with an embedded NUL (JSON "\u0000") would compare equal to its
 * prefix in C: such strings are refused wherever they are compared. */
bool szi_mj_has_nul(const json_t *v)
{
	return strlen(json_string_value(v)) != json_string_length(v);
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 32 || lb > 32)
		return 99;
	size_t row[33];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

static void unknown_key(sz_loader *ld, sz_jpath *p, const char *key, size_t klen,
			const char *const *allowed)
{
	char q[SZ_QUOTE_SIZE];
	const char *hint = NULL;
	for (size_t i = 0; allowed[i] != NULL && klen == strlen(key); i++)
		if (edit_distance(key, allowed[i]) <= 2)
			hint = allowed[i];
	szi_jpath_push_key(p, key);
	if (hint != NULL)
		szi_loader_error_key(ld, p, SZ_MR_UNKNOWN_KEY, "unknown key \"%s\" (did you mean \"%s\"?)",
				szi_quote(key, klen, q, sizeof(q)), hint);
	else
		szi_loader_error_key(ld, p, SZ_MR_UNKNOWN_KEY, "unknown key \"%s\"",
				szi_quote(key, klen, q, sizeof(q)));
	szi_jpath_pop(p);
}

void szi_mj_check_keys(sz_loader *ld, json_t *obj, sz_jpath *p, const char *const *allowed)
{
	/* The iterator directly: jansson's foreach macros look every key up
	 * again in the hash table. */
	for (void *it = json_object_iter(obj); it != NULL; it = json_object_iter_next(obj, it)) {
		const char *key = json_object_iter_key(it);
		size_t klen = json_object_iter_key_len(it);
		bool ok = false;
		for (size_t i = 0; allowed[i] != NULL && !ok; i++)
			ok = klen == strlen(allowed[i]) && memcmp(key, allowed[i], klen) == 0;
		if (!ok)
			unknown_key(ld, p, key, klen, allowed);
	}
}

/* The member `key` of `obj` with the path extended by it; NULL if absent
 * (reported when `required`). The caller pops the path. */
json_t *szi_mj_member(sz_loader *ld, json_t *obj, sz_jpath *p, const char *key, bool required)
{
	json_t *v = json_object_get(obj, key);
	if (v == NULL && required)
		szi_loader_error(ld, p, SZ_MR_MISSING_KEY, "\"%s\" is required", key);
	szi_jpath_push_key(p, key);
	return v;
}

bool szi_mj_take_name(sz_loader *ld, json_t *v, const sz_jpath *p, char **out)
{
	char why[SZ_NAME_WHY_SIZE], q[SZ_QUOTE_SIZE];
	bool nomem;
	*out = NULL;
	if (!szi_mj_want(ld, v, p, JSON_STRING, "a host name (string)"))
		return false;
	*out = szi_name_normalize(json_string_value(v), json_string_length(v), why, &nomem);
	if (nomem)
		ld->nomem = true;
	else if (*out == NULL)
		szi_loader_error(ld, p, SZ_MR_BAD_NAME, "\"%s\" %s",
				szi_quote(json_string_value(v), json_string_length(v), q, sizeof(q)), why);
	return *out != NULL;
}

bool szi_mj_take_ttl(sz_loader *ld, json_t *v, const sz_jpath *p, uint32_t *out)
{
	if (!szi_mj_want(ld, v, p, JSON_INTEGER, "an integer TTL in seconds"))
		return false;
	json_int_t t = json_integer_value(v);
	if (t < 0 || t > (json_int_t)SZ_TTL_MAX) {
		szi_loader_error(ld, p, SZ_MR_BAD_TTL, "TTL %lld is outside 0..2147483647",
				(long long)t);
		return false;
	}
	*out = (uint32_t)t;
	return true;
}

bool szi_mj_take_bool(sz_loader *ld, json_t *v, const sz_jpath *p, bool *out)
{
	if (!szi_mj_want(ld, v, p, JSON_TRUE, "true or false"))
		return false;
	*out = json_is_true(v);
	return true;
}

static bool parse_addr(const char *s, sz_addr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, a->bytes) == 1) {
		a->family = AF_INET;
		return true;
	}
	if (inet_pton(AF_INET6, s, a->bytes) == 1) {
		a->family = AF_INET6;
		return true;
	}
	return false;
}

static int addr_qsort_cmp(const void *a, const void *b)
{
	return szi_addr_cmp(a, b);
}

static bool take_addr(sz_loader *ld, json_t *v, const sz_jpath *p, sz_addr *out)
{
	char q[SZ_QUOTE_SIZE];
	if (!szi_mj_want(ld, v, p, JSON_STRING, "an IPv4 or IPv6 address (string)"))
		return false;
	const char *s = json_string_value(v);
	if (strlen(s) == json_string_length(v) && parse_addr(s, out))
		return true;
	szi_loader_error(ld, p, SZ_MR_BAD_ADDRESS, "\"%s\" is not an IPv4 or IPv6 address",
			szi_quote(s, json_string_length(v), q, sizeof(q)));
	return false;
}

static bool no_duplicate_addrs(sz_loader *ld, sz_jpath *p, const sz_addr *a, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		if (szi_addr_cmp(&a[i - 1], &a[i]) == 0) {
			char text[INET6_ADDRSTRLEN];
			inet_ntop(a[i].family, a[i].bytes, text, sizeof(text));
			szi_loader_error(ld, p, SZ_MR_DUP_ADDRESS, "address %s is listed twice", text);
			return false;
		}
	}
	return true;
}

bool szi_mj_take_addresses(sz_loader *ld, json_t *v, sz_jpath *p, sz_addr **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!szi_mj_want(ld, v, p, JSON_ARRAY, "an array of addresses"))
		return false;
	size_t count = json_array_size(v);
	if (count == 0) {
		szi_loader_error(ld, p, SZ_MR_EMPTY, "needs at least one address");
		return false;
	}
	sz_addr *a = calloc(count, sizeof(*a));
	if (a == NULL) {
		ld->nomem = true;
		return false;
	}
	bool ok = true;
	for (size_t i = 0; i < count; i++) {
		szi_jpath_push_index(p, i);
		ok = take_addr(ld, json_array_get(v, i), p, &a[i]) && ok;
		szi_jpath_pop(p);
	}
	if (ok) {
		qsort(a, count, sizeof(*a), addr_qsort_cmp);
		ok = no_duplicate_addrs(ld, p, a, count);
	}
	if (!ok) {
		free(a);
		return false;
	}
	*out = a;
	*n = count;
	return true;
}

void szi_model_take_version(sz_loader *ld, json_t *v, sz_jpath *p)
{
	if (!szi_mj_want(ld, v, p, JSON_INTEGER, "the integer 1"))
		return;
	if (json_integer_value(v) != SZ_MODEL_VERSION)
		szi_loader_error(ld, p, SZ_MR_BAD_VERSION,
				"model version %lld is not supported; this sipzone reads version 1",
				(long long)json_integer_value(v));
}

void szi_model_take_defaults(sz_loader *ld, json_t *v, sz_jpath *p)
{
	static const char *const keys[] = { "ttl", NULL };
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "an object"))
		return;
	szi_mj_check_keys(ld, v, p, keys);
	json_t *ttl = szi_mj_member(ld, v, p, "ttl", false);
	if (ttl != NULL && szi_mj_take_ttl(ld, ttl, p, &ld->model->default_ttl))
		ld->has_default_ttl = true;
	szi_jpath_pop(p);
}

/* {fqdn, addresses} of webconf_edge and av_edge. */
bool szi_mj_take_host(sz_loader *ld, json_t *v, sz_jpath *p, sz_host *out)
{
	static const char *const keys[] = { "fqdn", "addresses", NULL };
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "an object with fqdn and addresses"))
		return false;
	size_t before = ld->problems;
	szi_mj_check_keys(ld, v, p, keys);
	json_t *f = szi_mj_member(ld, v, p, "fqdn", true);
	if (f != NULL)
		szi_mj_take_name(ld, f, p, &out->fqdn);
	szi_jpath_pop(p);
	json_t *a = szi_mj_member(ld, v, p, "addresses", true);
	if (a != NULL)
		szi_mj_take_addresses(ld, a, p, &out->addrs, &out->n_addrs);
	szi_jpath_pop(p);
	return ld->problems == before;
}

static int str_qsort_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void take_san(sz_loader *ld, json_t *v, sz_jpath *p, char ***san, size_t *n_san)
{
	if (!szi_mj_want(ld, v, p, JSON_ARRAY, "an array of host names"))
		return;
	size_t n = json_array_size(v);
	*san = calloc(n ? n : 1, sizeof(char *));
	if (*san == NULL) {
		ld->nomem = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		char *name;
		szi_jpath_push_index(p, i);
		if (szi_mj_take_name(ld, json_array_get(v, i), p, &name))
			(*san)[(*n_san)++] = name;
		szi_jpath_pop(p);
	}
	qsort(*san, *n_san, sizeof(char *), str_qsort_cmp);
}

void szi_mj_take_certificate(sz_loader *ld, json_t *v, sz_jpath *p, sz_cert *cert,
			    const char *role)
{
	static const char *const keys[] = { "subject", "san", NULL };
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "an object with subject and san"))
		return;
	szi_mj_check_keys(ld, v, p, keys);
	json_t *subject = szi_mj_member(ld, v, p, "subject", true);
	if (subject != NULL && json_is_string(subject) &&
	    json_string_value(subject)[0] == '*') {
		char q[SZ_QUOTE_SIZE];
		szi_loader_error(ld, p, SZ_MR_CERT_WILDCARD,
				"certificate subject \"%s\" is a wildcard; the %s needs its FQDN as subject",
				szi_quote(json_string_value(subject), json_string_length(subject), q, sizeof(q)),
				role);
	} else if (subject != NULL) {
		szi_mj_take_name(ld, subject, p, &cert->subject);
	}
	szi_jpath_pop(p);
	json_t *san = szi_mj_member(ld, v, p, "san", false);
	if (san != NULL)
		take_san(ld, san, p, &cert->san, &cert->n_san);
	szi_jpath_pop(p);
}

static bool valid_pool_name(const char *s, size_t n)
{
	if (n == 0 || n > 64)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_' || c == '.'))
			return false;
	}
	return true;
}

char *szi_mj_take_pool_name(sz_loader *ld, const sz_jpath *p, const char *name, size_t nlen)
{
	char q[SZ_QUOTE_SIZE];
	if (!valid_pool_name(name, nlen))
		szi_loader_error(ld, p, SZ_MR_BAD_NAME,
				"pool name \"%s\" may hold only letters, digits, '.', '_' and '-' (1 to 64)",
				szi_quote(name, nlen, q, sizeof(q)));
	char *copy = strdup(name);
	if (copy == NULL)
		ld->nomem = true;
	return copy;
}

static void take_pool_hosts(sz_loader *ld, json_t *v, sz_jpath *p, sz_pool *pool)
{
	json_t *w = szi_mj_member(ld, v, p, "webconf_edge", false);
	if (w != NULL)
		szi_mj_take_host(ld, w, p, &pool->webconf_edge);
	szi_jpath_pop(p);
	json_t *a = szi_mj_member(ld, v, p, "av_edge", false);
	if (a != NULL)
		szi_mj_take_host(ld, a, p, &pool->av_edge);
	szi_jpath_pop(p);
}

void *szi_mj_take_named(sz_loader *ld, json_t *v, sz_jpath *p, const char *word, size_t size,
		       size_t *count, sz_mj_named_fn take)
{
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, word))
		return NULL;
	size_t n = json_object_size(v);
	char *items = calloc(n ? n : 1, size);
	if (items == NULL) {
		ld->nomem = true;
		return NULL;
	}
	for (void *it = json_object_iter(v); it != NULL; it = json_object_iter_next(v, it)) {
		const char *key = json_object_iter_key(it);
		szi_jpath_push_key(p, key);
		take(ld, key, json_object_iter_key_len(it), json_object_iter_value(it), p,
		     items + (*count)++ * size);
		szi_jpath_pop(p);
	}
	return items;
}

static void take_pool(sz_loader *ld, const char *name, size_t nlen, json_t *v, sz_jpath *p,
		      void *out)
{
	sz_pool *pool = out;
	static const char *const keys[] = { "access_edge", "addresses", "certificate",
					    "webconf_edge", "av_edge", NULL };
	pool->name = szi_mj_take_pool_name(ld, p, name, nlen);
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "an object describing the edge pool"))
		return;
	szi_mj_check_keys(ld, v, p, keys);
	json_t *ae = szi_mj_member(ld, v, p, "access_edge", true);
	if (ae != NULL)
		szi_mj_take_name(ld, ae, p, &pool->access_edge.fqdn);
	szi_jpath_pop(p);
	json_t *addrs = szi_mj_member(ld, v, p, "addresses", true);
	if (addrs != NULL)
		szi_mj_take_addresses(ld, addrs, p, &pool->access_edge.addrs, &pool->access_edge.n_addrs);
	szi_jpath_pop(p);
	json_t *cert = szi_mj_member(ld, v, p, "certificate", true);
	if (cert != NULL) {
		sz_cert c = { 0 };
		szi_mj_take_certificate(ld, cert, p, &c, "Access Edge");
		pool->cert_subject = c.subject;
		pool->san = c.san;
		pool->n_san = c.n_san;
	}
	szi_jpath_pop(p);
	take_pool_hosts(ld, v, p, pool);
}

void szi_model_take_pools(sz_loader *ld, json_t *v, sz_jpath *p)
{
	sz_model *m = ld->model;
	m->pools = szi_mj_take_named(ld, v, p, "an object of edge pools by name", sizeof(*m->pools),
				    &m->n_pools, take_pool);
}

static bool take_federation(sz_loader *ld, json_t *v, const sz_jpath *p, sz_federation *out)
{
	static const sz_federation all[] = { SZ_FED_OPEN, SZ_FED_ENHANCED, SZ_FED_DIRECT, SZ_FED_NONE };
	char q[SZ_QUOTE_SIZE];
	if (!szi_mj_want(ld, v, p, JSON_STRING, "one of \"open\", \"enhanced\", \"direct\", \"none\""))
		return false;
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]) && !szi_mj_has_nul(v); i++) {
		if (strcmp(json_string_value(v), sz_federation_name(all[i])) == 0) {
			*out = all[i];
			return true;
		}
	}
	szi_loader_error(ld, p, SZ_MR_BAD_VALUE,
			"federation \"%s\" is not one of \"open\", \"enhanced\", \"direct\", \"none\"",
			szi_quote(json_string_value(v), json_string_length(v), q, sizeof(q)));
	return false;
}

/* edge_pool or front_end_pool: a pool name, resolved after loading. */
void szi_mj_take_pool_ref(sz_loader *ld, json_t *v, const sz_jpath *p, const char *table,
			 char **out)
{
	char q[SZ_QUOTE_SIZE];
	if (!szi_mj_want(ld, v, p, JSON_STRING, "the name of a pool"))
		return;
	if (szi_mj_has_nul(v)) {
		szi_loader_error(ld, p, SZ_MR_UNKNOWN_POOL, "pool \"%s\" is not defined in %s",
				szi_quote(json_string_value(v), json_string_length(v), q, sizeof(q)), table);
		return;
	}
	if ((*out = strdup(json_string_value(v))) == NULL)
		ld->nomem = true;
}

static void take_domain_flags(sz_loader *ld, json_t *v, sz_jpath *p, sz_domain *d)
{
	json_t *x;
	if ((x = szi_mj_member(ld, v, p, "federation", false)) != NULL)
		take_federation(ld, x, p, &d->federation);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "remote_access", false)) != NULL)
		szi_mj_take_bool(ld, x, p, &d->remote_access);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "xmpp", false)) != NULL)
		szi_mj_take_bool(ld, x, p, &d->xmpp);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "pic", false)) != NULL)
		szi_mj_take_bool(ld, x, p, &d->pic);
	szi_jpath_pop(p);
}

static void take_domain_fields(sz_loader *ld, json_t *v, sz_jpath *p, sz_domain *d,
			       sz_domain_src *src)
{
	json_t *x;
	if ((x = szi_mj_member(ld, v, p, "domain", true)) != NULL)
		szi_mj_take_name(ld, x, p, &d->name);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "edge_pool", json_object_get(v, "hosted") == NULL)) != NULL)
		szi_mj_take_pool_ref(ld, x, p, "edge_pools", &src->pool_name);
	szi_jpath_pop(p);
	take_domain_flags(ld, v, p, d);
	szi_model_take_domain_deploy(ld, v, p, d, src);
	if ((x = szi_mj_member(ld, v, p, "access_host", false)) != NULL)
		szi_mj_take_name(ld, x, p, &d->access_host);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "ttl", false)) != NULL)
		src->has_ttl = szi_mj_take_ttl(ld, x, p, &d->ttl);
	szi_jpath_pop(p);
}

static char *default_access_host(const char *domain)
{
	size_t n = strlen(domain);
	char *h = malloc(n + 5);
	if (h != NULL) {
		memcpy(h, "sip.", 4);
		memcpy(h + 4, domain, n + 1);
	}
	return h;
}

void szi_model_take_domain(sz_loader *ld, json_t *v, sz_jpath *p, size_t index)
{
	static const char *const keys[] = { "domain", "edge_pool", "federation", "remote_access",
					    "xmpp", "pic", "access_host", "ttl", "front_end_pool",
					    "web_services", "hosted", NULL };
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "an object describing a SIP domain"))
		return;
	size_t before = ld->problems;
	sz_domain d = { .federation = SZ_FED_OPEN, .remote_access = true };
	sz_domain_src src = { .index = index, .offset = p->base };
	szi_mj_check_keys(ld, v, p, keys);
	take_domain_fields(ld, v, p, &d, &src);
	if (d.name != NULL && d.access_host == NULL && d.hosted == SZ_HOSTED_NONE &&
	    (d.access_host = default_access_host(d.name)) == NULL)
		ld->nomem = true;
	if (ld->problems != before || ld->nomem) {
		szi_domain_clear(&d);
		free(src.pool_name);
		free(src.fe_pool_name);
		return;
	}
	ld->model->domains[ld->model->n_domains] = d;
	ld->src[ld->model->n_domains] = src;
	ld->model->n_domains++;
}

static bool take_u32_timer(sz_loader *ld, json_t *v, const sz_jpath *p, uint32_t *out)
{
	/* SOA timers are TTL-like: 0..2^31-1 (RFC 2181 section 8). */
	return szi_mj_take_ttl(ld, v, p, out);
}

static void take_soa(sz_loader *ld, json_t *v, sz_jpath *p, sz_zone_def *z)
{
	static const char *const keys[] = { "mname", "rname", "refresh", "retry", "expire",
					    "minimum", NULL };
	static const struct { const char *key; size_t off; uint32_t def; } timers[] = {
		{ "refresh", offsetof(sz_zone_def, refresh), 7200 },
		{ "retry", offsetof(sz_zone_def, retry), 3600 },
		{ "expire", offsetof(sz_zone_def, expire), 1209600 },
		{ "minimum", offsetof(sz_zone_def, minimum), 3600 },
	};
	json_t *x;
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "an object with mname, rname and the SOA timers"))
		return;
	szi_mj_check_keys(ld, v, p, keys);
	if ((x = szi_mj_member(ld, v, p, "mname", true)) != NULL)
		szi_mj_take_name(ld, x, p, &z->mname);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "rname", true)) != NULL)
		szi_mj_take_name(ld, x, p, &z->rname);
	szi_jpath_pop(p);
	for (size_t i = 0; i < sizeof(timers) / sizeof(timers[0]); i++) {
		uint32_t *t = (uint32_t *)(void *)((char *)z + timers[i].off);
		*t = timers[i].def;
		if ((x = szi_mj_member(ld, v, p, timers[i].key, false)) != NULL)
			take_u32_timer(ld, x, p, t);
		szi_jpath_pop(p);
	}
}

/* "ns1.contoso.net" or {"name": "ns1.contoso.com", "addresses": [...]} */
static void take_ns(sz_loader *ld, json_t *v, sz_jpath *p, sz_ns *ns)
{
	static const char *const keys[] = { "name", "addresses", NULL };
	if (json_is_string(v)) {
		szi_mj_take_name(ld, v, p, &ns->name);
		return;
	}
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "a host name or an object with name and addresses"))
		return;
	szi_mj_check_keys(ld, v, p, keys);
	json_t *x;
	if ((x = szi_mj_member(ld, v, p, "name", true)) != NULL)
		szi_mj_take_name(ld, x, p, &ns->name);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "addresses", false)) != NULL)
		szi_mj_take_addresses(ld, x, p, &ns->addrs, &ns->n_addrs);
	szi_jpath_pop(p);
}

static void take_ns_list(sz_loader *ld, json_t *v, sz_jpath *p, sz_zone_def *z)
{
	if (!szi_mj_want(ld, v, p, JSON_ARRAY, "an array of name servers"))
		return;
	size_t n = json_array_size(v);
	if (n == 0) {
		szi_loader_error(ld, p, SZ_MR_EMPTY, "a zone needs at least one name server");
		return;
	}
	if ((z->ns = calloc(n, sizeof(*z->ns))) == NULL) {
		ld->nomem = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		szi_jpath_push_index(p, i);
		take_ns(ld, json_array_get(v, i), p, &z->ns[z->n_ns++]);
		szi_jpath_pop(p);
	}
}

static void take_zone(sz_loader *ld, const char *key, size_t klen, json_t *v, sz_jpath *p,
		      void *out)
{
	sz_zone_def *z = out;
	static const char *const keys[] = { "soa", "ns", NULL };
	char why[SZ_NAME_WHY_SIZE], q[SZ_QUOTE_SIZE];
	bool nomem;
	z->name = szi_name_normalize(key, klen, why, &nomem);
	if (nomem)
		ld->nomem = true;
	else if (z->name == NULL)
		szi_loader_error_key(ld, p, SZ_MR_BAD_NAME, "zone \"%s\" %s",
				    szi_quote(key, klen, q, sizeof(q)), why);
	if (!szi_mj_want(ld, v, p, JSON_OBJECT, "an object with soa and ns"))
		return;
	szi_mj_check_keys(ld, v, p, keys);
	json_t *x;
	if ((x = szi_mj_member(ld, v, p, "soa", true)) != NULL)
		take_soa(ld, x, p, z);
	szi_jpath_pop(p);
	if ((x = szi_mj_member(ld, v, p, "ns", true)) != NULL)
		take_ns_list(ld, x, p, z);
	szi_jpath_pop(p);
}

void szi_model_take_zones(sz_loader *ld, json_t *v, sz_jpath *p)
{
	sz_model *m = ld->model;
	m->zones = szi_mj_take_named(ld, v, p, "an object of complete zones by name", sizeof(*m->zones),
				    &m->n_zones, take_zone);
}
