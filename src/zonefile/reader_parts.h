/*
 * zonefile/reader_parts.h: the pieces of the zone reader (reader.h) and how
 * they meet. Used only inside src/zonefile/.
 *
 *   open.c        opens a file safely (what may be read at all);
 *   frame.c       one open file: its buffer, position, line, origin and
 *                 last owner; error items;
 *   scanner.c     the one scan of the text: a record into one line, or a
 *                 directive into tokens;
 *   tokens.c      the fields of such a line, split as ldns splits them
 *                 (used by misread.c, record_parse.c and the reader);
 *   directives.c  $ORIGIN, $TTL, $INCLUDE;
 *   reader.c      the stream of records and problems (szi_zread_next()).
 *
 * Each file uses only those listed before it.
 */
#ifndef SZ_ZONEFILE_READER_PARTS_H
#define SZ_ZONEFILE_READER_PARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "zonefile/reader.h"

#define SZI_BLOCK_SIZE ((size_t)256 * 1024)
/* Longest logical record: far beyond 64 KiB of RDATA written with escapes,
 * short enough that a missing ')' cannot swallow a large file. */
#define SZI_RECORD_MAX ((size_t)4 << 20)
/* The longest line whose end is still looked for: well above any real
 * record, so that one absurd line (100 MB) costs only that line. */
#define SZI_SKIP_MAX ((size_t)1 << 30)
#define SZI_STDIN_NAME "<stdin>"

/* ---- open.c ---- */

/* Why szi_zfile_open() refuses a file: errno values of its own meaning. */
#define SZI_ZFILE_NOT_REGULAR 0x7fff0001 /* beyond any errno: not a regular file */
#define SZI_ZFILE_PSEUDO_FS 0x7fff0002 /* a regular file of /proc, /sys and the like */

/*
 * Open `path` for reading; on failure returns errno: EISDIR for a
 * directory, ENODEV for a device such as /dev/zero (which never ends), and
 * for an $INCLUDEd file (`regular_only`) SZI_ZFILE_NOT_REGULAR or
 * SZI_ZFILE_PSEUDO_FS.
 */
int szi_zfile_open(const char *path, bool regular_only, int *fd, struct stat *st);

/* ---- frame.c: one file being read, and the reader's state ---- */

typedef struct sz_zframe {
	struct sz_zframe *parent;
	unsigned depth;           /* 0 for the top-level file */
	int fd;                   /* -1 for memory input or when closed */
	bool owns_fd;
	uint32_t file;
	dev_t dev;
	ino_t ino;
	bool has_id;
	const char *data;         /* == own for file input */
	char *own;
	size_t cap;
	size_t len;
	size_t pos;
	bool eof;
	bool skipping;            /* dropping the rest of an over-long line */
	size_t skipped;           /* bytes of it dropped so far */
	size_t line;              /* line number of data[pos] */
	bool bom_checked;         /* the start of the file was looked at */
	sz_origin *origin;
	sz_zorigin_src origin_src; /* where `origin` came from */
	/* The last owner, for continuation lines: as written, with the origin
	 * it was written under; made absolute only when a line continues it. */
	sz_buf prev_owner;       /* text + NUL; empty: none */
	sz_origin *prev_origin;  /* NULL: prev_owner is absolute already */
	size_t seen;             /* index + 1 in the reader's inclusions read; 0: none */
} sz_zframe;

/* The reader's state that an included file reads and may change: $TTL and
 * the last explicit TTL. */
typedef struct szi_ttl_state {
	bool ttl_set;
	uint32_t ttl;
	bool last_set;
	uint32_t last_ttl;
} szi_ttl_state;

/*
 * An inclusion read to its end. The records of an included file follow
 * from the file, its origin, the TTL state it starts with and the owner a
 * first continuation line would take; when all of them are the same, a
 * second reading gives the same records again, which a zone holds once
 * (RRsets are sets): so the reader does not read it again and only
 * applies the TTL state it ended with.
 */
typedef struct szi_seen {
	dev_t dev;
	ino_t ino;
	uint8_t origin[SZ_WIRE_MAX];
	size_t origin_len;        /* SIZE_MAX: no origin */
	sz_zorigin_src origin_src;
	szi_ttl_state in, out;
	char *prev_owner;         /* NULL: none */
	bool done;                /* read to its end; `out` is known */
} szi_seen;

struct sz_zread {
	sz_zread_config cfg;
	sz_files *files;
	char *path;               /* top-level path or buffer name */
	const char *mem;          /* buffer input */
	size_t mem_len;
	bool is_mem;
	bool started;
	bool failed;
	sz_zframe *top;               /* innermost open file */
	bool ttl_set;             /* $TTL seen */
	uint32_t ttl;
	bool last_set;            /* RFC 1035: the last explicit TTL */
	uint32_t last_ttl;
	size_t files_read;
	sz_buf scratch;          /* names made absolute */
	sz_buf dir;              /* tokens of the directive being handled */
	sz_buf incpath;          /* an $INCLUDE path being resolved */
	char *root;               /* realpath of the tree $INCLUDE may reach; NULL: anywhere */
	szi_seen *seen;           /* inclusions read */
	size_t n_seen, cap_seen;
	unsigned repeats;         /* inclusions of a file read before */
	unsigned long long include_bytes; /* their sizes, summed */
	bool first_seen;          /* the top-level file's first record was read */
	char *first_origin;       /* the origin in use for it, NULL: none */
	sz_zorigin_src first_src;
};

sz_zframe *szi_frame_new(uint32_t file, unsigned depth, sz_origin *origin);
void szi_frame_free(sz_zframe *f);
/* Read more of a file frame; 0, or errno of a failed read. */
int szi_frame_refill(sz_zframe *f);
/* Drop bytes up to and including the next newline (EFBIG past SZI_SKIP_MAX). */
int szi_frame_skip_line(sz_zframe *f);
sz_status szi_frame_set_prev_owner(sz_zframe *f, const char *owner, size_t len, sz_origin *origin);
/* An absolute version of `name` relative to `origin`, in r->scratch. */
bool szi_zread_absolute(sz_zread *r, const char *name, const sz_origin *origin);
/* Make the last owner absolute before a continuation line uses it. */
sz_status szi_zread_resolve_prev_owner(sz_zread *r, sz_zframe *f);
/* Append a NUL-terminated message and make `rec` an error item about it. */
sz_status szi_zrec_error(sz_zrec *rec, sz_buf *text, uint32_t file, size_t line,
			 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* ---- scanner.c ---- */

enum szi_unit {
	U_MORE,      /* the unit does not end inside the buffer: read more */
	U_BLANK,     /* blank or comment lines */
	U_RECORD,    /* a record, in the output */
	U_DIRECTIVE, /* a directive line, tokens in the directive buffer */
	U_ERROR,     /* a problem; `err` says what */
};

typedef struct szi_scan {
	size_t consumed;   /* bytes of input the unit took */
	size_t lines;      /* newlines in it */
	const char *err;
	bool continuation;
	size_t ntok;       /* directive tokens */
} szi_scan;

/*
 * Scan one record starting at f->pos into `out` as one line: whitespace runs
 * become one space, parentheses and comments vanish, quoted strings and
 * escapes are copied verbatim. A continuation line gets `owner` in front.
 */
enum szi_unit szi_scan_record(const sz_zframe *f, const char *owner, size_t owner_len,
			      sz_buf *out, szi_scan *sc);
/*
 * Tokens of a directive line (from f->pos to the end of the line) into
 * `dir`, each NUL-terminated: quotes removed, comments dropped.
 */
enum szi_unit szi_scan_directive(sz_buf *dir, const sz_zframe *f, szi_scan *sc);

/* ---- directives.c ---- */

/* The frame `f`, an included file, was read to its end: remember the TTL
 * state it left, so that the same inclusion is not read again. */
void szi_zread_include_done(sz_zread *r, const sz_zframe *f);
/* The tree $INCLUDE may reach, from the top-level path (NULL: standard
 * input): r->root, or NULL when anything may be included. */
sz_status szi_zread_set_root(sz_zread *r, const char *top);
void szi_zread_seen_free(sz_zread *r);

/* Handle the directive in r->dir; *item is set when `rec` holds an error. */
sz_status szi_zread_directive(sz_zread *r, sz_zframe *f, size_t line, size_t ntok,
			      sz_zrec *rec, sz_buf *text, bool *item);

#endif
