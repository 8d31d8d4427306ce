/*
 * records/serial.c: SOA serial policy and RFC 1982 serial arithmetic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sipzone/serial.h"

const char *sz_serial_format_name(sz_serial_format format)
{
	switch (format) {
	case SZ_SERIAL_DATE: return "date";
	case SZ_SERIAL_COUNTER: return "counter";
	case SZ_SERIAL_UNIXTIME: return "unixtime";
	}
	return "unknown";
}

bool sz_serial_format_parse(const char *name, sz_serial_format *out)
{
	static const sz_serial_format all[] = { SZ_SERIAL_DATE, SZ_SERIAL_COUNTER, SZ_SERIAL_UNIXTIME };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		if (strcmp(name, sz_serial_format_name(all[i])) == 0) {
			*out = all[i];
			return true;
		}
	}
	return false;
}

bool sz_serial_gt(uint32_t a, uint32_t b)
{
	return (a < b && b - a > 0x80000000u) || (a > b && a - b < 0x80000000u);
}

static uint32_t base_value(const sz_serial_policy *p)
{
	struct tm tm;
	time_t now = p->now;
	switch (p->format) {
	case SZ_SERIAL_DATE:
		if (gmtime_r(&now, &tm) == NULL)
			return 0;
		return (uint32_t)(tm.tm_year + 1900) * 1000000u + (uint32_t)(tm.tm_mon + 1) * 10000u +
		       (uint32_t)tm.tm_mday * 100u;
	case SZ_SERIAL_UNIXTIME:
		return (uint32_t)now;
	case SZ_SERIAL_COUNTER:
		return 1;
	}
	return 0;
}

uint32_t sz_serial_next(const sz_serial_policy *policy, bool has_old, uint32_t old)
{
	if (policy->forced)
		return policy->value;
	uint32_t base = base_value(policy);
	if (!has_old)
		return base;
	uint32_t next = old + 1u; /* wraps modulo 2^32, as RFC 1982 wants */
	if (policy->format != SZ_SERIAL_COUNTER && sz_serial_gt(base, next))
		return base;
	return next;
}

bool sz_serial_from_text(const char *text, size_t len, uint32_t *out)
{
	/* Our SOA line: OWNER TTL IN SOA MNAME RNAME SERIAL REFRESH ... */
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl != NULL ? (size_t)(nl - p) : (size_t)(end - p);
		char line[1024], owner[300], mname[300], rname[300];
		unsigned long ttl, serial;
		if (n < sizeof(line) && p[0] != ';' && p[0] != '$') {
			memcpy(line, p, n);
			line[n] = '\0';
			if (sscanf(line, "%299s %lu IN SOA %299s %299s %lu", owner, &ttl, mname, rname,
				   &serial) == 5 && serial <= 0xffffffffu) {
				*out = (uint32_t)serial;
				return true;
			}
		}
		p += n + 1;
	}
	return false;
}
