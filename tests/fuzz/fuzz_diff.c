/*
 * fuzz_diff.c: two zone texts -> their difference, and what must hold.
 *
 * The input is OLD, the line "%%", then NEW (without the line, OLD and NEW
 * are the same text). Both are named `<fixtures>/contoso.com.zone`, so their
 * origin comes from the name and $INCLUDE finds the fixture files.
 *
 *  - sz_diff_buffers() returns SZ_OK or SZ_ERR_INVALID, the latter with at
 *    least one "syntax" (or "origin") error, located inside the text;
 *  - the entries are counted right and sorted by owner in canonical order;
 *  - a text compared with itself has no difference;
 *  - with --ldns-only (ldns_rr_new_frm_str() for every record) the same
 *    syntax verdict and the same entries (the fast record parser, issue 18);
 *  - diff(NEW, OLD) is diff(OLD, NEW) mirrored: added <-> removed, the TTLs
 *    of a TTL change swapped;
 *  - round trip: every record of a text, as the diff prints it (owner, TTL,
 *    class, type, RDATA), read back as a zone gives the same records: the
 *    text compared with its printed form has no difference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_props.h"
#include "output_props.h"
#include "diff_print.h"
#include "sipzone/diff.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);

static char zone_name[128];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(zone_name, sizeof(zone_name), "%s/contoso.com.zone", fz_fixtures());
	return 0;
}

typedef struct side {
	const char *text;
	size_t len;
} side;

/* What `sipzone diff` prints of it: clean text, and JSON that parses with
 * every key, one file entry per file that differs. */
static void check_output(const sz_diff *d)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&buf, &n);
	FZ_PROP(fp != NULL, "open_memstream");
	sz_diff_print_text(fp, d);
	fclose(fp);
	fz_check_clean_text("diff text", buf, n, (size_t)-1);
	free(buf);
	static const char *const keys[] = { "/files", "/summary/added", "/summary/removed",
					    "/summary/ttl_changed", "/summary/files_changed",
					    "/summary/files_compared", NULL };
	json_t *doc = fz_check_json_doc("diff json", sz_diff_to_json(d), keys);
	size_t differ = 0;
	for (size_t i = 0; i < d->n_files; i++)
		differ += d->files[i].count > 0;
	json_t *files = json_object_get(doc, "files");
	FZ_PROP(json_array_size(files) == differ, "diff json: %zu files, %zu differ",
		json_array_size(files), differ);
	for (size_t i = 0; i < json_array_size(files); i++) {
		json_t *f = json_array_get(files, i);
		static const char *const fk[] = { "old", "new", "changes", "summary" };
		for (size_t k = 0; k < 4; k++)
			FZ_PROP(json_object_get(f, fk[k]) != NULL, "diff json: a file without '%s'", fk[k]);
		json_t *ch = json_object_get(f, "changes");
		for (size_t j = 0; j < json_array_size(ch); j++) {
			static const char *const ek[] = { "kind", "name", "ttl", "old_ttl", "class",
							  "type", "rdata" };
			for (size_t k = 0; k < 7; k++)
				FZ_PROP(json_object_get(json_array_get(ch, j), ek[k]) != NULL,
					"diff json: a change without '%s'", ek[k]);
		}
	}
	json_decref(doc);
}

/* Parse with ldns_rr_new_frm_str() only (--ldns-only) in compare(). */
static bool ldns_only;

/* Compare; on SZ_ERR_INVALID check the diagnostics and return NULL. */
static sz_diff *compare(const side *a, const side *b, size_t max_lines)
{
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	sz_diff *d = NULL;
	sz_diff_options opt = { 0 };
	opt.ldns_only = ldns_only;
	sz_status st = sz_diff_buffers(zone_name, a->text, a->len, zone_name, b->text, b->len, &opt, &d,
				       &diags);
	if (st != SZ_OK && st != SZ_ERR_INVALID)
		fz_print_diags("diff", &diags);
	FZ_PROP(st == SZ_OK || st == SZ_ERR_INVALID, "diff returned %s", sz_status_name(st));
	FZ_PROP((st == SZ_OK) == (d != NULL), "status %s with result %p", sz_status_name(st), (void *)d);
	fz_check_diag_output("diff", &diags);
	if (st == SZ_ERR_INVALID) {
		FZ_PROP(diags.errors > 0, "SZ_ERR_INVALID without an error");
		for (size_t i = 0; i < diags.count; i++) {
			const sz_diag *g = &diags.items[i];
			size_t lines = max_lines;
			FZ_PROP(g->rule != NULL && g->message != NULL, "a diagnostic without rule or message");
			if (g->file != NULL && strcmp(g->file, zone_name) != 0 && !fz_fixture_lines(g->file, &lines))
				continue;
			FZ_PROP(g->line <= lines, "%s:%zu: [%s] past the end (%zu lines)", g->file, g->line,
				g->rule, lines);
		}
	}
	sz_diag_list_clear(&diags);
	return d;
}

static void check_shape(const sz_diff *d)
{
	FZ_PROP(d->n_files == 1, "%zu files for one pair", d->n_files);
	const sz_diff_file *f = &d->files[0];
	size_t added = 0, removed = 0, changed = 0;
	for (size_t i = 0; i < f->count; i++) {
		const sz_diff_entry *e = &f->entries[i];
		FZ_PROP(e->owner != NULL && e->rclass != NULL && e->type != NULL && e->rdata != NULL,
			"entry %zu incomplete", i);
		added += e->kind == SZ_DIFF_ADDED;
		removed += e->kind == SZ_DIFF_REMOVED;
		changed += e->kind == SZ_DIFF_TTL_CHANGED;
		if (e->kind == SZ_DIFF_TTL_CHANGED)
			FZ_PROP(e->ttl != e->old_ttl, "a TTL change with equal TTLs");
		if (i == 0)
			continue;
		ldns_rdf *a = NULL, *b = NULL;
		FZ_PROP(ldns_str2rdf_dname(&a, f->entries[i - 1].owner) == LDNS_STATUS_OK &&
			ldns_str2rdf_dname(&b, e->owner) == LDNS_STATUS_OK, "owner '%s' is no name", e->owner);
		FZ_PROP(ldns_dname_compare(a, b) <= 0, "entries not sorted: %s before %s",
			f->entries[i - 1].owner, e->owner);
		ldns_rdf_deep_free(a);
		ldns_rdf_deep_free(b);
	}
	FZ_PROP(added == f->added && removed == f->removed && changed == f->ttl_changed &&
		added + removed + changed == f->count, "counts do not match the entries");
	FZ_PROP(d->added == f->added && d->removed == f->removed && d->ttl_changed == f->ttl_changed &&
		d->files_changed == (f->count > 0), "totals do not match the file");
	FZ_PROP(sz_diff_equal(d) == (f->count == 0), "sz_diff_equal disagrees with the entries");
}

static char *entry_key(const sz_diff_entry *e, bool mirror)
{
	char buf[4096];
	sz_diff_kind k = e->kind;
	uint32_t ttl = e->ttl, old = e->old_ttl;
	if (mirror) {
		k = k == SZ_DIFF_ADDED ? SZ_DIFF_REMOVED : k == SZ_DIFF_REMOVED ? SZ_DIFF_ADDED : k;
		if (k == SZ_DIFF_TTL_CHANGED) {
			ttl = e->old_ttl;
			old = e->ttl;
		}
	}
	snprintf(buf, sizeof(buf), "%d %s %s %s %.3000s %u %u", (int)k, e->owner, e->rclass, e->type,
		 e->rdata, ttl, old);
	return strdup(buf);
}

/* `ba` is `ab` mirrored (NEW and OLD swapped), or with `same` the same. */
static void expect_entries(const sz_diff *ab, const sz_diff *ba, bool same_diff)
{
	fz_strs x = { 0 }, y = { 0 };
	for (size_t i = 0; i < ab->files[0].count; i++) {
		char *k = entry_key(&ab->files[0].entries[i], !same_diff);
		fz_strs_add(&x, k);
		free(k);
	}
	for (size_t i = 0; i < ba->files[0].count; i++) {
		char *k = entry_key(&ba->files[0].entries[i], false);
		fz_strs_add(&y, k);
		free(k);
	}
	fz_strs_sort(&x);
	fz_strs_sort(&y);
	bool same = x.n == y.n;
	for (size_t i = 0; same && i < x.n; i++)
		same = strcmp(x.v[i], y.v[i]) == 0;
	if (same_diff)
		FZ_PROP(same, "the fast record parser and --ldns-only disagree (%zu vs %zu entries)", x.n, y.n);
	else
		FZ_PROP(same, "diff(NEW, OLD) is not diff(OLD, NEW) mirrored (%zu vs %zu entries)", x.n, y.n);
	fz_strs_free(&x);
	fz_strs_free(&y);
}

/*
 * ldns_rr_new_frm_str() reads the owner into a buffer of 255 characters
 * (LDNS_MAX_DOMAINLEN) and refuses a token that fills it, so at most 254
 * characters, whatever its wire length: an owner written with many \DDD
 * escapes (up to four characters per octet) can be a legal name of under
 * 255 octets whose presentation is longer. The diff prints it
 * right, but neither ldns nor anything built on it reads that line back;
 * names in RDATA have no such limit. So such a record is left out of the
 * round trip (regressions/diff/escaped-owner-over-255-chars.zone,
 * escaped-owner-of-255-chars.zone).
 */
static bool owner_too_long_for_ldns(const sz_diff_entry *e)
{
	return strlen(e->owner) >= 255;
}

/* The records of `s` as the diff prints them, as zone text; NULL when one
 * of them cannot be read back for ldns's reason above. */
static char *printed(const side *s, size_t *len)
{
	side empty = { "", 0 };
	sz_diff *d = compare(&empty, s, fz_count_lines(s->text, s->len));
	if (d == NULL)
		return NULL;
	size_t cap = 64, n = 0;
	char *out = malloc(cap);
	FZ_PROP(out != NULL, "out of memory");
	const sz_diff_file *f = &d->files[0];
	for (size_t i = 0; i < f->count; i++) {
		const sz_diff_entry *e = &f->entries[i];
		FZ_PROP(e->kind == SZ_DIFF_ADDED, "a record of NEW against nothing is not 'added'");
		if (owner_too_long_for_ldns(e)) {
			free(out);
			sz_diff_free(d);
			return NULL;
		}
		size_t need = strlen(e->owner) + strlen(e->rclass) + strlen(e->type) + strlen(e->rdata) + 32;
		while (n + need >= cap) {
			cap *= 2;
			out = realloc(out, cap);
			FZ_PROP(out != NULL, "out of memory");
		}
		n += (size_t)snprintf(out + n, cap - n, "%s %u %s %s %s\n", e->owner, e->ttl, e->rclass,
				      e->type, e->rdata);
	}
	sz_diff_free(d);
	*len = n;
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (zone_name[0] == '\0')
		LLVMFuzzerInitialize(NULL, NULL);
	const char *text = (const char *)data;
	side a = { text, size }, b = { text, size };
	for (size_t i = 0; i + 4 <= size; i++) {
		if ((i == 0 || text[i - 1] == '\n') && memcmp(text + i, "%%\n", 3) == 0) {
			a.len = i;
			b.text = text + i + 3;
			b.len = size - i - 3;
			break;
		}
	}
	size_t lines = fz_count_lines(text, size);
	sz_diff *ab = compare(&a, &b, lines);
	sz_diff *ba = compare(&b, &a, lines);
	FZ_PROP((ab == NULL) == (ba == NULL), "OLD/NEW and NEW/OLD disagree on the syntax");
	/* the fast record parser reads what ldns_rr_new_frm_str() reads (issue 18) */
	ldns_only = true;
	sz_diff *ref = compare(&a, &b, lines);
	ldns_only = false;
	FZ_PROP((ab == NULL) == (ref == NULL), "the fast record parser and --ldns-only disagree on the syntax");
	if (ab != NULL)
		expect_entries(ab, ref, true);
	sz_diff_free(ref);
	if (ab != NULL) {
		check_output(ab);
		check_shape(ab);
		check_shape(ba);
		expect_entries(ab, ba, false);
		sz_diff *aa = compare(&a, &a, lines);
		FZ_PROP(aa != NULL && sz_diff_equal(aa), "a text differs from itself");
		sz_diff_free(aa);
		side sides[2] = { a, b };
		for (size_t i = 0; i < 2; i++) {
			side p = { NULL, 0 };
			char *t = printed(&sides[i], &p.len);
			if (t == NULL)
				continue;
			p.text = t;
			sz_diff *rt = compare(&sides[i], &p, fz_count_lines(t, p.len));
			if (rt == NULL || !sz_diff_equal(rt))
				fprintf(stderr, "printed form:\n%.*s", (int)p.len, t);
			FZ_PROP(rt != NULL, "the diff's printed records do not parse");
			for (size_t j = 0; !sz_diff_equal(rt) && j < rt->files[0].count && j < 5; j++)
				fprintf(stderr, "  %s %s %s %s %s\n",
					sz_diff_kind_name(rt->files[0].entries[j].kind), rt->files[0].entries[j].owner,
					rt->files[0].entries[j].rclass, rt->files[0].entries[j].type,
					rt->files[0].entries[j].rdata);
			FZ_PROP(sz_diff_equal(rt), "records printed by the diff read back as other records");
			sz_diff_free(rt);
			free(t);
		}
	}
	sz_diff_free(ab);
	sz_diff_free(ba);
	return 0;
}
