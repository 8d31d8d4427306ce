/*
 * check/view.c: view-mismatch, the records that belong to one side of a
 * split-brain DNS only (--view).
 *
 * The owners come from Microsoft's record tables (OfficeDocs-SkypeForBusiness
 * Skype/SfbServer/plan-your-deployment/network-requirements/dns.md: the
 * internal and the perimeter/external tables) and the client's lookup order
 * (sipinternal.D, DOMAIN.md rule 4). Everything not listed is for both views:
 * _sipfederationtls._tcp.D (the internal copy serves mobile push), sip.D,
 * sipexternal.D, meet.D, dialin.D, admin.D and all other names.
 */
#include <string.h>

#include "check/checker.h"

typedef struct view_owner {
	const char *prefix;   /**< the labels before D, lower-case */
	sz_view view;         /**< the only view that needs it */
	const char *purpose;
} view_owner;

static const view_owner owners[] = {
	{ "_sipinternaltls._tcp", SZ_VIEW_INTERNAL, "internal client sign-in over TLS" },
	{ "_sipinternal._tcp", SZ_VIEW_INTERNAL, "internal client sign-in over TCP" },
	{ "sipinternal", SZ_VIEW_INTERNAL, "internal client sign-in fallback" },
	{ "lyncdiscoverinternal", SZ_VIEW_INTERNAL, "internal Autodiscover" },
	{ "ucupdates-r2", SZ_VIEW_INTERNAL, "device updates for phones on the internal network" },
	{ "_sip._tls", SZ_VIEW_EXTERNAL, "remote client sign-in" },
	{ "_xmpp-server._tcp", SZ_VIEW_EXTERNAL, "XMPP federation" },
	{ "lyncdiscover", SZ_VIEW_EXTERNAL, "external Autodiscover" },
};

/* Does the owner start with the labels of `prefix`, with at least one label (D) after them? */
static bool has_prefix(const uint8_t *w, size_t len, const char *prefix)
{
	size_t off = 0;
	for (const char *p = prefix;;) {
		const char *dot = strchr(p, '.');
		size_t n = dot != NULL ? (size_t)(dot - p) : strlen(p);
		if (off + 1 + n > len || w[off] != n || memcmp(w + off + 1, p, n) != 0)
			return false;
		off += 1 + n;
		if (dot == NULL)
			break;
		p = dot + 1;
	}
	return off < len && w[off] != 0;
}

static const view_owner *find_owner(const uint8_t *w, size_t len)
{
	for (size_t i = 0; i < sizeof(owners) / sizeof(owners[0]); i++)
		if (has_prefix(w, len, owners[i].prefix))
			return &owners[i];
	return NULL;
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
	const view_owner *o = find_owner(owner, olen);
	if (o == NULL || o->view == view)
		return;
	/* A hosted domain publishes the same records on both sides (issue 7);
	 * an SRV to '.' says the service is not here, right in either view. */
	if (tlen > 0 && (tlen == 1 || szi_allowed_target(rules, target, tlen)))
		return;
	char name[SZ_TEXT_MAX];
	szi_wire_to_text(owner, olen, name);
	(void)szi_batch_finding(b, entry, SZ_RULE_VIEW_MISMATCH, SZ_SEV_WARNING, rr,
		"%s is for the %s view (%s), not %s: %s, or check this file with --view %s if it is the %s zone",
		name, sz_view_name(o->view), o->purpose, sz_view_name(view), why(o->view),
		sz_view_name(o->view), sz_view_name(o->view));
}
