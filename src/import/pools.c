/*
 * import/pools.c: address sets, and the edge pools they make. A pool has
 * one address set, which the model gives its access edge and every access
 * host of its domains; so access hosts with equal sets can share a pool,
 * and hosts whose sets differ in any address cannot without changing a
 * record (that would be a correction, and nothing is wrong there).
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "import/importer.h"
#include "model/parts.h"

static int addr_qcmp(const void *a, const void *b)
{
	return szi_addr_cmp(a, b);
}

void szi_addr_set_normalize(szi_addr_set *s)
{
	if (s->n == 0)
		return;
	qsort(s->a, s->n, sizeof(*s->a), addr_qcmp);
	size_t o = 1;
	for (size_t i = 1; i < s->n; i++)
		if (szi_addr_cmp(&s->a[o - 1], &s->a[i]) != 0)
			s->a[o++] = s->a[i];
	s->n = o;
}

bool szi_addr_set_equal(const szi_addr_set *x, const szi_addr_set *y)
{
	if (x->n != y->n)
		return false;
	for (size_t i = 0; i < x->n; i++)
		if (szi_addr_cmp(&x->a[i], &y->a[i]) != 0)
			return false;
	return true;
}

bool szi_addr_set_overlap(const szi_addr_set *x, const szi_addr_set *y)
{
	size_t i = 0, j = 0;
	while (i < x->n && j < y->n) {
		int c = szi_addr_cmp(&x->a[i], &y->a[j]);
		if (c == 0)
			return true;
		if (c < 0)
			i++;
		else
			j++;
	}
	return false;
}

void szi_addr_text(const sz_addr *a, char *out, size_t cap)
{
	if (inet_ntop(a->family, a->bytes, out, (socklen_t)cap) == NULL && cap > 0)
		out[0] = '\0';
}

int szi_addr_set_cmp(const szi_addr_set *x, const szi_addr_set *y)
{
	for (size_t i = 0; i < x->n && i < y->n; i++) {
		int c = szi_addr_cmp(&x->a[i], &y->a[i]);
		if (c != 0)
			return c;
	}
	return (x->n > y->n) - (x->n < y->n);
}

typedef struct set_ref {
	const szi_addr_set *set;
	size_t index;
} set_ref;

static int set_ref_cmp(const void *a, const void *b)
{
	const set_ref *x = a, *y = b;
	int c = szi_addr_set_cmp(x->set, y->set);
	return c != 0 ? c : (x->index > y->index) - (x->index < y->index);
}

/* Sorting the sets puts equal ones side by side (n log n, not n^2: an
 * organisation may have 100,000 domains); a pool's number is the rank of
 * its first set. */
size_t szi_imp_group_pools(const szi_addr_set *sets, size_t n, size_t *group)
{
	if (n == 0)
		return 0;
	set_ref *refs = malloc(n * sizeof(*refs));
	if (refs == NULL) {
		/* no memory to sort: every set its own pool, still a valid answer */
		for (size_t i = 0; i < n; i++)
			group[i] = i;
		return n;
	}
	for (size_t i = 0; i < n; i++)
		refs[i] = (set_ref){ &sets[i], i };
	qsort(refs, n, sizeof(*refs), set_ref_cmp);
	/* group[i] first holds the index of its pool's first set */
	for (size_t i = 0; i < n; i++) {
		bool same = i > 0 && refs[i].set->n > 0 && szi_addr_set_cmp(refs[i - 1].set, refs[i].set) == 0;
		group[refs[i].index] = same ? group[refs[i - 1].index] : refs[i].index;
	}
	free(refs);
	/* then the rank of that first set among the first sets, in order */
	size_t pools = 0;
	for (size_t i = 0; i < n; i++)
		if (group[i] == i)
			group[i] = pools++;
		else
			group[i] = group[group[i]];
	return pools;
}
