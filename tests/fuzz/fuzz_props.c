/*
 * fuzz_props.c: property checks, lists and the strict zone-text reader
 * shared by the harnesses.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_props.h"

void fz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "\n==sipzone property failed== %s:%d: %s\n  ", file, line, cond);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	fflush(stderr);
	abort();
}

bool fz_known(const char *id)
{
	const char *list = getenv("SZ_FUZZ_KNOWN");
	size_t n = strlen(id);
	for (const char *p = list; p != NULL && *p != '\0';) {
		size_t m = strcspn(p, ",");
		if (m == n && strncmp(p, id, n) == 0)
			return true;
		p += m + (p[m] == ',');
	}
	return false;
}

void fz_print_diags(const char *title, const sz_diag_list *diags)
{
	fprintf(stderr, "%s (%zu):\n", title, diags->count);
	for (size_t i = 0; i < diags->count; i++)
		sz_diag_print(stderr, &diags->items[i]);
}

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n);
	FZ_PROP(q != NULL, "out of memory (%zu bytes)", n);
	return q;
}

void fz_strs_add(fz_strs *l, const char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	char *c = strdup(s);
	FZ_PROP(c != NULL, "out of memory");
	l->v[l->n++] = c;
}

void fz_strs_addf(fz_strs *l, const char *fmt, ...)
{
	char buf[2048];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	FZ_PROP(n >= 0 && (size_t)n < sizeof(buf), "string too long for the harness (%d)", n);
	fz_strs_add(l, buf);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void fz_strs_sort(fz_strs *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), str_cmp);
}

void fz_strs_uniq(fz_strs *l)
{
	size_t w = 0;
	for (size_t i = 0; i < l->n; i++) {
		if (w > 0 && strcmp(l->v[w - 1], l->v[i]) == 0)
			free(l->v[i]);
		else
			l->v[w++] = l->v[i];
	}
	l->n = w;
}

void fz_strs_free(fz_strs *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

void fz_rrs_add(fz_rrs *l, ldns_rr *rr_take)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	l->v[l->n++] = rr_take;
}

void fz_rrs_free(fz_rrs *l)
{
	for (size_t i = 0; i < l->n; i++)
		ldns_rr_free(l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

ldns_rr *fz_rr_from_line(const char *line)
{
	ldns_rr *rr = NULL;
	ldns_status st = ldns_rr_new_frm_str(&rr, line, 0, NULL, NULL);
	FZ_PROP(st == LDNS_STATUS_OK, "ldns cannot parse '%s': %s", line, ldns_get_errorstr_by_id(st));
	return rr;
}

char *fz_rr_key(const char *zone, const ldns_rr *rr)
{
	char *p = ldns_rr2str(rr);
	FZ_PROP(p != NULL, "ldns_rr2str failed");
	size_t n = strlen(zone) + strlen(p) + 2;
	char *k = malloc(n);
	FZ_PROP(k != NULL, "out of memory");
	snprintf(k, n, "%s|%s", zone, p);
	free(p);
	/* ldns ends the presentation with a newline */
	size_t kl = strlen(k);
	while (kl > 0 && (k[kl - 1] == '\n' || k[kl - 1] == ' '))
		k[--kl] = '\0';
	return k;
}

char *fz_name_norm(const char *s, size_t n)
{
	if (n > 0 && s[n - 1] == '.')
		n--;
	char *o = malloc(n + 1);
	FZ_PROP(o != NULL, "out of memory");
	for (size_t i = 0; i < n; i++)
		o[i] = (char)tolower((unsigned char)s[i]);
	o[n] = '\0';
	return o;
}

bool fz_name_within(const char *name, const char *domain)
{
	size_t n = strlen(name), d = strlen(domain);
	if (n < d || strcmp(name + n - d, domain) != 0)
		return false;
	return n == d || name[n - d - 1] == '.';
}

bool fz_valid_host(const char *s)
{
	size_t len = strlen(s), labels = 0, start = 0;
	if (len == 0 || len > 253)
		return false;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '.') {
			char c = s[i];
			if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
				return false;
			continue;
		}
		size_t n = i - start;
		if (n == 0 || n > 63 || s[start] == '-' || s[i - 1] == '-')
			return false;
		labels++;
		if (i == len) {
			bool digits = true;
			for (size_t j = start; j < i; j++)
				digits = digits && s[j] >= '0' && s[j] <= '9';
			if (digits)
				return false;
		}
		start = i + 1;
	}
	return labels >= 2;
}

/* Bytes sipzone may write in a record line: printable ASCII without the
 * characters that carry zone-file syntax beyond names and numbers. */
static bool plain_record_byte(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != ';' && c != '$' && c != '(' && c != ')' &&
	       c != '"' && c != '\\' && c != '@' && c != '*';
}

void fz_read_snippet_text(const char *text, size_t len, const char *zone,
			  const char *source, fz_rrs *out)
{
	char header[1024];
	snprintf(header, sizeof(header),
		 "; sipzone: zone %s, generated from %s; edit the model, not this file", zone, source);
	char origin_line[300];
	snprintf(origin_line, sizeof(origin_line), "$ORIGIN %s.", zone);
	ldns_rdf *origin = NULL;
	FZ_PROP(ldns_str2rdf_dname(&origin, origin_line + 8) == LDNS_STATUS_OK,
		"zone %s is not a domain name for ldns", zone);

	FZ_PROP(len > 0 && text[len - 1] == '\n', "the text of %s does not end with a newline", zone);
	size_t pos = 0, lineno = 0;
	char *line = malloc(len + 1);
	FZ_PROP(line != NULL, "out of memory");
	while (pos < len) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t n = (size_t)(nl - (text + pos));
		memcpy(line, text + pos, n);
		line[n] = '\0';
		pos += n + 1;
		lineno++;
		for (size_t i = 0; i < n; i++)
			FZ_PROP((unsigned char)line[i] >= 0x20 && (unsigned char)line[i] < 0x7f,
				"zone %s line %zu: byte 0x%02x is not printable ASCII",
				zone, lineno, (unsigned char)line[i]);
		if (lineno == 1) {
			FZ_PROP(strcmp(line, header) == 0, "zone %s: header is '%s', expected '%s'",
				zone, line, header);
			continue;
		}
		if (lineno == 2) {
			FZ_PROP(strcmp(line, origin_line) == 0, "zone %s: line 2 is '%s', expected '%s'",
				zone, line, origin_line);
			continue;
		}
		/* A NAPTR (generic_sip.naptr) has three quoted strings, which
		 * sipzone takes from its services table: letters, digits, '+'. */
		char type[16] = "";
		(void)sscanf(line, "%*s %*s %*s %15s", type);
		bool naptr = strcmp(type, "NAPTR") == 0;
		size_t quotes = 0;
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)line[i];
			if (naptr && c == '"') {
				quotes++;
				continue;
			}
			if (naptr && quotes % 2 == 1) {
				FZ_PROP((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
					(c >= '0' && c <= '9') || c == '+',
					"zone %s line %zu: '%c' in a NAPTR string: '%s'", zone, lineno, c, line);
				continue;
			}
			FZ_PROP(plain_record_byte(c),
				"zone %s line %zu: '%c' in a record line: '%s'", zone, lineno, line[i], line);
		}
		FZ_PROP(!naptr || quotes == 6, "zone %s line %zu: a NAPTR without its three strings: '%s'",
			zone, lineno, line);
		FZ_PROP(n > 0 && line[0] != ' ', "zone %s line %zu: a record line without owner: '%s'",
			zone, lineno, line);
		ldns_rr *rr = NULL;
		ldns_status st = ldns_rr_new_frm_str(&rr, line, 0, origin, NULL);
		FZ_PROP(st == LDNS_STATUS_OK, "zone %s line %zu: ldns cannot parse '%s': %s",
			zone, lineno, line, ldns_get_errorstr_by_id(st));
		ldns_rdf *owner = ldns_rr_owner(rr);
		FZ_PROP(ldns_dname_compare(owner, origin) == 0 || ldns_dname_is_subdomain(owner, origin),
			"zone %s line %zu: owner outside the zone: '%s'", zone, lineno, line);
		FZ_PROP(ldns_rr_get_class(rr) == LDNS_RR_CLASS_IN, "zone %s line %zu: class is not IN",
			zone, lineno);
		fz_rrs_add(out, rr);
	}
	FZ_PROP(lineno >= 2, "zone %s: %zu lines, no $ORIGIN", zone, lineno);
	free(line);
	ldns_rdf_deep_free(origin);
}

static char fixtures[64];

static const struct {
	const char *name;
	const char *text;
} fixture_files[] = {
	{ "inc.zone", "www 300 IN A 192.0.2.80\n_sip._tls IN SRV 0 0 443 sip\n" },
	{ "loop.zone", "; includes itself\n$INCLUDE loop.zone\nloop IN A 192.0.2.1\n" },
	{ "sub/up.zone", "$INCLUDE ../inc.zone\nup IN AAAA 2001:db8::1\n" },
};
#define N_FIXTURES (sizeof(fixture_files) / sizeof(fixture_files[0]))

static void remove_fixtures(void)
{
	char path[256];
	for (size_t i = 0; i < N_FIXTURES; i++) {
		snprintf(path, sizeof(path), "%s/%s", fixtures, fixture_files[i].name);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/sub", fixtures);
	rmdir(path);
	rmdir(fixtures);
}

const char *fz_fixtures(void)
{
	if (fixtures[0] != '\0')
		return fixtures;
	snprintf(fixtures, sizeof(fixtures), "/tmp/sipzone-fuzz-XXXXXX");
	FZ_PROP(mkdtemp(fixtures) != NULL, "mkdtemp failed");
	char path[256];
	snprintf(path, sizeof(path), "%s/sub", fixtures);
	FZ_PROP(mkdir(path, 0700) == 0, "mkdir %s failed", path);
	for (size_t i = 0; i < N_FIXTURES; i++) {
		snprintf(path, sizeof(path), "%s/%s", fixtures, fixture_files[i].name);
		FILE *fp = fopen(path, "w");
		FZ_PROP(fp != NULL && fputs(fixture_files[i].text, fp) >= 0 && fclose(fp) == 0,
			"cannot write %s", path);
	}
	atexit(remove_fixtures);
	return fixtures;
}

size_t fz_count_lines(const char *s, size_t n)
{
	size_t lines = 1;
	for (size_t i = 0; i < n; i++)
		lines += s[i] == '\n';
	return lines;
}

bool fz_fixture_lines(const char *path, size_t *lines)
{
	size_t fl = strlen(fixtures);
	if (fl == 0 || strncmp(path, fixtures, fl) != 0 || path[fl] != '/')
		return false;
	for (size_t i = 0; i < N_FIXTURES; i++) {
		if (strcmp(path + fl + 1, fixture_files[i].name) == 0) {
			const char *t = fixture_files[i].text;
			*lines = 1;
			for (; *t; t++)
				*lines += *t == '\n';
			return true;
		}
	}
	return false;
}
