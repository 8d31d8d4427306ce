/*
 * zonefile/reader.h: split BIND master files into records.
 *
 * ldns parses one record at a time from a string but implements no
 * $INCLUDE, so the checker reads the text itself: this reader turns a zone
 * file (and the files it $INCLUDEs) into a stream of logical records, each
 * one line of text that ldns_rr_new_frm_str() accepts: parentheses joined,
 * comments and CR dropped, the owner of a continuation line filled in, and
 * with the origin and default TTL in effect. It reads in blocks, so memory
 * does not grow with the file.
 *
 * Problems in the text (bad directive, unbalanced parenthesis, a missing
 * $INCLUDE file) come out of the stream as error items, in order, with file
 * and line; reading goes on after them. Only a top-level file that cannot be
 * read and a record without any origin stop the reader.
 *
 * Ownership: sz_zread_new() returns a reader released by szi_zread_free().
 * File names go to a caller-owned sz_files table that outlives the reader.
 * Origins are reference-counted; a record's origin is borrowed until the
 * next szi_zread_next() call unless the caller takes a reference.
 */
#ifndef SZ_ZONE_READ_INTERNAL_H
#define SZ_ZONE_READ_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ldns/ldns.h>

#include "base/buf.h"
#include "dns/wire_name.h"
#include "zonefile/tokens.h"
#include "sipzone/status.h"

/** An origin ($ORIGIN, --origin or the file name) in its three forms. */
typedef struct sz_origin {
	unsigned refs;
	char *text;                    /**< presentation form, trailing dot */
	ldns_rdf *rdf;                 /**< for ldns_rr_new_frm_str() */
	uint8_t wire[SZ_WIRE_MAX];    /**< lower-case wire form */
	size_t wire_len;
} sz_origin;

/** Parse an absolute name into a new origin (one reference); NULL if invalid or out of memory. */
sz_origin *szi_origin_new(const char *text);
sz_origin *szi_origin_ref(sz_origin *origin);
void szi_origin_unref(sz_origin *origin);

/** The names of the files read; ids are indexes. */
typedef struct sz_files {
	char **names;
	size_t count;
	size_t capacity;
} sz_files;

sz_status szi_files_add(sz_files *files, const char *name, uint32_t *id);
void szi_files_clear(sz_files *files);

typedef enum sz_zrec_kind {
	SZ_ZREC_RECORD,   /**< a record: text is one line for ldns */
	SZ_ZREC_ERROR,    /**< a problem in the text: text is the message */
	SZ_ZREC_END,      /**< no more input */
} sz_zrec_kind;

typedef struct sz_zrec {
	sz_zrec_kind kind;
	uint32_t file;          /**< id in the sz_files table */
	size_t line;            /**< line where the record or problem starts */
	size_t text_off;        /**< text in the caller's buffer, NUL-terminated */
	size_t text_len;
	sz_origin *origin;     /**< origin in effect (records only) */
	uint32_t default_ttl;   /**< TTL of a record written without one */
	bool has_default_ttl;   /**< false: none known, ldns uses its default */
	bool explicit_ttl;      /**< the record has its own TTL */
	bool has_head;          /**< `head` is the record's head (records only) */
	szi_rec_head head;      /**< szi_rec_head_split() of the text, done once */
} sz_zrec;

/** Where the origin in use came from. */
typedef enum sz_zorigin_src {
	SZ_ZORIGIN_NONE,      /**< none is known */
	SZ_ZORIGIN_OPTION,    /**< --origin */
	SZ_ZORIGIN_DIRECTIVE, /**< $ORIGIN (or the ORIGIN of an $INCLUDE) */
	SZ_ZORIGIN_FILE_NAME, /**< the file name (szi_origin_from_filename()) */
	SZ_ZORIGIN_SOA,       /**< the owner of the first record, an SOA */
} sz_zorigin_src;

typedef struct sz_zread_config {
	const char *origin;     /**< --origin (absolute or not), or NULL */
	unsigned max_depth;     /**< deepest $INCLUDE nesting */
	/** false (default): $INCLUDE reaches only files inside the directory
	 * tree the top-level file is named in, symbolic links resolved (the
	 * working directory for standard input, the directory part of a
	 * buffer's name); true: any file (--include-anywhere) */
	bool include_anywhere;
} sz_zread_config;

/* Bounds on $INCLUDE beyond the nesting depth, so that a small tree of
 * files cannot make the reader's time or memory grow faster than the
 * bytes of distinct input. A file included again with the same origin and
 * state is not read again (zonefile/directives.c); one included again at
 * another origin or TTL is, at most SZI_INCLUDE_REPEATS_MAX times in all;
 * and the sizes of the files read, summed over every inclusion, stay
 * within SZI_INCLUDE_BYTES_MAX. */
#define SZI_INCLUDE_REPEATS_MAX 1024u
#define SZI_INCLUDE_BYTES_MAX ((unsigned long long)1 << 30)

typedef struct sz_zread sz_zread;

/**
 * A reader of the file at `path` ("-": standard input, named "<stdin>").
 * Nothing is opened yet: the first szi_zread_next() opens it.
 */
sz_status szi_zread_new_file(const char *path, const sz_zread_config *cfg,
			     sz_files *files, sz_zread **out);

/** A reader of zone text in memory; `name` names it and anchors $INCLUDE paths. */
sz_status szi_zread_new_buffer(const char *name, const char *buf, size_t len,
			       const sz_zread_config *cfg, sz_files *files,
			       sz_zread **out);

/**
 * The next record or problem, appended to `text` (which may move: use
 * rec->text_off). Returns SZ_OK (rec->kind says what came), or, with an
 * SZ_ZREC_ERROR item that says why:
 *  SZ_ERR_IO     the top-level file cannot be read;
 *  SZ_ERR_ORIGIN a record comes before any origin is known;
 * or SZ_ERR_NOMEM. After an error the reader only serves szi_zread_free().
 */
sz_status szi_zread_next(sz_zread *reader, sz_zrec *rec, sz_buf *text);

/**
 * The origin in use for the first record of the top-level file (NULL when
 * none was known) and where it came from; false before that record. A
 * file-name origin gives way to the owner of a first SOA record written
 * absolute (an AXFR dump, backup.contoso.com.zone holding contoso.com).
 */
bool szi_zread_first_origin(const sz_zread *reader, const char **text, sz_zorigin_src *src);

/** Files opened so far, the top-level one and $INCLUDEd ones. */
size_t szi_zread_files_read(const sz_zread *reader);

void szi_zread_free(sz_zread *reader);

/** Characters of a record shown in a message, and the room they may take
 * once escaped (each byte as \xNN at worst, "..." and the NUL). */
#define SZI_EXCERPT_CHARS 80
#define SZI_EXCERPT_MAX (SZI_EXCERPT_CHARS * 4 + 4)

/**
 * The first SZI_EXCERPT_CHARS characters of `text` (`len` bytes) for a
 * message, "..." after them when there is more: printable ASCII and valid
 * UTF-8 as they are, every other byte (C0 and C1 controls, DEL, invalid
 * UTF-8) as \xNN, so that a line of a zone file can neither forge output
 * nor make a message that is not UTF-8. `out` holds SZI_EXCERPT_MAX bytes.
 */
void szi_excerpt(const char *text, size_t len, char *out);

/**
 * Is the record text `rec` (owner first, as the reader hands it to ldns,
 * its head split by szi_rec_head_split())
 * one that ldns would read otherwise than BIND: no type or type 0, a class
 * before the TTL, RFC 3597 "\#" inside the RDATA, generic RDATA that is no
 * valid record of its type, CERT type 0, an odd number of hex digits in a
 * last hex field, a type list naming no type (zonefile/misread.c)? Then true,
 * and `msg` says what is wrong; the reader reports it as a syntax error.
 */
bool szi_zread_misread(const char *rec, const szi_rec_head *head, char *msg, size_t cap);

/**
 * Does the record (head split in `head`) hold a relative name, in its owner
 * or in an RDATA field of a name type? Then true, and `msg` names it: with
 * no origin known, nothing can complete it (zonefile/misread.c).
 */
bool szi_zread_relative_name(const char *rec, const szi_rec_head *head, char *msg, size_t cap);

/**
 * The origin a file name implies. The name may end in a backup suffix
 * (.bak, .orig, .old), then .signed, then one of .zone, .db, .dns (Windows
 * DNS), .hosts, .txt, each at most once; it may start with "db.". What is
 * left must be two labels or more of host-name characters with an
 * alphabetic last label: "contoso.com.dns", "db.contoso.com",
 * "contoso.com.zone.signed" and "contoso.com" give "contoso.com.". Writes
 * at most `cap` bytes; false when none fits.
 */
bool szi_origin_from_filename(const char *path, char *out, size_t cap);

#endif
