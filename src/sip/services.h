/*
 * sip/services.h: the SIP services sipzone knows, one row per SRV owner
 * prefix (_service._proto), with every fact about the service as a column:
 * its port, how the namespace rule binds, strict client naming, the
 * certificate its target must be on, the views it belongs to, the hosted
 * name a cloud-hosted domain points it at, and the model key that asks
 * sipzone to write it.
 *
 * Generation (sip/domain.c), check (check/record.c through
 * sip/srv_verdict.c, check/view.c, check/model.c) and verify and push
 * (live/plan.c, live/rules.c) all read this one table (DOMAIN.md, STYLE.md
 * 13): a fact written twice is a disagreement waiting to happen.
 */
#ifndef SZ_SIP_SERVICES_H
#define SZ_SIP_SERVICES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sipzone/model.h"

/** The rows, in the table's order (generation emits in this order). */
typedef enum szi_svc_id {
	SZI_SVC_FEDERATION,      /**< _sipfederationtls._tcp */
	SZI_SVC_SIP_TLS,         /**< _sip._tls */
	SZI_SVC_INTERNAL_TLS,    /**< _sipinternaltls._tcp */
	SZI_SVC_INTERNAL_TCP,    /**< _sipinternal._tcp */
	SZI_SVC_SIP_TCP,         /**< _sip._tcp */
	SZI_SVC_SIP_UDP,         /**< _sip._udp */
	SZI_SVC_SIPS_TCP,        /**< _sips._tcp */
	SZI_SVC_XMPP_SERVER,     /**< _xmpp-server._tcp */
	SZI_SVC_XMPP_CLIENT,     /**< _xmpp-client._tcp */
	SZI_SVC_COUNT
} szi_svc_id;

/*
 * The enums of the columns start at 1: a row that leaves a column out has
 * 0 there, which tests/unit/test_sip_services.c refuses.
 */

/** How the namespace rule (DOMAIN.md rule 1) binds a target outside D. */
typedef enum szi_ns_binding {
	SZI_NS_EXEMPT = 1,  /**< not subject: any target */
	SZI_NS_WARNING,     /**< generic SIP and XMPP authenticate D, not the target: unusual */
	SZI_NS_ERROR,       /**< Microsoft edge and pools check the target against D */
} szi_ns_binding;

/** The certificate a target must be on (DOMAIN.md rule 2). */
typedef enum szi_svc_cert {
	SZI_CERT_NONE = 1,   /**< none sipzone knows of */
	SZI_CERT_EDGE,       /**< the edge pool's SAN list (the model puts the subject on it too) */
	SZI_CERT_FRONT_END,  /**< the front-end pool's */
} szi_svc_cert;

/** The views of a split-brain DNS a service belongs to (bits). */
enum {
	SZI_IN_EXTERNAL = 1u << SZ_VIEW_EXTERNAL,
	SZI_IN_INTERNAL = 1u << SZ_VIEW_INTERNAL,
	SZI_IN_BOTH = SZI_IN_EXTERNAL | SZI_IN_INTERNAL,
};

/** Which of a cloud service's names (sz_hosted_names, sip/hosted.c) a
 * hosted domain's SRV for the service points at. */
typedef enum szi_svc_hosted {
	SZI_HOSTED_NO = 1,   /**< a hosted domain does not publish it */
	SZI_HOSTED_SIPFED,   /**< sz_hosted_names.sipfed */
	SZI_HOSTED_SIPDIR,   /**< sz_hosted_names.sipdir */
	SZI_HOSTED_WEBDIR,   /**< sz_hosted_names.webdir: no SRV points there (lyncdiscover's CNAME) */
} szi_svc_hosted;

/**
 * Which name of which cloud `name` is (text, any case, trailing dot
 * optional): SZI_HOSTED_SIPFED, _SIPDIR or _WEBDIR, and *cloud (when not
 * NULL) all the cloud's names (key "microsoft365-dod"); SZI_HOSTED_NO for a
 * name of no cloud. Every cloud sipzone knows, DoD and 21Vianet included
 * (sip/hosted.c: the one list of cloud names).
 */
szi_svc_hosted szi_hosted_role(const char *name, const sz_hosted_names **cloud);

typedef struct szi_sip_service {
	const char *prefix;        /**< "_sip._tls", lower case */
	uint16_t port;             /**< what clients and partners connect to; 0: any */
	szi_ns_binding ns;
	bool strict_naming;        /**< Lync clients accept only D or sip.D (rule 5) */
	szi_svc_cert cert;
	unsigned views;            /**< SZI_IN_* */
	szi_svc_hosted hosted;
	/** The domain's model key that makes sipzone write it ("federation");
	 * NULL: sipzone never writes it, it only checks it. */
	const char *model_key;
	/** What it is for, as messages say it ("remote client sign-in"). */
	const char *purpose;
	/** RFC 3263's services only: the NAPTR service field that names this
	 * SRV ("SIPS+D2T"); NULL for every other row. Such a row is written
	 * only for a domain with generic_sip, and only verify and push of
	 * such a domain own it. */
	const char *naptr;
	/** With `naptr`: the model's transport that asks for it, and its
	 * port when the model gives none (RFC 3261 section 19.1.2). */
	sz_sip_transport transport;
	uint16_t default_port;
} szi_sip_service;

/** Row `id` of the table; NULL past the last. */
const szi_sip_service *szi_sip_service_at(szi_svc_id id);

/**
 * The service an SRV owner (lower-case wire, _service._proto.D) belongs to,
 * or NULL (_ntp._udp, _ldap._tcp, an owner not of that form, ...). *d_off,
 * when not NULL, gets the offset of D in the owner.
 */
const szi_sip_service *szi_sip_service_find(const uint8_t *owner, size_t len, size_t *d_off);

/** The row of RFC 3263 transport `t` (_sips._tcp for tls ...); never NULL
 * for a transport of sz_sip_transport. */
const szi_sip_service *szi_sip_service_of_transport(sz_sip_transport t);

/** The row whose NAPTR service is `svc` (`len` bytes, any case: "SIP+D2U");
 * NULL for any other service. */
const szi_sip_service *szi_sip_service_by_naptr(const uint8_t *svc, size_t len);

/** Does the service belong to `view`? */
bool szi_sip_service_in_view(const szi_sip_service *s, sz_view view);

/** The name of `h` a hosted domain's SRV for `s` points at; NULL when a
 * hosted domain does not publish `s`. */
const char *szi_sip_service_hosted_target(const szi_sip_service *s, const sz_hosted_names *h);

/**
 * Lync strict naming (DOMAIN.md rule 5): is the target D itself or sip.D?
 * Lower-case wire names.
 */
bool szi_strict_name_ok(const uint8_t *target, size_t tlen, const uint8_t *d, size_t dlen);

#endif
