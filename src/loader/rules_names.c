/*
 * loader/rules_names.c: the namespace rule (access_host inside its SIP
 * domain) and the lengths of the names sipzone will write below a domain.
 */
#include <string.h>

#include "loader/rules.h"
#include "sipzone/records.h"

/* The longest owner name sipzone writes below a SIP domain. */
#define SZ_LONGEST_PREFIX "_sipfederationtls._tcp."

/* Every name sipzone makes below D (lyncdiscoverinternal.D, ...) is
 * shorter than the longest SRV owner. */
void szi_mr_check_name_length(sz_loader *ld, size_t i)
{
	const sz_domain *d = &ld->model->domains[i];
	sz_jpath p;
	if (strlen(SZ_LONGEST_PREFIX) + strlen(d->name) > 253) {
		szi_mr_domain_path(ld, i, "domain", &p);
		szi_loader_error(ld, &p, SZ_MR_BAD_NAME,
				"%s is too long: the owner " SZ_LONGEST_PREFIX "%s would exceed 255 octets",
				d->name, d->name);
	} else if (d->xmpp && strlen("xmpp.") + strlen(d->name) > 253) {
		szi_mr_domain_path(ld, i, "xmpp", &p);
		szi_loader_error(ld, &p, SZ_MR_BAD_NAME, "xmpp.%s would exceed 255 octets", d->name);
	}
}

void szi_mr_check_namespace(sz_loader *ld, size_t i)
{
	const sz_domain *d = &ld->model->domains[i];
	sz_jpath p;
	if (!sz_name_is_within(d->access_host, d->name)) {
		szi_mr_domain_path(ld, i, "access_host", &p);
		szi_loader_error(ld, &p, SZ_MR_NAMESPACE,
				"access host %s is outside the SIP domain %s: an SRV record of %s must point to %s or a name below it (e.g. sip.%s), with that name on the edge certificate",
				d->access_host, d->name, d->name, d->name, d->name);
	}
	szi_mr_check_name_length(ld, i);
}
