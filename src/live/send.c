/*
 * live/send.c: send the signed UPDATE once and turn the server's answer
 * into a status with its reason. Nothing is retried: after a lost answer
 * nobody knows whether the update was applied, and a second copy would
 * only fail its prerequisites.
 *
 * The reply must match the UPDATE (ID, QR, opcode, zone section: see
 * live/reply.h), come over the TCP connection the UPDATE went on, and carry
 * a TSIG that verifies against the UPDATE's MAC; an unsigned or badly
 * signed NOERROR is never taken for success.
 */
#include <stdio.h>
#include <string.h>

#include "live/exchange.h"
#include "live/net.h"
#include "live/tsig.h"

#define TSIG_FUDGE 300

/* The TSIG error of an answer (RFC 8945 section 5.2), 0 when none. */
static int tsig_error(const ldns_pkt *p)
{
	const ldns_rr *t = ldns_pkt_tsig(p);
	if (t == NULL || ldns_rr_rd_count(t) < 6 || ldns_rr_rdf(t, 5) == NULL ||
	    ldns_rdf_size(ldns_rr_rdf(t, 5)) != 2)
		return 0;
	return ldns_rdf2native_int16(ldns_rr_rdf(t, 5));
}

static const char *tsig_reason(int e, const sz_tsig_key *key, char *buf, size_t size)
{
	switch (e) {
	case 16:
		snprintf(buf, size, "BADSIG: the signature does not verify, so the secret of key %s differs from the server's",
			 key->name);
		break;
	case 17:
		snprintf(buf, size, "BADKEY: the server has no key %s with algorithm %s", key->name,
			 key->algorithm);
		break;
	case 18:
		snprintf(buf, size, "BADTIME: this machine's clock and the server's differ by more than %d s",
			 TSIG_FUDGE);
		break;
	default:
		snprintf(buf, size, "TSIG error %d", e);
		break;
	}
	return buf;
}

static sz_status refused(const sz_live_conn *c, int rcode, const sz_tsig_key *key, szi_live_error *err)
{
	char rc[32];
	const char *name = szi_live_rcode_name(rcode, rc, sizeof(rc));
	err->rcode = rcode;
	switch (rcode) {
	case LDNS_RCODE_YXDOMAIN:
	case LDNS_RCODE_YXRRSET:
	case LDNS_RCODE_NXRRSET:
	case LDNS_RCODE_NXDOMAIN:
		snprintf(err->text, sizeof(err->text),
			 "%s refused the update with %s: a prerequisite failed, so the records sipzone owns changed since they were read; nothing was changed, run push again",
			 c->label, name);
		return SZ_ERR_CONFLICT;
	case LDNS_RCODE_REFUSED:
		snprintf(err->text, sizeof(err->text),
			 "%s refused the update (REFUSED): the zone does not allow updates signed with key %s (allow-update or update-policy)",
			 c->label, key->name);
		return SZ_ERR_DNS;
	case LDNS_RCODE_NOTAUTH:
		snprintf(err->text, sizeof(err->text),
			 "%s refused the update (NOTAUTH): it is not authoritative for the zone, or does not accept the key",
			 c->label);
		return SZ_ERR_DNS;
	case LDNS_RCODE_NOTZONE:
		snprintf(err->text, sizeof(err->text),
			 "%s refused the update (NOTZONE): a name of the update is outside the zone (a snippet below it is a zone of its own?)",
			 c->label);
		return SZ_ERR_DNS;
	default:
		snprintf(err->text, sizeof(err->text), "%s refused the update (%s)", c->label, name);
		return SZ_ERR_DNS;
	}
}

/* Interpret an answer to the UPDATE; `verified` is ldns's TSIG check. */
static sz_status judge(const sz_live_conn *c, const ldns_pkt *reply, bool verified,
		       const sz_tsig_key *key, szi_live_error *err)
{
	char why[256], rc[32];
	int rcode = (int)ldns_pkt_get_rcode(reply);
	int terr = tsig_error(reply);
	if (terr != 0) {
		err->rcode = rcode;
		err->tsig_error = terr;
		snprintf(err->text, sizeof(err->text), "%s refused the update (%s): %s", c->label,
			 szi_live_rcode_name(rcode, rc, sizeof(rc)), tsig_reason(terr, key, why, sizeof(why)));
		return SZ_ERR_DNS;
	}
	if (rcode != LDNS_RCODE_NOERROR)
		return refused(c, rcode, key, err);
	if (!verified) {
		err->rcode = rcode;
		snprintf(err->text, sizeof(err->text),
			 "%s answered NOERROR, but its answer is not signed with key %s: the update may have been applied; check with sipzone verify",
			 c->label, key->name);
		return SZ_ERR_DNS;
	}
	return SZ_OK;
}

sz_status szi_live_send_update(sz_live_conn *c, ldns_pkt *update, const sz_tsig_key *key,
			  szi_live_error *err)
{
	const char *alg = szi_live_tsig_algorithm_wire(key->algorithm);
	if (alg == NULL) {
		snprintf(err->text, sizeof(err->text), "cannot sign with algorithm %s", key->algorithm);
		return SZ_ERR_USAGE;
	}
	ldns_pkt_set_id(update, szi_live_random_id());
	ldns_status st = ldns_pkt_tsig_sign(update, key->name, key->secret, TSIG_FUDGE, alg, NULL);
	const ldns_rr *tsig = ldns_pkt_tsig(update);
	if (st != LDNS_STATUS_OK || tsig == NULL || ldns_rr_rd_count(tsig) < 4) {
		snprintf(err->text, sizeof(err->text), "cannot sign the update with key %s: %s",
			 key->name, ldns_get_errorstr_by_id(st != LDNS_STATUS_OK ? st : LDNS_STATUS_ERR));
		return SZ_ERR_USAGE;
	}
	szi_live_exchange x;
	ldns_pkt *reply = NULL;
	sz_status s = SZ_ERR_NETWORK;
	/* the next address only while nothing was sent: one UPDATE at most */
	for (size_t i = 0; i < c->n_addrs; i++) {
		memset(&x, 0, sizeof(x));
		x.addr = &c->addrs[i];
		x.addr_len = c->addr_lens[i];
		x.timeout_ms = c->timeout_ms;
		x.tcp_only = true;
		x.key_name = key->name;
		x.key_secret = key->secret;
		x.query_mac = ldns_rr_rdf(tsig, 3);
		s = szi_live_exchange_run(&x, update, &reply);
		if (s != SZ_ERR_NETWORK || x.sent)
			break;
	}
	if (s == SZ_ERR_NOMEM)
		return s;
	if (s == SZ_ERR_DNS) {
		snprintf(err->text, sizeof(err->text),
			 "%s answered the UPDATE incompletely: %s; it may or may not have been applied, check with sipzone verify",
			 c->label, x.why);
		return s;
	}
	if (s != SZ_OK) {
		snprintf(err->text, sizeof(err->text),
			 "no answer from %s to the UPDATE within %u.%03u s (%s): it may or may not have been applied; nothing is sent again, check with sipzone verify",
			 c->label, c->timeout_ms / 1000, c->timeout_ms % 1000,
			 x.why[0] != '\0' ? x.why : "no packet");
		return SZ_ERR_NETWORK;
	}
	s = judge(c, reply, x.tsig_ok, key, err);
	ldns_pkt_free(reply);
	return s;
}
