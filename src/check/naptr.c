/*
 * check/naptr.c: the per-record rules of a SIP NAPTR (RFC 3263 section
 * 4.1): flag "s", an empty regexp, a replacement naming an SRV whose
 * _service._proto labels agree with the NAPTR's service. Runs in the parser
 * threads; what needs other records (does the replacement own an SRV, is
 * the _sip(s)._proto.D fallback published) is check/cross.c's, from the
 * entry's target and `naptr` fields filled here.
 */
#include <string.h>
#include <strings.h>

#include "base/hash.h"
#include "check/findings.h"

/* A character-string rdf as (pointer, length). */
static const uint8_t *str_of(const ldns_rdf *rdf, size_t *len)
{
	const uint8_t *d = ldns_rdf_data(rdf);
	size_t n = ldns_rdf_size(rdf);
	if (n == 0 || (size_t)d[0] + 1 > n) {
		*len = 0;
		return d;
	}
	*len = d[0];
	return d + 1;
}

static bool str_is(const uint8_t *s, size_t len, const char *want)
{
	return len == strlen(want) && strncasecmp((const char *)s, want, len) == 0;
}

/* The SIP services of RFC 3263 section 4.1: a row of sip/services.c (the
 * one table of SIP services) by its NAPTR column, as 1 + its id; any other
 * SIP(S)+D2x (RFC 3263's SCTP D2S, WebSocket D2W) is SZ_NAPTR_SIP_OTHER. */
static uint8_t sip_service(const uint8_t *s, size_t len)
{
	const szi_sip_service *row = szi_sip_service_by_naptr(s, len);
	if (row != NULL) /* the table is one array: the row's index is its id */
		return (uint8_t)(row - szi_sip_service_at((szi_svc_id)0) + 1);
	if ((len > 6 && strncasecmp((const char *)s, "SIP+D2", 6) == 0) ||
	    (len > 7 && strncasecmp((const char *)s, "SIPS+D2", 7) == 0))
		return SZ_NAPTR_SIP_OTHER;
	return 0;
}

static bool label_is(const uint8_t *l, const char *want)
{
	size_t n = strlen(want);
	return l[0] == n && memcmp(l + 1, want, n) == 0;
}

void szi_naptr_check(sz_batch *b, uint32_t i, const ldns_rr *rr, const uint8_t *rw, size_t rlen)
{
	sz_entry *e = &b->entries[i];
	if (ldns_rr_rd_count(rr) != 6)
		return;
	size_t flen, slen, xlen;
	const uint8_t *flags = str_of(ldns_rr_rdf(rr, 2), &flen);
	const uint8_t *svc = str_of(ldns_rr_rdf(rr, 3), &slen);
	(void)str_of(ldns_rr_rdf(rr, 4), &xlen);
	uint8_t kind = sip_service(svc, slen);
	if (kind == 0)
		return;   /* E2U+sip, TEST+D2U ...: not a SIP server lookup */
	char svc_text[64];
	snprintf(svc_text, sizeof(svc_text), "%.*s", (int)(slen < 60 ? slen : 60), (const char *)svc);
	char repl[SZ_TEXT_MAX];
	szi_wire_to_text(rw, rlen, repl);
	bool ok = true;
	if (!str_is(flags, flen, "s")) {
		(void)szi_batch_finding(b, i, SZ_RULE_NAPTR_FORM, SZ_SEV_ERROR, rr,
			"NAPTR %s has flags \"%.*s\", but a SIP NAPTR is terminal with flag \"s\": its replacement names the SRV to look up (RFC 3263 section 4.1); write flags \"s\"",
			svc_text, (int)flen, (const char *)flags);
		ok = false;
	}
	if (xlen > 0 && rlen > 1) {
		(void)szi_batch_finding(b, i, SZ_RULE_NAPTR_FORM, SZ_SEV_ERROR, rr,
			"NAPTR %s has both a regexp and the replacement %s: a NAPTR may use only one of them (RFC 3403 section 4.1), and SIP uses the replacement (RFC 3263 section 4.1); write the regexp as \"\"",
			svc_text, repl);
		ok = false;
	}
	if (rlen <= 1) {
		(void)szi_batch_finding(b, i, SZ_RULE_NAPTR_FORM, SZ_SEV_ERROR, rr,
			"NAPTR %s has the empty replacement '.': a SIP NAPTR with flag \"s\" names the SRV record to look up in its replacement (RFC 3263 section 4.1); write the SRV owner, e.g. _sip._udp.<domain>. with its final dot",
			svc_text);
		return;
	}
	/* the _service._proto labels of the replacement, if it has them */
	size_t l2 = (size_t)rw[0] + 1;
	if (rw[0] > 1 && rw[1] == '_' && l2 < rlen && rw[l2] > 1 && rw[l2 + 1] == '_') {
		const uint8_t *sl = rw, *pl = rw + l2;
		const szi_sip_service *row = szi_naptr_service(kind);
		bool sips = (row != NULL && row->transport == SZ_SIP_TLS) ||
			    (kind == SZ_NAPTR_SIP_OTHER && slen > 3 && (svc[3] == 's' || svc[3] == 'S'));
		bool tcp = row != NULL && row->transport != SZ_SIP_UDP;
		bool udp = row != NULL && row->transport == SZ_SIP_UDP;
		if (label_is(sl, "_sips") && label_is(pl, "_udp") && !sips) {
			(void)szi_batch_finding(b, i, SZ_RULE_SIP_TRANSPORT_LABEL, SZ_SEV_WARNING, rr,
				"NAPTR %s names %s, but SIPS over UDP is not defined (RFC 3261 section 26.2: SIPS needs TLS over a reliable transport); name _sip._udp.<domain>. here and publish SIPS as SIPS+D2T -> _sips._tcp.<domain>.",
				svc_text, repl);
		} else if (tcp && label_is(pl, "_tls") && (label_is(sl, "_sip") || label_is(sl, "_sips"))) {
			(void)szi_batch_finding(b, i, SZ_RULE_SIP_TRANSPORT_LABEL, SZ_SEV_WARNING, rr,
				"NAPTR %s names %s, but RFC 3263 clients look TLS up as _sips._tcp.<domain>. (_tls is Microsoft's label for its clients' _sip._tls, not a transport of RFC 3263); name _sips._tcp.<domain>. and give it the SRV",
				svc_text, repl);
		} else if ((label_is(sl, "_sip") || label_is(sl, "_sips")) &&
			   ((sips && (label_is(sl, "_sip") || label_is(pl, "_udp"))) ||
			    (tcp && label_is(pl, "_udp")) || (udp && label_is(pl, "_tcp")))) {
			(void)szi_batch_finding(b, i, SZ_RULE_NAPTR_TRANSPORT_MISMATCH, SZ_SEV_ERROR, rr,
				"NAPTR %s names %s, whose _service._proto labels are for another transport: a client that picked %s connects with it to the SRV's targets (RFC 3263 section 4.1); name %s.<domain>. instead",
				svc_text, repl, svc_text,
				row != NULL ? row->prefix : "_sip(s)._<transport>");
			ok = false;
		}
	}
	if (!ok)
		return;
	e->target_off = (uint32_t)b->wire.len;
	if (!sz_buf_put(&b->wire, rw, rlen))
		return;
	e->target_len = (uint8_t)rlen;
	e->target_hash = szi_hash(rw, rlen);
	e->naptr = kind;
	e->naptr_order = ldns_rdf2native_int16(ldns_rr_rdf(rr, 0));
	e->naptr_pref = ldns_rdf2native_int16(ldns_rr_rdf(rr, 1));
}
