/**
 * @file live.h
 * Live DNS: compare what a server answers with the model (verify), and
 * apply the model to a primary server with one RFC 2136 UPDATE signed with
 * TSIG (push).
 *
 * What sipzone owns in a zone. The RRsets it owns are:
 *  - every RRset (owner, type) of the records `sipzone generate` writes for
 *    the zone (SRV, NAPTR, A, AAAA, the glue of in-zone name servers);
 *  - A and AAAA at each of those host names, so an address family the model
 *    does not give is owned too (and served addresses of it are "extra");
 *  - SRV at _sipfederationtls._tcp.D, _sip._tls.D and _xmpp-server._tcp.D of
 *    each SIP domain D in the zone, because the model decides whether D has
 *    them (federation, remote_access, xmpp);
 *  - for a D with generic_sip, in the external view: SRV at _sips._tcp.D,
 *    _sip._tcp.D, _sip._udp.D and NAPTR at D (generic_sip.transports and
 *    .naptr decide them);
 *  - the RRsets the zone's ownership records list: push records what it
 *    publishes at each name N in a TXT RRset at _sipzone.N
 *    ("heritage=sipzone;types=A,AAAA"), in the same UPDATE; it deletes an
 *    RRset only when such a record lists it (README: "Ownership records").
 * Every other record of the zone, SOA and NS included, is not sipzone's:
 * verify does not report it and push never sends a change for it.
 *
 * A zone given to verify or push selects the model's snippets whose zone is
 * that zone or lies below it (a pool host's snippet `edge.contoso.net` lives
 * in zone `contoso.net`).
 *
 * Ownership: sz_verify() and sz_push() return a report the caller releases
 * with sz_live_report_free(). An sz_tsig_key is filled by the
 * sz_tsig_key_*() functions; sz_tsig_key_clear() wipes the secret and frees
 * its strings. Findings, and why an operation could not run, go to a
 * caller-owned sz_diag_list (the kinds of the rules tell which is which).
 * Every pointer parameter is borrowed.
 */
#ifndef SIPZONE_LIVE_H
#define SIPZONE_LIVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "sipzone/diag.h"
#include "sipzone/model.h"
#include "sipzone/rules.h"
#include "sipzone/status.h"
#include "sipzone/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Default time to wait for one answer, in milliseconds. */
#define SZ_LIVE_TIMEOUT_MS 3000u
/** Default number of further attempts after a query timed out. */
#define SZ_LIVE_RETRIES 1u
/** Most further attempts accepted (ldns counts attempts in a byte). */
#define SZ_LIVE_RETRIES_MAX 10u
/** Default DNS port. */
#define SZ_LIVE_PORT 53u

/* ---- TSIG keys ---- */

/*
 * Key diagnostics carry the registry's key rules (sipzone/rules.h):
 * SZ_RULE_KEY_SYNTAX, SZ_RULE_KEY_ALGORITHM, SZ_RULE_KEY_SECRET, and
 * SZ_RULE_IO when the key file cannot be read.
 */

/** A TSIG key (RFC 8945). */
typedef struct sz_tsig_key {
	char *name;       /**< key name as the server knows it ("sipzone-key") */
	char *algorithm;  /**< lower-case, no trailing dot ("hmac-sha256") */
	char *secret;     /**< base64, as in the key file */
} sz_tsig_key;

/**
 * true when sipzone can sign with `algorithm` (any case, trailing dot
 * optional): hmac-sha256, hmac-sha512, hmac-sha1, hmac-md5. (ldns 1.8 has
 * no hmac-sha224 or hmac-sha384.)
 */
SZ_API bool sz_tsig_algorithm_supported(const char *algorithm);

/**
 * Read a BIND key file: one `key "NAME" { algorithm ALG; secret "B64"; };`
 * statement, as `tsig-keygen` writes it (comments in #, // and slash-star
 * style allowed). Problems go to `diags` as FILE:LINE:COL findings with the
 * key rule ids. Returns SZ_OK, SZ_ERR_IO (unreadable), SZ_ERR_INVALID
 * or SZ_ERR_NOMEM; *out is filled only on SZ_OK.
 */
SZ_API sz_status sz_tsig_key_read_file(const char *path, sz_tsig_key *out, sz_diag_list *diags);

/** sz_tsig_key_read_file() on text in memory; `name` names it in findings. */
SZ_API sz_status sz_tsig_key_parse(const char *text, size_t len, const char *name,
			    sz_tsig_key *out, sz_diag_list *diags);

/**
 * Parse `NAME:ALGORITHM:SECRET` (a command-line --tsig). nsupdate -y's
 * order `ALGORITHM:NAME:SECRET` is accepted too when it is unambiguous.
 * Problems go to `diags` (path "--tsig"). SZ_OK, SZ_ERR_INVALID, SZ_ERR_NOMEM.
 */
SZ_API sz_status sz_tsig_key_parse_spec(const char *spec, sz_tsig_key *out, sz_diag_list *diags);

/** Wipe the secret and free the strings; the key is empty afterwards. */
SZ_API void sz_tsig_key_clear(sz_tsig_key *key);

/* ---- talking to servers ---- */

/** How verify and push reach the server. Zero-initialise, then set. */
typedef struct sz_live_options {
	/** "ADDR", "ADDR#PORT" or a host name (resolved by the system), e.g.
	 * "192.0.2.53#5353", "2001:db8::53". NULL: the system's resolvers
	 * (/etc/resolv.conf); push needs a server. */
	const char *server;
	/** Time to wait for one answer (0: SZ_LIVE_TIMEOUT_MS). */
	unsigned timeout_ms;
	/** Further attempts after a timeout, 0..SZ_LIVE_RETRIES_MAX. A server
	 * that gives no answer ends the run; so the longest wait is
	 * (retries + 1) * timeout per server address. */
	unsigned retries;
	/** verify: only these zones (any case, trailing dot optional); none:
	 * every zone of the model. push: exactly one zone. */
	const char *const *zones;
	size_t n_zones;
	/** Hosting-provider SRV targets accepted outside a SIP domain, in
	 * addition to the built-in hosted names (sz_is_hosted_target()). */
	const char *const *allow_targets;
	size_t n_allow_targets;
	/** push: sign the UPDATE with this key (required unless dry_run). */
	const sz_tsig_key *key;
	/** push: compute and describe the update, send nothing. */
	bool dry_run;
	/** The view whose records the server should have (default external):
	 * internal for the organisation's own DNS servers. */
	sz_view view;
	/** push: also delete the RRsets sipzone published (their ownership
	 * records say so) that the model no longer produces; a zone the model
	 * has no records for is allowed then. */
	bool prune;
} sz_live_options;

/** The state of one RRset: what the server answers against the model. */
typedef enum sz_rrset_state {
	SZ_RRSET_OK = 0,     /**< the same records (and TTL, when authoritative) */
	SZ_RRSET_MISSING,    /**< the model has records, the server none */
	SZ_RRSET_DIFFERENT,  /**< both have records, and they differ */
	SZ_RRSET_EXTRA,      /**< everything the model has, plus records it has not */
	SZ_RRSET_STALE,      /**< sipzone published it (its ownership record says so),
				  and the model no longer produces it */
	SZ_RRSET_STATE_COUNT
} sz_rrset_state;

/** "ok", "missing", "different", "extra", "stale". */
SZ_API const char *sz_rrset_state_name(sz_rrset_state state);

/** One record of a report: its TTL and its RDATA in presentation form. */
typedef struct sz_live_rr {
	uint32_t ttl;
	char *rdata;      /**< "0 0 5061 sip.contoso.com.", "203.0.113.10" */
} sz_live_rr;

/** One RRset sipzone owns, as the model wants it and as it is served. */
typedef struct sz_live_rrset {
	char *zone;         /**< the snippet's zone, no trailing dot */
	char *owner;        /**< fully qualified, with the trailing dot */
	uint16_t type;
	sz_rrset_state state;
	bool ttl_checked;   /**< the answer was authoritative, so TTLs were compared */
	sz_live_rr *expected;   /**< canonical order; may be empty */
	size_t n_expected;
	sz_live_rr *served;     /**< canonical order; may be empty */
	size_t n_served;
	char *note;         /**< e.g. "TTL 300, the model says 3600"; NULL */
	bool left;          /**< push: the model wants none here, but the RRset is not
				 sipzone's to delete (no ownership record lists it; or
				 stale, without --prune), so push left it */
} sz_live_rrset;

typedef struct sz_live_report {
	char *server;       /**< "192.0.2.53#53", or "system resolvers (...)"; escaped (sz_text_escape()) */
	sz_live_rrset *items;   /**< canonical order of owner, then type */
	size_t count;
	size_t states[SZ_RRSET_STATE_COUNT];  /**< RRsets per state */
	/* push only */
	char *zone;         /**< the zone pushed to, with the trailing dot */
	size_t n_changed;   /**< RRsets the update changes (0: nothing to do) */
	char *update_text;  /**< the update in nsupdate syntax; NULL when n_changed is 0 */
	bool sent;          /**< the server accepted the update */
	bool confirmed;     /**< after it, the server answers with the model's records */
	/* appended (issues 15 and 18) */
	bool transferred;   /**< the zone was read with one zone transfer (AXFR), not by queries */
	char *why_no_transfer;  /**< why not, when it was tried; NULL */
	size_t n_queries;   /**< queries sent instead of (or besides) the transfer */
	size_t n_deleted;   /**< push: RRsets of n_changed deleted because sipzone owns them */
	size_t n_owner;     /**< push: ownership records (_sipzone.NAME TXT) written or deleted */
	size_t n_left;      /**< push: RRsets the model wants empty that push leaves (items[].left) */
	size_t n_updates;   /**< push: UPDATE messages the change takes (see README) */
	size_t n_applied;   /**< push: of those, accepted by the server */
	size_t n_read;      /**< push: RRsets reported before the update (count is after it) */
} sz_live_report;

/**
 * Ask the server for every RRset the model owns in the selected zones and
 * compare. The served SRV records are checked with the rules of `sipzone
 * check` (srv-target-outside-namespace, srv-target-hosted,
 * srv-target-cname, srv-target-no-address, srv-target-is-address,
 * srv-null-target, client-strict-naming, srv-port-unusual); their findings
 * go to `findings`, named by the server. Returns SZ_OK with *out set, or:
 *  SZ_ERR_USAGE    a bad server or zone (err says which);
 *  SZ_ERR_NETWORK  no answer within the timeout and retries;
 *  SZ_ERR_DNS      the server answered SERVFAIL, REFUSED, ... or, when it
 *                  was named, is not authoritative and does not recurse;
 *  SZ_ERR_NOMEM.
 */
SZ_API sz_status sz_verify(const sz_model *model, const sz_live_options *opts,
			   sz_live_report **out, sz_diag_list *findings);

/**
 * Make the primary server `opts->server` serve the model's records for the
 * one zone in `opts->zones`: read the zone (one zone transfer signed with
 * the key where allowed, else a query per RRset; the server must answer
 * authoritatively), compute the difference, and send it as UPDATEs signed
 * with `opts->key`, each pinning the RRsets it changes as read (RFC 2136
 * section 2.4), so that a concurrent change to them makes the server refuse
 * that update. A change larger than one message goes as several, in name
 * order, each complete (a name's RRsets with its ownership record); the
 * first refusal ends it, the ones before stay applied (n_applied). Nothing
 * is retried. After the server accepts, the zone is read again. Returns SZ_OK with *out set (`sent`,
 * `confirmed`, `n_changed` tell what happened; with dry_run nothing is
 * sent), or, with one diagnostic in `diags` that says why (rule usage,
 * network, server-error or conflict; none when out of memory):
 *  SZ_ERR_USAGE    no key, a bad server or zone, a zone the model writes
 *                  nothing for;
 *  SZ_ERR_NETWORK  no answer (for the UPDATE: it may or may not have been
 *                  applied, the diagnostic says so);
 *  SZ_ERR_DNS      the server is not authoritative, or refused the update
 *                  (NOTAUTH, REFUSED, BADSIG, BADKEY, BADTIME, NOTZONE, ...);
 *  SZ_ERR_CONFLICT a prerequisite failed (the RRsets changed since they
 *                  were read), or a CNAME sipzone does not own is in the way;
 *  SZ_ERR_NOMEM.
 */
SZ_API sz_status sz_push(const sz_model *model, const sz_live_options *opts,
			 sz_live_report **out, sz_diag_list *diags);

/** Release a report; NULL is allowed. */
SZ_API void sz_live_report_free(sz_live_report *report);

#ifdef __cplusplus
}
#endif

#endif
