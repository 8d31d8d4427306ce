/*
 * sarif.h: `sipzone check --format sarif`, the findings as a SARIF 2.1.0
 * log that GitHub code scanning accepts (github/codeql-action/upload-sarif).
 *
 * One run; tool.driver names sipzone, its version (sz_version()) and lists
 * every rule of the registry (include/sipzone/rules.h) in registry order, so
 * a result's ruleIndex is its sz_rule value. Each rule has shortDescription
 * and fullDescription (the registry's description), help (what to change)
 * and defaultConfiguration.level (error, warning or note).
 *
 * A result per finding: ruleId, ruleIndex, level, message.text, and one
 * location: artifactLocation.uri is the file as the command line named it,
 * relative to the working directory (uriBaseId "%SRCROOT%", whose
 * originalUriBaseIds entry is the working directory as a file: URI); a path
 * outside the working directory is an absolute file: URI without
 * uriBaseId. region.startLine/endLine is the finding's line, startColumn its
 * column (1 when unknown); no endColumn, which SARIF reads as "to the end of
 * the line". A finding without a line (model-record-missing, in the model
 * file) is on line 1; one without a file is on line 1 of the first FILE.
 *
 * partialFingerprints.primaryLocationLineHash is "HASH:N": HASH is 16 hex
 * digits of FNV-1a 64 over rule id, owner, type and uri (never the line or
 * the message, so an alert survives records moving within the file), N
 * counts equal HASHes in output order (1, 2, ...), as CodeQL does.
 *
 * Ownership: every pointer parameter is borrowed.
 */
#ifndef SZ_SARIF_H
#define SZ_SARIF_H

#include <stdio.h>

#include "sipzone/diag.h"

/*
 * Write the SARIF log of `findings` (sorted by the caller) to `fp`,
 * indented, with a final newline. `first_file` is the location of findings
 * without a file (NULL: such findings get none). 0, or -1 when out of
 * memory or the log cannot be written.
 */
int sz_sarif_print(FILE *fp, const sz_diag_list *findings, const char *first_file);

/*
 * The same log, byte for byte, a finding at a time (memory: the fingerprint
 * counts, 16 bytes per distinct hash, not the findings): begin writes up to
 * the results array, add writes one result (findings in sorted order), end
 * writes the rest and frees the stream. begin returns NULL when out of
 * memory; end returns -1 when something failed on the way.
 */
typedef struct sz_sarif_stream sz_sarif_stream;
sz_sarif_stream *sz_sarif_begin(FILE *fp, const char *first_file);
void sz_sarif_add(sz_sarif_stream *st, const sz_diag *d);
int sz_sarif_end(sz_sarif_stream *st);

#endif
