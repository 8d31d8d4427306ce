/*
 * sip/hosted.c: the cloud services a SIP domain can be hosted by, and the
 * names their DNS records point at. Sources (microsoft-365-docs):
 * external-domain-name-system-records.md (commercial, *.online.lync.com),
 * dns-records-for-office-365-gcc-high.md (*.online.gov.skypeforbusiness.us),
 * dns-records-for-office-365-dod.md (*.online.dod.skypeforbusiness.us: the
 * current page, "External DNS records required for Teams", lists sipfed; its
 * earlier "Skype for Business Online" section listed sipdir and webdir), and
 * the Microsoft 365 operated by 21Vianet DNS pages
 * (*.online.partner.lync.cn: sipdir, webdir, sipfed).
 */
#include <strings.h>
#include <string.h>

#include "sip/services.h"
#include "sipzone/model.h"

static const sz_hosted_names hosted_names[] = {
	[SZ_HOSTED_M365] = { "microsoft365", "sipfed.online.lync.com", "sipdir.online.lync.com",
			     "webdir.online.lync.com" },
	[SZ_HOSTED_M365_GCC_HIGH] = { "microsoft365-gcc-high", "sipfed.online.gov.skypeforbusiness.us",
				      "sipdir.online.gov.skypeforbusiness.us",
				      "webdir.online.gov.skypeforbusiness.us" },
	[SZ_HOSTED_M365_DOD] = { "microsoft365-dod", "sipfed.online.dod.skypeforbusiness.us",
				 "sipdir.online.dod.skypeforbusiness.us",
				 "webdir.online.dod.skypeforbusiness.us" },
	[SZ_HOSTED_M365_21VIANET] = { "microsoft365-21vianet", "sipfed.online.partner.lync.cn",
				      "sipdir.online.partner.lync.cn",
				      "webdir.online.partner.lync.cn" },
};

const sz_hosted_names *sz_hosted_info(sz_hosted hosted)
{
	if (hosted < SZ_HOSTED_M365 || hosted > SZ_HOSTED_LAST)
		return NULL;
	return &hosted_names[hosted];
}

static bool same_name(const char *name, size_t len, const char *known)
{
	return len == strlen(known) && strncasecmp(name, known, len) == 0;
}

szi_svc_hosted szi_hosted_role(const char *name, const sz_hosted_names **cloud)
{
	size_t len = strlen(name);
	if (len > 0 && name[len - 1] == '.')
		len--;
	for (sz_hosted h = SZ_HOSTED_M365; h <= SZ_HOSTED_LAST; h++) {
		const sz_hosted_names *n = &hosted_names[h];
		szi_svc_hosted role = same_name(name, len, n->sipfed)   ? SZI_HOSTED_SIPFED
				      : same_name(name, len, n->sipdir) ? SZI_HOSTED_SIPDIR
				      : same_name(name, len, n->webdir) ? SZI_HOSTED_WEBDIR
									: SZI_HOSTED_NO;
		if (role != SZI_HOSTED_NO) {
			if (cloud != NULL)
				*cloud = n;
			return role;
		}
	}
	return SZI_HOSTED_NO;
}

bool sz_is_hosted_target(const char *name)
{
	return szi_hosted_role(name, NULL) != SZI_HOSTED_NO;
}
