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

#endif
