/*
 * dns/address.c: address kinds (dns/address.h), from the IANA special-
 * purpose registries (RFC 6890) as far as address-not-public needs them.
 */
#include <string.h>

#include "dns/address.h"

static szi_addr_kind classify4(const uint8_t *a)
{
	if (a[0] == 0)
		return SZI_ADDR_UNSPECIFIED;
	if (a[0] == 10 || (a[0] == 172 && (a[1] & 0xf0) == 16) || (a[0] == 192 && a[1] == 168))
		return SZI_ADDR_PRIVATE;
	if (a[0] == 100 && (a[1] & 0xc0) == 64)
		return SZI_ADDR_SHARED;
	if (a[0] == 127)
		return SZI_ADDR_LOOPBACK;
	if (a[0] == 169 && a[1] == 254)
		return SZI_ADDR_LINK_LOCAL;
	if ((a[0] & 0xf0) == 224)
		return SZI_ADDR_MULTICAST;
	if ((a[0] == 192 && a[1] == 0 && a[2] == 2) || (a[0] == 198 && a[1] == 51 && a[2] == 100) ||
	    (a[0] == 203 && a[1] == 0 && a[2] == 113))
		return SZI_ADDR_DOCUMENTATION;
	return SZI_ADDR_PUBLIC;
}

static szi_addr_kind classify6(const uint8_t *a)
{
	static const uint8_t zero[16];
	static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	if (memcmp(a, zero, 15) == 0)
		return a[15] == 0 ? SZI_ADDR_UNSPECIFIED : a[15] == 1 ? SZI_ADDR_LOOPBACK
								       : SZI_ADDR_PUBLIC;
	if (memcmp(a, mapped, sizeof(mapped)) == 0)
		return SZI_ADDR_MAPPED;
	if ((a[0] & 0xfe) == 0xfc)
		return SZI_ADDR_PRIVATE;
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
		return SZI_ADDR_LINK_LOCAL;
	if (a[0] == 0xff)
		return SZI_ADDR_MULTICAST;
	if (a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8)
		return SZI_ADDR_DOCUMENTATION;
	return SZI_ADDR_PUBLIC;
}

szi_addr_kind szi_addr_classify(const uint8_t *bytes, size_t len)
{
	if (len == 4)
		return classify4(bytes);
	if (len == 16)
		return classify6(bytes);
	return SZI_ADDR_PUBLIC;
}

const char *szi_addr_kind_text(szi_addr_kind k)
{
	switch (k) {
	case SZI_ADDR_PUBLIC: return "public";
	case SZI_ADDR_DOCUMENTATION: return "a documentation address (RFC 5737, RFC 3849)";
	case SZI_ADDR_PRIVATE: return "private (RFC 1918; IPv6 unique local, RFC 4193)";
	case SZI_ADDR_SHARED: return "shared carrier-grade NAT space (RFC 6598)";
	case SZI_ADDR_LOOPBACK: return "loopback";
	case SZI_ADDR_LINK_LOCAL: return "link-local";
	case SZI_ADDR_MULTICAST: return "multicast";
	case SZI_ADDR_UNSPECIFIED: return "unspecified (this network, RFC 1122)";
	case SZI_ADDR_MAPPED: return "IPv4-mapped IPv6 (RFC 4291; never an IPv6 destination)";
	}
	return "?";
}
