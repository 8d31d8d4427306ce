/*
 * records/export_util.c: what the export writers share: appending text,
 * names relative to the zone, addresses, RRsets, and which records each
 * format writes.
 */
#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records/export_internal.h"
#include "records/text.h"

bool sz_export_writes_type(sz_export_format format, uint16_t type)
{
	if (type == SZ_TYPE_SOA)
		return false;
	if (type == SZ_TYPE_NS || type == SZ_TYPE_NAPTR)
		return format == SZ_EXPORT_OCTODNS || format == SZ_EXPORT_DNSCONTROL;
	return true;
}

sz_status szi_put(sz_text *t, const char *s)
{
	size_t n = strlen(s);
	if (szi_text_reserve(t, n + 1) != SZ_OK)
		return SZ_ERR_NOMEM;
	memcpy(t->data + t->len, s, n + 1);
	t->len += n;
	return SZ_OK;
}

sz_status szi_putf(sz_text *t, const char *fmt, ...)
{
	char small[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return SZ_ERR_NOMEM;
	if ((size_t)n < sizeof(small))
		return szi_put(t, small);
	char *big = malloc((size_t)n + 1);
	if (big == NULL)
		return SZ_ERR_NOMEM;
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sz_status s = szi_put(t, big);
	free(big);
	return s;
}

void szi_relative(const char *owner, const char *zone, char *buf, size_t size)
{
	size_t o = strlen(owner), z = strlen(zone);
	if (o <= z) {
		snprintf(buf, size, "%s", "");
		return;
	}
	/* owner is "<labels>.<zone>": placement guarantees it */
	snprintf(buf, size, "%.*s", (int)(o - z - 1), owner);
}

void szi_address(const sz_record *r, char *buf, size_t size)
{
	if (inet_ntop(r->rdata.addr.family, r->rdata.addr.bytes, buf, (socklen_t)size) == NULL)
		snprintf(buf, size, "%s", "?");
}

size_t szi_rrset_len(const sz_snippet *s, size_t i)
{
	size_t j = i + 1;
	while (j < s->n_records && s->records[j].type == s->records[i].type &&
	       strcmp(s->records[j].owner, s->records[i].owner) == 0)
		j++;
	return j - i;
}

void szi_safe_source(const char *source, char *buf, size_t size)
{
	size_t n = 0;
	for (const char *p = source; *p && n + 1 < size; p++) {
		char c = *p >= 0x20 && *p < 0x7f && *p != '\'' && *p != '"' && *p != '\\' &&
			*p != '`' && *p != '*' ? *p : '?';
		buf[n++] = c;
	}
	buf[n] = '\0';
}

sz_status szi_export_records(const sz_snippet *s, sz_export_format format, sz_snippet *out)
{
	*out = *s;
	size_t n_ns = s->def != NULL && sz_export_writes_type(format, SZ_TYPE_NS) ? s->def->n_ns : 0;
	out->records = malloc((s->n_records + n_ns + 1) * sizeof(*out->records));
	if (out->records == NULL)
		return SZ_ERR_NOMEM;
	/* Canonical order: the apex comes first, and there NS (2) after A (1). */
	size_t k = 0, i = 0;
	while (i < s->n_records && s->records[i].type < SZ_TYPE_NS &&
	       strcmp(s->records[i].owner, s->zone) == 0)
		out->records[k++] = s->records[i++];
	for (size_t j = 0; j < n_ns; j++) {
		sz_record ns = { .owner = s->zone, .type = SZ_TYPE_NS, .ttl = s->ttl };
		ns.rdata.cname = s->def->ns[j].name;
		out->records[k++] = ns;
	}
	for (; i < s->n_records; i++)
		if (sz_export_writes_type(format, s->records[i].type))
			out->records[k++] = s->records[i];
	out->n_records = k;
	return SZ_OK;
}

void szi_naptr_text(const sz_record *r, char *buf, size_t size)
{
	snprintf(buf, size, "%u %u \"%s\" \"%s\" \"%s\" %s.", r->rdata.naptr.order,
		 r->rdata.naptr.preference, r->rdata.naptr.flags, r->rdata.naptr.service,
		 r->rdata.naptr.regexp, r->rdata.naptr.replacement);
}
