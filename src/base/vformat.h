/*
 * base/vformat.h: printf into a new allocation.
 */
#ifndef SZ_VFORMAT_INTERNAL_H
#define SZ_VFORMAT_INTERNAL_H

#include <stdarg.h>

/** The formatted text in a new allocation the caller frees; NULL when out of memory. */
char *szi_vformat(const char *fmt, va_list ap);

#endif
