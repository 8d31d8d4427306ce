/*
 * dns/wire_name.h: domain names in wire format for the checker.
 *
 * The checker compares names as lower-cased wire format (length-prefixed
 * labels ending with the root label), the form ldns keeps them in: no text
 * escapes to get wrong, and "name lies below domain" is a suffix test on a
 * label boundary. Everything here is pure and thread-safe, and knows DNS
 * only: which SIP services exist and what they need is sip/services.h.
 */
#ifndef SZ_CHECK_NAMES_INTERNAL_H
#define SZ_CHECK_NAMES_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libpsl.h>


/** Longest wire name (RFC 1035). */
#define SZ_WIRE_MAX 255
/** Room for the presentation form of any wire name, escapes and NUL included. */
#define SZ_TEXT_MAX (4 * SZ_WIRE_MAX + 2)

/** Lower-case copy of a wire name (length bytes are < 64, so unchanged). */
void szi_wire_lower(uint8_t *dst, const uint8_t *src, size_t len);

/** true when `w` is a well-formed absolute wire name of exactly `len` bytes. */
bool szi_wire_valid(const uint8_t *w, size_t len);

/** Number of labels, the root label not counted. */
size_t szi_wire_labels(const uint8_t *w, size_t len);

/**
 * true when `name` equals `domain` or lies below it. Both lower-case wire
 * names; the suffix must start on a label boundary of `name`.
 */
bool szi_wire_within(const uint8_t *name, size_t nlen, const uint8_t *domain, size_t dlen);

/** Byte offset of label `n` (0 = first) of `w`; `len` when there are fewer. */
size_t szi_wire_label_offset(const uint8_t *w, size_t len, size_t n);

/**
 * Presentation form of a wire name with the trailing dot ("sip.contoso.com.",
 * "." for the root), ldns-style escapes for special bytes. `out` holds at
 * least SZ_TEXT_MAX bytes. Returns the length written.
 */
size_t szi_wire_to_text(const uint8_t *w, size_t len, char *out);

/**
 * Wire form of a presentation name (trailing dot optional, "." is the root),
 * lower-cased. Returns the wire length, or 0 when the text is not a name.
 */
size_t szi_text_to_wire(const char *text, uint8_t out[SZ_WIRE_MAX]);


/**
 * true when the SRV owner has the form _service._proto.name: its first two
 * labels start with '_' and have more than the underscore. *d_off is then
 * the offset of `name` (the service domain D) in `owner`.
 */
bool szi_srv_owner_form(const uint8_t *owner, size_t len, size_t *d_off);

/** true when the name starts with an IPv4 dotted quad or an IPv6 literal label. */
bool szi_wire_looks_like_address(const uint8_t *w, size_t len);

/**
 * true when the labels before `origin_off` (the part of a name written
 * before the origin was appended) form a fully qualified host name: at least
 * two labels, host-name characters, a top-level label the public suffix list
 * knows (no wildcard rule), and not itself a public suffix.
 */
bool szi_prefix_looks_fqdn(const psl_ctx_t *psl, const uint8_t *w, size_t prefix_len);

/**
 * true when `name` ends in origin-without-root followed by origin, i.e.
 * "x.contoso.com.contoso.com." for origin "contoso.com.". Lower-case wire.
 */
bool szi_wire_doubled_origin(const uint8_t *name, size_t nlen, const uint8_t *origin, size_t olen);

#endif
