/*
 * fuzz_model_generate.c: bytes -> model -> zone text, and what must hold.
 *
 * Any input: sz_model_load_buffer() returns, and a rejection carries at
 * least one error, each with a known rule id, the file name, a location
 * inside the text and a message without control characters (a diagnostic
 * must not be able to forge terminal output). `json-syntax` is reported
 * exactly when jansson refuses the whole text.
 *
 * An accepted model:
 *  - is normalised (lower-case host names, canonical order, sorted unique
 *    addresses, resolved pools, access hosts inside their domains);
 *  - gives snippets in canonical zone order whose text ldns reads back,
 *    line by line with $ORIGIN, to exactly the snippet's records (and the
 *    JSON form to the same records), with nothing in the text that could
 *    carry zone-file syntax;
 *  - implies exactly the record set an independent reading of the JSON
 *    (the README's record table and placement rules, computed here from
 *    jansson's tree, not from sz_model) says it does, snippet by snippet,
 *    with the snippet's TTL;
 *  - passes the checker (sz_checker, with the model) with no error;
 *  - gives the same bytes after its arrays and keys are reversed and its
 *    names upper-cased with trailing dots.
 */
#include <arpa/inet.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_props.h"
#include "output_props.h"
#include "sipzone/check.h"
#include "sipzone/model.h"
#include "sipzone/records.h"
#include "sipzone/zone_json.h"
#include "sipzone/zone_text.h"

#define SOURCE "fuzz.json"
#define SERIAL 2024010100u
/* Beyond this the quadratic parts of the oracle cost more than they find. */
#define ORACLE_MAX_DOMAINS 2000

/* ---- rejected input ---- */

static size_t count_lines(const uint8_t *data, size_t size)
{
	size_t n = 1;
	for (size_t i = 0; i < size; i++)
		n += data[i] == '\n' || (data[i] == '\r' && (i + 1 >= size || data[i + 1] != '\n'));
	return n;
}

static bool known_model_rule(const char *rule)
{
	for (int r = 0; r < (int)SZ_MR_COUNT; r++)
		if (strcmp(rule, sz_model_rule_name((sz_model_rule)r)) == 0)
			return true;
	/* the one check rule the loader also reports (loader/rules_public.c) */
	return strcmp(rule, "address-not-public") == 0;
}

static void check_printable(const char *what, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; s != NULL && *p; p++)
		FZ_PROP(*p >= 0x20 && *p != 0x7f, "%s has control byte 0x%02x: '%s'", what, *p, s);
}

/*
 * The text with every "\u0000" escape made "\uf8ff" (a private-use
 * character: same length, so columns stay; a key that differs from
 * another only there is not a case the fuzzer makes up). An escape is a
 * backslash after an even run of them.
 */
static char *without_nul_escapes(const uint8_t *data, size_t size)
{
	char *t = malloc(size + 1);
	FZ_PROP(t != NULL, "out of memory");
	memcpy(t, data, size);
	t[size] = '\0';
	size_t run = 0;
	for (size_t i = 0; i < size; i++) {
		if (t[i] != '\\') {
			run = 0;
			continue;
		}
		if (run++ % 2 == 0 && i + 5 < size && memcmp(t + i + 1, "u0000", 5) == 0) {
			memcpy(t + i + 1, "uf8ff", 5);
			run = 0;
			i += 5;
		}
	}
	return t;
}

/* jansson's reading of a model as sipzone reads it: a byte-order mark
 * that opens the file is skipped (issue 13). */
static json_t *load_like_sipzone(const uint8_t *data, size_t size, json_error_t *err)
{
	if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		size -= 3;
	}
	return json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, err);
}

/*
 * Does jansson accept the text as a whole? Where it refuses for a limit of
 * its own, not for invalid JSON, *own_limit is set: its nesting depth (the
 * loader parses one member at a time), and a NUL in an object key, which
 * RFC 8259 allows and jansson cannot hold ("\u0000ts": the loader reports
 * the top-level key as unknown-key, a nested one as json-syntax). In the
 * latter case the text is tried again with the NUL escapes replaced, so
 * that invalid JSON after such a key is still expected to be reported.
 */
static bool jansson_accepts(const uint8_t *data, size_t size, bool *own_limit)
{
	json_error_t err;
	if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) { /* as load_like_sipzone() */
		data += 3;
		size -= 3;
	}
	json_t *v = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &err);
	*own_limit = false;
	if (v == NULL && strstr(err.text, "NUL byte in object key") != NULL) {
		char *t = without_nul_escapes(data, size);
		v = json_loadb(t, size, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &err);
		free(t);
		*own_limit = v != NULL;
	}
	*own_limit = *own_limit || (v == NULL && strstr(err.text, "depth") != NULL);
	json_decref(v);
	return v != NULL && !*own_limit;
}

static void check_diagnostics(const uint8_t *data, size_t size, sz_status st,
			      const sz_diag_list *diags)
{
	size_t lines = count_lines(data, size);
	bool syntax = false;
	for (size_t i = 0; i < diags->count; i++) {
		const sz_diag *d = &diags->items[i];
		/* model diagnostics are errors, but for address-not-public, a
		 * warning that lets the model load (issue 12) */
		FZ_PROP(d->severity == SZ_SEV_ERROR ||
				(d->severity == SZ_SEV_WARNING && d->rule != NULL &&
				 strcmp(d->rule, "address-not-public") == 0),
			"a model diagnostic that is neither an error nor an address-not-public warning");
		FZ_PROP(d->rule != NULL && known_model_rule(d->rule), "unknown rule '%s'",
			d->rule ? d->rule : "(null)");
		FZ_PROP(d->file != NULL && strcmp(d->file, SOURCE) == 0, "diagnostic file is '%s'",
			d->file ? d->file : "(null)");
		FZ_PROP(d->message != NULL && d->message[0] != '\0', "empty message");
		check_printable("message", d->message);
		check_printable("path", d->path);
		FZ_PROP(d->line <= lines, "line %zu past the end (%zu lines)", d->line, lines);
		FZ_PROP((d->line == 0) == (d->col == 0), "line %zu with column %zu", d->line, d->col);
		FZ_PROP(d->col <= size + 1, "column %zu past the text (%zu bytes)", d->col, size);
		syntax = syntax || strcmp(d->rule, "json-syntax") == 0;
	}
	fz_check_diag_output("model", diags);
	if (st == SZ_OK) {
		FZ_PROP(diags->errors == 0, "an accepted model with %zu errors", diags->errors);
		return;
	}
	FZ_PROP(st == SZ_ERR_INVALID, "load returned %s", sz_status_name(st));
	FZ_PROP(diags->errors > 0, "rejected without an error");
	bool own_limit;
	bool json_ok = jansson_accepts(data, size, &own_limit);
	if (syntax && json_ok)
		fz_print_diags("diagnostics", diags);
	FZ_PROP(!syntax || !json_ok, "json-syntax reported for text that jansson accepts");
	/* Invalid JSON is reported as such, except where the loader can tell
	 * without parsing: a top-level array is the wrong type. */
	size_t first = 0;
	while (first < size && (data[first] == ' ' || data[first] == '\t' || data[first] == '\n' ||
				data[first] == '\r'))
		first++;
	bool top_array = first < size && data[first] == '[';
	if (!json_ok && !own_limit && !syntax && !top_array) {
		fz_print_diags("diagnostics", diags);
		FZ_PROP(false, "jansson refuses the text, but no json-syntax is reported");
	}
	if (syntax) {
		for (size_t i = 0; i < diags->count; i++)
			FZ_PROP(strcmp(diags->items[i].rule, "json-syntax") == 0,
				"'%s' beside json-syntax", diags->items[i].rule);
	}
}

/* ---- the accepted model ---- */

static ldns_rdf *dname(const char *name)
{
	char buf[300];
	snprintf(buf, sizeof(buf), "%s.", name);
	ldns_rdf *r = NULL;
	FZ_PROP(ldns_str2rdf_dname(&r, buf) == LDNS_STATUS_OK, "'%s' is no domain name", name);
	return r;
}

static int dname_cmp(const char *a, const char *b)
{
	ldns_rdf *x = dname(a), *y = dname(b);
	int c = ldns_dname_compare(x, y);
	ldns_rdf_deep_free(x);
	ldns_rdf_deep_free(y);
	return c;
}

static void check_addrs(const char *what, const sz_addr *a, size_t n)
{
	FZ_PROP(n > 0 && a != NULL, "%s: no addresses", what);
	for (size_t i = 0; i < n; i++) {
		FZ_PROP(a[i].family == AF_INET || a[i].family == AF_INET6, "%s: family %d", what, a[i].family);
		if (i == 0)
			continue;
		int fa = a[i - 1].family == AF_INET ? 4 : 6, fb = a[i].family == AF_INET ? 4 : 6;
		int c = fa != fb ? fa - fb : memcmp(a[i - 1].bytes, a[i].bytes, fa == 4 ? 4 : 16);
		FZ_PROP(c < 0, "%s: addresses not sorted and unique at %zu", what, i);
	}
}

static void check_host(const char *what, const sz_host *h, bool required)
{
	if (h->fqdn == NULL) {
		FZ_PROP(!required, "%s: no fqdn", what);
		return;
	}
	FZ_PROP(fz_valid_host(h->fqdn), "%s: '%s' is not a normalised host name", what, h->fqdn);
	check_addrs(what, h->addrs, h->n_addrs);
}

static void check_model(const sz_model *m)
{
	FZ_PROP(strcmp(m->source, SOURCE) == 0, "source is '%s'", m->source);
	FZ_PROP(m->default_ttl <= SZ_TTL_MAX, "default TTL %u", m->default_ttl);
	bool all_hosted = true; /* or plain SIP providers without a pool (issue 17) */
	for (size_t i = 0; i < m->n_domains; i++)
		all_hosted = all_hosted && (m->domains[i].hosted != SZ_HOSTED_NONE ||
					    m->domains[i].pool == NULL);
	FZ_PROP(m->n_domains > 0 && (m->n_pools > 0 || all_hosted), "%zu domains, %zu pools",
		m->n_domains, m->n_pools);
	for (size_t i = 0; i < m->n_pools; i++) {
		const sz_pool *p = &m->pools[i];
		FZ_PROP(p->name != NULL && p->name[0] != '\0', "pool without name");
		check_host("access_edge", &p->access_edge, true);
		check_host("webconf_edge", &p->webconf_edge, false);
		check_host("av_edge", &p->av_edge, false);
		FZ_PROP(p->cert_subject != NULL && strcmp(p->cert_subject, p->access_edge.fqdn) == 0,
			"pool %s: subject differs from access_edge", p->name);
		/* a SAN entry is a host name or "*." and one (issue 12) */
		for (size_t j = 0; j < p->n_san; j++)
			FZ_PROP(fz_valid_host(strncmp(p->san[j], "*.", 2) == 0 ? p->san[j] + 2 : p->san[j]),
				"san '%s'", p->san[j]);
	}
	for (size_t i = 0; i < m->n_domains; i++) {
		const sz_domain *d = &m->domains[i];
		FZ_PROP(fz_valid_host(d->name), "domain '%s' is not a normalised host name", d->name);
		if (d->hosted != SZ_HOSTED_NONE) {
			/* served by a cloud service: no edge pool, no access host */
			FZ_PROP(d->pool == NULL && d->access_host == NULL && sz_hosted_info(d->hosted) != NULL,
				"hosted domain %s with an edge pool or access host", d->name);
		} else {
			FZ_PROP(fz_valid_host(d->access_host), "access host '%s'", d->access_host);
			FZ_PROP(fz_name_within(d->access_host, d->name), "access host %s outside %s",
				d->access_host, d->name);
			/* no pool: a plain SIP provider, its own generic SIP host */
			FZ_PROP(d->pool != NULL ? d->pool >= m->pools && d->pool < m->pools + m->n_pools
				: d->generic_sip.n_transports > 0 && d->generic_sip.host.fqdn != NULL &&
				  d->generic_sip.host.n_addrs > 0,
				"domain %s: pool not resolved", d->name);
		}
		FZ_PROP(d->ttl <= SZ_TTL_MAX, "domain %s: TTL %u", d->name, d->ttl);
		FZ_PROP(sz_model_find_domain(m, d->name) == d, "find_domain(%s) misses it", d->name);
		if (i > 0 && m->n_domains <= ORACLE_MAX_DOMAINS)
			FZ_PROP(dname_cmp(m->domains[i - 1].name, d->name) < 0,
				"domains not in canonical order: %s before %s", m->domains[i - 1].name, d->name);
	}
	for (size_t i = 0; i < m->n_zones; i++) {
		const sz_zone_def *z = &m->zones[i];
		FZ_PROP(z->name != NULL && z->mname != NULL && z->rname != NULL && z->n_ns > 0,
			"zone %zu incomplete", i);
		FZ_PROP(sz_model_find_zone(m, z->name) == z, "find_zone(%s) misses it", z->name);
		if (i > 0)
			FZ_PROP(dname_cmp(m->zones[i - 1].name, z->name) < 0, "zones not in canonical order");
	}
}

/* ---- generating ---- */

typedef struct gen {
	const sz_model *model;
	sz_text all;          /* every snippet appended to one text */
	fz_strs keys;         /* zone|record, for every record read back */
	char *prev_zone;
	size_t n_snippets;
	sz_checker *checker;  /* NULL: no checker run */
	sz_diag_list cdiags;
} gen;

static char *addr_text(const sz_addr *a, char *buf, size_t size)
{
	FZ_PROP(inet_ntop(a->family, a->bytes, buf, (socklen_t)size) != NULL, "inet_ntop failed");
	return buf;
}

/* The records the snippet says it has, as lines for ldns, in text order. */
static void snippet_lines(const sz_snippet *s, fz_strs *lines)
{
	if (s->def != NULL) {
		const sz_zone_def *d = s->def;
		fz_strs_addf(lines, "%s. %u IN SOA %s. %s. %u %u %u %u %u", s->zone, s->ttl, d->mname,
			     d->rname, s->serial, d->refresh, d->retry, d->expire, d->minimum);
		for (size_t i = 0; i < d->n_ns; i++)
			fz_strs_addf(lines, "%s. %u IN NS %s.", s->zone, s->ttl, d->ns[i].name);
	}
	for (size_t i = 0; i < s->n_records; i++) {
		const sz_record *r = &s->records[i];
		char a[64];
		FZ_PROP(r->owner != NULL && sz_type_name(r->type) != NULL, "record %zu malformed", i);
		if (r->type == SZ_TYPE_SRV)
			fz_strs_addf(lines, "%s. %u IN SRV %u %u %u %s.", r->owner, r->ttl,
				     r->rdata.srv.priority, r->rdata.srv.weight, r->rdata.srv.port,
				     r->rdata.srv.target);
		else if (r->type == SZ_TYPE_CNAME)
			fz_strs_addf(lines, "%s. %u IN CNAME %s.", r->owner, r->ttl, r->rdata.cname);
		else if (r->type == SZ_TYPE_NAPTR)
			fz_strs_addf(lines, "%s. %u IN NAPTR %u %u \"%s\" \"%s\" \"%s\" %s.", r->owner,
				     r->ttl, r->rdata.naptr.order, r->rdata.naptr.preference,
				     r->rdata.naptr.flags, r->rdata.naptr.service, r->rdata.naptr.regexp,
				     r->rdata.naptr.replacement);
		else
			fz_strs_addf(lines, "%s. %u IN %s %s", r->owner, r->ttl, sz_type_name(r->type),
				     addr_text(&r->rdata.addr, a, sizeof(a)));
	}
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	FZ_PROP(json_is_string(v), "JSON record without string '%s'", key);
	return json_string_value(v);
}

static json_int_t jint(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	FZ_PROP(json_is_integer(v), "JSON record without integer '%s'", key);
	return json_integer_value(v);
}

static sz_status json_record(const char *json, size_t len, void *ctx)
{
	fz_strs *lines = ctx;
	FZ_PROP(strlen(json) == len, "JSON record text: length %zu, NUL at %zu", len, strlen(json));
	json_t *rec_take = json_loadb(json, len, JSON_REJECT_DUPLICATES, NULL);
	FZ_PROP(rec_take != NULL, "JSON record is not JSON: %s", json);
	json_t *rd = json_object_get(rec_take, "rdata");
	FZ_PROP(json_is_object(rd), "JSON record without rdata object");
	FZ_PROP(strcmp(jstr(rec_take, "class"), "IN") == 0, "JSON class");
	const char *type = jstr(rec_take, "type");
	char rdata[1024];
	if (strcmp(type, "SRV") == 0)
		snprintf(rdata, sizeof(rdata), "%lld %lld %lld %s", (long long)jint(rd, "priority"),
			 (long long)jint(rd, "weight"), (long long)jint(rd, "port"), jstr(rd, "target"));
	else if (strcmp(type, "SOA") == 0)
		snprintf(rdata, sizeof(rdata), "%s %s %lld %lld %lld %lld %lld", jstr(rd, "mname"),
			 jstr(rd, "rname"), (long long)jint(rd, "serial"), (long long)jint(rd, "refresh"),
			 (long long)jint(rd, "retry"), (long long)jint(rd, "expire"),
			 (long long)jint(rd, "minimum"));
	else if (strcmp(type, "NS") == 0 || strcmp(type, "CNAME") == 0)
		snprintf(rdata, sizeof(rdata), "%s", jstr(rd, "target"));
	else if (strcmp(type, "NAPTR") == 0)
		snprintf(rdata, sizeof(rdata), "%lld %lld \"%s\" \"%s\" \"%s\" %s",
			 (long long)jint(rd, "order"), (long long)jint(rd, "preference"),
			 jstr(rd, "flags"), jstr(rd, "services"), jstr(rd, "regexp"),
			 jstr(rd, "replacement"));
	else
		snprintf(rdata, sizeof(rdata), "%s", jstr(rd, "address"));
	fz_strs_addf(lines, "%s %lld IN %s %s", jstr(rec_take, "name"), (long long)jint(rec_take, "ttl"),
		     type, rdata);
	json_decref(rec_take);
	return SZ_OK;
}

static void expect_same(const char *zone, const char *what, const fz_strs *lines, const fz_rrs *read)
{
	FZ_PROP(lines->n == read->n, "zone %s: %zu records %s, %zu in the text", zone, lines->n, what,
		read->n);
	for (size_t i = 0; i < lines->n; i++) {
		ldns_rr *want = fz_rr_from_line(lines->v[i]);
		FZ_PROP(ldns_rr_compare(want, read->v[i]) == 0 && ldns_rr_ttl(want) == ldns_rr_ttl(read->v[i]),
			"zone %s record %zu: %s '%s', the text has another", zone, i, what, lines->v[i]);
		ldns_rr_free(want);
	}
}

/* Canonical order after SOA/NS, no record twice, one TTL, one zone. */
static void check_order(const sz_snippet *s, const fz_rrs *read)
{
	size_t first = s->def != NULL ? 1 + s->def->n_ns : 0;
	for (size_t i = 0; i < read->n; i++) {
		FZ_PROP(ldns_rr_ttl(read->v[i]) == s->ttl, "zone %s: record %zu has TTL %u, snippet %u",
			s->zone, i, ldns_rr_ttl(read->v[i]), s->ttl);
		for (size_t j = 0; j < i; j++)
			FZ_PROP(ldns_rr_compare(read->v[j], read->v[i]) != 0, "zone %s: record %zu twice",
				s->zone, i);
		if (i <= first)
			continue;
		int c = ldns_dname_compare(ldns_rr_owner(read->v[i - 1]), ldns_rr_owner(read->v[i]));
		FZ_PROP(c < 0 || (c == 0 && ldns_rr_get_type(read->v[i - 1]) <= ldns_rr_get_type(read->v[i])),
			"zone %s: records %zu and %zu not in canonical order", s->zone, i - 1, i);
	}
}

static sz_status on_snippet(sz_snippet *s, void *ctx)
{
	gen *g = ctx;
	s->serial = SERIAL;
	FZ_PROP(s->zone != NULL && s->zone[0] != '\0', "snippet without zone");
	if (g->prev_zone != NULL)
		FZ_PROP(dname_cmp(g->prev_zone, s->zone) < 0, "snippet %s after %s: not canonical order",
			s->zone, g->prev_zone);
	free(g->prev_zone);
	g->prev_zone = strdup(s->zone);
	g->n_snippets++;

	sz_text t = { 0 };
	FZ_PROP(sz_snippet_write_text(s, g->model->source, &t) == SZ_OK, "write_text failed");
	size_t before = g->all.len;
	FZ_PROP(sz_snippet_write_text(s, g->model->source, &g->all) == SZ_OK, "appending failed");
	FZ_PROP(g->all.len - before == t.len && memcmp(g->all.data + before, t.data, t.len) == 0,
		"zone %s: appended text differs from the text alone", s->zone);

	fz_rrs read = { 0 };
	fz_read_snippet_text(t.data, t.len, s->zone, g->model->source, &read);
	fz_strs lines = { 0 };
	snippet_lines(s, &lines);
	expect_same(s->zone, "in the snippet", &lines, &read);
	fz_strs_free(&lines);
	FZ_PROP(sz_snippet_each_json(s, json_record, &lines) == SZ_OK, "JSON records failed");
	expect_same(s->zone, "in the JSON form", &lines, &read);
	fz_strs_free(&lines);
	check_order(s, &read);
	for (size_t i = 0; i < read.n; i++) {
		char *k = fz_rr_key(s->zone, read.v[i]);
		fz_strs_add(&g->keys, k);
		free(k);
	}
	fz_rrs_free(&read);

	if (g->checker != NULL) {
		char name[300];
		snprintf(name, sizeof(name), "%s.zone", s->zone);
		sz_status st = sz_checker_read_buffer(g->checker, name, t.data, t.len, &g->cdiags);
		if (st != SZ_OK)
			fz_print_diags("checker", &g->cdiags);
		FZ_PROP(st == SZ_OK, "checker read of %s: %s", name, sz_status_name(st));
	}
	sz_text_free(&t);
	sz_snippet_free(s);
	return SZ_OK;
}

static void generate(const sz_model *m, sz_view view, gen *g, bool with_checker)
{
	memset(g, 0, sizeof(*g));
	g->model = m;
	sz_diag_list_init(&g->cdiags);
	if (with_checker) {
		sz_check_options *o = NULL;
		FZ_PROP(sz_check_options_new(&o) == SZ_OK, "check_options_new failed");
		sz_check_options_set_model(o, m);
		sz_check_options_set_threads(o, 0);
		sz_check_options_set_max_errors(o, 0);
		FZ_PROP(sz_check_options_set_view(o, view) == SZ_OK, "check_options_set_view failed");
		FZ_PROP(sz_checker_new(o, &g->checker, &g->cdiags) == SZ_OK, "checker_new failed");
		sz_check_options_free(o);
	}
	FZ_PROP(sz_snippets_each_view(m, view, on_snippet, g) == SZ_OK, "snippets_each failed");
	if (g->checker != NULL) {
		sz_status st = sz_checker_finish(g->checker, &g->cdiags);
		if (st != SZ_OK || g->cdiags.errors > 0) {
			fwrite(g->all.data, 1, g->all.len, stderr);
			fz_print_diags("checker findings", &g->cdiags);
		}
		FZ_PROP(st == SZ_OK, "checker finish: %s", sz_status_name(st));
		FZ_PROP(g->cdiags.errors == 0, "sipzone check finds %zu errors in generated zones",
			g->cdiags.errors);
	}
}

static void gen_free(gen *g)
{
	sz_text_free(&g->all);
	fz_strs_free(&g->keys);
	free(g->prev_zone);
	sz_checker_free(g->checker);
	sz_diag_list_clear(&g->cdiags);
}

/* ---- the oracle: the README's rules applied to the JSON itself ---- */

typedef struct o_domain {
	char *name, *access_host;  /* access_host NULL when hosted */
	json_t *pool, *fe;         /* the edge and front-end pool objects, or NULL */
	json_t *web;               /* web_services, or NULL */
	const char *hosted;        /* "microsoft365", ... or NULL */
	bool teams_only;           /* hosted: the federation SRV alone */
	const char *federation;
	bool remote_access, xmpp;
	json_t *gsip;              /* generic_sip, or NULL (issue 17) */
	json_int_t ttl;
} o_domain;

typedef struct oracle {
	o_domain *d;
	size_t n;
	json_int_t default_ttl;
	sz_view view;
	json_t *reverse_proxy, *internal_web; /* their addresses, or NULL */
	fz_strs lines;   /* "zone\towner TYPE rdata" */
} oracle;

static char *jname(json_t *v)
{
	FZ_PROP(json_is_string(v), "oracle: a name is not a string");
	return fz_name_norm(json_string_value(v), json_string_length(v));
}

static bool json_flag(json_t *obj, const char *key, bool def)
{
	json_t *v = json_object_get(obj, key);
	return v != NULL ? json_is_true(v) : def;
}

/* The longest SIP domain containing `name`, or NULL. */
static const char *place(const oracle *o, const char *name)
{
	const char *best = NULL;
	for (size_t i = 0; i < o->n; i++)
		if (fz_name_within(name, o->d[i].name) && (best == NULL || strlen(o->d[i].name) > strlen(best)))
			best = o->d[i].name;
	return best;
}

static void add_addrs(oracle *o, const char *zone, const char *owner, json_t *addrs)
{
	size_t i;
	json_t *a;
	json_array_foreach(addrs, i, a) {
		const char *s = json_string_value(a);
		fz_strs_addf(&o->lines, "%s\t%s. %s %s", zone, owner, strchr(s, ':') ? "AAAA" : "A", s);
	}
}

static void add_pool_host(oracle *o, json_t *fqdn, json_t *addrs)
{
	if (fqdn == NULL)
		return;
	char *h = jname(fqdn);
	const char *zone = place(o, h);
	add_addrs(o, zone != NULL ? zone : strchr(h, '.') + 1, h, addrs);
	free(h);
}

/* "prefix.D" in `buf` (names here are at most 253 octets). */
static const char *o_name(char *buf, size_t size, const char *prefix, const char *d)
{
	snprintf(buf, size, "%s.%s", prefix, d);
	return buf;
}

static void o_host(oracle *o, const char *name, json_t *addrs)
{
	add_addrs(o, place(o, name), name, addrs);
}

static bool o_web(const o_domain *d, const char *key)
{
	return d->web != NULL && json_flag(d->web, key, false);
}

/* The README's simple URLs: admin only inside. */
static void oracle_web(oracle *o, const o_domain *d)
{
	bool inside = o->view == SZ_VIEW_INTERNAL;
	json_t *addrs = inside ? o->internal_web : o->reverse_proxy;
	char x[300];
	if (o_web(d, "lyncdiscover"))
		o_host(o, o_name(x, sizeof(x), inside ? "lyncdiscoverinternal" : "lyncdiscover", d->name), addrs);
	const char *const urls[] = { "meet", "dialin", "admin" };
	for (size_t i = 0; i < 3; i++)
		if (o_web(d, urls[i]) && (inside || strcmp(urls[i], "admin") != 0))
			o_host(o, o_name(x, sizeof(x), urls[i], d->name), addrs);
}

/* Microsoft's four records (README, "The records"), in both views. */
static void oracle_hosted(oracle *o, const o_domain *d)
{
	static const char *const clouds[][2] = {
		{ "microsoft365", "online.lync.com" },
		{ "microsoft365-gcc-high", "online.gov.skypeforbusiness.us" },
		{ "microsoft365-dod", "online.dod.skypeforbusiness.us" },
		{ "microsoft365-21vianet", "online.partner.lync.cn" },
	};
	const char *suffix = NULL;
	for (size_t i = 0; i < sizeof(clouds) / sizeof(clouds[0]); i++)
		if (strcmp(d->hosted, clouds[i][0]) == 0)
			suffix = clouds[i][1];
	FZ_PROP(suffix != NULL, "hosted %s loaded", d->hosted);
	fz_strs_addf(&o->lines, "%s\t_sipfederationtls._tcp.%s. SRV 100 1 5061 sipfed.%s.", d->name,
		     d->name, suffix);
	if (d->teams_only)
		return;
	fz_strs_addf(&o->lines, "%s\t_sip._tls.%s. SRV 100 1 443 sipdir.%s.", d->name, d->name, suffix);
	fz_strs_addf(&o->lines, "%s\tsip.%s. CNAME sipdir.%s.", d->name, d->name, suffix);
	fz_strs_addf(&o->lines, "%s\tlyncdiscover.%s. CNAME webdir.%s.", d->name, d->name, suffix);
}

static bool federates(const o_domain *d)
{
	return strcmp(d->federation, "open") == 0 || strcmp(d->federation, "enhanced") == 0;
}

/* The internal view of a domain with a front-end pool. */
static void oracle_internal(oracle *o, const o_domain *d)
{
	if (d->fe == NULL)
		return;
	json_t *fe_addrs = json_object_get(d->fe, "addresses");
	char sip[300], x[300];
	o_name(sip, sizeof(sip), "sip", d->name);
	fz_strs_addf(&o->lines, "%s\t_sipinternaltls._tcp.%s. SRV 0 0 5061 %s.", d->name, d->name, sip);
	o_host(o, sip, fe_addrs);
	o_host(o, o_name(x, sizeof(x), "sipinternal", d->name), fe_addrs);
	/* Mobile push goes to the edge's internal_fqdn (issue 12), a pool host
	 * placed like the front-end pool's (below); without it the internal
	 * view has no federation SRV. */
	json_t *ifqdn = json_object_get(d->pool, "internal_fqdn");
	if (federates(d) && json_is_string(ifqdn)) {
		char *edge = jname(ifqdn);
		fz_strs_addf(&o->lines, "%s\t_sipfederationtls._tcp.%s. SRV 0 0 5061 %s.", d->name,
			     d->name, edge);
		free(edge);
	}
	oracle_web(o, d);
}

/* generic_sip: an SRV per listed transport (RFC 3261 default ports unless
 * given) to the access host or the domain's own host with its addresses;
 * with naptr, a NAPTR per transport at D, order 10, 20, 30 in the list's
 * order, preference 50 (README "The records", RFC 3263 section 4.1). */
static void oracle_generic_sip(oracle *o, const o_domain *d)
{
	static const char *const tr[] = { "tls", "tcp", "udp" };
	static const char *const prefix[] = { "_sips._tcp", "_sip._tcp", "_sip._udp" };
	static const char *const service[] = { "SIPS+D2T", "SIP+D2T", "SIP+D2U" };
	static const json_int_t port[] = { 5061, 5060, 5060 };
	if (d->gsip == NULL)
		return;
	json_t *h = json_object_get(d->gsip, "host");
	char *host = h != NULL ? jname(h) : strdup(d->access_host);
	FZ_PROP(host != NULL, "out of memory");
	json_t *ports = json_object_get(d->gsip, "ports");
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(d->gsip, "transports"), i, t) {
		for (size_t k = 0; k < 3; k++) {
			if (strcmp(json_string_value(t), tr[k]) != 0)
				continue;
			json_t *pv = ports != NULL ? json_object_get(ports, tr[k]) : NULL;
			fz_strs_addf(&o->lines, "%s\t%s.%s. SRV 0 0 %lld %s.", d->name, prefix[k], d->name,
				     (long long)(pv != NULL ? json_integer_value(pv) : port[k]), host);
			if (json_is_true(json_object_get(d->gsip, "naptr")))
				fz_strs_addf(&o->lines, "%s\t%s. NAPTR %zu 50 \"s\" \"%s\" \"\" %s.%s.",
					     d->name, d->name, 10 * (i + 1), service[k], prefix[k], d->name);
		}
	}
	if (d->pool == NULL || strcmp(host, d->access_host) != 0)
		add_addrs(o, place(o, host), host, json_object_get(d->gsip, "addresses"));
	free(host);
}

static void oracle_domain(oracle *o, const o_domain *d)
{
	if (d->hosted != NULL) {
		oracle_hosted(o, d);
		return;
	}
	if (o->view == SZ_VIEW_INTERNAL) {
		oracle_internal(o, d);
		return;
	}
	if (d->pool == NULL) { /* a plain SIP provider: generic_sip alone */
		oracle_generic_sip(o, d);
		return;
	}
	oracle_web(o, d);
	json_t *addrs = json_object_get(d->pool, "addresses");
	if (federates(d))
		fz_strs_addf(&o->lines, "%s\t_sipfederationtls._tcp.%s. SRV 0 0 5061 %s.", d->name, d->name,
			     d->access_host);
	if (d->remote_access)
		fz_strs_addf(&o->lines, "%s\t_sip._tls.%s. SRV 0 0 443 %s.", d->name, d->name, d->access_host);
	add_addrs(o, place(o, d->access_host), d->access_host, addrs);
	oracle_generic_sip(o, d);
	if (!d->xmpp)
		return;
	char x[300];
	snprintf(x, sizeof(x), "xmpp.%s", d->name);
	fz_strs_addf(&o->lines, "%s\t_xmpp-server._tcp.%s. SRV 0 0 5269 %s.", d->name, d->name, x);
	add_addrs(o, place(o, x), x, addrs);
}

static void oracle_zone(oracle *o, const char *key, json_t *z)
{
	char *zone = fz_name_norm(key, strlen(key));
	json_t *soa = json_object_get(z, "soa");
	char *mname = jname(json_object_get(soa, "mname")), *rname = jname(json_object_get(soa, "rname"));
	static const char *const timers[] = { "refresh", "retry", "expire", "minimum" };
	static const json_int_t defaults[] = { 7200, 3600, 1209600, 3600 };
	json_int_t t[4];
	for (size_t i = 0; i < 4; i++) {
		json_t *v = json_object_get(soa, timers[i]);
		t[i] = v != NULL ? json_integer_value(v) : defaults[i];
	}
	fz_strs_addf(&o->lines, "%s\t%s. SOA %s. %s. %u %lld %lld %lld %lld", zone, zone, mname, rname,
		     SERIAL, (long long)t[0], (long long)t[1], (long long)t[2], (long long)t[3]);
	size_t i;
	json_t *ns;
	json_array_foreach(json_object_get(z, "ns"), i, ns) {
		char *name = jname(json_is_string(ns) ? ns : json_object_get(ns, "name"));
		fz_strs_addf(&o->lines, "%s\t%s. NS %s.", zone, zone, name);
		json_t *glue = json_is_object(ns) ? json_object_get(ns, "addresses") : NULL;
		if (glue != NULL)
			add_addrs(o, zone, name, glue);
		free(name);
	}
	free(mname);
	free(rname);
	free(zone);
}

static json_int_t zone_ttl(const oracle *o, const char *zone)
{
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->d[i].name, zone) == 0)
			return o->d[i].ttl;
	return o->default_ttl;
}


/* The keys (as fz_rr_key makes them) of every record the JSON implies. */
static void oracle_keys(const uint8_t *data, size_t size, sz_view view, fz_strs *keys)
{
	json_error_t err;
	json_t *root = load_like_sipzone(data, size, &err);
	FZ_PROP(root != NULL, "the loader accepted what jansson refuses: %s (line %d)", err.text, err.line);
	oracle o = { .view = view };
	json_t *fe_pools = json_object_get(root, "front_end_pools");
	o.reverse_proxy = json_object_get(json_object_get(root, "reverse_proxy"), "addresses");
	o.internal_web = json_object_get(json_object_get(root, "internal_web"), "addresses");
	json_t *defaults = json_object_get(root, "defaults");
	json_t *dttl = defaults != NULL ? json_object_get(defaults, "ttl") : NULL;
	o.default_ttl = dttl != NULL ? json_integer_value(dttl) : 3600;
	json_t *pools = json_object_get(root, "edge_pools");
	json_t *doms = json_object_get(root, "sip_domains");
	o.n = json_array_size(doms);
	o.d = calloc(o.n ? o.n : 1, sizeof(*o.d));
	FZ_PROP(o.d != NULL, "out of memory");
	for (size_t i = 0; i < o.n; i++) {
		json_t *e = json_array_get(doms, i);
		o_domain *d = &o.d[i];
		d->name = jname(json_object_get(e, "domain"));
		json_t *ttl = json_object_get(e, "ttl");
		json_t *hosted = json_object_get(e, "hosted");
		if (hosted != NULL) {
			/* Microsoft's TTL unless the domain sets one */
			d->hosted = json_string_value(hosted);
			d->teams_only = json_is_true(json_object_get(e, "teams_only"));
			d->ttl = ttl != NULL ? json_integer_value(ttl) : 3600;
			d->federation = "none";
			continue;
		}
		json_t *fe = json_object_get(e, "front_end_pool");
		if (fe != NULL) {
			d->fe = json_object_getn(fe_pools, json_string_value(fe), json_string_length(fe));
			FZ_PROP(d->fe != NULL, "oracle: front-end pool of %s not found", d->name);
		}
		d->web = json_object_get(e, "web_services");
		json_t *ah = json_object_get(e, "access_host");
		if (ah != NULL) {
			d->access_host = jname(ah);
		} else {
			d->access_host = malloc(strlen(d->name) + 5);
			FZ_PROP(d->access_host != NULL, "out of memory");
			sprintf(d->access_host, "sip.%s", d->name);
		}
		/* Strings compare whole: "p\u0000x" names no pool "p", and
		 * "open\u0000x" is no federation value. */
		json_t *ref = json_object_get(e, "edge_pool");
		json_t *fed = json_object_get(e, "federation");
		FZ_PROP((ref == NULL || strlen(json_string_value(ref)) == json_string_length(ref)) &&
			(fed == NULL || strlen(json_string_value(fed)) == json_string_length(fed)),
			"the loader accepted edge_pool or federation with a NUL in it (%s)", d->name);
		/* no edge_pool: a plain SIP provider with generic_sip (issue 17) */
		d->pool = ref != NULL ? json_object_getn(pools, json_string_value(ref), json_string_length(ref)) : NULL;
		FZ_PROP(d->pool != NULL || (ref == NULL && json_object_get(e, "generic_sip") != NULL),
			"oracle: pool of %s not found", d->name);
		d->federation = fed != NULL ? json_string_value(fed) : "open";
		d->remote_access = json_flag(e, "remote_access", true);
		d->xmpp = json_flag(e, "xmpp", false);
		d->gsip = json_object_get(e, "generic_sip");
		d->ttl = ttl != NULL ? json_integer_value(ttl) : o.default_ttl;
	}
	for (size_t i = 0; i < o.n; i++)
		oracle_domain(&o, &o.d[i]);
	const char *key;
	json_t *p;
	json_object_foreach(view == SZ_VIEW_INTERNAL ? fe_pools : NULL, key, p)
		add_pool_host(&o, json_object_get(p, "fqdn"), json_object_get(p, "addresses"));
	/* the edge's internal interface, when given (issue 12) */
	json_object_foreach(view == SZ_VIEW_INTERNAL ? pools : NULL, key, p)
		if (json_object_get(p, "internal_fqdn") != NULL)
			add_pool_host(&o, json_object_get(p, "internal_fqdn"),
				      json_object_get(p, "internal_addresses"));
	json_object_foreach(view == SZ_VIEW_EXTERNAL ? pools : NULL, key, p) {
		add_pool_host(&o, json_object_get(p, "access_edge"), json_object_get(p, "addresses"));
		const char *roles[] = { "webconf_edge", "av_edge" };
		for (size_t r = 0; r < 2; r++) {
			json_t *h = json_object_get(p, roles[r]);
			if (h != NULL)
				add_pool_host(&o, json_object_get(h, "fqdn"), json_object_get(h, "addresses"));
		}
	}
	json_t *z;
	json_object_foreach(view == SZ_VIEW_EXTERNAL ? json_object_get(root, "zones") : NULL, key, z)
		oracle_zone(&o, key, z);

	for (size_t i = 0; i < o.lines.n; i++) {
		char *tab = strchr(o.lines.v[i], '\t');
		*tab = '\0';
		const char *zone = o.lines.v[i];
		char *sp = strchr(tab + 1, ' ');
		char line[1200];
		snprintf(line, sizeof(line), "%.*s %lld IN %s", (int)(sp - (tab + 1)), tab + 1,
			 (long long)zone_ttl(&o, zone), sp + 1);
		ldns_rr *rr = fz_rr_from_line(line);
		char *k = fz_rr_key(zone, rr);
		fz_strs_add(keys, k);
		free(k);
		ldns_rr_free(rr);
	}
	for (size_t i = 0; i < o.n; i++) {
		free(o.d[i].name);
		free(o.d[i].access_host);
	}
	free(o.d);
	fz_strs_free(&o.lines);
	json_decref(root);
}

static void compare_with_oracle(const uint8_t *data, size_t size, sz_view view, gen *g)
{
	fz_strs want = { 0 };
	oracle_keys(data, size, view, &want);
	fz_strs_sort(&want);
	fz_strs_uniq(&want);
	fz_strs_sort(&g->keys);
	size_t i = 0, j = 0;
	bool same = want.n == g->keys.n;
	for (; same && i < want.n; i++)
		same = strcmp(want.v[i], g->keys.v[i]) == 0;
	if (!same) {
		fprintf(stderr, "records the model implies (zone|record) vs. generated:\n");
		for (i = 0, j = 0; i < want.n || j < g->keys.n;) {
			int c = i == want.n ? 1 : j == g->keys.n ? -1 : strcmp(want.v[i], g->keys.v[j]);
			if (c < 0)
				fprintf(stderr, "  missing:    %s\n", want.v[i++]);
			else if (c > 0)
				fprintf(stderr, "  unexpected: %s\n", g->keys.v[j++]);
			else
				i++, j++;
		}
	}
	FZ_PROP(same, "the generated records are not the records the model implies");
	fz_strs_free(&want);
}

/* ---- determinism: reversed, upper-cased, with trailing dots ---- */

/* `s` upper-cased, with a trailing dot added when `dot` and none is there. */
static json_t *loud(const char *s, size_t n, bool dot)
{
	char *b = malloc(n + 2);
	FZ_PROP(b != NULL, "out of memory");
	for (size_t i = 0; i < n; i++)
		b[i] = s[i] >= 'a' && s[i] <= 'z' ? (char)(s[i] - 32) : s[i];
	if (dot && (n == 0 || b[n - 1] != '.'))
		b[n++] = '.';
	json_t *r = json_stringn(b, n);
	free(b);
	return r;
}

static json_t *shuffle(json_t *v, const char *key);

static json_t *reversed_array(json_t *a, const char *key)
{
	json_t *r = json_array();
	for (size_t i = json_array_size(a); i-- > 0;)
		json_array_append_new(r, shuffle(json_array_get(a, i), key));
	return r;
}

/* Keys whose string values (or array elements) are host names. */
static bool is_name_key(const char *key)
{
	static const char *const names[] = { "domain", "access_host", "access_edge", "subject", "san",
					     "fqdn", "mname", "rname", "ns", "name", NULL };
	for (size_t i = 0; key != NULL && names[i] != NULL; i++)
		if (strcmp(key, names[i]) == 0)
			return true;
	return false;
}

/* `key` is the member name `v` sits under (array elements inherit it). */
static json_t *shuffle(json_t *v, const char *key)
{
	/* generic_sip.transports is a preference order, which the NAPTRs
	 * write (generic_sip.naptr): its order is meaning, not form */
	if (json_is_array(v) && key != NULL && strcmp(key, "transports") == 0)
		return json_deep_copy(v);
	if (json_is_array(v))
		return reversed_array(v, key);
	if (json_is_string(v)) {
		bool name = is_name_key(key);
		if (name || (key != NULL && strcmp(key, "addresses") == 0))
			return loud(json_string_value(v), json_string_length(v), name);
		return json_incref(v);
	}
	if (!json_is_object(v))
		return json_incref(v);
	const char **keys = malloc((json_object_size(v) + 1) * sizeof(*keys));
	FZ_PROP(keys != NULL, "out of memory");
	size_t n = 0;
	const char *k;
	json_t *x;
	json_object_foreach(v, k, x)
		keys[n++] = k;
	json_t *r = json_object();
	bool zones = key != NULL && strcmp(key, "zones") == 0;
	while (n-- > 0) {
		json_t *val = json_object_get(v, keys[n]);
		if (zones) {
			json_t *kn = loud(keys[n], strlen(keys[n]), true);
			json_object_set_new(r, json_string_value(kn), shuffle(val, keys[n]));
			json_decref(kn);
		} else {
			json_object_set_new(r, keys[n], shuffle(val, keys[n]));
		}
	}
	free(keys);
	return r;
}

static void check_determinism(const uint8_t *data, size_t size, sz_view view, const gen *g)
{
	json_t *root = load_like_sipzone(data, size, NULL);
	FZ_PROP(root != NULL, "jansson refuses an accepted model");
	json_t *mut = shuffle(root, NULL);
	char *text = json_dumps(mut, JSON_COMPACT | JSON_ENSURE_ASCII);
	FZ_PROP(text != NULL, "json_dumps failed");
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	sz_model *m = NULL;
	sz_status st = sz_model_load_buffer(text, strlen(text), SOURCE, &m, &diags);
	if (st != SZ_OK) {
		fprintf(stderr, "rewritten model: %s\n", text);
		fz_print_diags("diagnostics", &diags);
	}
	FZ_PROP(st == SZ_OK, "the model with reversed order and upper-case names is refused");
	gen g2;
	generate(m, view, &g2, false);
	/* an empty view has no text at all (data NULL) */
	if (g2.all.len != g->all.len ||
	    (g->all.len > 0 && memcmp(g2.all.data, g->all.data, g->all.len) != 0)) {
		fprintf(stderr, "rewritten model: %s\n--- original output\n%.*s--- rewritten output\n%.*s",
			text, (int)g->all.len, g->all.data, (int)g2.all.len, g2.all.data);
		FZ_PROP(false, "output depends on order, case or trailing dots");
	}
	gen_free(&g2);
	sz_model_free(m);
	sz_diag_list_clear(&diags);
	free(text);
	json_decref(mut);
	json_decref(root);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	sz_model *m = (sz_model *)&diags; /* must be overwritten */
	sz_status st = sz_model_load_buffer((const char *)data, size, SOURCE, &m, &diags);
	FZ_PROP((st == SZ_OK) == (m != NULL), "status %s with model %p", sz_status_name(st), (void *)m);
	check_diagnostics(data, size, st, &diags);
	if (st == SZ_OK) {
		check_model(m);
		for (sz_view view = SZ_VIEW_EXTERNAL; view <= SZ_VIEW_INTERNAL; view++) {
			/* a model error about this view's records only (issue 12):
			 * generate refuses the view, as the CLI does */
			sz_diag_list vd;
			sz_diag_list_init(&vd);
			sz_status vs = sz_model_view_findings(m, view, &vd);
			FZ_PROP(vs == SZ_OK || vs == SZ_ERR_INVALID || vs == SZ_ERR_NOMEM,
				"view findings status %s", sz_status_name(vs));
			FZ_PROP(vs != SZ_ERR_INVALID || vd.errors > 0, "invalid view without an error");
			sz_diag_list_clear(&vd);
			if (vs != SZ_OK)
				continue;
			gen g;
			generate(m, view, &g, true);
			if (m->n_domains <= ORACLE_MAX_DOMAINS) {
				compare_with_oracle(data, size, view, &g);
				check_determinism(data, size, view, &g);
			}
			gen_free(&g);
		}
	}
	sz_model_free(m);
	sz_diag_list_clear(&diags);
	return 0;
}
