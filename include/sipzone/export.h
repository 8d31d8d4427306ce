/*
 * sipzone/export.h: which declarations the shared library exports.
 *
 * libsipzone is compiled with hidden visibility; only the functions declared
 * in include/sipzone/ with SZ_API are visible to programs that link it.
 */
#ifndef SIPZONE_EXPORT_H
#define SIPZONE_EXPORT_H

#ifndef SZ_API
#if defined(__GNUC__) && __GNUC__ >= 4
#define SZ_API __attribute__((visibility("default")))
#else
#define SZ_API
#endif
#endif

#endif
