/*
 * diff/read.c: read one input of a comparison into a record set, through
 * the checker's zone reader (zonefile/reader.h) and its record parser
 * (zonefile/record_parse.h: the common types field by field, the rest and
 * every error by ldns), as `check` reads it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "diff/core.h"
#include "zonefile/reader.h"
#include "zonefile/record_parse.h"

/* What one read needs besides the set. */
typedef struct reading {
	sz_diff_set *set;
	const sz_diff_options *opt;
	sz_diag_list *diags;
	sz_files files;
	size_t errors;
} reading;

void szi_diff_report(sz_diag_list *diags, const char *rule, const char *file, size_t line,
		const char *fmt, ...)
{
	if (diags == NULL)
		return;
	char msg[1200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	(void)sz_diag_add(diags, SZ_SEV_ERROR, rule, file, line, 0, NULL, NULL, NULL, "%s", msg);
}

static void syntax_error(reading *rd, const sz_zrec *rec, const char *text, const char *why)
{
	char shown[SZI_EXCERPT_MAX];
	szi_excerpt(text, strlen(text), shown);
	rd->errors++;
	szi_diff_report(rd->diags, sz_rule_id(SZ_RULE_SYNTAX), rd->files.names[rec->file], rec->line,
		   "ldns cannot parse the record '%s': %s; fix the record", shown, why);
}

static sz_status parse_record(reading *rd, const sz_zrec *rec, const char *text)
{
	ldns_rr *rr = NULL;
	uint32_t dttl = rec->has_default_ttl ? rec->default_ttl : 0;
	ldns_status ls = szi_parse_rr_head(&rr, text, rec->has_head ? &rec->head : NULL, dttl,
					   rec->origin != NULL ? rec->origin->rdf : NULL, !rd->opt->ldns_only, NULL);
	if (ls != LDNS_STATUS_OK) {
		syntax_error(rd, rec, text, ldns_get_errorstr_by_id(ls));
		return SZ_OK;
	}
	/* ldns reads a default TTL of 0 as "none": $TTL 0 must still be 0 */
	if (!rec->explicit_ttl && rec->has_default_ttl && rec->default_ttl == 0)
		ldns_rr_set_ttl(rr, 0);
	sz_status st = szi_diff_set_add_rr(rd->set, rr, rd->opt->ignore_soa_serial);
	ldns_rr_free(rr);
	if (st == SZ_ERR_INVALID || st == SZ_ERR_LIMIT) {
		syntax_error(rd, rec, text, st == SZ_ERR_INVALID ? "the record data is longer than 65535 octets"
				 : "the owner name is longer than 255 octets");
		st = SZ_OK;
	}
	return st;
}

/* A problem that ends the reading: the input or the origin is missing. */
static void fatal(reading *rd, sz_status st, const sz_zrec *rec, const sz_buf *text)
{
	if (rec->kind != SZ_ZREC_ERROR || (st != SZ_ERR_IO && st != SZ_ERR_ORIGIN))
		return;
	szi_diff_report(rd->diags, sz_rule_id(st == SZ_ERR_IO ? SZ_RULE_IO : SZ_RULE_ORIGIN), rd->files.names[rec->file],
		   rec->line, "%s", text->data + rec->text_off);
}

/* One item from the reader; *done at the end of the input. */
static sz_status read_one(reading *rd, sz_zread *r, sz_buf *text, bool *done)
{
	sz_zrec rec;
	memset(&rec, 0, sizeof(rec));
	text->len = 0;
	sz_status st = szi_zread_next(r, &rec, text);
	if (st != SZ_OK) {
		fatal(rd, st, &rec, text);
		return st;
	}
	if (rec.kind == SZ_ZREC_END) {
		*done = true;
		return SZ_OK;
	}
	const char *s = text->data + rec.text_off;
	if (rec.kind == SZ_ZREC_ERROR) {
		rd->errors++;
		szi_diff_report(rd->diags, sz_rule_id(SZ_RULE_SYNTAX), rd->files.names[rec.file], rec.line, "%s", s);
	} else {
		st = parse_record(rd, &rec, s);
	}
	if (st == SZ_OK && rd->errors >= SZ_DIFF_MAX_ERRORS) {
		/* a note, not one more error */
		if (rd->diags != NULL)
			st = sz_diag_add(rd->diags, SZ_SEV_INFO, sz_rule_id(SZ_RULE_SYNTAX), rd->files.names[rec.file],
					 rec.line, 0, NULL, NULL, NULL,
					 "stopped reading after %u errors; fix these first", SZ_DIFF_MAX_ERRORS);
		*done = true;
	}
	return st;
}

static sz_status read_all(reading *rd, sz_zread *r)
{
	sz_buf text = { 0 };
	sz_status st = SZ_OK;
	bool done = false;
	while (st == SZ_OK && !done)
		st = read_one(rd, r, &text, &done);
	sz_buf_free(&text);
	if (st == SZ_OK && rd->errors > 0)
		st = SZ_ERR_INVALID;
	return st;
}

sz_status szi_diff_set_read(sz_diff_set *set, const sz_diff_input *in, const sz_diff_options *opt,
		       sz_diag_list *diags)
{
	reading rd = { .set = set, .opt = opt, .diags = diags };
	sz_zread_config cfg = { opt->origin, SZ_DIFF_MAX_INCLUDE_DEPTH, opt->include_anywhere };
	sz_zread *r = NULL;
	sz_status st = in->text != NULL
		? szi_zread_new_buffer(in->name, in->text, in->len, &cfg, &rd.files, &r)
		: szi_zread_new_file(in->name, &cfg, &rd.files, &r);
	if (st == SZ_OK)
		st = read_all(&rd, r);
	szi_zread_free(r);
	szi_files_clear(&rd.files);
	if (st == SZ_OK)
		st = szi_diff_set_sort_unique(set);
	return st;
}
