/*
 * check/findings.h: how the checker's rule files report a finding, and the
 * one question the end-of-input rules share (is a name in a zone checked).
 *
 * It sits below check/record.c, check/view.c, check/model.c and
 * check/cross.c so that those call down into it and never into each other.
 */
#ifndef SZ_CHECK_FINDINGS_H
#define SZ_CHECK_FINDINGS_H

#include "check/checker.h"

/** Add a finding to a batch (parser threads); false when out of memory. */
bool szi_batch_finding(sz_batch *b, uint32_t entry, sz_rule rule, sz_severity sev,
		       const ldns_rr *rr, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;

/** Report a finding through the severity overrides and --disable (the
 * merging thread). */
sz_status szi_emit(sz_checker *c, sz_rule rule, sz_severity sev, uint32_t file, size_t line,
		   const char *owner, const char *type, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 8, 9)))
#endif
	;

/**
 * Is `w` in a zone checked (its apex's name id in *zone), with no
 * delegation (NS records at a name below the apex that is no zone checked)
 * between? A target's addresses otherwise live in a zone not checked.
 */
bool szi_in_checked_zone(const sz_checker *c, const uint8_t *w, size_t len, uint32_t *zone);

#endif
