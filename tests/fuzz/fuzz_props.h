/*
 * fuzz_props.h: what the harnesses share: a property check that stops the
 * run with a message (libFuzzer then saves the input as a crash), a growable
 * list of strings, and a strict reader of the zone text sipzone writes.
 *
 * The harnesses use only the public API (include/sipzone/) and ldns as the
 * independent reference for what zone text means. They build two ways: with
 * libFuzzer (tests/fuzz/CMakeLists.txt, -DSZ_FUZZ=ON, clang) and with
 * replay_main.c as ordinary programs that run saved inputs (ctest, any
 * compiler; tests/cmake/hostile.cmake).
 *
 * Ownership: fz_strs owns its strings; fz_rrs owns its records.
 */
#ifndef SZ_FUZZ_PROPS_H
#define SZ_FUZZ_PROPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ldns/ldns.h>

#include "sipzone/diag.h"

/* libFuzzer's entry point, also called by replay_main.c. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Print the failed property (printf-style) and abort(). */
void fz_fail(const char *file, int line, const char *cond, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5), noreturn))
#endif
	;

#define FZ_PROP(cond, ...) \
	do { \
		if (!(cond)) \
			fz_fail(__FILE__, __LINE__, #cond, __VA_ARGS__); \
	} while (0)

/*
 * Is `id` listed in the environment variable SZ_FUZZ_KNOWN (comma-separated)?
 * A property that fails because of a bug already reported (docs/SECURITY.md)
 * is skipped under its id while the bug is open, so that fuzzing goes on
 * finding other things; ctest never sets it.
 */
bool fz_known(const char *id);

/* Print every diagnostic of a list to stderr (context for a failure). */
void fz_print_diags(const char *title, const sz_diag_list *diags);

/* A list of strings. */
typedef struct fz_strs {
	char **v;
	size_t n, cap;
} fz_strs;

void fz_strs_add(fz_strs *l, const char *s);
/* Add the printf-formatted string. */
void fz_strs_addf(fz_strs *l, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
void fz_strs_sort(fz_strs *l);
/* Drop neighbours that are equal (after sorting: duplicates). */
void fz_strs_uniq(fz_strs *l);
void fz_strs_free(fz_strs *l);

/* A list of ldns records. */
typedef struct fz_rrs {
	ldns_rr **v;
	size_t n, cap;
} fz_rrs;

void fz_rrs_add(fz_rrs *l, ldns_rr *rr_take);
void fz_rrs_free(fz_rrs *l);

/* Parse one absolute record line with ldns; abort when ldns refuses it. */
ldns_rr *fz_rr_from_line(const char *line);

/* "zone|<ldns presentation of rr>" with the TTL: a record's identity. */
char *fz_rr_key(const char *zone, const ldns_rr *rr);

/*
 * Read zone text as sipzone writes it for `zone` (no trailing dot) from a
 * model file named `source`: the header comment, `$ORIGIN zone.`, then one
 * record per line, every one parsed by ldns_rr_new_frm_str(). Aborts on any
 * other line, on a byte that is not printable ASCII, on zone-file syntax
 * that sipzone never writes (`;`, `$`, parentheses, quotes, backslashes)
 * after the header, and on an owner outside the zone. The records are
 * appended to `out` in text order.
 */
void fz_read_snippet_text(const char *text, size_t len, const char *zone,
			  const char *source, fz_rrs *out);

/*
 * A temporary directory (removed at exit) holding files for $INCLUDE to
 * find: inc.zone (records), loop.zone (includes itself), sub/up.zone
 * (includes ../inc.zone). Returns its path; created on the first call.
 */
const char *fz_fixtures(void);
/* Lines of zone text: one more than its '\n' bytes (the readers' count). */
size_t fz_count_lines(const char *s, size_t n);
/* Lines of the fixture file `path` names, or false when it is none. */
bool fz_fixture_lines(const char *path, size_t *lines);

/* A lower-case copy of `s` (n bytes) without one trailing dot. */
char *fz_name_norm(const char *s, size_t n);

/* Does `name` equal `domain` or lie below it? (lower-case, no trailing dot) */
bool fz_name_within(const char *name, const char *domain);

/* Is `s` a host name as the model accepts it, normalised? */
bool fz_valid_host(const char *s);

#endif
