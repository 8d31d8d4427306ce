/*
 * live/report.h: a plan's owned RRsets as a public report.
 */
#ifndef SZ_LIVE_REPORT_INTERNAL_H
#define SZ_LIVE_REPORT_INTERNAL_H

#include "live/rrset.h"

/** A report of the owned RRsets of a read plan; SZ_ERR_NOMEM. */
sz_status szi_live_report_new(const sz_live_plan *plan, const char *server, sz_live_report **out);

/** Fill the items (and state counts) of `r` from the plan again. */
sz_status szi_live_report_fill(sz_live_report *r, const sz_live_plan *plan);

#endif
