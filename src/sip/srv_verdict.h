/*
 * sip/srv_verdict.h: the verdict on one SRV record, the rule ids and
 * severities it draws from the name rules (owner form, null target,
 * address target, namespace, hosting provider, strict naming, port).
 *
 * `sipzone check` (check/record.c) and `sipzone verify` (live/rules.c) both
 * ask this one function and only put words around its items, so a record
 * in a zone file and the same record served by a name server cannot be
 * judged differently. Rules that need more than the record (a CNAME at the
 * target, missing addresses, the certificate) stay with their callers.
 */
#ifndef SZ_SIP_SRV_VERDICT_H
#define SZ_SIP_SRV_VERDICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dns/wire_name.h"
#include "sip/services.h"
#include "sipzone/check.h"

/** Hosting-provider targets accepted outside D besides the built-in cloud
 * names (--allow-target): lower-case wire names. */
typedef struct szi_allow_list {
	uint8_t (*names)[SZ_WIRE_MAX];
	const size_t *lens;
	size_t count;
} szi_allow_list;

/** Is `t` (lower-case wire) a hosting-provider target: a built-in cloud
 * name (sz_is_hosted_target()) or one of `allow` (may be NULL)? The
 * verdict is stricter: a built-in name counts only for its own service
 * (sip/services.h's hosted column); an --allow-target name for any. */
bool szi_target_allowed(const szi_allow_list *allow, const uint8_t *t, size_t tlen);

/** Which finding an item is: one per message the callers write. */
typedef enum szi_srv_why {
	SZI_SRV_OWNER_FORM,          /**< owner is not _service._proto.D */
	SZI_SRV_NULL_NOT_ZERO,       /**< target '.', priority, weight or port not 0 */
	SZI_SRV_NULL,                /**< target '.', all 0: declared unavailable */
	SZI_SRV_IS_ADDRESS,          /**< target looks like an IP address */
	SZI_SRV_HOSTED,              /**< outside D, on the hosting-provider list */
	SZI_SRV_OUTSIDE_BINDING,     /**< outside D where the rule binds (edge services) */
	SZI_SRV_OUTSIDE_UNUSUAL,     /**< outside D where that is legal but unusual */
	SZI_SRV_STRICT_NAMING,       /**< neither D nor sip.D for a strict-naming service */
	SZI_SRV_PORT_UNUSUAL,        /**< not the service's port */
	SZI_SRV_HOSTED_WRONG_SERVICE,/**< a cloud's name, but not the one for this service */
	SZI_SRV_OUTSIDE_INTERNAL_EDGE,/**< internal view, federation outside D: the
				       * mobile-push record at the edge's internal FQDN */
} szi_srv_why;

typedef struct szi_srv_item {
	sz_rule rule;
	sz_severity severity;        /**< before --severity overrides */
	szi_srv_why why;
} szi_srv_item;

/** One SRV record: lower-case wire names and the numbers. */
typedef struct szi_srv {
	const uint8_t *owner;
	size_t owner_len;
	uint16_t priority, weight, port;
	const uint8_t *target;
	size_t target_len;           /**< 1: the root, "." */
	/** The record is judged for internal DNS (check --view internal):
	 * there the federation SRV points at the edge pool's internal FQDN
	 * (OfficeDocs-SkypeForBusiness .../network-requirements/dns.md), which
	 * need not be in D. false: external, or no view given. */
	bool internal_view;
} szi_srv;

/** Owner form + address + namespace + strict naming + port is the most. */
#define SZI_SRV_VERDICT_MAX 6

typedef struct szi_srv_verdict {
	szi_srv_item items[SZI_SRV_VERDICT_MAX];   /**< in the order to report them */
	size_t count;
	bool owner_form;             /**< the owner is _service._proto.D */
	size_t d_off;                /**< where D starts in the owner (owner_form) */
	const szi_sip_service *svc;  /**< the owner's service, NULL when none or not looked at */
	/** The cloud whose name the target is (SZI_SRV_HOSTED, _WRONG_SERVICE);
	 * NULL for an --allow-target name or none. */
	const sz_hosted_names *cloud;
} szi_srv_verdict;

/** The verdict on `srv`; `allow` may be NULL. Pure: safe in parser threads. */
void szi_srv_verdict_make(const szi_srv *srv, const szi_allow_list *allow, szi_srv_verdict *out);

#endif
