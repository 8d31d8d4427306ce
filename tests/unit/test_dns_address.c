/*
 * tests/unit/test_dns_address.c: the address kinds of dns/address.h, at the
 * edges of every range (RFC 1918, 6598, 1122, 3927, 5737, 3849, 4193, 4291).
 */
#include <arpa/inet.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "dns/address.h"

static szi_addr_kind kind(const char *text)
{
	uint8_t b[16];
	if (inet_pton(AF_INET, text, b) == 1)
		return szi_addr_classify(b, 4);
	if (inet_pton(AF_INET6, text, b) == 1)
		return szi_addr_classify(b, 16);
	fail_msg("not an address: %s", text);
	return SZI_ADDR_PUBLIC;
}

static void test_ipv4(void **state)
{
	(void)state;
	assert_int_equal(kind("10.0.0.1"), SZI_ADDR_PRIVATE);
	assert_int_equal(kind("10.255.255.255"), SZI_ADDR_PRIVATE);
	assert_int_equal(kind("11.0.0.1"), SZI_ADDR_PUBLIC);
	assert_int_equal(kind("172.15.255.255"), SZI_ADDR_PUBLIC);
	assert_int_equal(kind("172.16.0.0"), SZI_ADDR_PRIVATE);
	assert_int_equal(kind("172.31.255.255"), SZI_ADDR_PRIVATE);
	assert_int_equal(kind("172.32.0.0"), SZI_ADDR_PUBLIC);
	assert_int_equal(kind("192.168.1.1"), SZI_ADDR_PRIVATE);
	assert_int_equal(kind("192.169.0.1"), SZI_ADDR_PUBLIC);
	assert_int_equal(kind("100.63.255.255"), SZI_ADDR_PUBLIC);
	assert_int_equal(kind("100.64.0.0"), SZI_ADDR_SHARED);
	assert_int_equal(kind("100.127.255.255"), SZI_ADDR_SHARED);
	assert_int_equal(kind("100.128.0.0"), SZI_ADDR_PUBLIC);
	assert_int_equal(kind("127.0.0.1"), SZI_ADDR_LOOPBACK);
	assert_int_equal(kind("127.255.0.9"), SZI_ADDR_LOOPBACK);
	assert_int_equal(kind("169.254.0.1"), SZI_ADDR_LINK_LOCAL);
	assert_int_equal(kind("169.255.0.1"), SZI_ADDR_PUBLIC);
	assert_int_equal(kind("224.0.0.1"), SZI_ADDR_MULTICAST);
	assert_int_equal(kind("239.255.255.255"), SZI_ADDR_MULTICAST);
	assert_int_equal(kind("240.0.0.1"), SZI_ADDR_PUBLIC);   /* reserved, not one of the listed kinds */
	assert_int_equal(kind("0.0.0.0"), SZI_ADDR_UNSPECIFIED);
	assert_int_equal(kind("0.1.2.3"), SZI_ADDR_UNSPECIFIED);
	/* documentation ranges: public for this rule (the examples use them) */
	assert_int_equal(kind("192.0.2.1"), SZI_ADDR_DOCUMENTATION);
	assert_int_equal(kind("198.51.100.7"), SZI_ADDR_DOCUMENTATION);
	assert_int_equal(kind("203.0.113.255"), SZI_ADDR_DOCUMENTATION);
	assert_int_equal(kind("192.0.3.1"), SZI_ADDR_PUBLIC);
	assert_int_equal(kind("8.8.8.8"), SZI_ADDR_PUBLIC);
}

static void test_ipv6(void **state)
{
	(void)state;
	assert_int_equal(kind("::"), SZI_ADDR_UNSPECIFIED);
	assert_int_equal(kind("::1"), SZI_ADDR_LOOPBACK);
	assert_int_equal(kind("::2"), SZI_ADDR_PUBLIC);
	assert_int_equal(kind("::ffff:192.0.2.1"), SZI_ADDR_MAPPED);
	assert_int_equal(kind("::ffff:10.0.0.1"), SZI_ADDR_MAPPED);
	assert_int_equal(kind("fc00::1"), SZI_ADDR_PRIVATE);
	assert_int_equal(kind("fdff:ffff::1"), SZI_ADDR_PRIVATE);
	assert_int_equal(kind("fe80::1"), SZI_ADDR_LINK_LOCAL);
	assert_int_equal(kind("febf::1"), SZI_ADDR_LINK_LOCAL);
	assert_int_equal(kind("fec0::1"), SZI_ADDR_PUBLIC);    /* deprecated site-local: not listed */
	assert_int_equal(kind("ff02::1"), SZI_ADDR_MULTICAST);
	assert_int_equal(kind("2001:db8::1"), SZI_ADDR_DOCUMENTATION);
	assert_int_equal(kind("2001:db8:ffff::1"), SZI_ADDR_DOCUMENTATION);
	assert_int_equal(kind("2001:db9::1"), SZI_ADDR_PUBLIC);
	assert_int_equal(kind("2a00:1450::1"), SZI_ADDR_PUBLIC);
}

static void test_not_public(void **state)
{
	(void)state;
	assert_false(szi_addr_kind_not_public(SZI_ADDR_PUBLIC));
	assert_false(szi_addr_kind_not_public(SZI_ADDR_DOCUMENTATION));
	for (int k = SZI_ADDR_PRIVATE; k <= SZI_ADDR_MAPPED; k++) {
		assert_true(szi_addr_kind_not_public((szi_addr_kind)k));
		assert_string_not_equal(szi_addr_kind_text((szi_addr_kind)k), "?");
	}
	uint8_t five[5] = { 10, 0, 0, 0, 1 };
	assert_int_equal(szi_addr_classify(five, 5), SZI_ADDR_PUBLIC);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv4),
		cmocka_unit_test(test_ipv6),
		cmocka_unit_test(test_not_public),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
