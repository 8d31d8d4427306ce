/*
 * live/keyfile.c: TSIG keys from BIND key files.
 *
 * A key file is the subset of named.conf that tsig-keygen writes and that
 * `nsupdate -k` reads: key statements, comments in three styles, quoted or
 * bare words. Anything else is refused with its line and column, so that a
 * typo never turns into a key that silently signs with the wrong secret.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/file_read.h"
#include "live/tsig.h"
#include "sipzone/live.h"

typedef enum tok_kind { TOK_END, TOK_WORD, TOK_STRING, TOK_LBRACE, TOK_RBRACE, TOK_SEMI, TOK_ERROR } tok_kind;

typedef struct lexer {
	const char *p;
	const char *end;
	size_t line;
	size_t col;
	/* the current token */
	tok_kind kind;
	const char *text;
	size_t len;
	size_t tline;
	size_t tcol;
	const char *why;      /* TOK_ERROR */
} lexer;

static void advance(lexer *lx, size_t n)
{
	for (size_t i = 0; i < n && lx->p < lx->end; i++, lx->p++) {
		if (*lx->p == '\n') {
			lx->line++;
			lx->col = 1;
		} else {
			lx->col++;
		}
	}
}

static bool at(const lexer *lx, const char *s)
{
	size_t n = strlen(s);
	return (size_t)(lx->end - lx->p) >= n && memcmp(lx->p, s, n) == 0;
}

/* Skip blanks and comments; false on an unterminated comment. */
static bool skip_space(lexer *lx)
{
	while (lx->p < lx->end) {
		char c = *lx->p;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			advance(lx, 1);
		} else if (c == '#' || at(lx, "//")) {
			while (lx->p < lx->end && *lx->p != '\n')
				advance(lx, 1);
		} else if (at(lx, "/*")) {
			lx->tline = lx->line;   /* where an unclosed comment is reported */
			lx->tcol = lx->col;
			advance(lx, 2);
			while (lx->p < lx->end && !at(lx, "*/"))
				advance(lx, 1);
			if (lx->p >= lx->end)
				return false;
			advance(lx, 2);
		} else {
			break;
		}
	}
	return true;
}

static bool word_char(char c)
{
	return c != '{' && c != '}' && c != ';' && c != '"' && c != ' ' && c != '\t' &&
	       c != '\n' && c != '\r' && c != '#' && c != '\0';
}

static void lex_string(lexer *lx)
{
	advance(lx, 1);
	lx->text = lx->p;
	while (lx->p < lx->end && *lx->p != '"' && *lx->p != '\n') {
		if (*lx->p == '\\') {
			lx->kind = TOK_ERROR;
			lx->why = "a backslash in a quoted string: key names and secrets need none";
			return;
		}
		advance(lx, 1);
	}
	if (lx->p >= lx->end || *lx->p != '"') {
		lx->kind = TOK_ERROR;
		lx->why = "a quoted string is not closed on its line";
		return;
	}
	lx->len = (size_t)(lx->p - lx->text);
	lx->kind = TOK_STRING;
	advance(lx, 1);
}

static void next(lexer *lx)
{
	if (!skip_space(lx)) {
		lx->kind = TOK_ERROR;
		lx->why = "a /* comment is not closed";
		return;
	}
	lx->tline = lx->line;
	lx->tcol = lx->col;
	lx->text = lx->p;
	lx->len = 1;
	if (lx->p >= lx->end) {
		lx->kind = TOK_END;
		lx->len = 0;
		return;
	}
	switch (*lx->p) {
	case '{': lx->kind = TOK_LBRACE; advance(lx, 1); return;
	case '}': lx->kind = TOK_RBRACE; advance(lx, 1); return;
	case ';': lx->kind = TOK_SEMI; advance(lx, 1); return;
	case '"': lex_string(lx); return;
	default: break;
	}
	if (!word_char(*lx->p)) {
		lx->kind = TOK_ERROR;
		lx->why = "an unexpected character";
		return;
	}
	while (lx->p < lx->end && word_char(*lx->p))
		advance(lx, 1);
	lx->kind = TOK_WORD;
	lx->len = (size_t)(lx->p - lx->text);
}

typedef struct parser {
	lexer lx;
	const char *file;
	sz_diag_list *diags;
	sz_status status;      /* first failure */
	sz_tsig_key key;
	size_t n_keys;
} parser;

static sz_status fail_at(parser *ps, const char *rule, size_t line, size_t col, const char *fmt,
			 const char *arg)
{
	if (ps->status == SZ_OK)
		ps->status = SZ_ERR_INVALID;
	if (sz_diag_add(ps->diags, SZ_SEV_ERROR, rule, ps->file, line, col, NULL, NULL, NULL,
			fmt, arg) != SZ_OK)
		ps->status = SZ_ERR_NOMEM;
	return ps->status;
}

static const char *tok_desc(const lexer *lx)
{
	switch (lx->kind) {
	case TOK_END: return "the end of the file";
	case TOK_LBRACE: return "'{'";
	case TOK_RBRACE: return "'}'";
	case TOK_SEMI: return "';'";
	case TOK_STRING: return "a quoted string";
	case TOK_WORD: return "a word";
	default: return "something else";
	}
}

/* Fail at the current token: either the lexer's reason or "expected X". */
static sz_status unexpected(parser *ps, const char *expected)
{
	if (ps->lx.kind == TOK_ERROR)
		return fail_at(ps, sz_rule_id(SZ_RULE_KEY_SYNTAX), ps->lx.tline, ps->lx.tcol, "%s", ps->lx.why);
	char msg[160];
	snprintf(msg, sizeof(msg), "expected %s, found %s", expected, tok_desc(&ps->lx));
	return fail_at(ps, sz_rule_id(SZ_RULE_KEY_SYNTAX), ps->lx.tline, ps->lx.tcol, "%s", msg);
}

static bool tok_is(const lexer *lx, const char *word)
{
	return lx->kind == TOK_WORD && lx->len == strlen(word) && strncasecmp(lx->text, word, lx->len) == 0;
}

static char *tok_copy(const lexer *lx)
{
	char *s = malloc(lx->len + 1);
	if (s != NULL) {
		memcpy(s, lx->text, lx->len);
		s[lx->len] = '\0';
	}
	return s;
}

static sz_status expect(parser *ps, tok_kind kind, const char *what)
{
	if (ps->lx.kind != kind)
		return unexpected(ps, what);
	next(&ps->lx);
	return SZ_OK;
}

/* algorithm NAME ; */
static sz_status parse_algorithm(parser *ps, sz_tsig_key *k)
{
	next(&ps->lx);
	if (ps->lx.kind != TOK_WORD && ps->lx.kind != TOK_STRING)
		return unexpected(ps, "an algorithm name (hmac-sha256)");
	char *alg = szi_live_algorithm_copy(ps->lx.text, ps->lx.len);
	if (alg == NULL)
		return ps->status = SZ_ERR_NOMEM;
	size_t line = ps->lx.tline, col = ps->lx.tcol;
	free(k->algorithm);
	k->algorithm = alg;
	if (!sz_tsig_algorithm_supported(alg))
		return fail_at(ps, sz_rule_id(SZ_RULE_KEY_ALGORITHM), line, col,
			"algorithm %s is not one sipzone can sign with: use hmac-sha256 (or hmac-sha512, hmac-sha1, hmac-md5)",
			alg);
	next(&ps->lx);
	return expect(ps, TOK_SEMI, "';' after the algorithm");
}

/* secret "B64" ; */
static sz_status parse_secret(parser *ps, sz_tsig_key *k)
{
	next(&ps->lx);
	if (ps->lx.kind != TOK_STRING && ps->lx.kind != TOK_WORD)
		return unexpected(ps, "the base64 secret in quotes");
	size_t line = ps->lx.tline, col = ps->lx.tcol;
	char *secret = tok_copy(&ps->lx);
	if (secret == NULL)
		return ps->status = SZ_ERR_NOMEM;
	if (k->secret != NULL) {
		szi_live_wipe(k->secret);
		free(k->secret);
	}
	k->secret = secret;
	if (!szi_live_secret_valid(secret))
		return fail_at(ps, sz_rule_id(SZ_RULE_KEY_SECRET), line, col, "%s",
			"the secret is not base64 (tsig-keygen writes a valid one)");
	next(&ps->lx);
	return expect(ps, TOK_SEMI, "';' after the secret");
}

static sz_status parse_clauses(parser *ps, sz_tsig_key *k)
{
	while (ps->status == SZ_OK && ps->lx.kind != TOK_RBRACE) {
		if (tok_is(&ps->lx, "algorithm"))
			parse_algorithm(ps, k);
		else if (tok_is(&ps->lx, "secret"))
			parse_secret(ps, k);
		else
			return unexpected(ps, "'algorithm', 'secret' or '}'");
	}
	return ps->status;
}

/* key NAME { ... } ; */
static sz_status parse_key(parser *ps)
{
	size_t line = ps->lx.tline, col = ps->lx.tcol;
	sz_tsig_key k = { 0 };
	next(&ps->lx);
	if (ps->lx.kind != TOK_WORD && ps->lx.kind != TOK_STRING)
		return unexpected(ps, "the key name");
	if ((k.name = tok_copy(&ps->lx)) == NULL)
		return ps->status = SZ_ERR_NOMEM;
	if (!szi_live_key_name_valid(k.name)) {
		fail_at(ps, sz_rule_id(SZ_RULE_KEY_SYNTAX), ps->lx.tline, ps->lx.tcol,
			"key name '%s' is not a domain name", k.name);
		sz_tsig_key_clear(&k);
		return ps->status;
	}
	next(&ps->lx);
	if (expect(ps, TOK_LBRACE, "'{'") == SZ_OK && parse_clauses(ps, &k) == SZ_OK) {
		next(&ps->lx);
		expect(ps, TOK_SEMI, "';' after '}'");
	}
	if (ps->status == SZ_OK && k.algorithm == NULL)
		fail_at(ps, sz_rule_id(SZ_RULE_KEY_ALGORITHM), line, col, "key %s has no algorithm", k.name);
	if (ps->status == SZ_OK && k.secret == NULL)
		fail_at(ps, sz_rule_id(SZ_RULE_KEY_SECRET), line, col, "key %s has no secret", k.name);
	if (ps->status == SZ_OK && ++ps->n_keys == 1) {
		ps->key = k;
		return SZ_OK;
	}
	if (ps->status == SZ_OK)
		fail_at(ps, sz_rule_id(SZ_RULE_KEY_SYNTAX), line, col,
			"a second key (%s): sipzone signs with one key; keep one key per file", k.name);
	sz_tsig_key_clear(&k);
	return ps->status;
}

sz_status sz_tsig_key_parse(const char *text, size_t len, const char *name,
			    sz_tsig_key *out, sz_diag_list *diags)
{
	parser ps = { .lx = { .p = text, .end = text + len, .line = 1, .col = 1 },
		      .file = name, .diags = diags };
	next(&ps.lx);
	while (ps.status == SZ_OK && ps.lx.kind != TOK_END) {
		if (tok_is(&ps.lx, "key"))
			parse_key(&ps);
		else
			unexpected(&ps, "a key statement (key \"name\" { algorithm ...; secret \"...\"; };)");
	}
	if (ps.status == SZ_OK && ps.n_keys == 0)
		fail_at(&ps, sz_rule_id(SZ_RULE_KEY_SYNTAX), 0, 0, "%s",
			"no key statement (tsig-keygen -a hmac-sha256 NAME writes one)");
	if (ps.status != SZ_OK) {
		sz_tsig_key_clear(&ps.key);
		return ps.status;
	}
	*out = ps.key;
	return SZ_OK;
}

sz_status sz_tsig_key_read_file(const char *path, sz_tsig_key *out, sz_diag_list *diags)
{
	char *buf = NULL;
	size_t len = 0;
	sz_status s = szi_file_read(path, &buf, &len);
	if (s == SZ_ERR_IO) {
		int e = errno;
		if (sz_diag_add(diags, SZ_SEV_ERROR, sz_rule_id(SZ_RULE_IO), path, 0, 0, NULL, NULL, NULL,
				"cannot read the key file: %s", strerror(e)) != SZ_OK)
			return SZ_ERR_NOMEM;
		return SZ_ERR_IO;
	}
	if (s != SZ_OK)
		return s;
	s = sz_tsig_key_parse(buf, len, path, out, diags);
	for (volatile char *v = buf; v < buf + len; v++)   /* a plain memset may be elided */
		*v = '\0';
	free(buf);
	return s;
}
