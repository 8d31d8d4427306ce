/*
 * finding_sink.h: findings of `check` in bounded memory (finding_sink.c).
 *
 * The checker drains its diagnostics list into a sink (sz_sink_drain, an
 * sz_check_drain_fn) every SZ_CHECK_DRAIN_EVERY findings. The sink keeps
 * the diagnostics that stop the run (io, origin, usage: few) in `fatal`,
 * and the findings in runs of SZ_SINK_RUN: each full run is sorted as
 * sz_diag_list_sort() sorts (file, line, column; stable) and written to an
 * unnamed temporary file. sz_sink_replay() merges the runs, ties going to
 * the earlier run, so the findings come out in exactly the order
 * sz_diag_list_sort() gives the whole list: output stays byte-identical,
 * and memory holds one run plus a read buffer per run.
 */
#ifndef SZ_CMD_FINDING_SINK_H
#define SZ_CMD_FINDING_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "sipzone/diag.h"

#define SZ_SINK_RUN 16384

typedef struct sz_finding_sink {
	sz_diag_list fatal;   /* diagnostics of kind input or usage */
	sz_diag *run;         /* findings not yet written, owned */
	size_t n_run, cap_run;
	int fd;               /* temporary file of the written runs; -1: none */
	off_t written;
	off_t *run_start;     /* offset of each written run */
	size_t *run_count;
	size_t n_runs;
	size_t errors, warnings, infos, total; /* findings, all runs */
	bool failed;          /* out of memory or the temporary file failed */
} sz_finding_sink;

void sz_sink_init(sz_finding_sink *s);
/* The sz_check_drain_fn: move every entry of `diags` into the sink `ctx`
 * and empty `diags`. */
void sz_sink_drain(void *ctx, sz_diag_list *diags);
/* Call fn on every finding in sorted order; each is freed after the call.
 * 0, or -1 when the temporary file could not be read back (s->failed). */
int sz_sink_replay(sz_finding_sink *s, void (*fn)(void *ctx, const sz_diag *d), void *ctx);
void sz_sink_clear(sz_finding_sink *s);

#endif
