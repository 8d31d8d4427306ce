/*
 * finding_sink.c: findings in sorted runs on a temporary file, merged back
 * in the order sz_diag_list_sort() gives (see finding_sink.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "finding_sink.h"
#include "sipzone/rules.h"

#define SZ_SINK_BUF 16384

void sz_sink_init(sz_finding_sink *s)
{
	memset(s, 0, sizeof(*s));
	sz_diag_list_init(&s->fatal);
	s->fd = -1;
}

static void diag_free(sz_diag *d)
{
	free(d->file);
	free(d->path);
	free(d->owner);
	free(d->type);
	free(d->message);
	memset(d, 0, sizeof(*d));
}

/* ---- writing a run ---- */

typedef struct wbuf {
	char data[SZ_SINK_BUF];
	size_t len;
	int fd;
	bool failed;
} wbuf;

static void w_flush(wbuf *w)
{
	size_t off = 0;
	while (!w->failed && off < w->len) {
		ssize_t n = write(w->fd, w->data + off, w->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			w->failed = true;
		else
			off += (size_t)n;
	}
	w->len = 0;
}

static void w_bytes(wbuf *w, const void *p, size_t n)
{
	const char *c = p;
	while (n > 0) {
		if (w->len == sizeof(w->data))
			w_flush(w);
		size_t k = sizeof(w->data) - w->len < n ? sizeof(w->data) - w->len : n;
		memcpy(w->data + w->len, c, k);
		w->len += k;
		c += k;
		n -= k;
	}
}

static void w_str(wbuf *w, const char *s)
{
	uint32_t n = s == NULL ? UINT32_MAX : (uint32_t)strlen(s);
	w_bytes(w, &n, sizeof(n));
	if (s != NULL)
		w_bytes(w, s, n);
}

/* A record: severity, rule (a static string of this process: the pointer
 * itself), line, column, then file, path, owner, type, message. */
static void w_diag(wbuf *w, const sz_diag *d)
{
	int32_t sev = (int32_t)d->severity;
	uint64_t line = d->line, col = d->col;
	w_bytes(w, &sev, sizeof(sev));
	w_bytes(w, &d->rule, sizeof(d->rule));
	w_bytes(w, &line, sizeof(line));
	w_bytes(w, &col, sizeof(col));
	w_str(w, d->file);
	w_str(w, d->path);
	w_str(w, d->owner);
	w_str(w, d->type);
	w_str(w, d->message);
}

static bool grow(void **v, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return true;
	size_t c = *cap ? *cap * 2 : 16;
	while (c < need)
		c *= 2;
	void *n = realloc(*v, c * size);
	if (n == NULL)
		return false;
	*v = n;
	*cap = c;
	return true;
}

/* Sort the run in memory, as the whole list would be sorted. */
static void sort_run(sz_finding_sink *s)
{
	sz_diag_list view;
	sz_diag_list_init(&view);
	view.items = s->run;
	view.count = s->n_run;
	view.capacity = s->cap_run;
	sz_diag_list_sort(&view);
}

static void spill(sz_finding_sink *s)
{
	size_t cap_runs = s->n_runs;
	if (s->fd < 0) {
		FILE *t = tmpfile();
		s->fd = t != NULL ? dup(fileno(t)) : -1;
		if (t != NULL)
			fclose(t);
		if (s->fd < 0) {
			s->failed = true;
			return;
		}
	}
	if (!grow((void **)&s->run_start, &cap_runs, s->n_runs + 1, sizeof(*s->run_start))) {
		s->failed = true;
		return;
	}
	cap_runs = s->n_runs;
	if (!grow((void **)&s->run_count, &cap_runs, s->n_runs + 1, sizeof(*s->run_count))) {
		s->failed = true;
		return;
	}
	sort_run(s);
	wbuf *w = malloc(sizeof(*w));
	if (w == NULL) {
		s->failed = true;
		return;
	}
	w->len = 0;
	w->fd = s->fd;
	w->failed = false;
	off_t start = lseek(s->fd, 0, SEEK_END);
	for (size_t i = 0; i < s->n_run; i++) {
		w_diag(w, &s->run[i]);
		diag_free(&s->run[i]);
	}
	w_flush(w);
	s->failed = s->failed || w->failed || start < 0;
	free(w);
	s->run_start[s->n_runs] = start;
	s->run_count[s->n_runs] = s->n_run;
	s->n_runs++;
	s->n_run = 0;
}

void sz_sink_drain(void *ctx, sz_diag_list *diags)
{
	sz_finding_sink *s = ctx;
	for (size_t i = 0; i < diags->count; i++) {
		sz_diag *d = &diags->items[i];
		if (sz_diag_kind(d) != SZ_RULE_KIND_FINDING) {
			if (sz_diag_add(&s->fatal, d->severity, d->rule, d->file, d->line, d->col, d->path,
					d->owner, d->type, "%s", d->message) != SZ_OK)
				s->failed = true;
			diag_free(d);
			continue;
		}
		if (!grow((void **)&s->run, &s->cap_run, s->n_run + 1, sizeof(*s->run))) {
			s->failed = true;
			diag_free(d);
			continue;
		}
		s->total++;
		s->errors += d->severity == SZ_SEV_ERROR;
		s->warnings += d->severity == SZ_SEV_WARNING;
		s->infos += d->severity == SZ_SEV_INFO;
		s->run[s->n_run++] = *d;
		memset(d, 0, sizeof(*d));
		if (s->n_run == SZ_SINK_RUN && !s->failed)
			spill(s);
	}
	diags->count = 0;
	diags->errors = diags->warnings = diags->infos = 0;
}

/* ---- reading the runs back ---- */

typedef struct reader {
	int fd;
	off_t off;          /* next byte of the file to read */
	size_t left;        /* records not yet taken */
	char *buf;
	size_t len, pos;
	sz_diag cur;        /* the current record, owned */
	bool has;
} reader;

static bool r_bytes(reader *r, void *out, size_t n)
{
	char *o = out;
	while (n > 0) {
		if (r->pos == r->len) {
			ssize_t got = pread(r->fd, r->buf, SZ_SINK_BUF, r->off);
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0)
				return false;
			r->off += got;
			r->len = (size_t)got;
			r->pos = 0;
		}
		size_t k = r->len - r->pos < n ? r->len - r->pos : n;
		memcpy(o, r->buf + r->pos, k);
		r->pos += k;
		o += k;
		n -= k;
	}
	return true;
}

static bool r_str(reader *r, char **out)
{
	uint32_t n;
	*out = NULL;
	if (!r_bytes(r, &n, sizeof(n)))
		return false;
	if (n == UINT32_MAX)
		return true;
	if ((*out = malloc((size_t)n + 1)) == NULL || !r_bytes(r, *out, n))
		return false;
	(*out)[n] = '\0';
	return true;
}

/* Take the next record of the run into r->cur; false at its end or on failure
 * (then *failed is set). */
static bool r_next(reader *r, bool *failed)
{
	r->has = false;
	if (r->left == 0)
		return false;
	int32_t sev;
	uint64_t line, col;
	sz_diag *d = &r->cur;
	memset(d, 0, sizeof(*d));
	bool ok = r_bytes(r, &sev, sizeof(sev)) && r_bytes(r, &d->rule, sizeof(d->rule)) &&
		  r_bytes(r, &line, sizeof(line)) && r_bytes(r, &col, sizeof(col)) &&
		  r_str(r, &d->file) && r_str(r, &d->path) && r_str(r, &d->owner) &&
		  r_str(r, &d->type) && r_str(r, &d->message);
	if (!ok) {
		diag_free(d);
		*failed = true;
		return false;
	}
	d->severity = (sz_severity)sev;
	d->line = (size_t)line;
	d->col = (size_t)col;
	r->left--;
	r->has = true;
	return true;
}

/* The order of sz_diag_list_sort(): file (NULL first), line, column. */
static int diag_cmp(const sz_diag *a, const sz_diag *b)
{
	int c;
	if (a->file == NULL || b->file == NULL)
		c = (a->file != NULL) - (b->file != NULL);
	else
		c = strcmp(a->file, b->file);
	if (c == 0)
		c = (a->line > b->line) - (a->line < b->line);
	if (c == 0)
		c = (a->col > b->col) - (a->col < b->col);
	return c;
}

int sz_sink_replay(sz_finding_sink *s, void (*fn)(void *ctx, const sz_diag *d), void *ctx)
{
	if (s->n_run > 0)
		sort_run(s);
	if (s->n_runs == 0) {
		for (size_t i = 0; i < s->n_run; i++) {
			fn(ctx, &s->run[i]);
			diag_free(&s->run[i]);
		}
		s->n_run = 0;
		return s->failed ? -1 : 0;
	}
	/* the runs on file, then the one in memory: k-way merge, ties to the
	 * earlier run (the stable sort's insertion order) */
	size_t k = s->n_runs;
	reader *r = calloc(k, sizeof(*r));
	char *bufs = r != NULL ? malloc(k * SZ_SINK_BUF) : NULL;
	if (bufs == NULL) {
		free(r);
		s->failed = true;
		return -1;
	}
	for (size_t i = 0; i < k; i++) {
		r[i].fd = s->fd;
		r[i].off = s->run_start[i];
		r[i].left = s->run_count[i];
		r[i].buf = bufs + i * SZ_SINK_BUF;
		r_next(&r[i], &s->failed);
	}
	size_t mem = 0;
	for (;;) {
		const sz_diag *best = NULL;
		size_t from = k;
		for (size_t i = 0; i < k; i++) {
			if (r[i].has && (best == NULL || diag_cmp(&r[i].cur, best) < 0)) {
				best = &r[i].cur;
				from = i;
			}
		}
		if (mem < s->n_run && (best == NULL || diag_cmp(&s->run[mem], best) < 0)) {
			fn(ctx, &s->run[mem]);
			diag_free(&s->run[mem++]);
			continue;
		}
		if (best == NULL)
			break;
		fn(ctx, best);
		diag_free(&r[from].cur);
		r_next(&r[from], &s->failed);
	}
	for (size_t i = 0; i < k; i++)
		if (r[i].has)
			diag_free(&r[i].cur);
	free(bufs);
	free(r);
	s->n_run = 0;
	return s->failed ? -1 : 0;
}

void sz_sink_clear(sz_finding_sink *s)
{
	for (size_t i = 0; i < s->n_run; i++)
		diag_free(&s->run[i]);
	free(s->run);
	free(s->run_start);
	free(s->run_count);
	if (s->fd >= 0)
		close(s->fd);
	sz_diag_list_clear(&s->fatal);
	sz_sink_init(s);
}
