/*
 * sip/hosted.c: the cloud services a SIP domain can be hosted by, and the
 * names their DNS records point at (Microsoft: "Set up DNS records for
 * Skype for Business Online" and the GCC High endpoints list).
 */
#include <strings.h>
#include <string.h>

#include "sipzone/model.h"

static const sz_hosted_names hosted_names[] = {
	[SZ_HOSTED_M365] = { "microsoft365", "sipfed.online.lync.com", "sipdir.online.lync.com",
			     "webdir.online.lync.com" },
	[SZ_HOSTED_M365_GCC_HIGH] = { "microsoft365-gcc-high", "sipfed.online.gov.skypeforbusiness.us",
				      "sipdir.online.gov.skypeforbusiness.us",
				      "webdir.online.gov.skypeforbusiness.us" },
};

const sz_hosted_names *sz_hosted_info(sz_hosted hosted)
{
	if (hosted != SZ_HOSTED_M365 && hosted != SZ_HOSTED_M365_GCC_HIGH)
		return NULL;
	return &hosted_names[hosted];
}

static bool same_name(const char *name, size_t len, const char *known)
{
	return len == strlen(known) && strncasecmp(name, known, len) == 0;
}

bool sz_is_hosted_target(const char *name)
{
	size_t len = strlen(name);
	if (len > 0 && name[len - 1] == '.')
		len--;
	for (sz_hosted h = SZ_HOSTED_M365; h <= SZ_HOSTED_M365_GCC_HIGH; h++) {
		const sz_hosted_names *n = &hosted_names[h];
		if (same_name(name, len, n->sipfed) || same_name(name, len, n->sipdir) ||
		    same_name(name, len, n->webdir))
			return true;
	}
	return false;
}
