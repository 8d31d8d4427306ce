/*
 * check/view.c: view-mismatch, the records that belong to one side of a
 * split-brain DNS only (--view).
 *
 * The owners come from Microsoft's record tables (OfficeDocs-SkypeForBusiness
 * Skype/SfbServer/plan-your-deployment/network-requirements/dns.md: the
 * internal and the perimeter/external tables) and the client's lookup order
 * (sipinternal.D, DOMAIN.md rule 4): the SRV services' views are a column
 * of sip/services.c, the host names are listed here. Everything else is for
 * both views: _sipfederationtls._tcp.D (the internal copy serves mobile
 * push), sip.D, meet.D, dialin.D, admin.D and all other names.
 */
#include <string.h>

#include "check/findings.h"

/* The host names of one view; the SRV services' views and purposes are
 * columns of sip/services.c. */
typedef struct view_host {
	const char *label;    /**< the label before D, lower-case */
	sz_view view;         /**< the only view that needs it */
	const char *purpose;
} view_host;

static const view_host hosts[] = {
	{ "sipinternal", SZ_VIEW_INTERNAL, "internal client sign-in fallback" },
	{ "lyncdiscoverinternal", SZ_VIEW_INTERNAL, "internal Autodiscover" },
	{ "ucupdates-r2", SZ_VIEW_INTERNAL, "device updates for phones on the internal network" },
	{ "lyncdiscover", SZ_VIEW_EXTERNAL, "external Autodiscover" },
};

/*
 * The one view an owner (lower-case wire) belongs to, and what for; false
 * when it belongs to both. The owner must have a label (D) after the
 * service or host label.
 */
static bool only_view(const uint8_t *w, size_t len, sz_view *view, const char **purpose)
{
	size_t d_off;
	const szi_sip_service *svc = szi_sip_service_find(w, len, &d_off);
	if (svc != NULL) {
		if (w[d_off] == 0 || svc->views == SZI_IN_BOTH)
			return false;
		*view = szi_sip_service_in_view(svc, SZ_VIEW_INTERNAL) ? SZ_VIEW_INTERNAL
								       : SZ_VIEW_EXTERNAL;
		*purpose = svc->purpose;
		return true;
	}
	for (size_t i = 0; i < sizeof(hosts) / sizeof(hosts[0]); i++) {
		size_t n = strlen(hosts[i].label);
		if (len > n + 1 && w[0] == n && memcmp(w + 1, hosts[i].label, n) == 0 && w[n + 1] != 0) {
			*view = hosts[i].view;
			*purpose = hosts[i].purpose;
			return true;
		}
	}
	return false;
}

/* The record types that send clients somewhere; a TXT or the like is left alone. */
static bool subject_type(uint16_t type)
{
	return type == LDNS_RR_TYPE_A || type == LDNS_RR_TYPE_AAAA ||
	       type == LDNS_RR_TYPE_CNAME || type == LDNS_RR_TYPE_SRV;
}

static const char *why(sz_view wanted)
{
	return wanted == SZ_VIEW_INTERNAL
		? "from the Internet the internal servers it names cannot be reached (clients that find it try them and wait), and it shows outsiders internal names; publish it in the internal zone only"
		: "only clients and partners on the Internet use it, and inside it can only send clients out to the edge or reverse proxy instead of the front-end pool; publish it in the external zone only";
}

void szi_view_check(const sz_rules *rules, sz_batch *b, uint32_t entry, const ldns_rr *rr,
		   const uint8_t *owner, size_t olen, const uint8_t *target, size_t tlen)
{
	sz_view view = rules->opts->view;
	uint16_t type = (uint16_t)ldns_rr_get_type(rr);
	if (!subject_type(type))
		return;
	sz_view only;
	const char *purpose;
	if (!only_view(owner, olen, &only, &purpose) || only == view)
		return;
	/* A hosted domain publishes the same records on both sides (issue 7);
	 * an SRV to '.' says the service is not here, right in either view. */
	szi_allow_list allow = szi_rules_allow(rules);
	if (tlen > 0 && (tlen == 1 || szi_target_allowed(&allow, target, tlen)))
		return;
	char name[SZ_TEXT_MAX];
	szi_wire_to_text(owner, olen, name);
	(void)szi_batch_finding(b, entry, SZ_RULE_VIEW_MISMATCH, SZ_SEV_WARNING, rr,
		"%s is for the %s view (%s), not %s: %s, or check this file with --view %s if it is the %s zone",
		name, sz_view_name(only), purpose, sz_view_name(view), why(only),
		sz_view_name(only), sz_view_name(only));
}
