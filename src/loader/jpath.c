/*
 * loader/jpath.c: diagnostics of the model loader, located by JSON path.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "loader/loader.h"

void szi_jpath_root(sz_jpath *p, const char *key, size_t base)
{
	p->n = 0;
	p->base_steps = 0;
	p->base = base;
	if (key != NULL) {
		szi_jpath_push_key(p, key);
		p->base_steps = 1;
	}
}

void szi_jpath_push_key(sz_jpath *p, const char *key)
{
	if (p->n < SZ_JPATH_MAX)
		p->steps[p->n] = (sz_json_step){ .key = key };
	p->n++;
}

void szi_jpath_push_index(sz_jpath *p, size_t index)
{
	if (p->n < SZ_JPATH_MAX)
		p->steps[p->n] = (sz_json_step){ .key = NULL, .index = index };
	p->n++;
}

void szi_jpath_pop(sz_jpath *p)
{
	if (p->n > 0)
		p->n--;
}

const char *szi_quote(const char *s, size_t len, char *out, size_t outsize)
{
	size_t o = 0;
	for (size_t i = 0; i < len && o + 5 < outsize; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c < 0x7f && c != '\\')
			out[o++] = (char)c;
		else
			o += (size_t)snprintf(out + o, outsize - o, "\\x%02x", c);
	}
	if (o + 5 >= outsize && o >= 3)
		memcpy(out + o - 3, "...", 3);
	out[o] = '\0';
	return out;
}

static void format_path(const sz_jpath *p, char *out, size_t size)
{
	size_t o = 0;
	size_t n = p->n < SZ_JPATH_MAX ? p->n : SZ_JPATH_MAX;
	out[0] = '\0';
	for (size_t i = 0; i < n && o < size; i++) {
		const sz_json_step *s = &p->steps[i];
		char q[SZ_QUOTE_SIZE];
		int w;
		if (s->key != NULL)
			w = snprintf(out + o, size - o, "%s%s", i ? "." : "",
				     szi_quote(s->key, strlen(s->key), q, sizeof(q)));
		else
			w = snprintf(out + o, size - o, "[%zu]", s->index);
		if (w < 0)
			break;
		o += (size_t)w;
	}
}

static void offset_linecol(sz_loader *ld, size_t offset, size_t *line, size_t *col)
{
	szi_json_lines_find(&ld->lines, ld->buf, ld->len, offset, line, col);
}

static size_t path_offset(sz_loader *ld, const sz_jpath *path)
{
	size_t n = path->n < SZ_JPATH_MAX ? path->n : SZ_JPATH_MAX;
	return szi_json_locate_cached(&ld->loc, ld->buf, ld->len, path->base,
				      path->steps + path->base_steps, n - path->base_steps);
}

void szi_loader_locate(sz_loader *ld, const sz_jpath *path, size_t *line, size_t *col)
{
	*line = *col = 0;
	if (ld->buf != NULL)
		offset_linecol(ld, path_offset(ld, path), line, col);
}

void szi_loader_locate_free(sz_loader *ld)
{
	szi_json_lines_free(&ld->lines);
	szi_json_locator_free(&ld->loc);
}

static void vreport(sz_loader *ld, size_t offset, bool located, const char *path,
		    sz_model_rule rule, const char *fmt, va_list ap)
{
	char msg[512];
	size_t line = 0, col = 0;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (located && ld->buf != NULL)
		offset_linecol(ld, offset, &line, &col);
	if (sz_diag_add(ld->diags, SZ_SEV_ERROR, sz_model_rule_name(rule), ld->file, line, col, path,
			NULL, NULL, "%s", msg) != SZ_OK)
		ld->nomem = true;
	ld->problems++;
}

void szi_loader_error(sz_loader *ld, const sz_jpath *path, sz_model_rule rule,
		     const char *fmt, ...)
{
	char ptext[256];
	size_t off = path_offset(ld, path);
	format_path(path, ptext, sizeof(ptext));
	va_list ap;
	va_start(ap, fmt);
	vreport(ld, off, true, ptext[0] ? ptext : NULL, rule, fmt, ap);
	va_end(ap);
}

/* From a member's value back to its key: white space, ':', white space,
 * then the key's closing and opening quotes. */
static size_t key_of_value(const char *buf, size_t off)
{
	size_t i = off;
	while (i > 0 && (buf[i - 1] == ' ' || buf[i - 1] == '\t' || buf[i - 1] == '\n' || buf[i - 1] == '\r'))
		i--;
	if (i == 0 || buf[i - 1] != ':')
		return off;
	i--;
	while (i > 0 && (buf[i - 1] == ' ' || buf[i - 1] == '\t' || buf[i - 1] == '\n' || buf[i - 1] == '\r'))
		i--;
	if (i == 0 || buf[i - 1] != '"')
		return off;
	i--;
	while (i > 0 && !(buf[i - 1] == '"' && (i < 2 || buf[i - 2] != '\\')))
		i--;
	return i > 0 ? i - 1 : off;
}

void szi_loader_error_key(sz_loader *ld, const sz_jpath *path, sz_model_rule rule,
			 const char *fmt, ...)
{
	char ptext[256];
	size_t off = path_offset(ld, path);
	format_path(path, ptext, sizeof(ptext));
	va_list ap;
	va_start(ap, fmt);
	vreport(ld, key_of_value(ld->buf, off), true, ptext[0] ? ptext : NULL, rule, fmt, ap);
	va_end(ap);
}

void szi_loader_error_at(sz_loader *ld, size_t offset, sz_model_rule rule,
			const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport(ld, offset, true, NULL, rule, fmt, ap);
	va_end(ap);
}
