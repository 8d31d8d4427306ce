/*
 * dns/host_name.c: host-name validation, canonical order and containment.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dns/host_name.h"
#include "sipzone/records.h"

/* Characters that would change the meaning of a zone file get their own
 * message, so the user learns why the name is refused. */
static const char *forbidden_reason(unsigned char c)
{
	switch (c) {
	case '\0': return "contains a NUL byte";
	case '\n': return "contains a newline";
	case '\r': return "contains a carriage return";
	case '\t': return "contains a tab";
	case ' ':  return "contains a space";
	case ';':  return "contains ';' (starts a comment in a zone file)";
	case '$':  return "contains '$' (starts a zone-file directive)";
	case '(':  return "contains '(' (zone-file grouping)";
	case ')':  return "contains ')' (zone-file grouping)";
	case '"':  return "contains '\"' (zone-file quoting)";
	case '\\': return "contains a backslash (zone-file escape)";
	case '@':  return "contains '@' (the zone-file origin)";
	case '*':  return "is a wildcard; a host name is needed";
	case '_':  return "contains '_', which is not allowed in a host name";
	default:   return NULL;
	}
}

static bool check_chars(const char *s, size_t len, char *why)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *r = forbidden_reason(c);
		if (r != NULL) {
			snprintf(why, SZ_NAME_WHY_SIZE, "%s", r);
			return false;
		}
		if (c >= 0x80) {
			snprintf(why, SZ_NAME_WHY_SIZE,
				 "contains non-ASCII characters; write the A-label form (xn--...)");
			return false;
		}
		if (!isalnum(c) && c != '-' && c != '.') {
			snprintf(why, SZ_NAME_WHY_SIZE,
				 "contains '%c', which is not allowed in a host name", c);
			return false;
		}
	}
	return true;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

static bool check_label(const char *label, size_t n, char *why)
{
	if (n == 0) {
		snprintf(why, SZ_NAME_WHY_SIZE, "has an empty label");
		return false;
	}
	if (n > 63) {
		snprintf(why, SZ_NAME_WHY_SIZE, "has a label of %zu octets (at most 63)", n);
		return false;
	}
	if (label[0] == '-' || label[n - 1] == '-') {
		snprintf(why, SZ_NAME_WHY_SIZE, "has a label that starts or ends with '-'");
		return false;
	}
	return true;
}

static bool check_labels(const char *s, size_t len, char *why)
{
	size_t labels = 0, start = 0, last_start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '.')
			continue;
		if (!check_label(s + start, i - start, why))
			return false;
		labels++;
		last_start = start;
		start = i + 1;
	}
	if (labels < 2) {
		snprintf(why, SZ_NAME_WHY_SIZE, "is a single label; a fully qualified name is needed");
		return false;
	}
	if (all_digits(s + last_start, len - last_start)) {
		snprintf(why, SZ_NAME_WHY_SIZE, "ends in a numeric label; an IP address is not a host name");
		return false;
	}
	return true;
}

char *szi_name_normalize(const char *s, size_t len, char *why, bool *nomem)
{
	*nomem = false;
	if (len == 0) {
		snprintf(why, SZ_NAME_WHY_SIZE, "is empty");
		return NULL;
	}
	if (!check_chars(s, len, why))
		return NULL;
	if (s[0] == '.') {
		snprintf(why, SZ_NAME_WHY_SIZE, "starts with a dot");
		return NULL;
	}
	if (s[len - 1] == '.')
		len--;
	/* 255 octets in wire form: the text without the final dot is at most 253. */
	if (len > 253) {
		snprintf(why, SZ_NAME_WHY_SIZE, "is longer than 255 octets in wire form");
		return NULL;
	}
	if (!check_labels(s, len, why))
		return NULL;
	char *out = malloc(len + 1);
	if (out == NULL) {
		*nomem = true;
		return NULL;
	}
	for (size_t i = 0; i < len; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[len] = '\0';
	return out;
}

const char *szi_name_parent(const char *name)
{
	const char *dot = strchr(name, '.');
	return dot != NULL ? dot + 1 : NULL;
}

static int label_cmp(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t n = alen < blen ? alen : blen;
	for (size_t i = 0; i < n; i++) {
		int ca = tolower((unsigned char)a[i]);
		int cb = tolower((unsigned char)b[i]);
		if (ca != cb)
			return ca - cb;
	}
	return (alen > blen) - (alen < blen);
}

static size_t strip_dot(const char *s)
{
	size_t n = strlen(s);
	return n > 0 && s[n - 1] == '.' ? n - 1 : n;
}

/* Start of the label that ends (exclusive) at `end`. */
static size_t label_start(const char *s, size_t end)
{
	while (end > 0 && s[end - 1] != '.')
		end--;
	return end;
}

/* RFC 4034 section 6.1: compare label by label from the right, each label as
 * lower-cased octets; a name that runs out of labels first sorts first. */
int szi_name_canonical_cmp_n(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t ae = alen > 0 && a[alen - 1] == '.' ? alen - 1 : alen;
	size_t be = blen > 0 && b[blen - 1] == '.' ? blen - 1 : blen;
	bool aleft = ae > 0, bleft = be > 0;
	while (aleft && bleft) {
		size_t as = label_start(a, ae), bs = label_start(b, be);
		int c = label_cmp(a + as, ae - as, b + bs, be - bs);
		if (c != 0)
			return c;
		aleft = as > 0;
		bleft = bs > 0;
		ae = aleft ? as - 1 : 0;
		be = bleft ? bs - 1 : 0;
	}
	return (int)aleft - (int)bleft;
}

int sz_name_canonical_cmp(const char *a, const char *b)
{
	return szi_name_canonical_cmp_n(a, strlen(a), b, strlen(b));
}

bool sz_name_is_within(const char *name, const char *domain)
{
	size_t n = strip_dot(name), d = strip_dot(domain);
	if (d == 0)
		return true; /* everything is below the root */
	if (n < d)
		return false;
	if (strncasecmp(name + (n - d), domain, d) != 0)
		return false;
	return n == d || name[n - d - 1] == '.';
}
