/*
 * records/text.h: growing an sz_text (include/sipzone/zone_text.h), for the
 * writers of src/records/ (zone text, the exports).
 */
#ifndef SZ_RECORDS_TEXT_H
#define SZ_RECORDS_TEXT_H

#include <stddef.h>

#include "sipzone/zone_text.h"

/** Make room for `more` bytes after t->len; SZ_ERR_NOMEM when there is none. */
sz_status szi_text_reserve(sz_text *t, size_t more);

/* Append, after reserving room (10 bytes for a number, 40 for an address),
 * a number in decimal and an address as the zone file writes them. */
void szi_text_put_u32(sz_text *t, uint32_t v);
void szi_text_put_addr(sz_text *t, const sz_addr *a);

#endif
