/*
 * base/version.c: the version compiled into the library.
 */
#include "sipzone/version.h"

const char *sz_version(void)
{
	return SZ_VERSION_STRING;
}
