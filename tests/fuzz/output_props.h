/*
 * output_props.h: what the sipzone tool prints and writes as JSON, as a
 * property the harnesses check (output_props.c, linked with the tool's
 * writers from cmd/).
 */
#ifndef SZ_FUZZ_OUTPUT_PROPS_H
#define SZ_FUZZ_OUTPUT_PROPS_H

#include <stddef.h>

#include <jansson.h>

#include "sipzone/diag.h"

/*
 * The output property every harness checks on what it got: `n` bytes of
 * text are valid UTF-8 with no control byte (C0, DEL, C1) but '\n', and
 * hold exactly `lines` lines ((size_t)-1: any number).
 */
void fz_check_clean_text(const char *what, const char *s, size_t n, size_t lines);

/*
 * The diagnostics as the sipzone tool writes them (cmd/print.c, linked into
 * the harnesses): every text field clean; the text form one clean line per
 * diagnostic; the JSON findings document (check --format json) dumped,
 * parsed again by jansson, with one finding per diagnostic holding every
 * key (file, line, severity, rule, owner, type, message; col and path when
 * set) and its values equal to the diagnostic's.
 */
void fz_check_diag_output(const char *what, const sz_diag_list *diags);

/*
 * A JSON document the tool writes (`doc_take`, NULL when the writer
 * failed): dumped as the tool dumps it, it must parse again and be clean
 * text; each key of `keys` (a NULL-ended list of JSON pointers such as
 * "/summary/added") must be present. Returns the parsed copy (json_decref()).
 */
json_t *fz_check_json_doc(const char *what, json_t *doc_take, const char *const *keys);

#endif
