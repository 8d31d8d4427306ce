/*
 * live/plan.c: the RRsets sipzone owns in the selected zones, built from
 * the model's snippets as ldns records (live.h says which RRsets).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "live/rrset.h"
#include "sip/services.h"
#include "sipzone/records.h"

/* An absolute, lower-case domain name from "sip.contoso.com" (dot optional). */
static ldns_rdf *dname_of(const char *name)
{
	char buf[LDNS_MAX_DOMAINLEN + 2];
	size_t n = strlen(name);
	if (n == 0 || n > LDNS_MAX_DOMAINLEN)
		return NULL;
	snprintf(buf, sizeof(buf), "%s%s", name, name[n - 1] == '.' ? "" : ".");
	ldns_rdf *rdf = ldns_dname_new_frm_str(buf);
	if (rdf != NULL)
		ldns_dname2canonical(rdf);
	return rdf;
}

/* A <character-string> rdf; NULL when it cannot be made. */
static ldns_rdf *str_of(const char *text)
{
	ldns_rdf *rdf = NULL;
	return ldns_str2rdf_str(&rdf, text) == LDNS_STATUS_OK ? rdf : NULL;
}

static bool push_rdf(ldns_rr *rr, ldns_rdf *rdf)
{
	if (rdf != NULL && ldns_rr_push_rdf(rr, rdf))
		return true;
	ldns_rdf_deep_free(rdf);
	return false;
}

static bool push_rdata(ldns_rr *rr, const sz_record *rec)
{
	switch (rec->type) {
	case SZ_TYPE_A:
		return push_rdf(rr, ldns_rdf_new_frm_data(LDNS_RDF_TYPE_A, 4, rec->rdata.addr.bytes));
	case SZ_TYPE_AAAA:
		return push_rdf(rr, ldns_rdf_new_frm_data(LDNS_RDF_TYPE_AAAA, 16, rec->rdata.addr.bytes));
	case SZ_TYPE_SRV:
		return push_rdf(rr, ldns_native2rdf_int16(LDNS_RDF_TYPE_INT16, rec->rdata.srv.priority)) &&
		       push_rdf(rr, ldns_native2rdf_int16(LDNS_RDF_TYPE_INT16, rec->rdata.srv.weight)) &&
		       push_rdf(rr, ldns_native2rdf_int16(LDNS_RDF_TYPE_INT16, rec->rdata.srv.port)) &&
		       push_rdf(rr, dname_of(rec->rdata.srv.target));
	case SZ_TYPE_CNAME:
		return push_rdf(rr, dname_of(rec->rdata.cname));
	case SZ_TYPE_NAPTR:
		return push_rdf(rr, ldns_native2rdf_int16(LDNS_RDF_TYPE_INT16, rec->rdata.naptr.order)) &&
		       push_rdf(rr, ldns_native2rdf_int16(LDNS_RDF_TYPE_INT16, rec->rdata.naptr.preference)) &&
		       push_rdf(rr, str_of(rec->rdata.naptr.flags)) &&
		       push_rdf(rr, str_of(rec->rdata.naptr.service)) &&
		       push_rdf(rr, str_of(rec->rdata.naptr.regexp)) &&
		       push_rdf(rr, rec->rdata.naptr.replacement[0] == '\0'
					    ? ldns_dname_new_frm_str(".")
					    : dname_of(rec->rdata.naptr.replacement));
	default:
		return false;
	}
}

static ldns_rr *rr_from_record(const sz_record *rec)
{
	ldns_rr *rr = ldns_rr_new();
	ldns_rdf *owner = dname_of(rec->owner);
	if (rr == NULL || owner == NULL) {
		ldns_rr_free(rr);
		ldns_rdf_deep_free(owner);
		return NULL;
	}
	ldns_rr_set_owner(rr, owner);
	ldns_rr_set_type(rr, (ldns_rr_type)rec->type);
	ldns_rr_set_class(rr, LDNS_RR_CLASS_IN);
	ldns_rr_set_ttl(rr, rec->ttl);
	if (!push_rdata(rr, rec)) {
		ldns_rr_free(rr);
		return NULL;
	}
	return rr;
}

static void rrset_clear(sz_live_slot *s)
{
	ldns_rdf_deep_free(s->owner);
	ldns_rr_list_deep_free(s->expected);
	ldns_rr_list_deep_free(s->served);
	ldns_rr_free(s->alias);
	ldns_rdf_deep_free(s->wildcard);
	free(s->xzone);
	free(s->key);
	memset(s, 0, sizeof(*s));
}

void szi_live_plan_clear(sz_live_plan *plan)
{
	for (size_t i = 0; i < plan->count; i++)
		rrset_clear(&plan->items[i]);
	free(plan->items);
	for (size_t i = 0; i < plan->n_zones; i++) {
		free(plan->zones[i]);
		ldns_rdf_deep_free(plan->zone_rdfs[i]);
	}
	free(plan->zones);
	free(plan->zone_rdfs);
	memset(plan, 0, sizeof(*plan));
}

/* A new RRset (owner taken) with an empty expected list; NULL when out of memory. */
static sz_live_slot *plan_push(sz_live_plan *plan, ldns_rdf *owner_take, ldns_rr_type type,
			    uint32_t ttl, size_t zone)
{
	ldns_rr_list *list = ldns_rr_list_new();
	if (list == NULL || owner_take == NULL)
		goto fail;
	if (plan->count == plan->cap) {
		size_t cap = plan->cap ? plan->cap * 2 : 32;
		sz_live_slot *items = realloc(plan->items, cap * sizeof(*items));
		if (items == NULL)
			goto fail;
		plan->items = items;
		plan->cap = cap;
	}
	sz_live_slot *s = &plan->items[plan->count++];
	memset(s, 0, sizeof(*s));
	s->owner = owner_take;
	uint8_t key[SZI_LIVE_KEY_MAX];
	uint16_t key_len;
	if (szi_live_name_key(owner_take, key, &key_len) && (s->key = malloc(key_len + 1u)) != NULL) {
		memcpy(s->key, key, key_len);
		s->key_len = key_len;
	}
	s->type = type;
	s->ttl = ttl;
	s->zone = zone;
	s->expected = list;
	return s;
fail:
	ldns_rr_list_free(list);
	ldns_rdf_deep_free(owner_take);
	return NULL;
}

static sz_status add_zone(sz_live_plan *plan, const char *zone)
{
	char **zones = realloc(plan->zones, (plan->n_zones + 1) * sizeof(*zones));
	if (zones == NULL)
		return SZ_ERR_NOMEM;
	plan->zones = zones;
	ldns_rdf **rdfs = realloc(plan->zone_rdfs, (plan->n_zones + 1) * sizeof(*rdfs));
	if (rdfs == NULL)
		return SZ_ERR_NOMEM;
	plan->zone_rdfs = rdfs;
	char *copy = strdup(zone);
	ldns_rdf *rdf = dname_of(zone);
	if (copy == NULL || rdf == NULL) {
		free(copy);
		ldns_rdf_deep_free(rdf);
		return SZ_ERR_NOMEM;
	}
	plan->zones[plan->n_zones] = copy;
	plan->zone_rdfs[plan->n_zones++] = rdf;
	return SZ_OK;
}

/* The records of one snippet, one RRset per run of (owner, type). */
static sz_status add_records(sz_live_plan *plan, const sz_snippet *sn, size_t zone)
{
	sz_live_slot *cur = NULL;
	const char *cut = NULL; /* a delegation's glue follows its NS (canonical order) */
	for (size_t i = 0; i < sn->n_records; i++) {
		const sz_record *r = &sn->records[i];
		if (r->type == SZ_TYPE_NS)
			cut = r->owner;
		else if (cut != NULL && !sz_name_is_within(r->owner, cut))
			cut = NULL;
		if (cut != NULL)
			continue; /* a delegation and its glue: the child zone's (live.h) */
		if (cur == NULL || r->type != sn->records[i - 1].type ||
		    strcmp(r->owner, sn->records[i - 1].owner) != 0)
			cur = plan_push(plan, dname_of(r->owner), (ldns_rr_type)r->type, r->ttl, zone);
		ldns_rr *rr = cur != NULL ? rr_from_record(r) : NULL;
		if (rr == NULL || !ldns_rr_list_push_rr(cur->expected, rr)) {
			ldns_rr_free(rr);
			return SZ_ERR_NOMEM;
		}
	}
	return SZ_OK;
}

/* The SRV owners whose presence the model decides for SIP domain `d`: the
 * services sipzone writes (a model key asks for them) in the external
 * view. Taken in either view, as always: an internal push owns them too,
 * and so removes what view-mismatch would flag. RFC 3263's services (a
 * NAPTR column) and the NAPTR RRset at D only for a domain with
 * generic_sip, in the external view, where sipzone writes them: a domain
 * without it may run its SIP elsewhere, and an internal copy is the
 * administrator's (sip/domain.c). */
static sz_status add_owned_srv(sz_live_plan *plan, const sz_domain *d, sz_view view, uint32_t ttl,
			       size_t zone)
{
	bool generic = d->generic_sip.n_transports > 0 && view == SZ_VIEW_EXTERNAL;
	for (size_t k = 0; k < SZI_SVC_COUNT; k++) {
		const szi_sip_service *svc = szi_sip_service_at((szi_svc_id)k);
		if (svc->model_key == NULL || !szi_sip_service_in_view(svc, SZ_VIEW_EXTERNAL) ||
		    (svc->naptr != NULL && !generic))
			continue;
		char name[LDNS_MAX_DOMAINLEN + 2];
		snprintf(name, sizeof(name), "%s.%s", svc->prefix, d->name);
		if (plan_push(plan, dname_of(name), LDNS_RR_TYPE_SRV, ttl, zone) == NULL)
			return SZ_ERR_NOMEM;
	}
	if (generic && plan_push(plan, dname_of(d->name), LDNS_RR_TYPE_NAPTR, ttl, zone) == NULL)
		return SZ_ERR_NOMEM;
	return SZ_OK;
}

/* Is `zone` the longest listed zone that holds `domain`? */
static bool in_listed_zone(const sz_model *model, const char *domain, const char *zone)
{
	for (const char *s = domain; s != NULL; s = strchr(s, '.') != NULL ? strchr(s, '.') + 1 : NULL)
		if (sz_model_find_zone(model, s) != NULL)
			return strcmp(s, zone) == 0;
	return false;
}

/* The RRsets owned without records: the other address family of every
 * host, the service SRVs of a SIP domain. Duplicates go in the merge. */
static sz_status add_owned_empty(sz_live_plan *plan, const sz_model *model, sz_view view,
				 const sz_snippet *sn, size_t zone, size_t first)
{
	size_t end = plan->count;
	for (size_t i = first; i < end; i++) {
		ldns_rr_type t = plan->items[i].type;
		if (t != LDNS_RR_TYPE_A && t != LDNS_RR_TYPE_AAAA)
			continue;
		ldns_rr_type other = t == LDNS_RR_TYPE_A ? LDNS_RR_TYPE_AAAA : LDNS_RR_TYPE_A;
		if (plan_push(plan, ldns_rdf_clone(plan->items[i].owner), other, sn->ttl, zone) == NULL)
			return SZ_ERR_NOMEM;
	}
	/* A listed zone holds the SIP domains inside it that are not listed
	 * themselves (records.h): their SRV names are owned here. */
	if (sz_model_find_zone(model, sn->zone) != NULL) {
		for (size_t i = 0; i < model->n_domains; i++) {
			const sz_domain *o = &model->domains[i];
			if (strcmp(o->name, sn->zone) != 0 && in_listed_zone(model, o->name, sn->zone) &&
			    add_owned_srv(plan, o, view, sn->ttl, zone) != SZ_OK)
				return SZ_ERR_NOMEM;
		}
	}
	const sz_domain *d = sz_model_find_domain(model, sn->zone);
	if (d == NULL)
		return SZ_OK;
	return add_owned_srv(plan, d, view, sn->ttl, zone);
}

static int rrset_key_cmp(const sz_live_slot *a, const sz_live_slot *b)
{
	int c = a->key != NULL && b->key != NULL ? szi_live_key_cmp(a->key, a->key_len, b->key, b->key_len)
						 : szi_live_dname_cmp(a->owner, b->owner);
	if (c != 0)
		return c;
	return (a->type > b->type) - (a->type < b->type);
}

/* Sort key: owner, type, then RRsets with records before empty ones. */
static int rrset_sort_cmp(const void *pa, const void *pb)
{
	const sz_live_slot *a = pa, *b = pb;
	int c = rrset_key_cmp(a, b);
	if (c != 0)
		return c;
	size_t na = ldns_rr_list_rr_count(a->expected), nb = ldns_rr_list_rr_count(b->expected);
	return (na < nb) - (na > nb);
}

/* Sort and drop the empty duplicates add_owned_empty() made. */
static void plan_sort_merge(sz_live_plan *plan)
{
	if (plan->count > 1) /* an empty plan (push --prune of a zone the model left) has no array */
		qsort(plan->items, plan->count, sizeof(plan->items[0]), rrset_sort_cmp);
	size_t out = 0;
	for (size_t i = 0; i < plan->count; i++) {
		if (out > 0 && rrset_key_cmp(&plan->items[out - 1], &plan->items[i]) == 0) {
			rrset_clear(&plan->items[i]);
			continue;
		}
		plan->items[out++] = plan->items[i];
	}
	plan->count = out;
	plan->n_owned = out;
	for (size_t i = 0; i < out; i++)
		ldns_rr_list_sort(plan->items[i].expected);
}

/* Lower-case, no trailing dot; NULL when it is not a domain name. */
static char *zone_normalize(const char *zone)
{
	ldns_rdf *rdf = dname_of(zone);
	if (rdf == NULL)
		return NULL;
	ldns_rdf_deep_free(rdf);
	char *z = strdup(zone);
	if (z == NULL)
		return NULL;
	size_t n = strlen(z);
	if (n > 1 && z[n - 1] == '.')
		z[n - 1] = '\0';
	for (char *p = z; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p + ('a' - 'A'));
	return z;
}

static bool selected(const sz_snippet *sn, char *const *zones, size_t n)
{
	if (n == 0)
		return true;
	for (size_t i = 0; i < n; i++)
		if (sz_name_is_within(sn->zone, zones[i]))
			return true;
	return false;
}

static void list_model_zones(const sz_snippets *all, char *out, size_t size)
{
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < all->count && o + 1 < size; i++) {
		int w = snprintf(out + o, size - o, "%s%s", i ? ", " : "", all->items[i].zone);
		if (w < 0)
			break;
		o += (size_t)w;
	}
}

static sz_status check_zones(const sz_snippets *all, char *const *zones, size_t n, sz_live_error *err)
{
	for (size_t i = 0; i < n; i++) {
		size_t hits = 0;
		for (size_t k = 0; k < all->count; k++)
			hits += selected(&all->items[k], &zones[i], 1);
		if (hits == 0) {
			char list[600];
			list_model_zones(all, list, sizeof(list));
			snprintf(err->text, sizeof(err->text),
				 "the model writes no records in zone %s (its zones: %s)", zones[i], list);
			return SZ_ERR_USAGE;
		}
	}
	return SZ_OK;
}

static sz_status plan_fill(sz_live_plan *plan, const sz_model *model, sz_view view,
			   const sz_snippets *all, char *const *zones, size_t n)
{
	for (size_t k = 0; k < all->count; k++) {
		const sz_snippet *sn = &all->items[k];
		if (!selected(sn, zones, n))
			continue;
		size_t zone = plan->n_zones, first = plan->count;
		sz_status s = add_zone(plan, sn->zone);
		if (s == SZ_OK)
			s = add_records(plan, sn, zone);
		if (s == SZ_OK)
			s = add_owned_empty(plan, model, view, sn, zone, first);
		if (s != SZ_OK)
			return s;
	}
	plan_sort_merge(plan);
	return SZ_OK;
}

sz_status szi_live_plan_build(const sz_model *model, const char *const *zones, size_t n_zones,
			 sz_live_plan *plan, sz_live_error *err)
{
	return szi_live_plan_build_view(model, SZ_VIEW_EXTERNAL, zones, n_zones, plan, err);
}

sz_status szi_live_plan_build_view(const sz_model *model, sz_view view, const char *const *zones,
				  size_t n_zones, sz_live_plan *plan, sz_live_error *err)
{
	return szi_live_plan_build_prune(model, view, zones, n_zones, false, plan, err);
}

sz_status szi_live_plan_build_prune(const sz_model *model, sz_view view, const char *const *zones,
				   size_t n_zones, bool allow_empty, sz_live_plan *plan, sz_live_error *err)
{
	memset(plan, 0, sizeof(*plan));
	char **norm = calloc(n_zones + 1, sizeof(*norm));
	sz_snippets *all = NULL;
	sz_status s = norm != NULL ? SZ_OK : SZ_ERR_NOMEM;
	for (size_t i = 0; s == SZ_OK && i < n_zones; i++) {
		if ((norm[i] = zone_normalize(zones[i])) == NULL) {
			snprintf(err->text, sizeof(err->text), "'%s' is not a zone name", zones[i]);
			s = SZ_ERR_USAGE;
		}
	}
	if (s == SZ_OK)
		s = sz_snippets_build_view(model, view, &all);
	if (s == SZ_OK && !allow_empty)
		s = check_zones(all, norm, n_zones, err);
	if (s == SZ_OK)
		s = plan_fill(plan, model, view, all, norm, n_zones);
	if (s == SZ_ERR_NOMEM)
		snprintf(err->text, sizeof(err->text), "%s", sz_status_str(s));
	if (s != SZ_OK)
		szi_live_plan_clear(plan);
	for (size_t i = 0; norm != NULL && i < n_zones; i++)
		free(norm[i]);
	free(norm);
	sz_snippets_free(all);
	return s;
}

sz_live_slot *szi_live_plan_find(const sz_live_plan *plan, const ldns_rdf *owner, ldns_rr_type type)
{
	sz_live_slot key = { .owner = (ldns_rdf *)owner, .type = type };
	uint8_t kb[SZI_LIVE_KEY_MAX];
	if (szi_live_name_key(owner, kb, &key.key_len))
		key.key = kb;
	size_t lo = 0, hi = plan->n_owned;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = rrset_key_cmp(&plan->items[mid], &key);
		if (c == 0)
			return &plan->items[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

sz_status szi_live_plan_add_probe(sz_live_plan *plan, const ldns_rdf *owner, ldns_rr_type type)
{
	if (szi_live_plan_find(plan, owner, type) != NULL)
		return SZ_OK;
	sz_live_slot key = { .owner = (ldns_rdf *)owner, .type = type };
	for (size_t i = plan->n_owned; i < plan->count; i++)
		if (rrset_key_cmp(&plan->items[i], &key) == 0)
			return SZ_OK;
	long zone = szi_live_plan_zone_of(plan, owner);
	ldns_rdf *copy = ldns_rdf_clone(owner);
	if (copy != NULL)
		ldns_dname2canonical(copy);
	sz_live_slot *s = plan_push(plan, copy, type, 0, zone < 0 ? 0 : (size_t)zone);
	if (s == NULL)
		return SZ_ERR_NOMEM;
	s->probe = true;
	return SZ_OK;
}

sz_live_slot *szi_live_plan_add_slot(sz_live_plan *plan, const ldns_rdf *owner, ldns_rr_type type, uint32_t ttl,
				     long zone)
{
	if (zone < 0)
		zone = szi_live_plan_zone_of(plan, owner);
	ldns_rdf *copy = ldns_rdf_clone(owner);
	if (copy != NULL)
		ldns_dname2canonical(copy);
	return plan_push(plan, copy, type, ttl, zone < 0 ? 0 : (size_t)zone);
}

void szi_live_plan_sort(sz_live_plan *plan)
{
	plan_sort_merge(plan);
}

/* The plan's zones are in canonical order (snippets are), so each ancestor
 * of the name is a binary search. */
static long zone_index(const sz_live_plan *plan, const ldns_rdf *name)
{
	size_t lo = 0, hi = plan->n_zones;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = ldns_dname_compare(plan->zone_rdfs[mid], name);
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

long szi_live_plan_zone_of(const sz_live_plan *plan, const ldns_rdf *name)
{
	ldns_rdf *cur = ldns_rdf_clone(name);
	long found = -1;
	while (cur != NULL && found < 0 && ldns_dname_label_count(cur) > 0) {
		found = zone_index(plan, cur);
		ldns_rdf *up = ldns_dname_left_chop(cur);
		ldns_rdf_deep_free(cur);
		cur = up;
	}
	ldns_rdf_deep_free(cur);
	return found;
}
