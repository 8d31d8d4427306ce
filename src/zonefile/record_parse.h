/*
 * zonefile/record_parse.h: one record of text to an ldns_rr.
 *
 * ldns_rr_new_frm_str() is the reference parser, but most of its time goes
 * to re-tokenising text the zone reader has already split and normalised
 * (and to the 200 KB of buffers it takes and frees per record). For the
 * common record types (A, AAAA, NS, CNAME, DNAME, PTR, MX, TXT, SRV, NAPTR,
 * CAA, SOA, DS, DNSKEY, RRSIG, NSEC, NSEC3, NSEC3PARAM, TLSA, SSHFP, SVCB,
 * HTTPS) this splits the fields itself by ldns's descriptor of the type, the
 * way ldns_rr_new_frm_str() splits them (one token per field; a last field
 * of base64, hex, type bitmap or SvcParams to the end of the line; character
 * strings quoted or plain, escapes left to ldns), and converts each into its
 * wire form with the same ldns function ldns_rr_new_frm_str() would call
 * (ldns_dname_new_frm_str, ldns_rdf_new_frm_str, ldns_str2period,
 * ldns_dname_cat) in the same order, so the result is the same ldns_rr.
 * It steps aside for what changes tokenising (parentheses, ';' or control
 * bytes outside quotes, quotes or escapes outside character strings, "@" or
 * "\#" in the data, another number of fields, a record longer than 8 KB);
 * that, and every record a field conversion rejects, goes to
 * ldns_rr_new_frm_str(), so errors are always ldns's own.
 */
#ifndef SZ_CHECK_PARSE_INTERNAL_H
#define SZ_CHECK_PARSE_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include <ldns/ldns.h>

#include "zonefile/tokens.h"

/**
 * Parse `text` as ldns_rr_new_frm_str(out, text, default_ttl, origin, NULL)
 * does. `fast` false always calls ldns_rr_new_frm_str(). *fast_used, when
 * not NULL, tells which way was taken.
 */
/** The same, with the head already split (szi_rec_head_split() on `text`), or NULL. */
ldns_status szi_parse_rr_head(ldns_rr **out, const char *text, const szi_rec_head *head,
			      uint32_t default_ttl, const ldns_rdf *origin, bool fast, bool *fast_used);

ldns_status szi_parse_rr(ldns_rr **out, const char *text, uint32_t default_ttl,
			 const ldns_rdf *origin, bool fast, bool *fast_used);

#endif
