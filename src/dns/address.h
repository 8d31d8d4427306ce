/*
 * dns/address.h: what kind of address an A or AAAA record holds, for the
 * rule that an address published for the outside must be reachable from
 * it (address-not-public: check, and the model rules).
 *
 * Pure and thread-safe; bytes in network order, as in A/AAAA RDATA and
 * sz_addr. The documentation ranges count as public: the examples and
 * tests use them for public addresses (RFC 5737, RFC 3849).
 */
#ifndef SZ_DNS_ADDRESS_H
#define SZ_DNS_ADDRESS_H

#include <stddef.h>
#include <stdint.h>

typedef enum szi_addr_kind {
	SZI_ADDR_PUBLIC = 0,      /**< none of the below: routable */
	SZI_ADDR_DOCUMENTATION,   /**< 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32 */
	SZI_ADDR_PRIVATE,         /**< 10/8, 172.16/12, 192.168/16 (RFC 1918), fc00::/7 (RFC 4193) */
	SZI_ADDR_SHARED,          /**< 100.64/10, carrier-grade NAT (RFC 6598) */
	SZI_ADDR_LOOPBACK,        /**< 127/8, ::1 */
	SZI_ADDR_LINK_LOCAL,      /**< 169.254/16, fe80::/10 */
	SZI_ADDR_MULTICAST,       /**< 224/4, ff00::/8 */
	SZI_ADDR_UNSPECIFIED,     /**< 0/8 ("this network", RFC 1122), :: */
	SZI_ADDR_MAPPED,          /**< ::ffff:0:0/96, IPv4-mapped IPv6 (RFC 4291) */
} szi_addr_kind;

/** The kind of a 4-byte (IPv4) or 16-byte (IPv6) address; any other
 * length is SZI_ADDR_PUBLIC (nothing to say about it). */
szi_addr_kind szi_addr_classify(const uint8_t *bytes, size_t len);

/** false for SZI_ADDR_PUBLIC and SZI_ADDR_DOCUMENTATION. */
static inline int szi_addr_kind_not_public(szi_addr_kind k)
{
	return k != SZI_ADDR_PUBLIC && k != SZI_ADDR_DOCUMENTATION;
}

/** What a kind is, for messages ("private (RFC 1918)"). */
const char *szi_addr_kind_text(szi_addr_kind k);

#endif
