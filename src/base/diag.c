/*
 * base/diag.c: the diagnostic list.
 */
#include <stdarg.h>
#include <stdbool.h>
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

/* Length of the UTF-8 sequence at `s` when it is valid (shortest form, no
 * surrogate, at most U+10FFFF) and not a control (C0, DEL, C1); else 0. */
static size_t safe_char_len(const unsigned char *s)
{
	unsigned char c = s[0];
	if (c >= 0x20 && c < 0x7f)
		return 1;
	size_t n;
	unsigned lo = 0x80, hi = 0xbf; /* allowed range of the second byte */
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		if (c == 0xc2 && s[1] < 0xa0)
			return 0; /* U+0080..U+009F: C1 controls (CSI is U+009B) */
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		lo = c == 0xe0 ? 0xa0 : 0x80;  /* no overlong form */
		hi = c == 0xed ? 0x9f : 0xbf;  /* no surrogate */
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		lo = c == 0xf0 ? 0x90 : 0x80;
		hi = c == 0xf4 ? 0x8f : 0xbf;  /* at most U+10FFFF */
	} else {
		return 0;
	}
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

/* Diagnostics, file names and owner names end up on terminals, in CI logs
 * and in JSON: a control byte from the input (quoted by jansson, the very
 * byte a name was refused for, a file name with ESC or a newline) could move
 * the cursor or forge a line, and bytes that are not UTF-8 make jansson
 * refuse the string. Such bytes are written as \xNN; the output is valid
 * UTF-8 with no control, and escaping it again changes nothing. */
char *sz_text_escape(const char *s)
{
	if (s == NULL)
		return NULL;
	const unsigned char *u = (const unsigned char *)s;
	size_t len = 0;
	for (size_t i = 0, k; u[i] != '\0'; i += k) {
		k = safe_char_len(u + i);
		len += k > 0 ? k : 4;
		k = k > 0 ? k : 1;
	}
	char *out = malloc(len + 1);
	if (out == NULL)
		return NULL;
	size_t o = 0;
	for (size_t i = 0, k; u[i] != '\0'; i += k) {
		k = safe_char_len(u + i);
		if (k > 0) {
			memcpy(out + o, u + i, k);
			o += k;
		} else {
			o += (size_t)snprintf(out + o, 5, "\\x%02x", u[i]);
			k = 1;
		}
	}
	out[o] = '\0';
	return out;
}

int sz_text_fputs(const char *s, FILE *fp)
{
	if (s == NULL)
		return 0;
	char *e = sz_text_escape(s);
	if (e == NULL)
		return EOF;
	int r = fputs(e, fp);
	free(e);
	return r;
}

/* Replace `*s` by its escaped form; false when out of memory. */
static bool escape_field(char **s)
{
	if (*s == NULL)
		return true;
	char *e = sz_text_escape(*s);
	free(*s);
	*s = e;
	return e != NULL;
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
	if (!escape_field(&d.message) || !escape_field(&d.file) || !escape_field(&d.path) ||
	    !escape_field(&d.owner) || !escape_field(&d.type)) {
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
	/* the fields are escaped by sz_diag_add(); a diagnostic made another
	 * way is escaped here (escaping twice changes nothing) */
	if (d->file != NULL) {
		sz_text_fputs(d->file, fp);
		if (d->line > 0)
			fprintf(fp, ":%zu", d->line);
		if (d->line > 0 && d->col > 0)
			fprintf(fp, ":%zu", d->col);
		fputs(": ", fp);
	}
	fprintf(fp, "%s: ", sz_severity_name(d->severity));
	if (d->path != NULL) {
		sz_text_fputs(d->path, fp);
		fputs(": ", fp);
	}
	sz_text_fputs(d->message, fp);
	if (d->rule != NULL)
		fprintf(fp, " [%s]", d->rule);
	fputc('\n', fp);
}
