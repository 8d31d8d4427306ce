/*
 * live/error.h: why a live operation could not run, as the internals
 * report it. sz_verify() and sz_push() turn it into one diagnostic of the
 * caller's list at the boundary (szi_live_fail()); it is not public.
 */
#ifndef SZ_LIVE_ERROR_INTERNAL_H
#define SZ_LIVE_ERROR_INTERNAL_H

#include "sipzone/diag.h"
#include "sipzone/status.h"

typedef struct szi_live_error {
	char text[1024];  /**< what happened, for people */
	int rcode;        /**< the server's RCODE when it answered with one, else -1 */
	int tsig_error;   /**< the TSIG error of the answer (16 BADSIG, 17 BADKEY,
			       18 BADTIME, ...), else 0 */
} szi_live_error;

/* The name it had while it was public: live/plan.c, live/rules.c and the
 * live unit tests still use it (they are being refactored elsewhere); drop
 * this once they say szi_live_error. */
typedef szi_live_error sz_live_error;

/** Empty text, rcode -1, no TSIG error. */
void szi_live_error_init(szi_live_error *err);

/**
 * Put the failure `s` with err->text (or the status's text) into `diags`
 * as one diagnostic whose rule says what kind of failure it is (usage,
 * network, server-error, conflict); nothing for SZ_OK or SZ_ERR_NOMEM.
 * Returns `s`.
 */
sz_status szi_live_fail(sz_diag_list *diags, sz_status s, const szi_live_error *err);

#endif
