/*
 * zonefile/reader.c: split BIND master files into one-line records for ldns.
 *
 * The text is read in blocks. One scan per record handles what RFC 1035
 * section 5.1 and BIND allow: parentheses across lines, comments, quoted
 * strings and backslash escapes (copied through for ldns to interpret),
 * owner continuation, CRLF. Directives ($ORIGIN, $TTL, $INCLUDE) are handled
 * here because ldns_rr_new_frm_str() does not know them.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "zonefile/reader.h"

#define BLOCK_SIZE ((size_t)256 * 1024)
/* Longest logical record: far beyond 64 KiB of RDATA written with escapes,
 * short enough that a missing ')' cannot swallow a large file. */
#define RECORD_MAX ((size_t)4 << 20)
#define STDIN_NAME "<stdin>"

/* ---- origins and the file table ---- */

sz_origin *szi_origin_new(const char *text)
{
	sz_origin *o = calloc(1, sizeof(*o));
	if (o == NULL)
		return NULL;
	o->refs = 1;
	o->text = strdup(text);
	o->rdf = ldns_dname_new_frm_str(text);
	if (o->text == NULL || o->rdf == NULL || ldns_rdf_size(o->rdf) > SZ_WIRE_MAX ||
	    !ldns_dname_str_absolute(text)) {
		szi_origin_unref(o);
		return NULL;
	}
	o->wire_len = ldns_rdf_size(o->rdf);
	szi_wire_lower(o->wire, ldns_rdf_data(o->rdf), o->wire_len);
	return o;
}

sz_origin *szi_origin_ref(sz_origin *origin)
{
	if (origin != NULL)
		origin->refs++;
	return origin;
}

void szi_origin_unref(sz_origin *origin)
{
	if (origin == NULL || --origin->refs > 0)
		return;
	free(origin->text);
	ldns_rdf_deep_free(origin->rdf);
	free(origin);
}

sz_status szi_files_add(sz_files *files, const char *name, uint32_t *id)
{
	if (files->count >= UINT32_MAX - 1)
		return SZ_ERR_LIMIT;
	if (files->count == files->capacity) {
		size_t cap = files->capacity ? files->capacity * 2 : 8;
		char **names = realloc(files->names, cap * sizeof(*names));
		if (names == NULL)
			return SZ_ERR_NOMEM;
		files->names = names;
		files->capacity = cap;
	}
	char *copy = strdup(name);
	if (copy == NULL)
		return SZ_ERR_NOMEM;
	files->names[files->count] = copy;
	*id = (uint32_t)files->count++;
	return SZ_OK;
}

void szi_files_clear(sz_files *files)
{
	for (size_t i = 0; i < files->count; i++)
		free(files->names[i]);
	free(files->names);
	memset(files, 0, sizeof(*files));
}

/* ---- origin from the file name ---- */

static bool ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n > k && strncasecmp(s + n - k, suffix, k) == 0;
}

bool szi_origin_from_filename(const char *path, char *out, size_t cap)
{
	const char *base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	size_t n = strlen(base);
	static const char *const suffixes[] = { ".zone", ".db", ".txt" };
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		if (ends_with(base, n, suffixes[i])) {
			n -= strlen(suffixes[i]);
			break;
		}
	}
	if (n > 3 && strncasecmp(base, "db.", 3) == 0) {
		base += 3;
		n -= 3;
	}
	if (n > 0 && base[n - 1] == '.')
		n--;
	if (n == 0 || n + 2 > cap || n > 253)
		return false;
	size_t labels = 0, label_len = 0, last = 0;
	for (size_t i = 0; i < n; i++) {
		char c = base[i];
		if (c == '.') {
			if (label_len == 0)
				return false;
			labels++;
			label_len = 0;
			last = i + 1;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			   (c >= '0' && c <= '9') || c == '-' || c == '_') {
			if (++label_len > 63)
				return false;
		} else {
			return false;
		}
	}
	if (label_len == 0 || labels < 1)
		return false;
	/* The last label must look like a top-level domain. */
	if (n - last < 2)
		return false;
	for (size_t i = last; i < n; i++) {
		char c = base[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
			return false;
	}
	for (size_t i = 0; i < n; i++) {
		char c = base[i];
		out[i] = (c >= 'A' && c <= 'Z') ? (char)(c + ('a' - 'A')) : c;
	}
	out[n] = '.';
	out[n + 1] = '\0';
	return true;
}

/* ---- the reader ---- */

typedef struct frame {
	struct frame *parent;
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
	sz_origin *origin;
	/* The last owner, for continuation lines: as written, with the origin
	 * it was written under; made absolute only when a line continues it. */
	sz_buf prev_owner;       /* text + NUL; empty: none */
	sz_origin *prev_origin;  /* NULL: prev_owner is absolute already */
} frame;

struct sz_zread {
	sz_zread_config cfg;
	sz_files *files;
	char *path;               /* top-level path or buffer name */
	const char *mem;          /* buffer input */
	size_t mem_len;
	bool is_mem;
	bool started;
	bool failed;
	frame *top;               /* innermost open file */
	bool ttl_set;             /* $TTL seen */
	uint32_t ttl;
	bool last_set;            /* RFC 1035: the last explicit TTL */
	uint32_t last_ttl;
	size_t files_read;
	sz_buf scratch;          /* names made absolute */
	sz_buf dir;              /* tokens of the directive being handled */
	sz_buf incpath;          /* an $INCLUDE path being resolved */
};

static sz_status reader_new(const char *path, const sz_zread_config *cfg,
			    sz_files *files, sz_zread **out)
{
	sz_zread *r = calloc(1, sizeof(*r));
	*out = NULL;
	if (r == NULL)
		return SZ_ERR_NOMEM;
	r->cfg = *cfg;
	r->files = files;
	r->path = strdup(path);
	if (r->path == NULL) {
		free(r);
		return SZ_ERR_NOMEM;
	}
	*out = r;
	return SZ_OK;
}

sz_status szi_zread_new_file(const char *path, const sz_zread_config *cfg,
			     sz_files *files, sz_zread **out)
{
	return reader_new(path, cfg, files, out);
}

sz_status szi_zread_new_buffer(const char *name, const char *buf, size_t len,
			       const sz_zread_config *cfg, sz_files *files,
			       sz_zread **out)
{
	sz_status st = reader_new(name, cfg, files, out);
	if (st == SZ_OK) {
		(*out)->mem = buf;
		(*out)->mem_len = len;
		(*out)->is_mem = true;
	}
	return st;
}

static void frame_free(frame *f)
{
	if (f->owns_fd && f->fd >= 0)
		close(f->fd);
	free(f->own);
	szi_origin_unref(f->origin);
	sz_buf_free(&f->prev_owner);
	szi_origin_unref(f->prev_origin);
	free(f);
}

void szi_zread_free(sz_zread *r)
{
	if (r == NULL)
		return;
	while (r->top != NULL) {
		frame *parent = r->top->parent;
		frame_free(r->top);
		r->top = parent;
	}
	sz_buf_free(&r->scratch);
	sz_buf_free(&r->dir);
	sz_buf_free(&r->incpath);
	free(r->path);
	free(r);
}

size_t szi_zread_files_read(const sz_zread *r)
{
	return r->files_read;
}

/* Append a NUL-terminated message and make `rec` an error item about it. */
static sz_status emit_error(sz_zrec *rec, sz_buf *text, uint32_t file, size_t line,
			    const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static sz_status emit_error(sz_zrec *rec, sz_buf *text, uint32_t file, size_t line,
			    const char *fmt, ...)
{
	va_list ap;
	char msg[1024];
	va_start(ap, fmt);
	int n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	size_t len = n < 0 ? 0 : ((size_t)n >= sizeof(msg) ? sizeof(msg) - 1 : (size_t)n);
	memset(rec, 0, sizeof(*rec));
	rec->kind = SZ_ZREC_ERROR;
	rec->file = file;
	rec->line = line;
	rec->text_off = text->len;
	rec->text_len = len;
	if (!sz_buf_put(text, msg, len) || !sz_buf_put(text, "", 1))
		return SZ_ERR_NOMEM;
	return SZ_OK;
}

static frame *frame_new(uint32_t file, unsigned depth, sz_origin *origin)
{
	frame *f = calloc(1, sizeof(*f));
	if (f == NULL)
		return NULL;
	f->fd = -1;
	f->file = file;
	f->depth = depth;
	f->line = 1;
	f->origin = szi_origin_ref(origin);
	return f;
}

/* Why open_input() refuses a file: errno values of its own meaning. */
#define NOT_REGULAR 0x7fff0001 /* beyond any errno: not a regular file */
#define PSEUDO_FS 0x7fff0002 /* a regular file of /proc, /sys and the like */

/* Kernel file systems whose "regular" files are no zone files: their size
 * says 0, and a read may never end (/proc/kmsg waits for the next kernel
 * message, and takes it from the system log) or have side effects. */
static bool pseudo_fs(int fd)
{
	struct statfs sf;
	if (fstatfs(fd, &sf) != 0)
		return false;
	switch ((unsigned long)sf.f_type) {
	case 0x9fa0UL:     /* PROC_SUPER_MAGIC */
	case 0x62656572UL: /* SYSFS_MAGIC */
	case 0x64626720UL: /* DEBUGFS_MAGIC */
	case 0x74726163UL: /* TRACEFS_MAGIC */
	case 0x73636673UL: /* SECURITYFS_MAGIC */
	case 0x27e0ebUL:   /* CGROUP_SUPER_MAGIC */
	case 0x63677270UL: /* CGROUP2_SUPER_MAGIC */
	case 0x62656570UL: /* CONFIGFS_MAGIC */
	case 0xcafe4a11UL: /* BPF_FS_MAGIC */
	case 0xde5e81e4UL: /* EFIVARFS_MAGIC */
	case 0x6165676cUL: /* PSTOREFS_MAGIC */
		return true;
	default:
		return false;
	}
}

/*
 * Open `path` for reading; on failure returns errno: EISDIR for a
 * directory, ENODEV for a device such as /dev/zero (which never ends), and
 * for an $INCLUDEd file (`regular_only`) NOT_REGULAR or PSEUDO_FS.
 *
 * The kind of file is looked at with stat() before it is opened, because
 * opening a device can have effects of its own. An $INCLUDEd file must be
 * a regular file: a FIFO would block the open or the read until someone
 * writes to it. It is opened with O_NONBLOCK, kept for its reads, so that
 * anything that still would wait fails with EAGAIN instead. The top-level
 * file may be a pipe (`sipzone check <(...)`): the user named it.
 */
static int open_input(const char *path, bool regular_only, int *fd, struct stat *st)
{
	struct stat before;
	if (stat(path, &before) != 0)
		return errno;
	if (S_ISDIR(before.st_mode))
		return EISDIR;
	if (S_ISCHR(before.st_mode) || S_ISBLK(before.st_mode))
		return ENODEV;
	if (regular_only && !S_ISREG(before.st_mode))
		return NOT_REGULAR;
	int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | (regular_only ? O_NONBLOCK : 0);
	int d = open(path, flags);
	if (d < 0)
		return errno;
	int e = 0;
	if (fstat(d, st) != 0)
		e = errno;
	else if (S_ISDIR(st->st_mode))
		e = EISDIR;
	else if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		e = ENODEV; /* replaced since the stat() */
	else if (regular_only && !S_ISREG(st->st_mode))
		e = NOT_REGULAR;
	else if (regular_only && pseudo_fs(d))
		e = PSEUDO_FS;
	if (e != 0) {
		close(d);
		return e;
	}
	*fd = d;
	return 0;
}

/* An absolute version of `name` relative to `origin`, in r->scratch. */
static bool absolute_name(sz_zread *r, const char *name, const sz_origin *origin)
{
	r->scratch.len = 0;
	if (strcmp(name, "@") == 0) {
		if (origin == NULL)
			return false;
		return sz_buf_put(&r->scratch, origin->text, strlen(origin->text) + 1);
	}
	if (ldns_dname_str_absolute(name))
		return sz_buf_put(&r->scratch, name, strlen(name) + 1);
	if (origin == NULL)
		return false;
	const char *suffix = strcmp(origin->text, ".") == 0 ? "" : origin->text;
	return sz_buf_put(&r->scratch, name, strlen(name)) &&
	       sz_buf_put(&r->scratch, ".", 1) &&
	       sz_buf_put(&r->scratch, suffix, strlen(suffix) + 1);
}

static sz_status start(sz_zread *r, sz_zrec *rec, sz_buf *text)
{
	const char *name = strcmp(r->path, "-") == 0 && !r->is_mem ? STDIN_NAME : r->path;
	uint32_t id;
	sz_status st = szi_files_add(r->files, name, &id);
	if (st != SZ_OK)
		return st;

	sz_origin *origin = NULL;
	char derived[SZ_TEXT_MAX];
	if (r->cfg.origin != NULL) {
		const char *o = r->cfg.origin;
		size_t n = strlen(o);
		if (n + 2 > sizeof(derived))
			return SZ_ERR_USAGE;
		memcpy(derived, o, n + 1);
		if (!ldns_dname_str_absolute(derived)) {
			derived[n] = '.';
			derived[n + 1] = '\0';
		}
		origin = szi_origin_new(derived);
		if (origin == NULL)
			return SZ_ERR_USAGE;
	} else if (strcmp(name, STDIN_NAME) != 0 &&
		   szi_origin_from_filename(name, derived, sizeof(derived))) {
		origin = szi_origin_new(derived);
	}

	frame *f = frame_new(id, 0, origin);
	szi_origin_unref(origin);
	if (f == NULL)
		return SZ_ERR_NOMEM;
	r->top = f;
	r->started = true;
	if (r->is_mem) {
		f->data = r->mem;
		f->len = r->mem_len;
		f->eof = true;
		r->files_read++;
		return SZ_OK;
	}
	if (strcmp(r->path, "-") == 0) {
		f->fd = STDIN_FILENO;
		r->files_read++;
		return SZ_OK;
	}
	struct stat sb;
	int e = open_input(r->path, false, &f->fd, &sb);
	if (e != 0) {
		r->failed = true;
		st = emit_error(rec, text, id, 0, "cannot read %s: %s", r->path,
				e == EISDIR ? "it is a directory"
				: e == ENODEV ? "it is a device, not a zone file" : strerror(e));
		return st != SZ_OK ? st : SZ_ERR_IO;
	}
	f->owns_fd = true;
	f->dev = sb.st_dev;
	f->ino = sb.st_ino;
	f->has_id = true;
	r->files_read++;
	return SZ_OK;
}

/*
 * Read more of a file frame: keep the unread part, grow the buffer when a
 * record fills it. Returns 0, or errno of a failed read.
 */
static int refill(frame *f)
{
	if (f->fd < 0) {
		f->eof = true;
		return 0;
	}
	if (f->pos > 0) {
		memmove(f->own, f->own + f->pos, f->len - f->pos);
		f->len -= f->pos;
		f->pos = 0;
	}
	if (f->len == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : BLOCK_SIZE;
		char *p = realloc(f->own, cap);
		if (p == NULL)
			return ENOMEM;
		f->own = p;
		f->cap = cap;
	}
	f->data = f->own;
	for (;;) {
		ssize_t n = read(f->fd, f->own + f->len, f->cap - f->len);
		if (n > 0) {
			f->len += (size_t)n;
			return 0;
		}
		if (n == 0) {
			f->eof = true;
			return 0;
		}
		if (errno != EINTR)
			return errno;
	}
}

/* ---- scanning ---- */

enum unit {
	U_MORE,      /* the unit does not end inside the buffer: read more */
	U_BLANK,     /* blank or comment lines */
	U_RECORD,    /* a record, in the output */
	U_DIRECTIVE, /* a directive line, tokens in r->scratch */
	U_ERROR,     /* a problem; `err` says what */
};

typedef struct scan {
	size_t consumed;   /* bytes of input the unit took */
	size_t lines;      /* newlines in it */
	const char *err;
	bool continuation;
	size_t ntok;       /* directive tokens */
} scan;

/* Bytes the record scanner must look at; everything else is copied. */
static const unsigned char special[256] = {
	['\0'] = 1, ['\n'] = 1, ['\r'] = 1, ['\t'] = 1, [' '] = 1, [';'] = 1,
	['('] = 1, [')'] = 1, ['"'] = 1, ['\\'] = 1, ['\f'] = 1, ['\v'] = 1,
};

/*
 * Scan one record starting at f->pos into `out` as one line: whitespace runs
 * become one space, parentheses and comments vanish, quoted strings and
 * escapes are copied verbatim. A continuation line gets `owner` in front.
 */
static enum unit scan_record(const frame *f, const char *owner, size_t owner_len,
			     sz_buf *out, scan *sc)
{
	const char *d = f->data;
	size_t p = f->pos, end = f->len;
	size_t start_len = out->len;
	int depth = 0;
	bool quoted = false, any = false;
	size_t lines = 0;
	const char *err = NULL;

	sc->continuation = d[p] == ' ' || d[p] == '\t';
	if (!sz_buf_reserve(out, (end - p) + owner_len + 2)) {
		sc->err = "out of memory";
		return U_ERROR;
	}
	char *o = out->data + out->len;
	char *o0 = o;
	if (sc->continuation) {
		if (owner_len > 0)
			memcpy(o, owner, owner_len);
		o += owner_len;
		*o++ = ' ';
	}
	for (;;) {
		/* copy the run of ordinary bytes in one go */
		size_t q = p;
		while (q < end && !special[(unsigned char)d[q]])
			q++;
		if (q > p) {
			memcpy(o, d + p, q - p);
			o += q - p;
			p = q;
			any = true;
		}
		if (p >= end) {
			if (!f->eof)
				return U_MORE;
			if (quoted)
				err = err ? err : "a quoted string is not closed: add the closing '\"'";
			else if (depth > 0)
				err = err ? err : "'(' is not closed before the end of the file: add the missing ')'";
			break;
		}
		char c = d[p++];
		if (quoted) {
			if (c == '\n') {
				lines++;
				err = err ? err : "a quoted string runs past the end of the line: add the closing '\"'";
				break;
			}
			if (c == '\0') {
				err = err ? err : "the record contains a NUL byte: remove it";
				continue;
			}
			*o++ = c;
			if (c == '"') {
				quoted = false;
			} else if (c == '\\') {
				if (p >= end && !f->eof)
					return U_MORE;
				if (p < end && d[p] != '\n' && d[p] != '\0')
					*o++ = d[p++];
			}
			continue;
		}
		switch (c) {
		case '\n':
			lines++;
			if (depth == 0)
				goto done;
			/* fall through */
		case '\r': case '\t': case ' ': case '\f': case '\v':
			if (o > o0 && o[-1] != ' ')
				*o++ = ' ';
			break;
		case ';': {
			const char *nl = memchr(d + p, '\n', end - p);
			if (nl == NULL) {
				if (!f->eof)
					return U_MORE;
				p = end;
			} else {
				p = (size_t)(nl - d);
			}
			break;
		}
		case '(':
			depth++;
			if (o > o0 && o[-1] != ' ')
				*o++ = ' ';
			break;
		case ')':
			if (depth == 0)
				err = err ? err : "')' without a matching '(': remove it or add the '('";
			else
				depth--;
			if (o > o0 && o[-1] != ' ')
				*o++ = ' ';
			break;
		case '"':
			quoted = true;
			any = true;
			*o++ = c;
			break;
		case '\\':
			any = true;
			*o++ = c;
			if (p >= end && !f->eof)
				return U_MORE;
			if (p < end && d[p] != '\n' && d[p] != '\r' && d[p] != '\0')
				*o++ = d[p++];
			break;
		case '\0':
			err = err ? err : "the record contains a NUL byte: remove it";
			break;
		default:
			*o++ = c;
			any = true;
			break;
		}
	}
done:
	while (o > o0 && o[-1] == ' ')
		o--;
	*o = '\0';
	sc->consumed = p - f->pos;
	sc->lines = lines;
	sc->err = err;
	if (!any) {
		out->len = start_len;
		return err != NULL ? U_ERROR : U_BLANK;
	}
	out->len = start_len + (size_t)(o - o0);
	return err != NULL ? U_ERROR : U_RECORD;
}

/*
 * Tokens of a directive line (from f->pos to the end of the line) into
 * r->dir, each NUL-terminated: quotes removed, comments dropped.
 */
static enum unit scan_directive(sz_zread *r, const frame *f, scan *sc)
{
	const char *d = f->data;
	size_t p = f->pos, end = f->len;
	const char *nl = memchr(d + p, '\n', end - p);
	if (nl == NULL && !f->eof)
		return U_MORE;
	size_t stop = nl != NULL ? (size_t)(nl - d) : end;
	r->dir.len = 0;
	sc->ntok = 0;
	sc->err = NULL;
	if (!sz_buf_reserve(&r->dir, (stop - p) + 2)) {
		sc->err = "out of memory";
		return U_ERROR;
	}
	char *o = r->dir.data;
	while (p < stop) {
		char c = d[p];
		if (c == ' ' || c == '\t' || c == '\r') {
			p++;
			continue;
		}
		if (c == ';')
			break;
		bool quoted = c == '"';
		if (quoted)
			p++;
		while (p < stop) {
			c = d[p];
			if (quoted ? c == '"' : (c == ' ' || c == '\t' || c == '\r' || c == ';'))
				break;
			if (c == '\0')
				sc->err = "the directive contains a NUL byte: remove it";
			if (c == '\\' && p + 1 < stop)
				*o++ = d[p++];
			*o++ = d[p++];
		}
		if (quoted) {
			if (p >= stop)
				sc->err = "a quoted string is not closed: add the closing '\"'";
			else
				p++;
		}
		*o++ = '\0';
		sc->ntok++;
	}
	r->dir.len = (size_t)(o - r->dir.data);
	sc->consumed = (nl != NULL ? stop + 1 : stop) - f->pos;
	sc->lines = nl != NULL ? 1 : 0;
	return sc->err != NULL ? U_ERROR : U_DIRECTIVE;
}

/* The i-th token of a scanned directive. */
static const char *token(const sz_zread *r, size_t i)
{
	const char *t = r->dir.data;
	while (i-- > 0)
		t += strlen(t) + 1;
	return t;
}

/*
 * Does the record (owner first) give its own TTL? ldns takes the token after
 * the owner as a TTL when it starts with a digit; so does this.
 */
static bool explicit_ttl(const char *rec, uint32_t *ttl)
{
	const char *sp = strchr(rec, ' ');
	if (sp == NULL || sp[1] < '0' || sp[1] > '9')
		return false;
	char tok[32];
	size_t n = strcspn(sp + 1, " ");
	if (n >= sizeof(tok))
		n = sizeof(tok) - 1;
	memcpy(tok, sp + 1, n);
	tok[n] = '\0';
	const char *endp;
	*ttl = ldns_str2period(tok, &endp);
	return true;
}

static sz_status set_prev_owner(frame *f, const char *owner, size_t len, sz_origin *origin)
{
	f->prev_owner.len = 0;
	if (!sz_buf_reserve(&f->prev_owner, len + 1))
		return SZ_ERR_NOMEM;
	memcpy(f->prev_owner.data, owner, len);
	f->prev_owner.data[len] = '\0';
	f->prev_owner.len = len + 1;
	if (f->prev_origin != origin) {
		szi_origin_unref(f->prev_origin);
		f->prev_origin = szi_origin_ref(origin);
	}
	return SZ_OK;
}

/* Make the last owner absolute before a continuation line uses it. */
static sz_status resolve_prev_owner(sz_zread *r, frame *f)
{
	if (f->prev_origin == NULL || f->prev_owner.len == 0)
		return SZ_OK;
	if (!absolute_name(r, f->prev_owner.data, f->prev_origin))
		return SZ_ERR_NOMEM;
	f->prev_owner.len = 0;
	if (!sz_buf_put(&f->prev_owner, r->scratch.data, r->scratch.len))
		return SZ_ERR_NOMEM;
	szi_origin_unref(f->prev_origin);
	f->prev_origin = NULL;
	return SZ_OK;
}

/* The chain "a.zone includes b.inc includes ..." for a loop message. */
static void include_chain(const sz_zread *r, const frame *f, char *out, size_t cap)
{
	const frame *stack[64];
	size_t n = 0;
	for (const frame *g = f; g != NULL && n < 64; g = g->parent)
		stack[n++] = g;
	size_t o = 0;
	out[0] = '\0';
	while (n-- > 0 && o < cap) {
		int k = snprintf(out + o, cap - o, "%s%s", r->files->names[stack[n]->file],
				 n > 0 ? " includes " : "");
		if (k < 0)
			break;
		o += (size_t)k;
	}
}

/* Resolve an $INCLUDE path against the directory of the including file. */
static bool include_path(sz_zread *r, const frame *f, const char *name)
{
	sz_buf *out = &r->incpath;
	out->len = 0;
	if (name[0] != '/') {
		const char *parent = r->files->names[f->file];
		const char *slash = strcmp(parent, STDIN_NAME) == 0 ? NULL : strrchr(parent, '/');
		if (slash != NULL && !sz_buf_put(out, parent, (size_t)(slash - parent) + 1))
			return false;
	}
	return sz_buf_put(out, name, strlen(name) + 1);
}

/*
 * $INCLUDE FILE [ORIGIN]: open FILE and read it before the rest of the
 * including file. Problems become error items (*item set); none is fatal.
 */
static sz_status do_include(sz_zread *r, frame *f, size_t line, size_t ntok,
			    sz_zrec *rec, sz_buf *text, bool *item)
{
	*item = true;
	if (ntok < 2)
		return emit_error(rec, text, f->file, line,
				  "$INCLUDE needs a file name: $INCLUDE FILE [ORIGIN]");
	if (ntok > 3)
		return emit_error(rec, text, f->file, line,
				  "unexpected text after $INCLUDE FILE ORIGIN: remove it or make it a comment");
	const char *name = token(r, 1);
	if (!include_path(r, f, name))
		return SZ_ERR_NOMEM;
	const char *path = r->incpath.data;

	if (f->depth + 1 > r->cfg.max_depth)
		return emit_error(rec, text, f->file, line,
				  "$INCLUDE %s: files are nested more than %u deep (an include loop?)",
				  name, r->cfg.max_depth);

	sz_origin *origin = f->origin;
	sz_origin *made = NULL;
	if (ntok == 3) {
		const char *o = token(r, 2);
		if (!absolute_name(r, o, f->origin))
			return emit_error(rec, text, f->file, line,
					  "$INCLUDE origin '%s' is relative and no origin is known: end it with a dot", o);
		made = szi_origin_new(r->scratch.data);
		if (made == NULL)
			return emit_error(rec, text, f->file, line,
					  "$INCLUDE origin '%s' is not a valid domain name", o);
		origin = made;
	}

	int fd = -1;
	struct stat sb;
	int e = open_input(path, true, &fd, &sb);
	if (e != 0) {
		szi_origin_unref(made);
		if (e == EISDIR || e == ENODEV || e == NOT_REGULAR)
			return emit_error(rec, text, f->file, line,
					  "$INCLUDE %s: %s is a %s, not a zone file", name, path,
					  e == EISDIR ? "directory" : e == ENODEV ? "device"
					  : "FIFO, socket or other special file");
		if (e == PSEUDO_FS)
			return emit_error(rec, text, f->file, line,
					  "$INCLUDE %s: %s is a kernel interface (/proc, /sys or the like), not a zone file",
					  name, path);
		if (strcmp(name, path) == 0)
			return emit_error(rec, text, f->file, line,
					  "$INCLUDE %s: cannot read it: %s", name, strerror(e));
		return emit_error(rec, text, f->file, line,
				  "$INCLUDE %s: cannot read %s: %s (a relative path is relative to the including file)",
				  name, path, strerror(e));
	}
	for (const frame *g = f; g != NULL; g = g->parent) {
		if (g->has_id && g->dev == sb.st_dev && g->ino == sb.st_ino) {
			char chain[1024];
			include_chain(r, f, chain, sizeof(chain));
			close(fd);
			szi_origin_unref(made);
			return emit_error(rec, text, f->file, line,
					  "$INCLUDE %s: include loop, %s is already being read (%s includes %s): remove one of the $INCLUDEs",
					  name, path, chain, path);
		}
	}
	uint32_t id;
	sz_status st = szi_files_add(r->files, path, &id);
	frame *g = st == SZ_OK ? frame_new(id, f->depth + 1, origin) : NULL;
	szi_origin_unref(made);
	if (g == NULL || resolve_prev_owner(r, f) != SZ_OK ||
	    (f->prev_owner.len > 0 &&
	     !sz_buf_put(&g->prev_owner, f->prev_owner.data, f->prev_owner.len))) {
		close(fd);
		if (g != NULL)
			frame_free(g);
		return st != SZ_OK ? st : SZ_ERR_NOMEM;
	}
	g->fd = fd;
	g->owns_fd = true;
	g->dev = sb.st_dev;
	g->ino = sb.st_ino;
	g->has_id = true;
	g->parent = f;
	r->top = g;
	r->files_read++;
	*item = false;
	return SZ_OK;
}

/* Handle the directive in r->dir; *item is set when `rec` holds an error. */
static sz_status do_directive(sz_zread *r, frame *f, size_t line, size_t ntok,
			      sz_zrec *rec, sz_buf *text, bool *item)
{
	const char *name = token(r, 0);
	*item = false;
	if (strcasecmp(name, "$INCLUDE") == 0)
		return do_include(r, f, line, ntok, rec, text, item);
	*item = true;
	if (strcasecmp(name, "$ORIGIN") == 0) {
		if (ntok != 2)
			return emit_error(rec, text, f->file, line, ntok < 2 ?
					  "$ORIGIN needs a domain name: $ORIGIN contoso.com." :
					  "unexpected text after the $ORIGIN name: remove it or make it a comment");
		const char *o = token(r, 1);
		if (!absolute_name(r, o, f->origin))
			return emit_error(rec, text, f->file, line,
					  "$ORIGIN %s is relative and no origin is known to append: end it with a dot", o);
		sz_origin *made = szi_origin_new(r->scratch.data);
		if (made == NULL)
			return emit_error(rec, text, f->file, line,
					  "$ORIGIN %s is not a valid domain name", o);
		szi_origin_unref(f->origin);
		f->origin = made;
		*item = false;
		return SZ_OK;
	}
	if (strcasecmp(name, "$TTL") == 0) {
		if (ntok != 2)
			return emit_error(rec, text, f->file, line, ntok < 2 ?
					  "$TTL needs a value: $TTL 3600" :
					  "unexpected text after the $TTL value: remove it or make it a comment");
		const char *v = token(r, 1);
		const char *endp = v;
		uint32_t ttl = v[0] >= '0' && v[0] <= '9' ? ldns_str2period(v, &endp) : 0;
		if (endp == v || *endp != '\0')
			return emit_error(rec, text, f->file, line,
					  "$TTL %s is not a TTL: write seconds (3600) or units (1h)", v);
		r->ttl_set = true;
		r->ttl = ttl;
		*item = false;
		return SZ_OK;
	}
	if (strcasecmp(name, "$GENERATE") == 0)
		return emit_error(rec, text, f->file, line,
				  "$GENERATE is a BIND extension that ldns cannot read: its records are not checked; expand it into records");
	return emit_error(rec, text, f->file, line,
			  "unknown directive %s: only $ORIGIN, $TTL and $INCLUDE are master-file directives", name);
}

/* Fill `rec` for the record just scanned into `text` at `off`. */
static sz_status finish_record(sz_zread *r, frame *f, size_t line, size_t off,
			       bool continuation, sz_zrec *rec, sz_buf *text)
{
	const char *s = text->data + off;
	if (f->origin == NULL) {
		r->failed = true;
		text->len = off;
		const char *name = r->files->names[f->file];
		sz_status st = strcmp(name, STDIN_NAME) == 0 ?
			emit_error(rec, text, f->file, line,
				   "no origin for this record: standard input has no $ORIGIN before it and no --origin was given; add '$ORIGIN zone.example.' at the top or pass --origin") :
			emit_error(rec, text, f->file, line,
				   "no origin for this record: %s has no $ORIGIN before it, no --origin was given, and the file name names no zone; add '$ORIGIN zone.example.' at the top or pass --origin",
				   name);
		return st != SZ_OK ? st : SZ_ERR_ORIGIN;
	}
	if (!continuation) {
		size_t n = strcspn(s, " ");
		if (set_prev_owner(f, s, n, f->origin) != SZ_OK)
			return SZ_ERR_NOMEM;
	}
	char why[512];
	if (szi_zread_misread(s, why, sizeof(why))) {
		text->len = off;
		return emit_error(rec, text, f->file, line, "%s", why);
	}
	memset(rec, 0, sizeof(*rec));
	rec->kind = SZ_ZREC_RECORD;
	rec->file = f->file;
	rec->line = line;
	rec->text_off = off;
	rec->text_len = text->len - off;
	rec->origin = f->origin;
	uint32_t ttl;
	rec->explicit_ttl = explicit_ttl(text->data + off, &ttl);
	if (rec->explicit_ttl) {
		r->last_set = true;
		r->last_ttl = ttl;
	}
	if (r->ttl_set) {
		rec->default_ttl = r->ttl;
		rec->has_default_ttl = true;
	} else if (r->last_set) {
		rec->default_ttl = r->last_ttl;
		rec->has_default_ttl = true;
	}
	/* the text is NUL-terminated after text_len */
	return sz_buf_put(text, "", 1) ? SZ_OK : SZ_ERR_NOMEM;
}

/* The longest line whose end is still looked for: well above any real
 * record, so that one absurd line (100 MB) costs only that line. */
#define SKIP_MAX ((size_t)1 << 30)

/* Drop bytes up to and including the next newline; with none in the
 * buffer, drop it all and stay in the skipping state for the next block.
 * Returns EFBIG once the line has gone on for more than SKIP_MAX bytes. */
static int skip_line(frame *f)
{
	const char *nl = memchr(f->data + f->pos, '\n', f->len - f->pos);
	if (nl == NULL) {
		f->skipped += f->len - f->pos;
		f->pos = f->len;
		/* Input without end (a pipe from /dev/zero): give the file up. */
		return f->skipped > SKIP_MAX ? EFBIG : 0;
	}
	f->pos = (size_t)(nl - f->data) + 1;
	f->line++;
	f->skipping = false;
	f->skipped = 0;
	return 0;
}

/* A read error: the rest of this file is lost. An included file's error is
 * reported and reading goes on in the file that included it; the top-level
 * file's ends the reader. */
static sz_status read_failed(sz_zread *r, frame *f, sz_zrec *rec, sz_buf *text, int e)
{
	sz_status st = e == EAGAIN ?
		emit_error(rec, text, f->file, f->line,
			   "reading %s failed: it would wait for more input, so it is no zone file",
			   r->files->names[f->file]) :
		emit_error(rec, text, f->file, f->line, "reading %s failed: %s",
			   r->files->names[f->file], strerror(e));
	if (f->parent == NULL) {
		r->failed = true;
		return st != SZ_OK ? st : SZ_ERR_IO;
	}
	r->top = f->parent;
	frame_free(f);
	return st;
}

sz_status szi_zread_next(sz_zread *r, sz_zrec *rec, sz_buf *text)
{
	if (r->failed)
		return SZ_ERR_INVALID;
	if (!r->started) {
		sz_status st = start(r, rec, text);
		if (st != SZ_OK)
			return st;
	}
	for (;;) {
		frame *f = r->top;
		if (f == NULL) {
			memset(rec, 0, sizeof(*rec));
			rec->kind = SZ_ZREC_END;
			return SZ_OK;
		}
		if (f->skipping) {
			int e = skip_line(f);
			if (e != 0)
				return read_failed(r, f, rec, text, e);
		}
		if (f->pos >= f->len) {
			if (!f->eof) {
				int e = refill(f);
				if (e != 0)
					return read_failed(r, f, rec, text, e);
				continue;
			}
			r->top = f->parent;
			frame_free(f);
			continue;
		}

		scan sc = { 0 };
		size_t line = f->line;
		size_t off = text->len;
		enum unit u;
		char first = f->data[f->pos];
		if (first == '$') {
			u = scan_directive(r, f, &sc);
		} else {
			if ((first == ' ' || first == '\t') && resolve_prev_owner(r, f) != SZ_OK)
				return SZ_ERR_NOMEM;
			u = scan_record(f, f->prev_owner.data, f->prev_owner.len > 0 ? f->prev_owner.len - 1 : 0,
					text, &sc);
		}
		if (u == U_MORE) {
			text->len = off;
			if (f->eof)
				return SZ_ERR_INVALID; /* cannot happen: the scanners end at EOF */
			if (f->len - f->pos >= RECORD_MAX) {
				/* Give up on this record; resume after its first line,
				 * however much more of that line is still to come. */
				f->skipping = true;
				(void)skip_line(f); /* the limit is checked on the next call */
				return emit_error(rec, text, f->file, line,
						  "a record longer than %zu bytes: a '(' is probably not closed",
						  RECORD_MAX);
			}
			int e = refill(f);
			if (e != 0)
				return read_failed(r, f, rec, text, e);
			continue;
		}
		f->pos += sc.consumed;
		f->line += sc.lines;
		switch (u) {
		case U_BLANK:
			continue;
		case U_ERROR:
			text->len = off;
			return emit_error(rec, text, f->file, line, "%s", sc.err);
		case U_DIRECTIVE: {
			bool item = false;
			sz_status st = do_directive(r, f, line, sc.ntok, rec, text, &item);
			if (st != SZ_OK || item)
				return st;
			continue;
		}
		case U_RECORD:
			if (sc.continuation && f->prev_owner.len == 0) {
				text->len = off;
				return emit_error(rec, text, f->file, line,
						  "the line starts with blank space, so it continues the previous owner, but there is none: write the owner name");
			}
			return finish_record(r, f, line, off, sc.continuation, rec, text);
		case U_MORE:
			break;
		}
	}
}
