/*
 * live/verify.h: what verify and push share.
 */
#ifndef SZ_LIVE_VERIFY_INTERNAL_H
#define SZ_LIVE_VERIFY_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "live/net.h"
#include "live/rrset.h"

/** Read plan->items[from, to) from the server; the first failure ends it. */
sz_status szi_live_read_range(sz_live_conn *c, sz_live_plan *plan, size_t from, size_t to,
			 bool need_authority, szi_live_error *err);

#endif
