/*
 * base/diag.c: the diagnostic list.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sipzone/diag.h"
#include "base/vformat.h"

void sz_diag_list_init(sz_diag_list *list)
{
	memset(list, 0, sizeof(*list));
}

static void diag_free(sz_diag *d)
{
	free(d->file);
	free(d->path);
	free(d->owner);
	free(d->type);
	free(d->message);
}

void sz_diag_list_clear(sz_diag_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		diag_free(&list->items[i]);
	free(list->items);
	sz_diag_list_init(list);
}

void sz_diag_list_truncate(sz_diag_list *list, size_t count)
{
	while (list->count > count) {
		sz_diag *d = &list->items[--list->count];
		if (d->severity == SZ_SEV_ERROR)
			list->errors--;
		else if (d->severity == SZ_SEV_WARNING)
			list->warnings--;
		else
			list->infos--;
		diag_free(d);
	}
}

static int dup_opt(const char *s, char **out)
{
	*out = NULL;
	if (s == NULL)
		return 0;
	*out = strdup(s);
	return *out == NULL ? -1 : 0;
}

static sz_status grow(sz_diag_list *list)
{
	if (list->count < list->capacity)
		return SZ_OK;
	size_t cap = list->capacity ? list->capacity * 2 : 16;
	sz_diag *items = realloc(list->items, cap * sizeof(*items));
	if (items == NULL)
		return SZ_ERR_NOMEM;
	list->items = items;
	list->capacity = cap;
	return SZ_OK;
}

static void count(sz_diag_list *list, sz_severity sev)
{
	if (sev == SZ_SEV_ERROR)
		list->errors++;
	else if (sev == SZ_SEV_WARNING)
		list->warnings++;
	else
		list->infos++;
}

char *szi_vformat(const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	char *s = malloc((size_t)n + 1);
	if (s != NULL)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

/* Diagnostics end up on terminals and in CI logs; a control byte from the
 * input (quoted by jansson, or the very byte a name was refused for) could
 * move the cursor or forge a line. Such bytes are written as \xNN. */
static char *escape_controls(char *s)
{
	size_t n = 0, extra = 0;
	for (; s != NULL && s[n] != '\0'; n++)
		extra += (unsigned char)s[n] < 0x20 || s[n] == 0x7f ? 3 : 0;
	if (s == NULL || extra == 0)
		return s;
	char *out = malloc(n + extra + 1);
	if (out == NULL) {
		free(s);
		return NULL;
	}
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f)
			o += (size_t)snprintf(out + o, 5, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
	free(s);
	return out;
}

sz_status sz_diag_add(sz_diag_list *list, sz_severity sev, const char *rule,
		      const char *file, size_t line, size_t col,
		      const char *path, const char *owner, const char *type,
		      const char *fmt, ...)
{
	if (grow(list) != SZ_OK)
		return SZ_ERR_NOMEM;
	sz_diag d = { .severity = sev, .rule = rule, .line = line, .col = col };
	va_list ap;
	va_start(ap, fmt);
	d.message = szi_vformat(fmt, ap);
	va_end(ap);
	if (d.message == NULL || dup_opt(file, &d.file) || dup_opt(path, &d.path) ||
	    dup_opt(owner, &d.owner) || dup_opt(type, &d.type)) {
		diag_free(&d);
		return SZ_ERR_NOMEM;
	}
	d.message = escape_controls(d.message);
	d.path = escape_controls(d.path);
	d.owner = escape_controls(d.owner);
	if (d.message == NULL || (path != NULL && d.path == NULL) || (owner != NULL && d.owner == NULL)) {
		diag_free(&d);
		return SZ_ERR_NOMEM;
	}
	list->items[list->count++] = d;
	count(list, sev);
	return SZ_OK;
}

static int cmp_str_null(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int cmp_size(size_t a, size_t b)
{
	return (a > b) - (a < b);
}

/* Insertion order is kept for ties, so equal locations keep the order in
 * which the rules found them: a stable merge sort. */
static int diag_cmp(const sz_diag *a, const sz_diag *b)
{
	int c = cmp_str_null(a->file, b->file);
	if (c == 0)
		c = cmp_size(a->line, b->line);
	if (c == 0)
		c = cmp_size(a->col, b->col);
	return c;
}

static void merge_sort(sz_diag *v, sz_diag *tmp, size_t n)
{
	if (n < 2)
		return;
	size_t mid = n / 2;
	merge_sort(v, tmp, mid);
	merge_sort(v + mid, tmp, n - mid);
	size_t i = 0, j = mid, k = 0;
	while (i < mid && j < n)
		tmp[k++] = diag_cmp(&v[j], &v[i]) < 0 ? v[j++] : v[i++];
	while (i < mid)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof(*v));
}

void sz_diag_list_sort(sz_diag_list *list)
{
	if (list->count < 2)
		return;
	sz_diag *tmp = malloc(list->count * sizeof(*tmp));
	if (tmp == NULL)
		return; /* unsorted output is still correct output */
	merge_sort(list->items, tmp, list->count);
	free(tmp);
}

void sz_diag_print(FILE *fp, const sz_diag *d)
{
	if (d->file != NULL) {
		fputs(d->file, fp);
		if (d->line > 0)
			fprintf(fp, ":%zu", d->line);
		if (d->line > 0 && d->col > 0)
			fprintf(fp, ":%zu", d->col);
		fputs(": ", fp);
	}
	fprintf(fp, "%s: ", sz_severity_name(d->severity));
	if (d->path != NULL)
		fprintf(fp, "%s: ", d->path);
	fputs(d->message, fp);
	if (d->rule != NULL)
		fprintf(fp, " [%s]", d->rule);
	fputc('\n', fp);
}
