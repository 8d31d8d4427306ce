/*
 * zonefile/origin.c: origins (reference-counted, in three forms), the
 * origin a file name implies, and the table of file names read.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "zonefile/reader.h"

sz_origin *szi_origin_new(const char *text)
{
	sz_origin *o = calloc(1, sizeof(*o));
	if (o == NULL)
		return NULL;
	o->refs = 1;
	o->text = strdup(text);
	o->rdf = ldns_dname_new_frm_str(text);
	if (o->text == NULL || o->rdf == NULL || ldns_rdf_size(o->rdf) > SZ_WIRE_MAX ||
	    !ldns_dname_str_absolute(text)) {
		szi_origin_unref(o);
		return NULL;
	}
	o->wire_len = ldns_rdf_size(o->rdf);
	szi_wire_lower(o->wire, ldns_rdf_data(o->rdf), o->wire_len);
	return o;
}

sz_origin *szi_origin_ref(sz_origin *origin)
{
	if (origin != NULL)
		origin->refs++;
	return origin;
}

void szi_origin_unref(sz_origin *origin)
{
	if (origin == NULL || --origin->refs > 0)
		return;
	free(origin->text);
	ldns_rdf_deep_free(origin->rdf);
	free(origin);
}

sz_status szi_files_add(sz_files *files, const char *name, uint32_t *id)
{
	if (files->count >= UINT32_MAX - 1)
		return SZ_ERR_LIMIT;
	if (files->count == files->capacity) {
		size_t cap = files->capacity ? files->capacity * 2 : 8;
		char **names = realloc(files->names, cap * sizeof(*names));
		if (names == NULL)
			return SZ_ERR_NOMEM;
		files->names = names;
		files->capacity = cap;
	}
	char *copy = strdup(name);
	if (copy == NULL)
		return SZ_ERR_NOMEM;
	files->names[files->count] = copy;
	*id = (uint32_t)files->count++;
	return SZ_OK;
}

void szi_files_clear(sz_files *files)
{
	for (size_t i = 0; i < files->count; i++)
		free(files->names[i]);
	free(files->names);
	memset(files, 0, sizeof(*files));
}

/* ---- origin from the file name ---- */

static bool ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n > k && strncasecmp(s + n - k, suffix, k) == 0;
}

bool szi_origin_from_filename(const char *path, char *out, size_t cap)
{
	const char *base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	size_t n = strlen(base);
	/* A backup copy, then a signed one, then the kind of file: each at
	 * most once, in this order ("contoso.com.zone.signed.bak"). */
	static const char *const backup[] = { ".bak", ".orig", ".old" };
	static const char *const signed_[] = { ".signed" };
	static const char *const kinds[] = { ".zone", ".db", ".dns", ".hosts", ".txt" };
	static const struct { const char *const *list; size_t n; } layers[] = {
		{ backup, sizeof(backup) / sizeof(backup[0]) },
		{ signed_, 1 },
		{ kinds, sizeof(kinds) / sizeof(kinds[0]) },
	};
	for (size_t l = 0; l < sizeof(layers) / sizeof(layers[0]); l++) {
		for (size_t i = 0; i < layers[l].n; i++) {
			if (ends_with(base, n, layers[l].list[i])) {
				n -= strlen(layers[l].list[i]);
				break;
			}
		}
	}
	if (n > 3 && strncasecmp(base, "db.", 3) == 0) {
		base += 3;
		n -= 3;
	}
	if (n > 0 && base[n - 1] == '.')
		n--;
	if (n == 0 || n + 2 > cap || n > 253)
		return false;
	size_t labels = 0, label_len = 0, last = 0;
	for (size_t i = 0; i < n; i++) {
		char c = base[i];
		if (c == '.') {
			if (label_len == 0)
				return false;
			labels++;
			label_len = 0;
			last = i + 1;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			   (c >= '0' && c <= '9') || c == '-' || c == '_') {
			if (++label_len > 63)
				return false;
		} else {
			return false;
		}
	}
	if (label_len == 0 || labels < 1)
		return false;
	/* The last label must look like a top-level domain. */
	if (n - last < 2)
		return false;
	for (size_t i = last; i < n; i++) {
		char c = base[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return false;
	}
	for (size_t i = 0; i < n; i++) {
		char c = base[i];
		out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + ('a' - 'A')) : c;
	}
	out[n] = '.';
	out[n + 1] = '\0';
	return true;
}
