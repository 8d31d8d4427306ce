/**
 * @file serial.h
 * SOA serials that change only when the zone does (RFC 1982 arithmetic).
 *
 * A complete zone's serial is kept when the zone's content, serial aside, is
 * the same as the file already written; otherwise it becomes the larger, in
 * serial arithmetic, of the format's value for "now" and old + 1, so it never
 * goes backwards and survives the wrap at 2^32.
 */
#ifndef SIPZONE_SERIAL_H
#define SIPZONE_SERIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "sipzone/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sz_serial_format {
	SZ_SERIAL_DATE,      /**< YYYYMMDDnn (default) */
	SZ_SERIAL_COUNTER,   /**< 1, 2, 3 ... */
	SZ_SERIAL_UNIXTIME,  /**< seconds since 1970 */
} sz_serial_format;

typedef struct sz_serial_policy {
	sz_serial_format format;
	bool forced;         /**< use `value` as it is (--serial N) */
	uint32_t value;
	time_t now;          /**< the time to use (tests set it) */
	/** With `forced`: write `value` even when it is behind the serial of
	 *  the file already in DIR (--force-serial). Without it, sz_outdir_generate()
	 *  refuses a forced serial that would go backwards (SZ_ERR_USAGE). */
	bool allow_backwards;
} sz_serial_policy;

/** "date", "counter", "unixtime"; and back (false for an unknown name). */
SZ_API const char *sz_serial_format_name(sz_serial_format format);
SZ_API bool sz_serial_format_parse(const char *name, sz_serial_format *out);

/** RFC 1982: is a greater than b? (Undefined pairs, 2^31 apart, are not.) */
SZ_API bool sz_serial_gt(uint32_t a, uint32_t b);

/** The serial for a zone whose content changed; `has_old` false for a new zone. */
SZ_API uint32_t sz_serial_next(const sz_serial_policy *policy, bool has_old, uint32_t old);

/**
 * The serial of the SOA record in zone text that sipzone wrote; false when
 * there is none.
 */
SZ_API bool sz_serial_from_text(const char *text, size_t len, uint32_t *out);

#ifdef __cplusplus
}
#endif

#endif
