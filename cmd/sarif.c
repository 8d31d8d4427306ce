/*
 * sarif.c: the findings of `sipzone check` as a SARIF 2.1.0 log (see
 * sarif.h for what each field holds and why).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "sarif.h"
#include "sipzone/rules.h"
#include "sipzone/version.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_VERSION "2.1.0"
#define SARIF_SRCROOT "%SRCROOT%"
/* Where code scanning links "sipzone" to; the README has the rules. */
#define SZ_INFORMATION_URI "https://github.com/sipzone/sipzone#readme"

/*
 * What to change for each rule: help.text, which code scanning shows under
 * the alert. Keyed by the registry's enum so that a renamed rule cannot
 * leave a stale entry; a rule without an entry gets its group's advice.
 */
static const char *const rule_fix[SZ_RULE_COUNT] = {
	[SZ_RULE_SYNTAX] =
		"Correct the record so that a DNS server can load it (ldns's reason is in the message); "
		"a missing $INCLUDE file or an include loop is reported here too.",
	[SZ_RULE_SRV_TARGET_OUTSIDE_NAMESPACE] =
		"Point the SRV record of SIP domain D at D or a name below D (sip.D), give that name the "
		"edge's addresses, and put it on the edge certificate; Lync and Skype for Business clients "
		"and federation partners refuse a target outside D.",
	[SZ_RULE_SRV_TARGET_HOSTED] =
		"Nothing to fix if the domain is hosted by that provider (Microsoft 365): partners reach it "
		"because they configure the provider's name. Otherwise point the SRV record inside the domain.",
	[SZ_RULE_SRV_TARGET_CNAME] =
		"Point the SRV record at a name with A/AAAA records, not at an alias (RFC 2782): replace the "
		"CNAME by the addresses, or use the CNAME's target as the SRV target.",
	[SZ_RULE_SRV_TARGET_NO_ADDRESS] =
		"Add an A or AAAA record for the SRV target (the edge's addresses), or correct the target's "
		"spelling; a forgotten trailing dot often causes this.",
	[SZ_RULE_SRV_TARGET_IS_ADDRESS] =
		"An SRV target is a host name, never an address: add a host name with that address (sip.D) "
		"and point the SRV record at it.",
	[SZ_RULE_SRV_NULL_TARGET] =
		"A service that is not offered is '0 0 0 .'; give priority, weight and port 0, or a real target.",
	[SZ_RULE_SRV_OWNER_FORM] =
		"Name the SRV record _service._proto.domain, for example _sipfederationtls._tcp.contoso.com.",
	[SZ_RULE_SRV_PORT_UNUSUAL] =
		"Use the port the service listens on for clients: 443 for _sip._tls, 5061 for "
		"_sipfederationtls._tcp and _sipinternaltls._tcp, 5269 for _xmpp-server._tcp; keep another "
		"port only if the edge really listens there.",
	[SZ_RULE_CLIENT_STRICT_NAMING] =
		"Point _sip._tls.D (and _sipinternaltls._tcp.D) at D or sip.D: clients with strict DNS "
		"naming accept no other target.",
	[SZ_RULE_CNAME_AND_OTHER_DATA] =
		"A name with a CNAME can have no other record (RFC 1034): remove the CNAME or the other records.",
	[SZ_RULE_TTL_MISMATCH] =
		"Give all records of the RRset (same name, class and type) the same TTL (RFC 2181).",
	[SZ_RULE_DOUBLED_ORIGIN] =
		"End the name with a dot (sip.contoso.com.), or write it relative (sip): without the dot "
		"the origin is appended a second time.",
	[SZ_RULE_MISSING_TRAILING_DOT] =
		"End the fully qualified name with a dot (sipfed.online.lync.com.): without it the zone's "
		"origin is appended.",
	[SZ_RULE_CERT_SAN_MISSING] =
		"Add the SRV target to the certificate's subject alternative names (and reissue it), or "
		"point the SRV record at a name the certificate has.",
	[SZ_RULE_MODEL_RECORD_MISSING] =
		"Add the record the model implies (sipzone generate writes it), or change the model.",
	[SZ_RULE_VIEW_MISMATCH] =
		"Move the record to the zone of the other side of the split-brain DNS (internal or "
		"external), or check with the right --view.",
	[SZ_RULE_TTL_TOO_LARGE] =
		"Write a TTL of at most 2147483647 seconds (a week, 604800, is the usual ceiling), "
		"on the record or in $TTL.",
};

static const char *group_fix(sz_rule_group g)
{
	switch (g) {
	case SZ_RULE_GROUP_MODEL:
		return "Correct the model at the JSON path the message names (see sipzone schema).";
	case SZ_RULE_GROUP_KEY:
		return "Give a TSIG key in BIND key-file syntax (tsig-keygen) with an algorithm sipzone signs with.";
	case SZ_RULE_GROUP_LIVE:
		return "Check that the DNS server is reachable, authoritative for the zone and accepts the key; then run again.";
	case SZ_RULE_GROUP_RUN:
	case SZ_RULE_GROUP_CHECK:
	default:
		return "Correct the command line or the input the message names, then run again.";
	}
}

static const char *level_of(sz_severity sev)
{
	return sev == SZ_SEV_ERROR ? "error" : sev == SZ_SEV_WARNING ? "warning" : "note";
}

/* jansson refuses text that is not UTF-8; its other bytes become '?'. */
static json_t *text_json(const char *s)
{
	json_t *j = json_string(s != NULL ? s : "");
	if (j != NULL || s == NULL)
		return j;
	char *copy = strdup(s);
	if (copy == NULL)
		return NULL;
	for (char *p = copy; *p != '\0'; p++)
		if ((unsigned char)*p >= 0x80)
			*p = '?';
	j = json_string(copy);
	free(copy);
	return j;
}

static json_t *message_json(const char *text)
{
	return json_pack("{s:o}", "text", text_json(text));
}

static json_t *rules_json(void)
{
	json_t *rules = json_array();
	for (size_t i = 0; rules != NULL && i < SZ_RULE_COUNT; i++) {
		sz_rule r = (sz_rule)i;
		const char *fix = rule_fix[i] != NULL ? rule_fix[i] : group_fix(sz_rule_group_of(r));
		json_t *rule = json_pack("{s:s, s:o, s:o, s:o, s:{s:s}, s:{s:s, s:s}}",
					 "id", sz_rule_id(r),
					 "shortDescription", message_json(sz_rule_description(r)),
					 "fullDescription", message_json(sz_rule_description(r)),
					 "help", message_json(fix),
					 "defaultConfiguration", "level", level_of(sz_rule_severity(r)),
					 "properties", "kind", sz_rule_kind_name(sz_rule_kind_of(r)),
					 "group", sz_rule_group_name(sz_rule_group_of(r)));
		if (json_array_append_new(rules, rule) != 0) {
			json_decref(rules);
			rules = NULL;
		}
	}
	return rules;
}

/* RFC 3986: unreserved characters and '/' stay, every other byte is %XX. */
static char *uri_escape(const char *path, const char *prefix)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t plen = strlen(prefix);
	char *out = malloc(plen + 3 * strlen(path) + 1);
	if (out == NULL)
		return NULL;
	memcpy(out, prefix, plen);
	char *o = out + plen;
	for (const unsigned char *p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-' || *p == '.' || *p == '_' || *p == '~' || *p == '/') {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

typedef struct uri_ctx {
	char *cwd;         /* the working directory, with a final '/' */
	char *cwd_uri;     /* file:///... of it, with a final '/' */
} uri_ctx;

/*
 * The artifactLocation of `file`: relative to the working directory when
 * it is inside it (uriBaseId %SRCROOT%), else an absolute file: URI. The
 * uri goes to *uri_out (the caller frees it): x, ./x and /cwd/x are one
 * file, so they must give one fingerprint.
 */
static json_t *artifact_json(const uri_ctx *u, const char *file, char **uri_out)
{
	const char *rel = file;
	bool absolute = file[0] == '/';
	if (absolute && u->cwd != NULL && strncmp(file, u->cwd, strlen(u->cwd)) == 0) {
		rel = file + strlen(u->cwd);
		absolute = false;
	}
	while (!absolute && rel[0] == '.' && rel[1] == '/')
		rel += 2;
	while (!absolute && rel[0] == '/')
		rel++;
	char *uri = uri_escape(rel, absolute ? "file://" : "");
	if (uri == NULL)
		return NULL;
	json_t *a = absolute ? json_pack("{s:s}", "uri", uri)
			     : json_pack("{s:s, s:s}", "uri", uri, "uriBaseId", SARIF_SRCROOT);
	*uri_out = uri;
	return a;
}

static uint64_t fnv1a(uint64_t h, const char *s)
{
	/* the terminating NUL is hashed too, so that fields cannot run together */
	const unsigned char *p = (const unsigned char *)(s != NULL ? s : "");
	do {
		h ^= *p;
		h *= 0x100000001b3ull;
	} while (*p++ != '\0');
	return h;
}

/* Occurrences of each hash so far: open addressing over a power of two. */
typedef struct seen {
	uint64_t *keys;
	size_t *counts;
	size_t cap;
} seen;

static bool seen_grow(seen *s)
{
	seen n = { calloc(s->cap * 2, sizeof(*n.keys)), calloc(s->cap * 2, sizeof(*n.counts)), s->cap * 2 };
	if (n.keys == NULL || n.counts == NULL) {
		free(n.keys);
		free(n.counts);
		return false;
	}
	for (size_t k = 0; k < s->cap; k++) {
		if (s->counts[k] == 0)
			continue;
		size_t i = (size_t)(s->keys[k] ^ (s->keys[k] >> 32)) & (n.cap - 1);
		while (n.counts[i] != 0)
			i = (i + 1) & (n.cap - 1);
		n.keys[i] = s->keys[k];
		n.counts[i] = s->counts[k];
	}
	free(s->keys);
	free(s->counts);
	*s = n;
	return true;
}

static size_t seen_bump(seen *s, uint64_t key)
{
	size_t i = (size_t)(key ^ (key >> 32)) & (s->cap - 1);
	while (s->counts[i] != 0 && s->keys[i] != key)
		i = (i + 1) & (s->cap - 1);
	s->keys[i] = key;
	return ++s->counts[i];
}

static json_t *result_json(const uri_ctx *u, const sz_diag *d, const char *first_file, seen *s)
{
	const char *file = d->file != NULL ? d->file : first_file;
	sz_rule rule;
	bool known = d->rule != NULL && sz_rule_find(d->rule, &rule) == SZ_OK;
	json_t *res = json_object();
	if (res == NULL)
		return NULL;
	json_object_set_new(res, "ruleId", json_string(d->rule != NULL ? d->rule : "unknown"));
	if (known)
		json_object_set_new(res, "ruleIndex", json_integer((json_int_t)rule));
	json_object_set_new(res, "level", json_string(level_of(d->severity)));
	json_object_set_new(res, "message", message_json(d->message));
	if (file != NULL) {
		size_t line = d->line > 0 ? d->line : 1;
		size_t col = d->line > 0 && d->col > 0 ? d->col : 1;
		char *uri = NULL;
		json_t *loc = json_pack("{s:{s:o, s:{s:I, s:I, s:I}}}", "physicalLocation",
					"artifactLocation", artifact_json(u, file, &uri),
					"region", "startLine", (json_int_t)line,
					"startColumn", (json_int_t)col,
					"endLine", (json_int_t)line);
		json_object_set_new(res, "locations", json_pack("[o]", loc));
		uint64_t h = 0xcbf29ce484222325ull;
		h = fnv1a(h, d->rule);
		h = fnv1a(h, d->owner);
		h = fnv1a(h, d->type);
		h = fnv1a(h, uri);
		free(uri);
		char fp[48];
		snprintf(fp, sizeof(fp), "%016llx:%zu", (unsigned long long)h, seen_bump(s, h));
		json_object_set_new(res, "partialFingerprints",
				    json_pack("{s:s}", "primaryLocationLineHash", fp));
	}
	if (d->owner != NULL || d->type != NULL)
		json_object_set_new(res, "properties",
				    json_pack("{s:o, s:o}", "owner", text_json(d->owner),
					      "type", text_json(d->type)));
	return res;
}

static void uri_ctx_init(uri_ctx *u)
{
	u->cwd = NULL;
	u->cwd_uri = NULL;
	char *cwd = getcwd(NULL, 0);
	if (cwd == NULL || cwd[0] != '/') {
		free(cwd);
		return;
	}
	size_t n = strlen(cwd);
	u->cwd = malloc(n + 2);
	if (u->cwd != NULL) {
		memcpy(u->cwd, cwd, n);
		if (n == 1)
			n = 0;  /* "/" already ends in a slash */
		u->cwd[n] = '/';
		u->cwd[n + 1] = '\0';
		u->cwd_uri = uri_escape(u->cwd, "file://");
	}
	free(cwd);
}

static json_t *log_json(const sz_diag_list *l, const char *first_file)
{
	uri_ctx u;
	uri_ctx_init(&u);
	seen s = { NULL, NULL, 16 };
	while (s.cap < 2 * l->count)
		s.cap *= 2;
	s.keys = calloc(s.cap, sizeof(*s.keys));
	s.counts = calloc(s.cap, sizeof(*s.counts));
	json_t *results = s.keys != NULL && s.counts != NULL ? json_array() : NULL;
	for (size_t i = 0; results != NULL && i < l->count; i++) {
		if (json_array_append_new(results, result_json(&u, &l->items[i], first_file, &s)) != 0) {
			json_decref(results);
			results = NULL;
		}
	}
	free(s.keys);
	free(s.counts);

	json_t *run = json_pack("{s:{s:{s:s, s:s, s:s, s:o}}, s:o, s:s}",
				"tool", "driver",
				"name", "sipzone",
				"version", sz_version(),
				"informationUri", SZ_INFORMATION_URI,
				"rules", rules_json(),
				"results", results,
				"columnKind", "unicodeCodePoints");
	if (run != NULL && u.cwd_uri != NULL)
		json_object_set_new(run, "originalUriBaseIds",
				    json_pack("{s:{s:s}}", SARIF_SRCROOT, "uri", u.cwd_uri));
	free(u.cwd);
	free(u.cwd_uri);
	return json_pack("{s:s, s:s, s:[o]}", "$schema", SARIF_SCHEMA, "version", SARIF_VERSION,
			 "runs", run);
}

int sz_sarif_print(FILE *fp, const sz_diag_list *findings, const char *first_file)
{
	json_t *doc = log_json(findings, first_file);
	int rc = doc != NULL ? json_dumpf(doc, fp, JSON_INDENT(2) | JSON_ENSURE_ASCII |
					  JSON_PRESERVE_ORDER) : -1;
	json_decref(doc);
	if (rc == 0 && fputc('\n', fp) == EOF)
		rc = -1;
	return rc;
}

/* ---- the same log, streamed (sarif.h) ---- */

#define SZ_SARIF_FLAGS (JSON_INDENT(2) | JSON_ENSURE_ASCII | JSON_PRESERVE_ORDER)

struct sz_sarif_stream {
	FILE *fp;
	char *doc;          /* the log with no result, dumped */
	size_t split;       /* offset of the "[]" of "results" in doc */
	size_t indent;      /* spaces before each result */
	uri_ctx u;
	seen s;
	size_t used;        /* entries of s in use */
	const char *first_file;
	bool first;
	bool failed;
};

sz_sarif_stream *sz_sarif_begin(FILE *fp, const char *first_file)
{
	static const char key[] = "\"results\": []";
	sz_sarif_stream *st = calloc(1, sizeof(*st));
	sz_diag_list none;
	sz_diag_list_init(&none);
	json_t *doc = st != NULL ? log_json(&none, first_file) : NULL;
	char *text = doc != NULL ? json_dumps(doc, SZ_SARIF_FLAGS) : NULL;
	json_decref(doc);
	/* after a newline and indentation: never inside a string */
	char *at = NULL;
	for (char *p = text != NULL ? strstr(text, key) : NULL; p != NULL; p = strstr(p + 1, key))
		at = p;
	size_t sp = 0;
	while (at != NULL && at - sp > text && *(at - sp - 1) == ' ')
		sp++;
	if (st == NULL || at == NULL || at - sp == text || *(at - sp - 1) != '\n') {
		free(text);
		free(st);
		return NULL;
	}
	st->fp = fp;
	st->doc = text;
	st->split = (size_t)(at - text) + sizeof(key) - 3;
	st->indent = sp + 2;
	st->first_file = first_file;
	st->first = true;
	st->s = (seen){ calloc(1024, sizeof(*st->s.keys)), calloc(1024, sizeof(*st->s.counts)), 1024 };
	uri_ctx_init(&st->u);
	if (st->s.keys == NULL || st->s.counts == NULL)
		st->failed = true;
	fwrite(text, 1, st->split, fp);
	return st;
}

void sz_sarif_add(sz_sarif_stream *st, const sz_diag *d)
{
	if (st->failed)
		return;
	if (2 * (st->used + 1) > st->s.cap && !seen_grow(&st->s)) {
		st->failed = true;
		return;
	}
	json_t *res = result_json(&st->u, d, st->first_file, &st->s);
	char *text = res != NULL ? json_dumps(res, SZ_SARIF_FLAGS) : NULL;
	json_decref(res);
	if (text == NULL) {
		st->failed = true;
		return;
	}
	st->used++; /* an upper bound of the distinct hashes */
	fputs(st->first ? "[\n" : ",\n", st->fp);
	st->first = false;
	for (size_t i = 0; i < st->indent; i++)
		fputc(' ', st->fp);
	for (const char *p = text; *p != '\0';) {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) + 1 : strlen(p);
		fwrite(p, 1, n, st->fp);
		for (size_t i = 0; nl != NULL && i < st->indent; i++)
			fputc(' ', st->fp);
		p += n;
	}
	free(text);
}

int sz_sarif_end(sz_sarif_stream *st)
{
	if (st == NULL)
		return -1;
	if (st->first) {
		fputs("[]", st->fp);
	} else {
		fputc('\n', st->fp);
		for (size_t i = 0; i + 2 < st->indent; i++)
			fputc(' ', st->fp);
		fputc(']', st->fp);
	}
	fputs(st->doc + st->split + 2, st->fp);
	int rc = fputc('\n', st->fp) == EOF || st->failed ? -1 : 0;
	free(st->doc);
	free(st->s.keys);
	free(st->s.counts);
	free(st->u.cwd);
	free(st->u.cwd_uri);
	free(st);
	return rc;
}
