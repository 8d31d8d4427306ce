/*
 * dns/wire_name.c: wire-format names and the name-shape tests of the
 * checker (below a domain, SRV owner form, address look-alikes, forgotten
 * dots).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "dns/wire_name.h"

void szi_wire_lower(uint8_t *dst, const uint8_t *src, size_t len)
{
	/*
	 * Eight bytes at a time: a byte is an upper-case letter when, below
	 * 0x80, adding 0x3f carries into its top bit ('A' and up) and adding
	 * 0x25 does not ('Z' and below); then set its 0x20 bit.
	 */
	const uint64_t high = 0x8080808080808080ull;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t v;
		memcpy(&v, src + i, 8);
		uint64_t low7 = v & ~high;
		uint64_t ge_a = low7 + 0x3f3f3f3f3f3f3f3full;
		uint64_t gt_z = low7 + 0x2525252525252525ull;
		uint64_t upper = ge_a & ~gt_z & ~v & high;
		v |= upper >> 2;
		memcpy(dst + i, &v, 8);
	}
	for (; i < len; i++) {
		uint8_t c = src[i];
		dst[i] = (uint8_t)(c | (uint8_t)(((unsigned)(c - 'A') < 26u) << 5));
	}
}

bool szi_wire_valid(const uint8_t *w, size_t len)
{
	size_t i = 0;
	if (len == 0 || len > SZ_WIRE_MAX)
		return false;
	while (i < len) {
		uint8_t l = w[i];
		if (l == 0)
			return i + 1 == len;
		if (l > 63)
			return false;
		i += (size_t)l + 1;
	}
	return false;
}

size_t szi_wire_labels(const uint8_t *w, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len && w[i] != 0; i += (size_t)w[i] + 1)
		n++;
	return n;
}

size_t szi_wire_label_offset(const uint8_t *w, size_t len, size_t n)
{
	size_t i = 0;
	while (n > 0 && i < len && w[i] != 0) {
		i += (size_t)w[i] + 1;
		n--;
	}
	return n == 0 && i < len ? i : len;
}

bool szi_wire_within(const uint8_t *name, size_t nlen, const uint8_t *domain, size_t dlen)
{
	if (dlen > nlen || dlen == 0)
		return false;
	size_t start = nlen - dlen;
	size_t i = 0;
	while (i < start && name[i] != 0)
		i += (size_t)name[i] + 1;
	return i == start && memcmp(name + start, domain, dlen) == 0;
}

static bool needs_escape(uint8_t c)
{
	switch (c) {
	case '.': case '\\': case '"': case ';': case '(': case ')':
	case '$': case '@':
		return true;
	default:
		return false;
	}
}

size_t szi_wire_to_text(const uint8_t *w, size_t len, char *out)
{
	size_t o = 0;
	size_t i = 0;
	if (len == 0 || w[0] == 0) {
		out[0] = '.';
		out[1] = '\0';
		return 1;
	}
	while (i < len && w[i] != 0) {
		size_t l = w[i++];
		for (size_t k = 0; k < l && i < len; k++, i++) {
			uint8_t c = w[i];
			if (c <= ' ' || c >= 0x7f) {
				o += (size_t)snprintf(out + o, 5, "\\%03u", (unsigned)c);
			} else {
				if (needs_escape(c))
					out[o++] = '\\';
				out[o++] = (char)c;
			}
		}
		out[o++] = '.';
	}
	out[o] = '\0';
	return o;
}

size_t szi_text_to_wire(const char *text, uint8_t out[SZ_WIRE_MAX])
{
	size_t o = 0;
	const char *p = text;
	if (strcmp(text, ".") == 0) {
		out[0] = 0;
		return 1;
	}
	if (*p == '\0' || *p == '.')
		return 0;
	while (*p != '\0') {
		size_t lenpos = o++;
		size_t l = 0;
		if (o >= SZ_WIRE_MAX)
			return 0;
		while (*p != '\0' && *p != '.') {
			unsigned char c = (unsigned char)*p++;
			if (c == '\\') {
				if (p[0] >= '0' && p[0] <= '9' && p[1] >= '0' && p[1] <= '9' &&
				    p[2] >= '0' && p[2] <= '9') {
					unsigned v = (unsigned)(p[0] - '0') * 100 +
						     (unsigned)(p[1] - '0') * 10 + (unsigned)(p[2] - '0');
					if (v > 255)
						return 0;
					c = (unsigned char)v;
					p += 3;
				} else if (*p != '\0') {
					c = (unsigned char)*p++;
				} else {
					return 0;
				}
			}
			if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c + ('a' - 'A'));
			if (l == 63 || o + 1 >= SZ_WIRE_MAX)
				return 0;
			out[o++] = c;
			l++;
		}
		if (l == 0)
			return 0;
		out[lenpos] = (uint8_t)l;
		if (*p == '.')
			p++;
	}
	out[o++] = 0;
	return o;
}


static bool label_is_service(const uint8_t *w, size_t len, size_t off)
{
	return off < len && w[off] >= 2 && off + 1 < len && w[off + 1] == '_';
}

bool szi_srv_owner_form(const uint8_t *owner, size_t len, size_t *d_off)
{
	if (!label_is_service(owner, len, 0))
		return false;
	size_t second = (size_t)owner[0] + 1;
	if (!label_is_service(owner, len, second))
		return false;
	*d_off = second + (size_t)owner[second] + 1;
	return *d_off < len;
}

static bool label_is_octet(const uint8_t *w)
{
	size_t l = w[0];
	unsigned v = 0;
	if (l == 0 || l > 3)
		return false;
	for (size_t i = 1; i <= l; i++) {
		if (w[i] < '0' || w[i] > '9')
			return false;
		v = v * 10 + (unsigned)(w[i] - '0');
	}
	return v <= 255;
}

bool szi_wire_looks_like_address(const uint8_t *w, size_t len)
{
	if (len < 2 || w[0] == 0)
		return false;
	/* An IPv6 literal written as a name is one label with colons. */
	if (memchr(w + 1, ':', w[0]) != NULL) {
		char buf[64];
		unsigned char addr[16];
		if (w[0] >= sizeof(buf))
			return false;
		memcpy(buf, w + 1, w[0]);
		buf[w[0]] = '\0';
		return inet_pton(AF_INET6, buf, addr) == 1;
	}
	size_t off = 0;
	for (int k = 0; k < 4; k++) {
		if (off >= len || !label_is_octet(w + off))
			return false;
		off += (size_t)w[off] + 1;
	}
	return true;
}

static bool host_char(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

/*
 * Top-level domains that are almost never a sub-domain label: the original
 * generic ones and the two-letter country codes. Newer generic TLDs (.chat,
 * .security, .support, ...) are common words, and "www.security" written
 * relative to example.org is usually meant as www.security.example.org.
 */
static bool tld_is_classic(const uint8_t *l, size_t n)
{
	static const char three[] = "comnetorgedugovmilintbizprotelcat";
	static const char four[] = "infonameaerocoopmobiasiajobsarpa";
	static const char six[] = "museumtravel";
	if (n == 2)
		return l[0] >= 'a' && l[0] <= 'z' && l[1] >= 'a' && l[1] <= 'z';
	if (n == 3) {
		for (size_t i = 0; i + 3 <= sizeof(three) - 1; i += 3)
			if (memcmp(three + i, l, 3) == 0)
				return true;
		return false;
	}
	const char *set = n == 4 ? four : n == 6 ? six : NULL;
	size_t set_len = n == 4 ? sizeof(four) - 1 : sizeof(six) - 1;
	if (set == NULL)
		return false;
	for (size_t i = 0; i + n <= set_len; i += n)
		if (memcmp(set + i, l, n) == 0)
			return true;
	return false;
}

static bool ldh_label(const char *s, size_t n)
{
	if (n == 0 || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

bool szi_prefix_looks_fqdn(const psl_ctx_t *psl, const uint8_t *w, size_t prefix_len)
{
	size_t i = 0, labels = 0, last = 0;
	size_t starts[128];
	if (psl == NULL)
		return false;
	while (i < prefix_len) {
		size_t l = w[i];
		if (l == 0 || i + 1 + l > prefix_len || labels >= 128)
			return false;
		last = i;
		i += l + 1;
		labels++;
	}
	/* Cheap tests first: most names end in a label like "sip000001". */
	if (labels < 2 || !tld_is_classic(w + last + 1, w[last]))
		return false;
	char text[SZ_WIRE_MAX + 1];
	size_t o = 0, k = 0;
	for (i = 0; i < prefix_len; k++) {
		size_t l = w[i++];
		if (o > 0)
			text[o++] = '.';
		starts[k] = o;
		for (size_t j = 0; j < l; j++) {
			uint8_t c = w[i + j];
			if (!host_char(c))
				return false;
			text[o++] = (char)c;
		}
		i += l;
	}
	text[o] = '\0';
	int type = PSL_TYPE_ICANN | PSL_TYPE_NO_STAR_RULE;
	if (!psl_is_public_suffix2(psl, text + starts[labels - 1], type) ||
	    psl_is_public_suffix2(psl, text, type))
		return false;
	/* The label before the longest public suffix must be a registrable
	 * host-name label: "_client._smtp.mx" is a service name, not a domain. */
	for (k = 1; k < labels; k++) {
		if (psl_is_public_suffix2(psl, text + starts[k], type))
			return ldh_label(text + starts[k - 1], starts[k] - 1 - starts[k - 1]);
	}
	return false;
}

bool szi_wire_doubled_origin(const uint8_t *name, size_t nlen, const uint8_t *origin, size_t olen)
{
	if (olen < 2)
		return false; /* the root cannot be doubled */
	size_t twice = 2 * olen - 1;
	if (nlen < twice || !szi_wire_within(name, nlen, origin, olen))
		return false;
	return szi_wire_within(name, nlen, name + (nlen - twice), twice) &&
	       memcmp(name + (nlen - twice), origin, olen - 1) == 0;
}
