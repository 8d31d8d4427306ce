/*
 * output_props.c: the output property of the harnesses (output_props.h),
 * apart from fuzz_props.c because it links the tool's own writers
 * (cmd/print.c, cmd/cmd_common.c, cmd/diff_print.c): a harness that does
 * not check output (fuzz_reply, fuzz_keyfile) needs neither.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fuzz_props.h"
#include "output_props.h"
#include "cmd.h"


void fz_check_clean_text(const char *what, const char *s, size_t n, size_t lines)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t nl = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = u[i];
		if (c == '\n') {
			nl++;
			i++;
			continue;
		}
		FZ_PROP(c >= 0x20 && c != 0x7f, "%s: control byte 0x%02x at %zu: '%.*s'", what, c, i,
			(int)n, s);
		size_t k = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 :
			   c >= 0xf0 && c <= 0xf4 ? 4 : 0;
		FZ_PROP(k > 0 && i + k <= n, "%s: byte 0x%02x at %zu is not UTF-8", what, c, i);
		uint32_t cp = k == 1 ? c : (uint32_t)c & (0x7fu >> k);
		for (size_t j = 1; j < k; j++) {
			FZ_PROP((u[i + j] & 0xc0) == 0x80, "%s: bad continuation at %zu", what, i + j);
			cp = cp << 6 | (u[i + j] & 0x3f);
		}
		static const uint32_t min[5] = { 0, 0, 0x80, 0x800, 0x10000 };
		FZ_PROP(cp >= min[k] && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff),
			"%s: invalid UTF-8 sequence at %zu", what, i);
		FZ_PROP(cp < 0x80 || cp > 0x9f, "%s: C1 control U+%04X at %zu", what, (unsigned)cp, i);
		i += k;
	}
	FZ_PROP(lines == (size_t)-1 || nl == lines, "%s: %zu lines, expected %zu", what, nl, lines);
}

static void clean_field(const char *what, const char *s)
{
	if (s != NULL)
		fz_check_clean_text(what, s, strlen(s), 0);
}

static void expect_string(const char *what, json_t *f, const char *key, const char *want)
{
	json_t *v = json_object_get(f, key);
	FZ_PROP(v != NULL, "%s: finding without the key '%s'", what, key);
	if (want == NULL)
		FZ_PROP(json_is_null(v), "%s: '%s' is not null", what, key);
	else
		FZ_PROP(json_is_string(v) && strcmp(json_string_value(v), want) == 0,
			"%s: '%s' is not '%s'", what, key, want);
}

void fz_check_diag_output(const char *what, const sz_diag_list *l)
{
	for (size_t i = 0; i < l->count; i++) {
		const sz_diag *d = &l->items[i];
		clean_field(what, d->file);
		clean_field(what, d->path);
		clean_field(what, d->owner);
		clean_field(what, d->type);
		clean_field(what, d->message);
	}
	/* text: one clean line per diagnostic, with and without colour */
	for (int color = 0; color < 2; color++) {
		char *buf = NULL;
		size_t n = 0;
		FILE *fp = open_memstream(&buf, &n);
		FZ_PROP(fp != NULL, "%s: open_memstream", what);
		for (size_t i = 0; i < l->count; i++)
			sz_print_diag(fp, &l->items[i], color != 0);
		fclose(fp);
		if (!color)
			fz_check_clean_text(what, buf, n, l->count);
		free(buf);
	}
	static const char *const keys[] = { "/findings", "/summary/errors", "/summary/warnings",
					    "/summary/infos", NULL };
	json_t *doc = fz_check_json_doc(what, sz_findings_doc_json(l), keys);
	json_t *findings = json_object_get(doc, "findings");
	FZ_PROP(json_array_size(findings) == l->count, "%s: %zu findings in JSON, %zu diagnostics",
		what, json_array_size(findings), l->count);
	for (size_t i = 0; i < l->count; i++) {
		const sz_diag *d = &l->items[i];
		json_t *f = json_array_get(findings, i);
		expect_string(what, f, "file", d->file);
		expect_string(what, f, "severity", sz_severity_name(d->severity));
		expect_string(what, f, "rule", d->rule);
		expect_string(what, f, "owner", d->owner);
		expect_string(what, f, "type", d->type);
		expect_string(what, f, "message", d->message);
		if (d->path != NULL)
			expect_string(what, f, "path", d->path);
		json_t *line = json_object_get(f, "line");
		FZ_PROP(json_is_integer(line) && (size_t)json_integer_value(line) == d->line,
			"%s: 'line' missing or wrong", what);
		FZ_PROP(d->col == 0 || json_is_integer(json_object_get(f, "col")), "%s: 'col' missing",
			what);
	}
	json_decref(doc);
}

/* The object at a JSON pointer of plain keys ("/a/b"), or NULL. */
static json_t *at_pointer(json_t *v, const char *ptr)
{
	char key[128];
	while (v != NULL && *ptr == '/') {
		size_t n = strcspn(ptr + 1, "/");
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, ptr + 1, n);
		key[n] = '\0';
		v = json_object_get(v, key);
		ptr += n + 1;
	}
	return v;
}

json_t *fz_check_json_doc(const char *what, json_t *doc_take, const char *const *keys)
{
	FZ_PROP(doc_take != NULL, "%s: the JSON writer failed (a string jansson refused?)", what);
	char *text = json_dumps(doc_take, JSON_INDENT(2) | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER);
	json_decref(doc_take);
	FZ_PROP(text != NULL, "%s: json_dumps failed", what);
	fz_check_clean_text(what, text, strlen(text), (size_t)-1);
	json_error_t err;
	json_t *back = json_loads(text, 0, &err);
	FZ_PROP(back != NULL, "%s: the JSON output does not parse: %s", what, err.text);
	free(text);
	for (size_t i = 0; keys != NULL && keys[i] != NULL; i++)
		FZ_PROP(at_pointer(back, keys[i]) != NULL, "%s: no %s in the JSON output", what, keys[i]);
	return back;
}
