/**
 * @file outdir.h
 * Writing a model's snippets into a directory, all or nothing.
 *
 * Each snippet goes to DIR/<zone>.zone. Files whose content would not change
 * are not touched. Changed files are first written to temporary files in
 * DIR (".NAME.PID.N.tmp"), with the mode and owner of the file they replace
 * (0644 for a new file); only when every one was written completely and
 * flushed to disk, and a journal of the commit (DIR/.sipzone-journal) is on
 * disk, are they renamed into place. A failure or an interruption before
 * that removes the temporary files and changes nothing. After a SIGKILL or
 * a crash at any moment every file is complete old or complete new, and
 * the next run into DIR first completes the renames the journal lists, then
 * removes temporary files left behind. rename() replaces a symbolic link
 * itself, never the file it points to. A second run into DIR while one is
 * writing fails (flock() on DIR).
 *
 * A complete zone (one with SOA and NS) keeps the serial of the file in DIR
 * when nothing else in it changes; otherwise its serial moves forward (see
 * serial.h). So --check ignores the serial, and a second run changes nothing.
 *
 * A `.zone` file in DIR whose first line is sipzone's header and that the
 * model no longer produces is reported as SZ_FILE_REMOVED, with `check` too;
 * it is deleted only with `prune` (without it, the tool calls it stale).
 *
 * Ownership: the report owns its entries; release with sz_outdir_report_clear().
 */
#ifndef SIPZONE_OUTDIR_H
#define SIPZONE_OUTDIR_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include "sipzone/diag.h"
#include "sipzone/model.h"
#include "sipzone/serial.h"
#include "sipzone/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sz_file_action {
	SZ_FILE_UNCHANGED,
	SZ_FILE_CREATED,
	SZ_FILE_CHANGED,
	SZ_FILE_REMOVED,
} sz_file_action;

/** "unchanged", "create", "change", "remove". */
SZ_API const char *sz_file_action_name(sz_file_action action);

typedef struct sz_file_change {
	char *name;            /**< file name inside DIR ("contoso.com.zone") */
	sz_file_action action;
} sz_file_change;

typedef struct sz_outdir_report {
	sz_file_change *items; /**< in canonical zone order, removals last */
	size_t count;
	size_t capacity;
	size_t created, changed, unchanged, removed;
	/** Renames and removals of an interrupted run that this run completed
	 *  first (from the journal a run killed during its commit left). */
	size_t recovered;
	/** Temporary files of killed runs that this run removed. */
	size_t stale_removed;
} sz_outdir_report;

/**
 * Called for each file that differs: `path` in DIR, the action, and the new
 * content (NULL for a removal). The text is valid during the call only.
 */
typedef sz_status (*sz_outdir_change_fn)(const char *path, sz_file_action action,
					 const char *text, size_t len, void *ctx);

typedef struct sz_outdir_options {
	bool check;            /**< write nothing, only report */
	bool prune;            /**< delete sipzone files the model no longer makes */
	/** Serials of complete zones: kept while the zone is unchanged. */
	sz_serial_policy serial;
	/** Optional: told about each difference (e.g. to show a semantic diff). */
	sz_outdir_change_fn on_change;
	/** The view whose snippets are written (default external). */
	sz_view view;
	void *ctx;
	/** Set (by a signal handler) to stop before anything is renamed. */
	volatile sig_atomic_t *cancel;
	/** Refuse `dir` when it is a symbolic link, never follow it (the tool
	 *  sets it for DIR/<view>, a directory it makes itself). */
	bool no_follow_dir;
} sz_outdir_options;

SZ_API void sz_outdir_report_clear(sz_outdir_report *report);

/**
 * Generate into `dir` (created if missing, unless checking).
 * Returns SZ_OK (the report says what changed or would change),
 * SZ_ERR_IO (a diagnostic names the file and the reason; nothing changed),
 * SZ_ERR_USAGE (a forced serial behind a file's serial, see
 * sz_serial_policy.allow_backwards; a diagnostic names the file and both
 * serials; nothing changed),
 * SZ_ERR_INTERRUPTED (cancelled; nothing changed) or SZ_ERR_NOMEM.
 */
SZ_API sz_status sz_outdir_generate(const sz_model *model, const char *dir,
			     const sz_outdir_options *options,
			     sz_outdir_report *report, sz_diag_list *diags);

#ifdef __cplusplus
}
#endif

#endif
