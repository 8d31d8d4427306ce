/*
 * loader/values.c: the value getters the model parts share.
 *
 * Each takes one jansson value: checks its JSON type, an object's keys, a
 * host name, a TTL, a boolean, a list of addresses, a host, a certificate,
 * a pool's name or a reference to one, an object of named parts. Every
 * problem is reported at the value's JSON path.
 */
#include <arpa/inet.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "loader/values.h"
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

/* A SAN entry: a host name, or a wildcard "*.<host name>" (Microsoft:
 * lync-server-2013-wildcard-certificate-support.md allows them on the
 * reverse proxy, and the Access Edge certificate carries *.D for XMPP,
 * lync-server-2013-certificate-requirements-for-external-user-access.md).
 * Kept as written, "*." and the normalized name: it equals no host name, so
 * it covers no SRV target, access host or edge FQDN (loader/rules_cert.c). */
static bool take_san_name(sz_loader *ld, json_t *v, const sz_jpath *p, char **out)
{
	const char *text = json_is_string(v) ? json_string_value(v) : NULL;
	if (text == NULL || strncmp(text, "*.", 2) != 0 || szi_mj_has_nul(v))
		return szi_mj_take_name(ld, v, p, out);
	char why[SZ_NAME_WHY_SIZE], q[SZ_QUOTE_SIZE];
	bool nomem;
	char *rest = szi_name_normalize(text + 2, json_string_length(v) - 2, why, &nomem);
	*out = NULL;
	if (rest == NULL) {
		if (nomem)
			ld->nomem = true;
		else
			szi_loader_error(ld, p, SZ_MR_BAD_NAME, "wildcard \"%s\": the name after \"*.\" %s",
					szi_quote(text, json_string_length(v), q, sizeof(q)), why);
		return false;
	}
	size_t n = strlen(rest);
	if ((*out = malloc(n + 3)) == NULL) {
		ld->nomem = true;
		free(rest);
		return false;
	}
	memcpy(*out, "*.", 2);
	memcpy(*out + 2, rest, n + 1);
	free(rest);
	return true;
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
		if (take_san_name(ld, json_array_get(v, i), p, &name))
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
