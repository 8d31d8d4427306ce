/*
 * loader/load.c: read a model file and walk its top level.
 *
 * The top-level object is walked with the scanner (loader/json_scan.c); each value
 * is parsed by jansson on its own, and each element of sip_domains[] too, so
 * that memory holds the model being built plus one element, never the
 * jansson tree of the whole file.
 */
#include <errno.h>
#include <stdbool.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/file_read.h"
#include "loader/loader.h"

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash != NULL && slash[1] != '\0' ? slash + 1 : path;
}

/* jansson's position is just past the token it complains about; point at
 * the token's start, which its message quotes ("... near 'tru'"). */
static size_t token_start(const json_error_t *err)
{
	size_t pos = err->position > 0 ? (size_t)err->position : 0;
	const char *near = strstr(err->text, "near '");
	if (near == NULL)
		return pos;
	near += 6;
	const char *end = strrchr(near, '\'');
	size_t n = end != NULL && end > near ? (size_t)(end - near) : 0;
	return n <= pos ? pos - n : pos;
}

/* A JSON syntax error: jansson explains it better than the scanner, so the
 * whole text (or the value) is handed to jansson for its message. */
static void syntax_error(sz_loader *ld, size_t start, size_t end, size_t fallback)
{
	json_error_t err;
	json_t *v = json_loadb(ld->buf + start, end - start,
			       JSON_REJECT_DUPLICATES | JSON_DECODE_ANY, &err);
	if (v != NULL) {
		json_decref(v);
		szi_loader_error_at(ld, fallback, SZ_MR_JSON_SYNTAX, "malformed JSON");
		return;
	}
	szi_loader_error_at(ld, start + token_start(&err), SZ_MR_JSON_SYNTAX, "%s", err.text);
}

static json_t *parse_value(sz_loader *ld, size_t start, size_t end)
{
	json_error_t err;
	json_t *v = json_loadb(ld->buf + start, end - start,
			       JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	if (v == NULL)
		syntax_error(ld, start, end, start);
	return v;
}

/* A value the loader rejects without reading (an unknown key's, a
 * sip_domains that is no array) is still JSON to check: its syntax errors
 * are reported, and then they alone (drop_all_but_syntax). */
static void check_syntax(sz_loader *ld, size_t pos)
{
	size_t start, end;
	if (!szi_json_value_span(ld->buf, ld->len, pos, &start, &end)) {
		syntax_error(ld, 0, ld->len, pos);
		return;
	}
	json_decref(parse_value(ld, start, end));
}

/* Room for `cap` domains in all, in one allocation (a model's domain
 * array is about 120 bytes a domain: doubling would leave up to half of it
 * unused, and a copy of it alive while it moves). */
static sz_status reserve_domains(sz_loader *ld, size_t cap)
{
	sz_model *m = ld->model;
	if (cap <= ld->cap_domains)
		return SZ_OK;
	sz_domain *d = realloc(m->domains, cap * sizeof(*d));
	if (d == NULL)
		return SZ_ERR_NOMEM;
	m->domains = d;
	sz_domain_src *s = realloc(ld->src, cap * sizeof(*s));
	if (s == NULL)
		return SZ_ERR_NOMEM;
	ld->src = s;
	ld->cap_domains = cap;
	return SZ_OK;
}

static sz_status grow_domains(sz_loader *ld)
{
	sz_model *m = ld->model;
	if (m->n_domains < ld->cap_domains)
		return SZ_OK;
	return reserve_domains(ld, ld->cap_domains ? ld->cap_domains * 2 : 16);
}

typedef struct span {
	size_t start, end;
} span;

typedef struct span_list {
	span *v;
	size_t n, cap;
} span_list;

static sz_status span_add(span_list *l, size_t start, size_t end)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		span *v = realloc(l->v, cap * sizeof(*v));
		if (v == NULL)
			return SZ_ERR_NOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (span){ start, end };
	return SZ_OK;
}

static void take_domain_span(sz_loader *ld, const span *sp, size_t index)
{
	json_t *v = parse_value(ld, sp->start, sp->end);
	if (v == NULL)
		return;
	if (grow_domains(ld) != SZ_OK) {
		ld->nomem = true;
	} else {
		sz_jpath p;
		szi_jpath_root(&p, "sip_domains", sp->start);
		szi_jpath_push_index(&p, index);
		p.base_steps = 2;
		szi_model_take_domain(ld, v, &p, index);
	}
	json_decref(v);
}

/* Parsing sip_domains[] elements is most of the loading time (jansson spends
 * some 16,000 instructions on a small object), and elements are
 * independent: large models are split between two threads, each with its
 * own loader, and the halves joined in model order. */
#define SZ_PARALLEL_MIN 4096

typedef struct worker {
	sz_loader ld;
	sz_model model;
	sz_diag_list diags;
	const span *spans;
	size_t first, count;
} worker;

static void *work(void *arg)
{
	worker *w = arg;
	for (size_t i = 0; i < w->count && !w->ld.nomem; i++)
		take_domain_span(&w->ld, &w->spans[w->first + i], w->first + i);
	return NULL;
}

/* `reserve` domains of room from the start: the first worker's array
 * becomes the model's (join_worker), so it is sized for all of them. */
static void worker_init(worker *w, const sz_loader *ld, const span_list *l, size_t first, size_t count,
			size_t reserve)
{
	memset(w, 0, sizeof(*w));
	sz_diag_list_init(&w->diags);
	w->ld = (sz_loader){ .file = ld->file, .buf = ld->buf, .len = ld->len,
			     .diags = &w->diags, .model = &w->model };
	w->spans = l->v;
	w->first = first;
	w->count = count;
	w->ld.nomem = reserve_domains(&w->ld, reserve) != SZ_OK;
}

static sz_status append_diags(sz_diag_list *to, sz_diag_list *from)
{
	for (size_t i = 0; i < from->count; i++) {
		const sz_diag *d = &from->items[i];
		if (sz_diag_add(to, d->severity, d->rule, d->file, d->line, d->col, d->path,
				d->owner, d->type, "%s", d->message) != SZ_OK)
			return SZ_ERR_NOMEM;
	}
	return SZ_OK;
}

/* Move a worker's domains and diagnostics into the main loader. */
static void join_worker(sz_loader *ld, worker *w)
{
	ld->problems += w->ld.problems;
	ld->nomem = ld->nomem || w->ld.nomem || append_diags(ld->diags, &w->diags) != SZ_OK;
	if (!ld->nomem && ld->model->n_domains == 0) {
		/* The first worker's array is the model's: no copy. */
		free(ld->model->domains);
		free(ld->src);
		ld->model->domains = w->model.domains;
		ld->src = w->ld.src;
		ld->model->n_domains = w->model.n_domains;
		ld->cap_domains = w->ld.cap_domains;
		szi_loader_locate_free(&w->ld);
		sz_diag_list_clear(&w->diags);
		return;
	}
	for (size_t i = 0; i < w->model.n_domains; i++) {
		if (!ld->nomem && grow_domains(ld) == SZ_OK) {
			ld->model->domains[ld->model->n_domains] = w->model.domains[i];
			ld->src[ld->model->n_domains++] = w->ld.src[i];
		} else {
			ld->nomem = true;
			szi_domain_clear(&w->model.domains[i]);
			free(w->ld.src[i].pool_name);
			free(w->ld.src[i].fe_pool_name);
		}
	}
	free(w->model.domains);
	free(w->ld.src);
	szi_loader_locate_free(&w->ld);
	sz_diag_list_clear(&w->diags);
}

static void take_domains(sz_loader *ld, const span_list *l)
{
	if (l->n < SZ_PARALLEL_MIN) {
		ld->nomem = ld->nomem || reserve_domains(ld, ld->model->n_domains + l->n) != SZ_OK;
		for (size_t i = 0; i < l->n && !ld->nomem; i++)
			take_domain_span(ld, &l->v[i], i);
		return;
	}
	worker w[2];
	pthread_t thread;
	size_t half = l->n / 2;
	/* One array for both workers: the second fills the second part, which
	 * it cannot outgrow (a span adds at most one domain, so its
	 * grow_domains() never reallocates), and the gap is closed after. */
	worker_init(&w[0], ld, l, 0, half, l->n);
	worker_init(&w[1], ld, l, half, l->n - half, 0);
	if (!w[0].ld.nomem) {
		w[1].model.domains = w[0].model.domains + half;
		w[1].ld.src = w[0].ld.src + half;
		w[1].ld.cap_domains = l->n - half;
	} else {
		w[1].ld.nomem = true;
	}
	json_object_seed(0); /* jansson's one piece of global state */
	bool threaded = pthread_create(&thread, NULL, work, &w[1]) == 0;
	work(&w[0]);
	if (threaded)
		pthread_join(thread, NULL);
	else
		work(&w[1]);
	size_t n0 = w[0].model.n_domains, n1 = w[1].model.n_domains;
	if (n1 > 0) {
		memmove(w[0].model.domains + n0, w[1].model.domains, n1 * sizeof(*w[1].model.domains));
		memmove(w[0].ld.src + n0, w[1].ld.src, n1 * sizeof(*w[1].ld.src));
		w[0].model.n_domains = n0 + n1;
	}
	join_worker(ld, &w[0]);
	ld->problems += w[1].ld.problems;
	ld->nomem = ld->nomem || w[1].ld.nomem || append_diags(ld->diags, &w[1].diags) != SZ_OK;
	szi_loader_locate_free(&w[1].ld);
	sz_diag_list_clear(&w[1].diags);
}

static void walk_domains(sz_loader *ld, size_t start)
{
	sz_json_iter it;
	size_t ks, ke, vs, ve;
	span_list l = { 0 };
	if (!szi_json_iter_init(&it, ld->buf, ld->len, start) || it.is_object) {
		sz_jpath p;
		szi_jpath_root(&p, "sip_domains", start);
		szi_loader_error(ld, &p, SZ_MR_WRONG_TYPE, "must be an array of SIP domains");
		check_syntax(ld, start);
		return;
	}
	while (!ld->nomem && szi_json_iter_next(&it, &ks, &ke, &vs, &ve))
		if (span_add(&l, vs, ve) != SZ_OK)
			ld->nomem = true;
	if (it.error) {
		syntax_error(ld, 0, ld->len, it.err_pos);
	} else if (l.n == 0) {
		sz_jpath p;
		szi_jpath_root(&p, "sip_domains", start);
		szi_loader_error(ld, &p, SZ_MR_EMPTY, "lists no SIP domain");
	} else {
		take_domains(ld, &l);
	}
	free(l.v);
}

typedef void (*take_fn)(sz_loader *ld, json_t *v, sz_jpath *p);

static void take_member(sz_loader *ld, const char *key, size_t vs, size_t ve, take_fn fn)
{
	json_t *v = parse_value(ld, vs, ve);
	if (v == NULL)
		return;
	sz_jpath p;
	szi_jpath_root(&p, key, vs);
	fn(ld, v, &p);
	json_decref(v);
}

static bool key_is(const sz_loader *ld, size_t ks, size_t ke, const char *name)
{
	size_t n = strlen(name);
	return ke - ks == n && memcmp(ld->buf + ks, name, n) == 0;
}

static bool seen_once(sz_loader *ld, bool *seen, size_t ks, size_t ke)
{
	if (*seen) {
		char q[SZ_QUOTE_SIZE];
		szi_loader_error_at(ld, ks - 1, SZ_MR_JSON_SYNTAX, "duplicate key \"%s\"",
				   szi_quote(ld->buf + ks, ke - ks, q, sizeof(q)));
		return false;
	}
	*seen = true;
	return true;
}

static void take_top_member(sz_loader *ld, size_t ks, size_t ke, size_t vs, size_t ve,
			    bool *seen_defaults, bool *seen_zones)
{
	if (key_is(ld, ks, ke, "version")) {
		if (seen_once(ld, &ld->seen_version, ks, ke))
			take_member(ld, "version", vs, ve, szi_model_take_version);
	} else if (key_is(ld, ks, ke, "defaults")) {
		if (seen_once(ld, seen_defaults, ks, ke))
			take_member(ld, "defaults", vs, ve, szi_model_take_defaults);
	} else if (key_is(ld, ks, ke, "edge_pools")) {
		ld->pools_offset = vs;
		if (seen_once(ld, &ld->seen_pools, ks, ke))
			take_member(ld, "edge_pools", vs, ve, szi_model_take_pools);
	} else if (key_is(ld, ks, ke, "zones")) {
		ld->zones_offset = vs;
		if (seen_once(ld, seen_zones, ks, ke))
			take_member(ld, "zones", vs, ve, szi_model_take_zones);
	} else if (key_is(ld, ks, ke, "front_end_pools")) {
		ld->fe_pools_offset = vs;
		if (seen_once(ld, &ld->seen_fe_pools, ks, ke))
			take_member(ld, "front_end_pools", vs, ve, szi_model_take_fe_pools);
	} else if (key_is(ld, ks, ke, "reverse_proxy")) {
		if (seen_once(ld, &ld->seen_reverse_proxy, ks, ke))
			take_member(ld, "reverse_proxy", vs, ve, szi_model_take_reverse_proxy);
	} else if (key_is(ld, ks, ke, "internal_web")) {
		if (seen_once(ld, &ld->seen_internal_web, ks, ke))
			take_member(ld, "internal_web", vs, ve, szi_model_take_internal_web);
	} else if (key_is(ld, ks, ke, "sip_domains")) {
		if (seen_once(ld, &ld->seen_domains, ks, ke))
			walk_domains(ld, vs);
	} else {
		char q[SZ_QUOTE_SIZE];
		szi_loader_error_at(ld, ks > 0 ? ks - 1 : ks, SZ_MR_UNKNOWN_KEY,
				   "unknown key \"%s\" at the top level (expected version, defaults, edge_pools, front_end_pools, reverse_proxy, internal_web, sip_domains, zones)",
				   szi_quote(ld->buf + ks, ke - ks, q, sizeof(q)));
		/* the key's own bytes too: known keys are plain ASCII, this one may not be */
		json_decref(parse_value(ld, ks - 1, ke + 1));
		check_syntax(ld, vs);
	}
}

static void require(sz_loader *ld, bool seen, const char *key)
{
	if (!seen)
		szi_loader_error_at(ld, 0, SZ_MR_MISSING_KEY, "the model has no \"%s\"", key);
}

static void walk_top(sz_loader *ld)
{
	sz_json_iter it;
	size_t ks, ke, vs, ve;
	bool seen_defaults = false, seen_zones = false;
	if (!szi_json_iter_init(&it, ld->buf, ld->len, 0) || !it.is_object) {
		size_t start = szi_json_skip_ws(ld->buf, ld->len, 0);
		if (start < ld->len && ld->buf[start] == '[')
			szi_loader_error_at(ld, start, SZ_MR_WRONG_TYPE, "the model must be a JSON object, not an array");
		else
			syntax_error(ld, 0, ld->len, start);
		return;
	}
	while (!ld->nomem && szi_json_iter_next(&it, &ks, &ke, &vs, &ve))
		take_top_member(ld, ks, ke, vs, ve, &seen_defaults, &seen_zones);
	if (it.error) {
		syntax_error(ld, 0, ld->len, it.err_pos);
		return;
	}
	size_t rest = szi_json_skip_ws(ld->buf, ld->len, it.pos);
	if (rest < ld->len) {
		szi_loader_error_at(ld, rest, SZ_MR_JSON_SYNTAX, "extra text after the model's closing '}'");
		return;
	}
	require(ld, ld->seen_version, "version");
	/* edge_pools may be absent: a model of hosted domains needs none, and
	 * a domain naming a pool then gets unknown-pool. */
	require(ld, ld->seen_domains, "sip_domains");
}

/* When the text is not valid JSON, what else was found is noise: keep only
 * the syntax errors among the diagnostics this load added. */
static void drop_all_but_syntax(sz_diag_list *diags, size_t first)
{
	const char *syntax = sz_model_rule_name(SZ_MR_JSON_SYNTAX);
	bool any = false;
	for (size_t i = first; i < diags->count && !any; i++)
		any = strcmp(diags->items[i].rule, syntax) == 0;
	if (!any)
		return;
	sz_diag_list kept;
	sz_diag_list_init(&kept);
	for (size_t i = first; i < diags->count; i++) {
		const sz_diag *d = &diags->items[i];
		if (strcmp(d->rule, syntax) == 0)
			sz_diag_add(&kept, d->severity, d->rule, d->file, d->line, d->col, d->path,
				    d->owner, d->type, "%s", d->message);
	}
	sz_diag_list_truncate(diags, first);
	for (size_t i = 0; i < kept.count; i++) {
		const sz_diag *d = &kept.items[i];
		sz_diag_add(diags, d->severity, d->rule, d->file, d->line, d->col, d->path,
			    d->owner, d->type, "%s", d->message);
	}
	sz_diag_list_clear(&kept);
}

static void loader_free_src(sz_loader *ld)
{
	for (size_t i = 0; ld->src != NULL && i < ld->model->n_domains; i++) {
		free(ld->src[i].pool_name);
		free(ld->src[i].fe_pool_name);
	}
	free(ld->src);
	ld->src = NULL;
}

/* The offset of the first byte-order mark outside a JSON string; len if none. */
static size_t bom_outside_strings(const char *buf, size_t len)
{
	bool in_string = false;
	for (size_t i = 0; i < len; i++) {
		char c = buf[i];
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = false;
		} else if (c == '"') {
			in_string = true;
		} else if (c == '\xEF' && i + 3 <= len && memcmp(buf + i, "\xEF\xBB\xBF", 3) == 0) {
			return i;
		}
	}
	return len;
}

sz_status sz_model_load_buffer(const char *buf, size_t len, const char *name,
			       sz_model **out, sz_diag_list *diags)
{
	*out = NULL;
	/* A UTF-8 byte-order mark (Windows editors, PowerShell 5's Out-File)
	 * is no JSON but says nothing either: skip it, and count columns of
	 * the first line from after it, as editors show them. */
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	sz_loader ld = { .file = name, .buf = buf, .len = len, .diags = diags };
	ld.model = calloc(1, sizeof(*ld.model));
	if (ld.model == NULL || (ld.model->source = strdup(base_name(name))) == NULL) {
		free(ld.model);
		return SZ_ERR_NOMEM;
	}
	ld.model->default_ttl = SZ_DEFAULT_TTL;
	size_t first = diags->count;
	/* Anywhere else outside a string a byte-order mark is a mistake (two
	 * files pasted together): jansson would quote it as an invisible
	 * "near ''". Inside a string it is U+FEFF, valid JSON (and no name). */
	size_t bom = bom_outside_strings(buf, len);
	if (bom < len)
		szi_loader_error_at(&ld, bom, SZ_MR_JSON_SYNTAX,
				    "a UTF-8 byte-order mark (bytes EF BB BF) in the middle of the file: remove it");
	if (diags->count == first)
		walk_top(&ld);
	drop_all_but_syntax(diags, first);
	if (ld.problems == 0 && !ld.nomem)
		szi_model_check_rules(&ld);
	loader_free_src(&ld);
	szi_loader_locate_free(&ld);
	if (ld.nomem || ld.problems > 0) {
		sz_model_free(ld.model);
		return ld.nomem ? SZ_ERR_NOMEM : SZ_ERR_INVALID;
	}
	*out = ld.model;
	return SZ_OK;
}

sz_status sz_model_load_file(const char *path, sz_model **out, sz_diag_list *diags)
{
	char *buf;
	size_t len;
	*out = NULL;
	sz_status s = szi_file_read(path, &buf, &len);
	if (s == SZ_ERR_IO) {
		sz_diag_add(diags, SZ_SEV_ERROR, sz_model_rule_name(SZ_MR_IO), path, 0, 0,
			    NULL, NULL, NULL, "cannot read the model: %s", strerror(errno));
		return s;
	}
	if (s != SZ_OK)
		return s;
	s = sz_model_load_buffer(buf, len, strcmp(path, "-") == 0 ? "<stdin>" : path, out, diags);
	free(buf);
	return s;
}
