/*
 * live/owner.c: ownership records (live/owner.h): their names, their text,
 * and what they make sipzone own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "live/owner.h"

#define MAX_TYPES 32

static size_t count(const ldns_rr_list *l)
{
	return l != NULL ? ldns_rr_list_rr_count(l) : 0;
}

bool szi_live_owner_is_meta(const ldns_rdf *name)
{
	const uint8_t *d = ldns_rdf_data(name);
	size_t len = ldns_rdf_size(name), n = sizeof(SZI_OWNER_LABEL) - 1;
	return len > n + 1 && d[0] == n && memcmp(d + 1, SZI_OWNER_LABEL, n) == 0;
}

/* _sipzone.N, or NULL when it would be too long (or out of memory). */
static ldns_rdf *meta_name(const ldns_rdf *name)
{
	if (ldns_rdf_size(name) + sizeof(SZI_OWNER_LABEL) > LDNS_MAX_DOMAINLEN)
		return NULL;
	ldns_rdf *m = ldns_dname_new_frm_str(SZI_OWNER_LABEL);
	if (m != NULL && ldns_dname_cat(m, name) != LDNS_STATUS_OK) {
		ldns_rdf_deep_free(m);
		return NULL;
	}
	return m;
}

/* The types one ownership TXT lists; 0 when it is not sipzone's. */
static size_t parse_types(const ldns_rr *txt, ldns_rr_type *types, size_t max)
{
	if (ldns_rr_get_type(txt) != LDNS_RR_TYPE_TXT || ldns_rr_rd_count(txt) != 1)
		return 0;
	const ldns_rdf *r = ldns_rr_rdf(txt, 0);
	const uint8_t *d = ldns_rdf_data(r);
	size_t len = ldns_rdf_size(r), h = sizeof(SZI_OWNER_HERITAGE) - 1;
	if (len < 1 || (size_t)d[0] + 1 != len || d[0] < h || memcmp(d + 1, SZI_OWNER_HERITAGE, h) != 0)
		return 0;
	char buf[256];
	memcpy(buf, d + 1 + h, d[0] - h);
	buf[d[0] - h] = '\0';
	size_t n = 0;
	for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok != NULL && n < max;
	     tok = strtok_r(NULL, ",", &save)) {
		ldns_rr_type t = ldns_get_rr_type_by_name(tok);
		/* never TXT at N through its own record, nor meta-types */
		if (t != 0 && t != LDNS_RR_TYPE_SOA && t != LDNS_RR_TYPE_NS)
			types[n++] = t;
	}
	return n;
}

static int type_cmp(const void *a, const void *b)
{
	ldns_rr_type x = *(const ldns_rr_type *)a, y = *(const ldns_rr_type *)b;
	return (x > y) - (x < y);
}

/* The types the ownership RRset lists, sorted, each once. */
static size_t served_types(const sz_live_slot *meta, ldns_rr_type *types, size_t max)
{
	size_t n = 0, out = 0;
	for (size_t i = 0; i < count(meta->served); i++)
		n += parse_types(ldns_rr_list_rr(meta->served, i), types + n, max - n);
	qsort(types, n, sizeof(types[0]), type_cmp);
	for (size_t i = 0; i < n; i++)
		if (out == 0 || types[out - 1] != types[i])
			types[out++] = types[i];
	return out;
}

/* First RRset whose owner is >= name among the sorted owned ones. */
static size_t owner_lower_bound(const sz_live_plan *plan, const ldns_rdf *name)
{
	uint8_t kb[SZI_LIVE_KEY_MAX];
	uint16_t kl = 0;
	bool keyed = szi_live_name_key(name, kb, &kl);
	size_t lo = 0, hi = plan->n_owned;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const sz_live_slot *s = &plan->items[mid];
		int c = keyed && s->key != NULL ? szi_live_key_cmp(s->key, s->key_len, kb, kl)
						: szi_live_dname_cmp(s->owner, name);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

sz_status szi_live_owner_add_meta(sz_live_plan *plan)
{
	size_t n = plan->n_owned;
	for (size_t i = 0; i < n; i++) {
		const sz_live_slot *s = &plan->items[i];
		if (s->meta || (i > 0 && szi_live_dname_cmp(plan->items[i - 1].owner, s->owner) == 0))
			continue;
		ldns_rdf *m = meta_name(s->owner);
		if (m == NULL)
			continue;
		uint32_t ttl = s->ttl;
		long zone = (long)s->zone;
		/* one per distinct owner, so none of them is in the unsorted tail */
		sz_live_slot *ms = szi_live_plan_find(plan, m, LDNS_RR_TYPE_TXT);
		if (ms == NULL && (ms = szi_live_plan_add_slot(plan, m, LDNS_RR_TYPE_TXT, ttl, zone)) == NULL) {
			ldns_rdf_deep_free(m);
			return SZ_ERR_NOMEM;
		}
		ldns_rdf_deep_free(m);
		ms->meta = true;
	}
	szi_live_plan_sort(plan);
	return SZ_OK;
}

/* Mark or add the RRsets one ownership RRset lists. */
static sz_status take_meta(sz_live_plan *plan, size_t meta_index, size_t *added)
{
	ldns_rr_type types[MAX_TYPES];
	size_t n = served_types(&plan->items[meta_index], types, MAX_TYPES);
	if (n == 0)
		return SZ_OK;
	ldns_rdf *base = ldns_dname_left_chop(plan->items[meta_index].owner);
	if (base == NULL)
		return SZ_ERR_NOMEM;
	sz_status st = SZ_OK;
	for (size_t k = 0; st == SZ_OK && k < n; k++) {
		sz_live_slot *s = szi_live_plan_find(plan, base, types[k]);
		if (s == NULL) {
			/* plan->items may move: nothing of it is held across this */
			s = szi_live_plan_add_slot(plan, base, types[k], 0, -1);
			if (s == NULL) {
				st = SZ_ERR_NOMEM;
				break;
			}
			s->stale = true;
			if (szi_live_plan_zone_of(plan, base) < 0) {
				char name[LDNS_MAX_DOMAINLEN + 2];
				szi_live_name_text(base, name, sizeof(name));
				size_t len = strlen(name);
				if (len > 1)
					name[len - 1] = '\0';
				if ((s->xzone = strdup(name)) == NULL)
					st = SZ_ERR_NOMEM;
			}
			(*added)++;
		}
		s->owned = true;
	}
	ldns_rdf_deep_free(base);
	return st;
}

/* Ownership RRsets a transfer shows at names the plan does not have. */
static sz_status add_zone_metas(sz_live_plan *plan, const szi_live_zone *z, size_t *added)
{
	for (size_t i = 0; i < z->count; i++) {
		const ldns_rr *rr = z->rrs[i];
		if (ldns_rr_get_type(rr) != LDNS_RR_TYPE_TXT || !szi_live_owner_is_meta(ldns_rr_owner(rr)) ||
		    parse_types(rr, (ldns_rr_type[MAX_TYPES]){ 0 }, MAX_TYPES) == 0 ||
		    (i > 0 && szi_live_dname_cmp(ldns_rr_owner(z->rrs[i - 1]), ldns_rr_owner(rr)) == 0 &&
		     ldns_rr_get_type(z->rrs[i - 1]) == LDNS_RR_TYPE_TXT) ||
		    szi_live_plan_find(plan, ldns_rr_owner(rr), LDNS_RR_TYPE_TXT) != NULL)
			continue;
		sz_live_slot *s = szi_live_plan_add_slot(plan, ldns_rr_owner(rr), LDNS_RR_TYPE_TXT, 0, -1);
		if (s == NULL)
			return SZ_ERR_NOMEM;
		s->meta = true;
		(*added)++;
	}
	return SZ_OK;
}

sz_status szi_live_owner_discover(sz_live_plan *plan, const szi_live_zone *zones, size_t n_zones,
				  size_t *added)
{
	*added = 0;
	for (size_t z = 0; z < n_zones; z++) {
		sz_status st = add_zone_metas(plan, &zones[z], added);
		if (st != SZ_OK)
			return st;
	}
	/* the ownership RRsets read so far: those just added are not read yet */
	size_t n = plan->count;
	for (size_t i = 0; i < n; i++) {
		if (!plan->items[i].meta || plan->items[i].served == NULL)
			continue;
		sz_status st = take_meta(plan, i, added);
		if (st != SZ_OK)
			return st;
	}
	if (*added > 0)
		szi_live_plan_sort(plan);
	return SZ_OK;
}

bool szi_live_owner_deletes(const sz_live_slot *s, bool prune)
{
	return !s->meta && !s->probe && ldns_rr_list_rr_count(s->expected) == 0 && count(s->served) > 0 &&
	       s->owned && (!s->stale || prune);
}

bool szi_live_owner_leaves(const sz_live_slot *s, bool prune)
{
	return !s->meta && !s->probe && ldns_rr_list_rr_count(s->expected) == 0 && count(s->served) > 0 &&
	       !szi_live_owner_deletes(s, prune);
}

bool szi_live_owner_changes(const sz_live_slot *s, bool prune)
{
	if (s->probe)
		return false;
	if (!s->meta && ldns_rr_list_rr_count(s->expected) == 0)
		return szi_live_owner_deletes(s, prune);
	return !(szi_live_rrset_same_records(s) && szi_live_rrset_ttl_ok(s));
}

/* The types sipzone owns at `base` after the push. */
static size_t types_after(const sz_live_plan *plan, const ldns_rdf *base, bool prune, ldns_rr_type *types,
			  size_t max, uint32_t *ttl)
{
	size_t n = 0;
	for (size_t i = owner_lower_bound(plan, base);
	     i < plan->n_owned && szi_live_dname_cmp(plan->items[i].owner, base) == 0; i++) {
		const sz_live_slot *s = &plan->items[i];
		bool want = ldns_rr_list_rr_count(s->expected) > 0;
		bool kept = count(s->served) > 0 && !szi_live_owner_deletes(s, prune);
		if (s->meta || s->probe || !(want || (kept && s->owned)) || n == max)
			continue;
		types[n++] = s->type;
		if (want && *ttl == 0)
			*ttl = s->ttl;
	}
	qsort(types, n, sizeof(types[0]), type_cmp);
	return n;
}

static ldns_rr *meta_record(const ldns_rdf *owner, const ldns_rr_type *types, size_t n, uint32_t ttl)
{
	char text[256];
	size_t o = (size_t)snprintf(text, sizeof(text), "%s", SZI_OWNER_HERITAGE);
	for (size_t i = 0; i < n && o < sizeof(text); i++) {
		char *t = ldns_rr_type2str(types[i]);
		int w = snprintf(text + o, sizeof(text) - o, "%s%s", i ? "," : "", t != NULL ? t : "");
		free(t);
		o += w > 0 ? (size_t)w : 0;
	}
	if (o >= sizeof(text))
		return NULL;
	uint8_t data[256];
	data[0] = (uint8_t)o;
	memcpy(data + 1, text, o);
	ldns_rr *rr = ldns_rr_new();
	ldns_rdf *own = ldns_rdf_clone(owner);
	ldns_rdf *str = ldns_rdf_new_frm_data(LDNS_RDF_TYPE_STR, o + 1, data);
	if (rr == NULL || own == NULL || str == NULL || !ldns_rr_push_rdf(rr, str)) {
		ldns_rr_free(rr);
		ldns_rdf_deep_free(own);
		ldns_rdf_deep_free(str);
		return NULL;
	}
	ldns_rr_set_owner(rr, own);
	ldns_rr_set_type(rr, LDNS_RR_TYPE_TXT);
	ldns_rr_set_class(rr, LDNS_RR_CLASS_IN);
	ldns_rr_set_ttl(rr, ttl);
	return rr;
}

sz_status szi_live_owner_expect(sz_live_plan *plan, bool prune)
{
	for (size_t i = 0; i < plan->n_owned; i++) {
		sz_live_slot *m = &plan->items[i];
		if (!m->meta)
			continue;
		ldns_rdf *base = ldns_dname_left_chop(m->owner);
		if (base == NULL)
			return SZ_ERR_NOMEM;
		ldns_rr_type types[MAX_TYPES];
		uint32_t ttl = 0;
		size_t n = types_after(plan, base, prune, types, MAX_TYPES, &ttl);
		ldns_rdf_deep_free(base);
		if (ttl == 0)
			ttl = m->ttl != 0 ? m->ttl
			      : count(m->served) > 0 ? ldns_rr_ttl(ldns_rr_list_rr(m->served, 0)) : SZI_OWNER_TTL;
		m->ttl = ttl;
		ldns_rr_list_deep_free(m->expected);
		if ((m->expected = ldns_rr_list_new()) == NULL)
			return SZ_ERR_NOMEM;
		if (n == 0)
			continue;
		ldns_rr *rr = meta_record(m->owner, types, n, ttl);
		if (rr == NULL || !ldns_rr_list_push_rr(m->expected, rr)) {
			ldns_rr_free(rr);
			return SZ_ERR_NOMEM;
		}
	}
	return SZ_OK;
}
