/*
 * cmd_verify.c: `sipzone verify MODEL [--server ADDR[#PORT]] [--zone D]...`:
 * what DNS serves against the model, per RRset, in text or JSON.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sipzone/live.h"
#include "sipzone/model.h"
#include "sipzone/records.h"

#define VERB "verify"

void sz_cmd_verify_help(FILE *fp)
{
	fprintf(fp,
		"usage: sipzone verify [options] MODEL\n"
		"\n"
		"Ask a DNS server for every RRset the model owns and compare the answers with\n"
		"the model as DNS data. Owned are the RRsets `sipzone generate` writes, A and\n"
		"AAAA at each of their host names, and the _sipfederationtls._tcp, _sip._tls\n"
		"and _xmpp-server._tcp SRV names of each SIP domain; SOA, NS and every other\n"
		"record are not looked at. Each RRset is reported as\n"
		"  ok         the server has the model's records (and TTL, when it answers\n"
		"             authoritatively)\n"
		"  missing    the model has records, the server none\n"
		"  different  both have records and they differ (both are shown)\n"
		"  extra      the server has the model's records and more\n"
		"  stale      sipzone published it (an ownership record _sipzone.NAME TXT\n"
		"             lists it) and the model no longer produces it: push deletes\n"
		"             it (push --prune, when the model has no RRset there at all)\n"
		"A name the zone has no RRset at, but a wildcard answers for, is noted as\n"
		"such. With --server, each zone is read with one zone transfer (AXFR) when the\n"
		"server allows it (only then are ownership records of names the model no longer\n"
		"has found), else with a query per RRset.\n"
		"The served SRV records are checked with the rules of `sipzone check`\n"
		"(srv-target-outside-namespace, srv-target-cname, srv-target-no-address, ...),\n"
		"even where they match the model.\n"
		"\n"
		"options:\n"
		"  -s, --server ADDR[#PORT]  the server to ask: an address or host name, port 53\n"
		"                            by default; without it the system's resolvers\n"
		"                            (/etc/resolv.conf)\n"
		"  -z, --zone D              only the records of zone D (the model's snippets of\n"
		"                            D and below it); repeatable; default: every zone\n"
		"      --timeout SECONDS     wait this long for each answer (default 3; 0.5 is\n"
		"                            fine on a LAN)\n"
		"      --retries N           ask again up to N times after a timeout (default 1,\n"
		"                            at most 10). A server that does not answer ends the\n"
		"                            run after (N + 1) * SECONDS per server address.\n"
		"      --allow-target NAME   accept SRV targets outside their SIP domain at this\n"
		"                            hosting provider (repeatable); Microsoft 365's\n"
		"                            sipfed/sipdir/webdir names always are\n"
		"      --view VIEW           external (default) or internal: the records of that\n"
		"                            view (generate --view), for the organisation's own\n"
		"                            DNS servers\n"
		"      --format FMT          text (default) or json: {\"server\", \"rrsets\": [{\"zone\",\n"
		"                            \"owner\", \"type\", \"status\", \"ttl_checked\",\n"
		"                            \"expected\", \"served\", \"note\"}], \"findings\", \"summary\"};\n"
		"                            each record {\"ttl\", \"rdata\"}, rdata as in generate\n"
		"                            --format json; names end with a dot\n"
		"  -q, --quiet               text: leave out the RRsets that are ok\n"
		"  -h, --help                show this help\n"
		"\n"
		"No answer within the timeout and retries, SERVFAIL, REFUSED, or a named server\n"
		"that is neither authoritative nor recursive: exit 2, nothing is compared.\n"
		"\n");
	sz_print_exit_codes(fp, "an RRset is missing, different or extra, a served record breaks a\n"
				"     rule (an error finding), or the model is invalid");
}

typedef struct verify_opts {
	const char *model;
	sz_live_options live;
	const char **zones;
	size_t n_zones;
	const char **allow;
	size_t n_allow;
	bool json;
	bool quiet;
} verify_opts;

static int parse_value(int ch, const char *arg, verify_opts *o)
{
	switch (ch) {
	case 's': o->live.server = arg; return SZ_EXIT_OK;
	case 'z': o->zones[o->n_zones++] = arg; return SZ_EXIT_OK;
	case 'a': o->allow[o->n_allow++] = arg; return SZ_EXIT_OK;
	case 't': return sz_parse_timeout(VERB, arg, &o->live.timeout_ms);
	case 'r': return sz_parse_retries(VERB, arg, SZ_LIVE_RETRIES_MAX, &o->live.retries);
	case 'V': return sz_parse_view(VERB, arg, &o->live.view);
	default: break;
	}
	if (strcmp(arg, "text") == 0 || strcmp(arg, "json") == 0) {
		o->json = strcmp(arg, "json") == 0;
		return SZ_EXIT_OK;
	}
	return sz_usage_error(VERB, "--format is text or json, not '%s'", arg);
}

/* Returns -1 after --help, SZ_EXIT_OK to go on, or an exit code. */
static int parse_args(int argc, char **argv, verify_opts *o)
{
	static const struct option longopts[] = {
		{ "server", required_argument, NULL, 's' },
		{ "zone", required_argument, NULL, 'z' },
		{ "timeout", required_argument, NULL, 't' },
		{ "retries", required_argument, NULL, 'r' },
		{ "allow-target", required_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "view", required_argument, NULL, 'V' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;
	optind = 1;
	o->live.retries = SZ_LIVE_RETRIES;
	while ((ch = getopt_long(argc, argv, "s:z:qh", longopts, NULL)) != -1) {
		if (ch == 'h') {
			sz_cmd_verify_help(stdout);
			return -1;
		}
		if (ch == 'q')
			o->quiet = true;
		else if (ch == '?' || ch == ':')
			return sz_usage_error(VERB, "try 'sipzone help verify'");
		else if (parse_value(ch, optarg, o) != SZ_EXIT_OK)
			return SZ_EXIT_FAILURE;
	}
	if (optind != argc - 1)
		return sz_usage_error(VERB, "expected exactly one MODEL file (try 'sipzone help verify')");
	o->model = argv[optind];
	return SZ_EXIT_OK;
}

/* ---- text ---- */

static void print_rrs(const char *label, const sz_live_rr *rrs, size_t n)
{
	if (n == 0)
		printf("    %-8s (none)\n", label);
	for (size_t i = 0; i < n; i++)
		printf("    %-8s %u %s\n", label, (unsigned)rrs[i].ttl, rrs[i].rdata);
}

static void print_rrset_text(const sz_live_rrset *s, bool quiet)
{
	if (s->state == SZ_RRSET_OK && quiet)
		return;
	const char *type = sz_type_name(s->type);
	printf("%-9s %s %s%s\n", sz_rrset_state_name(s->state), s->owner, type != NULL ? type : "?",
	       s->state == SZ_RRSET_OK && s->n_expected == 0 ? " (none, as the model wants)" : "");
	if (s->state == SZ_RRSET_OK)
		return;
	print_rrs("model:", s->expected, s->n_expected);
	print_rrs("served:", s->served, s->n_served);
	if (s->note != NULL)
		printf("    note:    %s\n", s->note);
}

static void print_text(const sz_live_report *r, const sz_diag_list *findings, bool quiet)
{
	printf("; sipzone verify at %s\n", r->server);
	for (size_t i = 0; i < r->count; i++)
		print_rrset_text(&r->items[i], quiet);
	for (size_t i = 0; i < findings->count; i++)
		sz_diag_print(stdout, &findings->items[i]);
	printf("%zu %s: %zu ok, %zu missing, %zu different, %zu extra, %zu stale; %zu %s, %zu %s\n",
	       r->count, sz_plural(r->count, "RRset", "RRsets"), r->states[SZ_RRSET_OK],
	       r->states[SZ_RRSET_MISSING], r->states[SZ_RRSET_DIFFERENT], r->states[SZ_RRSET_EXTRA],
	       r->states[SZ_RRSET_STALE],
	       findings->errors, sz_plural(findings->errors, "error", "errors"),
	       findings->warnings, sz_plural(findings->warnings, "warning", "warnings"));
}

/* ---- JSON ---- */

static json_t *str_or_null(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/* A number of RDATA in presentation form, at most `max`; -1 otherwise. */
static json_int_t rdata_num(const char *tok, json_int_t max)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(tok, &end, 10);
	if (errno != 0 || end == tok || *end != '\0' || tok[0] == '-' || v > (unsigned long long)max)
		return -1;
	return (json_int_t)v;
}

/*
 * The RDATA as `generate --format json` gives it (include/sipzone/zone_json.h):
 * A/AAAA {"address"}, SRV {"priority", "weight", "port", "target"}, CNAME
 * and NS {"target"}, names with their trailing dot as ldns writes them. What
 * has no such form (another type, or RDATA that does not split as expected)
 * is {"text": the presentation form}, so nothing served is hidden.
 */
/* A quoted character-string of presentation text without escapes: its
 * bytes in buf (NUL-terminated in place), *p after it; false for anything
 * else (an escape, no quotes), which then stays text. */
static bool naptr_str(char **p, char **out)
{
	char *s = *p + strspn(*p, " \t");
	if (*s != '"')
		return false;
	char *end = strpbrk(s + 1, "\"\\");
	if (end == NULL || *end != '"')
		return false;
	*end = '\0';
	*out = s + 1;
	*p = end + 1;
	return true;
}

/* NAPTR's presentation text (RFC 3403: order preference "flags" "services"
 * "regexp" replacement) as generate's object; NULL when it is not that. */
static json_t *naptr_json(const char *text)
{
	char buf[1024];
	if (strlen(text) >= sizeof(buf))
		return NULL;
	strcpy(buf, text);
	char *p = buf, *f = NULL, *svc = NULL, *rx = NULL, *end = NULL;
	unsigned long o = strtoul(p, &end, 10), pref = 0;
	if (end == p || o > 65535)
		return NULL;
	p = end;
	pref = strtoul(p, &end, 10);
	if (end == p || pref > 65535)
		return NULL;
	p = end;
	if (!naptr_str(&p, &f) || !naptr_str(&p, &svc) || !naptr_str(&p, &rx))
		return NULL;
	p += strspn(p, " \t");
	size_t n = strcspn(p, " \t");
	if (n == 0 || p[n + strspn(p + n, " \t")] != '\0')
		return NULL;
	p[n] = '\0';
	return json_pack("{s:I, s:I, s:o, s:o, s:o, s:o}", "order", (json_int_t)o, "preference",
			 (json_int_t)pref, "flags", sz_json_text(f), "services", sz_json_text(svc),
			 "regexp", sz_json_text(rx), "replacement", sz_json_text(p));
}

static json_t *rdata_json(uint16_t type, const char *text)
{
	if (type == SZ_TYPE_NAPTR) {
		json_t *j = naptr_json(text);
		if (j != NULL)
			return j;
	}
	char buf[1024];
	char *tok[5];
	size_t n = 0;
	if (strlen(text) < sizeof(buf)) {
		strcpy(buf, text);
		for (char *save = NULL, *t = strtok_r(buf, " \t", &save); t != NULL;
		     t = strtok_r(NULL, " \t", &save))
			if (n < 5)
				tok[n++] = t;
			else
				n = 6;
	}
	if ((type == SZ_TYPE_A || type == SZ_TYPE_AAAA) && n == 1)
		return json_pack("{s:o}", "address", sz_json_text(tok[0]));
	if ((type == SZ_TYPE_CNAME || type == SZ_TYPE_NS) && n == 1)
		return json_pack("{s:o}", "target", sz_json_text(tok[0]));
	if (type == SZ_TYPE_SRV && n == 4) {
		json_int_t p = rdata_num(tok[0], 65535), w = rdata_num(tok[1], 65535),
			   port = rdata_num(tok[2], 65535);
		if (p >= 0 && w >= 0 && port >= 0)
			return json_pack("{s:I, s:I, s:I, s:o}", "priority", p, "weight", w, "port",
					 port, "target", sz_json_text(tok[3]));
	}
	return json_pack("{s:o}", "text", sz_json_text(text));
}

static json_t *rrs_json(const sz_live_rr *rrs, size_t n, uint16_t type)
{
	json_t *a = json_array();
	for (size_t i = 0; a != NULL && i < n; i++)
		json_array_append_new(a, json_pack("{s:I, s:o}", "ttl", (json_int_t)rrs[i].ttl,
						   "rdata", rdata_json(type, rrs[i].rdata)));
	return a;
}

/* "contoso.com." : names carry their trailing dot, as in generate's JSON */
static json_t *fqdn_json(const char *name)
{
	size_t n = strlen(name);
	char *dotted = malloc(n + 2);
	if (dotted == NULL)
		return NULL;
	memcpy(dotted, name, n);
	strcpy(dotted + n, n > 0 && name[n - 1] == '.' ? "" : ".");
	json_t *j = sz_json_text(dotted);
	free(dotted);
	return j;
}

static json_t *rrset_json(const sz_live_rrset *s)
{
	const char *type = sz_type_name(s->type);
	return json_pack("{s:o, s:s, s:s, s:s, s:b, s:o, s:o, s:o}", "zone", fqdn_json(s->zone),
			 "owner", s->owner, "type", type != NULL ? type : "?",
			 "status", sz_rrset_state_name(s->state), "ttl_checked", (int)s->ttl_checked,
			 "expected", rrs_json(s->expected, s->n_expected, s->type),
			 "served", rrs_json(s->served, s->n_served, s->type), "note", str_or_null(s->note));
}

static json_t *finding_json(const sz_diag *d)
{
	return json_pack("{s:o, s:s, s:o, s:o, s:o, s:s}", "server", str_or_null(d->file),
			 "severity", sz_severity_name(d->severity), "rule", str_or_null(d->rule),
			 "owner", str_or_null(d->owner), "type", str_or_null(d->type),
			 "message", d->message);
}

static json_t *summary_json(const sz_live_report *r, const sz_diag_list *f)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "rrsets", (json_int_t)r->count,
			 "ok", (json_int_t)r->states[SZ_RRSET_OK],
			 "missing", (json_int_t)r->states[SZ_RRSET_MISSING],
			 "different", (json_int_t)r->states[SZ_RRSET_DIFFERENT],
			 "extra", (json_int_t)r->states[SZ_RRSET_EXTRA],
			 "stale", (json_int_t)r->states[SZ_RRSET_STALE], "errors", (json_int_t)f->errors,
			 "warnings", (json_int_t)f->warnings, "infos", (json_int_t)f->infos);
}

static int dump_json(json_t *root)
{
	int rc = root != NULL ? json_dumpf(root, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : -1;
	json_decref(root);
	if (rc == 0 && fputc('\n', stdout) == EOF)
		rc = -1;
	return rc;
}

static int print_json(const sz_live_report *r, const sz_diag_list *findings)
{
	json_t *rrsets = json_array(), *list = json_array();
	for (size_t i = 0; rrsets != NULL && i < r->count; i++)
		json_array_append_new(rrsets, rrset_json(&r->items[i]));
	for (size_t i = 0; list != NULL && i < findings->count; i++)
		json_array_append_new(list, finding_json(&findings->items[i]));
	return dump_json(json_pack("{s:s, s:o, s:o, s:o}", "server", r->server, "rrsets", rrsets,
				   "findings", list, "summary", summary_json(r, findings)));
}

/* ---- running ---- */

/* Why verify could not run: the diagnostic of kind input or usage that
 * sz_verify() left (none when out of memory); exit 2. */
static int report_failure(const verify_opts *o, sz_status s, const sz_diag_list *diags)
{
	const sz_diag *d = sz_first_fatal(diags);
	const char *why = d != NULL ? d->message : sz_status_str(s);
	if (o->json)
		dump_json(json_pack("{s:{s:s, s:s}}", "error", "status", sz_status_name(s),
				    "message", why));
	return sz_usage_error(VERB, "%s", why);
}

static int run(const verify_opts *o, const sz_model *model)
{
	sz_diag_list findings;
	sz_diag_list_init(&findings);
	sz_live_report *r = NULL;
	sz_status s = sz_verify(model, &o->live, &r, &findings);
	int rc;
	if (s != SZ_OK) {
		rc = report_failure(o, s, &findings);
	} else {
		rc = SZ_EXIT_OK;
		if (o->json && print_json(r, &findings) != 0)
			rc = SZ_EXIT_FAILURE;
		else if (!o->json)
			print_text(r, &findings, o->quiet);
		if (rc == SZ_EXIT_OK && fflush(stdout) != 0)
			rc = sz_usage_error(VERB, "cannot write to standard output");
		if (rc == SZ_EXIT_OK && (r->states[SZ_RRSET_OK] != r->count || findings.errors > 0))
			rc = SZ_EXIT_PROBLEMS;
	}
	sz_live_report_free(r);
	sz_diag_list_clear(&findings);
	return rc;
}

int sz_cmd_verify(int argc, char **argv)
{
	verify_opts o = { 0 };
	o.zones = calloc((size_t)argc + 1, sizeof(*o.zones));
	o.allow = calloc((size_t)argc + 1, sizeof(*o.allow));
	int rc = o.zones != NULL && o.allow != NULL ? parse_args(argc, argv, &o)
						    : sz_usage_error(VERB, "out of memory");
	sz_model *model = NULL;
	if (rc == SZ_EXIT_OK)
		rc = sz_load_model(VERB, o.model, o.json, "asked", &model);
	if (rc == SZ_EXIT_OK) {
		o.live.zones = o.zones;
		o.live.n_zones = o.n_zones;
		o.live.allow_targets = o.allow;
		o.live.n_allow_targets = o.n_allow;
		rc = run(&o, model);
	}
	sz_model_free(model);
	free(o.zones);
	free(o.allow);
	return rc < 0 ? SZ_EXIT_OK : rc;
}
