/*
 * loader/sort.c: the canonical order of the model's SIP domains, so that
 * output never depends on input order. Equal names end up side by side,
 * which is where duplicate domains are found.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "loader/rules.h"

/* Sorting 200,000 domains with a label-walking comparison is most of the
 * generator's time, so each name is first rewritten into a key that sorts
 * in canonical order under plain strcmp: labels in reverse order joined by
 * 0x01, which is below every host-name character ("sip.contoso.com" ->
 * "com\1contoso\1sip"). Names are lower-case here. */
typedef struct sort_key {
	char *key;
	size_t index;
} sort_key;

static void reverse_labels(const char *name, char *out)
{
	size_t end = strlen(name), o = 0;
	while (end > 0) {
		size_t start = end;
		while (start > 0 && name[start - 1] != '.')
			start--;
		if (o > 0)
			out[o++] = '\1';
		memcpy(out + o, name + start, end - start);
		o += end - start;
		end = start > 0 ? start - 1 : 0;
	}
	out[o] = '\0';
}

static int sort_key_cmp(const void *a, const void *b)
{
	const sort_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	/* Equal names keep model order, so a duplicate is reported at the
	 * later entry. */
	return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

/* After sorting, equal names are neighbours. */
static void report_duplicates(sz_loader *ld, const sort_key *keys, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		if (strcmp(keys[i - 1].key, keys[i].key) != 0)
			continue;
		sz_jpath p;
		szi_mr_domain_path(ld, keys[i].index, "domain", &p);
		szi_loader_error(ld, &p, SZ_MR_DUP_DOMAIN, "SIP domain %s is already listed as sip_domains[%zu]",
				ld->model->domains[keys[i].index].name, ld->src[keys[i - 1].index].index);
	}
}

/* Put domain keys[i].index at i, in place, one cycle of the permutation
 * at a time (a copy of the array would be the largest allocation of a
 * large model's load). keys[].index is used up: a placed slot is marked
 * SIZE_MAX. */
static void permute(sz_model *m, sort_key *keys)
{
	for (size_t i = 0; i < m->n_domains; i++) {
		if (keys[i].index == SIZE_MAX)
			continue;
		sz_domain first = m->domains[i];
		size_t j = i;
		for (;;) {
			size_t from = keys[j].index;
			keys[j].index = SIZE_MAX;
			if (from == i) {
				m->domains[j] = first;
				break;
			}
			m->domains[j] = m->domains[from];
			j = from;
		}
	}
}

sz_status szi_model_sort(sz_loader *ld)
{
	sz_model *m = ld->model;
	size_t total = 0;
	for (size_t i = 0; i < m->n_domains; i++)
		total += strlen(m->domains[i].name) + 1;
	sort_key *keys = malloc((m->n_domains ? m->n_domains : 1) * sizeof(*keys));
	char *arena = malloc(total ? total : 1);
	sz_status s = keys != NULL && arena != NULL ? SZ_OK : SZ_ERR_NOMEM;
	for (size_t i = 0, o = 0; s == SZ_OK && i < m->n_domains; i++) {
		keys[i] = (sort_key){ arena + o, i };
		reverse_labels(m->domains[i].name, arena + o);
		o += strlen(m->domains[i].name) + 1;
	}
	if (s == SZ_OK) {
		qsort(keys, m->n_domains, sizeof(*keys), sort_key_cmp);
		report_duplicates(ld, keys, m->n_domains);
		permute(m, keys);
	}
	free(keys);
	free(arena);
	return s;
}
