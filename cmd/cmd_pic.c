/*
 * cmd_pic.c: `sipzone pic MODEL`: the provisioning list for Public IM
 * Connectivity and direct federation, which DNS cannot carry: for each SIP
 * domain with pic or direct federation, the Access Edge FQDN that the
 * provider or partner must be given (the certificate's common name, never a
 * SAN name), with the pool and its addresses.
 */
#include <arpa/inet.h>
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "sipzone/model.h"

void sz_cmd_pic_help(FILE *fp)
{
	fprintf(fp,
		"usage: sipzone pic [--format text|csv|json] MODEL\n"
		"\n"
		"List what Public IM Connectivity providers and direct federation partners\n"
		"must be given, since they do not use SRV records: for every SIP domain with\n"
		"\"pic\": true or \"federation\": \"direct\", the Access Edge FQDN (the edge\n"
		"certificate's common name, never a SAN name), the edge pool and its\n"
		"addresses, in canonical domain order.\n"
		"\n"
		"options:\n"
		"  --format FMT  text (default): an aligned table; csv: RFC 4180, every field\n"
		"                quoted, a leading = + - @ guarded by a ', with a\n"
		"                header line; json: {\"pic\": [{\"domain\", \"federation\", \"pic\",\n"
		"                \"access_edge\", \"pool\", \"addresses\"}]}\n"
		"  -h, --help    show this help\n"
		"\n");
	sz_print_exit_codes(fp, "the model is invalid (e.g. a pool certificate without a usable\n"
				"     subject, or whose subject, the name partners are given, is not\n"
				"     on its SAN list; errors about internal records only do not count)");
}

static bool listed(const sz_domain *d)
{
	return d->pool != NULL && (d->pic || d->federation == SZ_FED_DIRECT);
}

/* The pool's addresses joined by `sep`. */
static void addresses(const sz_pool *p, const char *sep, char *out, size_t size)
{
	size_t o = 0;
	out[0] = '\0';
	for (size_t i = 0; i < p->access_edge.n_addrs && o < size; i++) {
		char a[INET6_ADDRSTRLEN];
		inet_ntop(p->access_edge.addrs[i].family, p->access_edge.addrs[i].bytes, a, sizeof(a));
		int w = snprintf(out + o, size - o, "%s%s", i ? sep : "", a);
		o += w > 0 ? (size_t)w : 0;
	}
}

static void print_text(const sz_model *m)
{
	size_t wd = strlen("SIP DOMAIN"), wf = strlen("FEDERATION"), wa = strlen("ACCESS EDGE (CN)"),
	       wp = strlen("POOL");
	for (size_t i = 0; i < m->n_domains; i++) {
		const sz_domain *d = &m->domains[i];
		if (!listed(d))
			continue;
		wd = strlen(d->name) > wd ? strlen(d->name) : wd;
		wa = strlen(d->pool->cert_subject) > wa ? strlen(d->pool->cert_subject) : wa;
		wp = strlen(d->pool->name) > wp ? strlen(d->pool->name) : wp;
	}
	printf("%-*s  %-*s  %-3s  %-*s  %-*s  %s\n", (int)wd, "SIP DOMAIN", (int)wf, "FEDERATION",
	       "PIC", (int)wa, "ACCESS EDGE (CN)", (int)wp, "POOL", "ADDRESSES");
	for (size_t i = 0; i < m->n_domains; i++) {
		const sz_domain *d = &m->domains[i];
		char addrs[4096];
		if (!listed(d))
			continue;
		addresses(d->pool, " ", addrs, sizeof(addrs));
		printf("%-*s  %-*s  %-3s  %-*s  %-*s  %s\n", (int)wd, d->name, (int)wf,
		       sz_federation_name(d->federation), d->pic ? "yes" : "no", (int)wa,
		       d->pool->cert_subject, (int)wp, d->pool->name, addrs);
	}
}

/* One CSV field (RFC 4180): always quoted, a quote doubled. A leading
 * '=', '+', '-' or '@' makes spreadsheets read the field as a formula
 * (pool names may start with '-'), so such a field gets a leading "'". */
static void csv_field(const char *s, bool last)
{
	putchar('"');
	if (*s == '=' || *s == '+' || *s == '-' || *s == '@')
		putchar('\'');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			putchar('"');
		putchar(*s);
	}
	fputs(last ? "\"\r\n" : "\",", stdout);
}

static void print_csv(const sz_model *m)
{
	static const char *const header[] = { "domain", "federation", "pic", "access_edge",
					      "pool", "addresses" };
	for (size_t i = 0; i < 6; i++)
		csv_field(header[i], i == 5);
	for (size_t i = 0; i < m->n_domains; i++) {
		const sz_domain *d = &m->domains[i];
		char addrs[4096];
		if (!listed(d))
			continue;
		addresses(d->pool, " ", addrs, sizeof(addrs));
		csv_field(d->name, false);
		csv_field(sz_federation_name(d->federation), false);
		csv_field(d->pic ? "true" : "false", false);
		csv_field(d->pool->cert_subject, false);
		csv_field(d->pool->name, false);
		csv_field(addrs, true);
	}
}

static int print_json(const sz_model *m)
{
	json_t *list = json_array();
	for (size_t i = 0; list != NULL && i < m->n_domains; i++) {
		const sz_domain *d = &m->domains[i];
		if (!listed(d))
			continue;
		json_t *addrs = json_array();
		for (size_t j = 0; addrs != NULL && j < d->pool->access_edge.n_addrs; j++) {
			char a[INET6_ADDRSTRLEN];
			inet_ntop(d->pool->access_edge.addrs[j].family, d->pool->access_edge.addrs[j].bytes,
				  a, sizeof(a));
			json_array_append_new(addrs, json_string(a));
		}
		json_array_append_new(list, json_pack("{s:s, s:s, s:b, s:s, s:s, s:o}", "domain", d->name,
			"federation", sz_federation_name(d->federation), "pic", (int)d->pic,
			"access_edge", d->pool->cert_subject, "pool", d->pool->name, "addresses", addrs));
	}
	json_t *doc = json_pack("{s:o}", "pic", list);
	int r = doc != NULL ? json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : -1;
	json_decref(doc);
	if (r == 0)
		putchar('\n');
	return r == 0 ? SZ_EXIT_OK : SZ_EXIT_FAILURE;
}

int sz_cmd_pic(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *format = "text";
	int ch;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (ch == 'h') {
			sz_cmd_pic_help(stdout);
			return SZ_EXIT_OK;
		}
		if (ch != 'f')
			return sz_usage_error("pic", "try 'sipzone help pic'");
		format = optarg;
	}
	if (strcmp(format, "text") != 0 && strcmp(format, "csv") != 0 && strcmp(format, "json") != 0)
		return sz_usage_error("pic", "--format is text, csv or json, not '%s'", format);
	if (optind != argc - 1)
		return sz_usage_error("pic", "expected exactly one MODEL file");
	sz_model *model = NULL;
	int rc = sz_load_model("pic", argv[optind], strcmp(format, "json") == 0, "listed", &model);
	if (rc == SZ_EXIT_OK) {
		if (strcmp(format, "json") == 0)
			rc = print_json(model);
		else if (strcmp(format, "csv") == 0)
			print_csv(model);
		else
			print_text(model);
		if (rc != SZ_EXIT_OK || fflush(stdout) != 0 || ferror(stdout))
			rc = sz_usage_error("pic", "cannot write to standard output");
	}
	sz_model_free(model);
	return rc;
}
