/*
 * cmd_push.c: `sipzone push MODEL --server ADDR[#PORT] --zone D
 * [--key FILE | --tsig NAME:ALGORITHM:SECRET] [--dry-run]`: make a primary
 * server serve the model's records with one signed RFC 2136 UPDATE.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "sipzone/live.h"
#include "sipzone/model.h"
#include "sipzone/records.h"

#define VERB "push"

void sz_cmd_push_help(FILE *fp)
{
	fprintf(fp,
		"usage: sipzone push [options] --server ADDR[#PORT] --zone D MODEL\n"
		"\n"
		"Make the primary server of zone D serve the model's records with RFC 2136\n"
		"UPDATEs signed with TSIG. push reads zone D (one zone transfer signed with the\n"
		"key where the server allows it, else a query per RRset), computes the\n"
		"difference for the RRsets `sipzone verify` compares, and sends it. With each\n"
		"name it publishes it writes an ownership record, _sipzone.NAME TXT\n"
		"\"heritage=sipzone;types=...\", in the same message; it deletes an RRset only\n"
		"when such a record lists it. Every other record of the zone is left as it is.\n"
		"Each update's prerequisites are the RRsets it changes, as they were read, so\n"
		"a concurrent change to them makes the server refuse it. A change too large\n"
		"for one 64 KB message goes as several updates in name order, each complete\n"
		"(a name's RRsets with its ownership record); the first refused one ends the\n"
		"run, those before it stay applied. After the server accepts, push reads the\n"
		"zone again and succeeds only when it serves the model's records.\n"
		"\n"
		"The update is printed in nsupdate syntax (without the key).\n"
		"\n"
		"options:\n"
		"  -s, --server ADDR[#PORT]  the zone's primary server (address or host name,\n"
		"                            port 53 by default); it must answer authoritatively\n"
		"  -z, --zone D              the zone to change (its apex); the model's snippets of\n"
		"                            D and below it are pushed\n"
		"  -k, --key FILE            the TSIG key, a BIND key file as tsig-keygen writes it:\n"
		"                            key \"NAME\" { algorithm hmac-sha256; secret \"...\"; };\n"
		"  -y, --tsig NAME:ALGORITHM:SECRET\n"
		"                            the TSIG key on the command line (other users may see\n"
		"                            it in the process list: prefer --key)\n"
		"                            algorithms: hmac-sha256, hmac-sha512, hmac-sha1, hmac-md5\n"
		"  -n, --dry-run             print the update that would be sent and send nothing\n"
		"                            (the key is not needed)\n"
		"      --prune               also delete the RRsets sipzone published that the\n"
		"                            model no longer produces (a feature turned off, a\n"
		"                            domain removed, a host renamed), as its ownership\n"
		"                            records in the zone list them; --zone may then name\n"
		"                            a zone the model no longer has\n"
		"      --timeout SECONDS     wait this long for each answer (default 3)\n"
		"      --retries N           ask again up to N times after a query timed out\n"
		"                            (default 1); the update itself is sent once\n"
		"      --view VIEW           external (default) or internal: push the records of\n"
		"                            that view (generate --view) to an internal server\n"
		"  -q, --quiet               do not print the update, only the outcome\n"
		"  -h, --help                show this help\n"
		"\n"
		"The server's refusals are reported with its reason and exit 2, and nothing is\n"
		"sent again: NOTAUTH, BADSIG, BADKEY, BADTIME (the key), REFUSED (the zone does\n"
		"not allow the key to update), YXRRSET, NXRRSET (a concurrent change: run push\n"
		"again), as are no answer within the timeout, and a server that is not\n"
		"authoritative for D.\n"
		"\n");
	sz_print_exit_codes(fp, "the model is invalid, or after the update the server does not\n"
				"     answer with the model's records");
}

typedef struct push_opts {
	const char *model;
	const char *zone;
	const char *key_file;
	const char *tsig;
	bool quiet;
	sz_live_options live;
} push_opts;

static int parse_value(int ch, const char *arg, push_opts *o)
{
	switch (ch) {
	case 's': o->live.server = arg; return SZ_EXIT_OK;
	case 'k': o->key_file = arg; return SZ_EXIT_OK;
	case 'y': o->tsig = arg; return SZ_EXIT_OK;
	case 't': return sz_parse_timeout(VERB, arg, &o->live.timeout_ms);
	case 'r': return sz_parse_retries(VERB, arg, SZ_LIVE_RETRIES_MAX, &o->live.retries);
	case 'V': return sz_parse_view(VERB, arg, &o->live.view);
	default: break;
	}
	if (o->zone != NULL)
		return sz_usage_error(VERB, "push changes one zone: give --zone once");
	o->zone = arg;
	return SZ_EXIT_OK;
}

static int check_args(push_opts *o)
{
	if (o->live.server == NULL)
		return sz_usage_error(VERB, "give --server: the primary server of the zone");
	if (o->zone == NULL)
		return sz_usage_error(VERB, "give --zone: the zone to change");
	if (o->key_file != NULL && o->tsig != NULL)
		return sz_usage_error(VERB, "give --key or --tsig, not both");
	if (o->key_file == NULL && o->tsig == NULL && !o->live.dry_run)
		return sz_usage_error(VERB, "the update is signed: give --key FILE or --tsig NAME:ALGORITHM:SECRET");
	return SZ_EXIT_OK;
}

/* Returns -1 after --help, SZ_EXIT_OK to go on, or an exit code. */
static int parse_args(int argc, char **argv, push_opts *o)
{
	static const struct option longopts[] = {
		{ "server", required_argument, NULL, 's' },
		{ "zone", required_argument, NULL, 'z' },
		{ "key", required_argument, NULL, 'k' },
		{ "tsig", required_argument, NULL, 'y' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "prune", no_argument, NULL, 'P' },
		{ "timeout", required_argument, NULL, 't' },
		{ "retries", required_argument, NULL, 'r' },
		{ "view", required_argument, NULL, 'V' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;
	optind = 1;
	o->live.retries = SZ_LIVE_RETRIES;
	while ((ch = getopt_long(argc, argv, "s:z:k:y:nqh", longopts, NULL)) != -1) {
		if (ch == 'h') {
			sz_cmd_push_help(stdout);
			return -1;
		}
		if (ch == 'n')
			o->live.dry_run = true;
		else if (ch == 'P')
			o->live.prune = true;
		else if (ch == 'q')
			o->quiet = true;
		else if (ch == '?' || ch == ':')
			return sz_usage_error(VERB, "try 'sipzone help push'");
		else if (parse_value(ch, optarg, o) != SZ_EXIT_OK)
			return SZ_EXIT_FAILURE;
	}
	if (optind != argc - 1)
		return sz_usage_error(VERB, "expected exactly one MODEL file (try 'sipzone help push')");
	o->model = argv[optind];
	return check_args(o);
}

static int load_key(const push_opts *o, sz_tsig_key *key)
{
	if (o->key_file == NULL && o->tsig == NULL)
		return SZ_EXIT_OK;
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	sz_status s = o->key_file != NULL ? sz_tsig_key_read_file(o->key_file, key, &diags)
					  : sz_tsig_key_parse_spec(o->tsig, key, &diags);
	sz_print_diags(stderr, &diags, SZ_COLOR_AUTO);
	sz_diag_list_clear(&diags);
	if (s == SZ_OK)
		return SZ_EXIT_OK;
	return sz_usage_error(VERB, "no usable TSIG key; nothing was sent");
}

static void print_rrs(const char *label, const sz_live_rr *rrs, size_t n)
{
	if (n == 0)
		printf(";     %-8s (none)\n", label);
	for (size_t i = 0; i < n; i++)
		printf(";     %-8s %u %s\n", label, (unsigned)rrs[i].ttl, rrs[i].rdata);
}

static void print_unconfirmed(const sz_live_report *r)
{
	size_t bad = r->count - r->states[SZ_RRSET_OK] - r->n_left;
	printf("; NOT confirmed: after the update %s still answers differently for %zu of %zu RRsets:\n",
	       r->server, bad, r->count);
	for (size_t i = 0; i < r->count; i++) {
		const sz_live_rrset *s = &r->items[i];
		const char *type = sz_type_name(s->type);
		if (s->state == SZ_RRSET_OK || s->left)
			continue;
		printf(";   %-9s %s %s\n", sz_rrset_state_name(s->state), s->owner, type ? type : "?");
		print_rrs("model:", s->expected, s->n_expected);
		print_rrs("served:", s->served, s->n_served);
		if (s->note != NULL)
			printf(";     note:    %s\n", s->note);
	}
}

static void print_left(const sz_live_report *r)
{
	if (r->n_left == 0)
		return;
	printf("; left as they are: %zu RRset%s the model wants none of, but no ownership record lists (or stale, without --prune):\n",
	       r->n_left, r->n_left == 1 ? "" : "s");
	for (size_t i = 0; i < r->count; i++) {
		const sz_live_rrset *s = &r->items[i];
		const char *type = sz_type_name(s->type);
		if (s->left)
			printf(";   %s %s\n", s->owner, type ? type : "?");
	}
}

static void print_read(const sz_live_report *r)
{
	if (r->transferred)
		printf("; read zone %s with one zone transfer%s\n", r->zone,
		       r->n_queries > 0 ? " and queries" : "");
	else if (r->why_no_transfer != NULL)
		printf("; read zone %s with %zu queries: %s\n", r->zone, r->n_queries, r->why_no_transfer);
	else
		printf("; read zone %s with %zu queries\n", r->zone, r->n_queries);
}

static int print_outcome(const push_opts *o, const sz_live_report *r, const sz_tsig_key *key)
{
	if (!o->quiet)
		print_read(r);
	if (r->n_updates == 0) {
		printf("; zone %s at %s already serves the model's records (%zu RRsets); nothing to send\n",
		       r->zone, r->server, r->count - r->n_left);
		print_left(r);
		return SZ_EXIT_OK;
	}
	printf("; sipzone push%s: zone %s at %s: %zu of %zu RRsets differ from the model",
	       o->live.dry_run ? " --dry-run" : "", r->zone, r->server, r->n_changed, r->n_read);
	if (r->n_deleted > 0)
		printf(" (%zu to delete)", r->n_deleted);
	if (r->n_owner > 0)
		printf(", %zu ownership record%s to write", r->n_owner, r->n_owner == 1 ? "" : "s");
	if (o->live.dry_run)
		printf("; nothing was sent\n");
	else if (r->n_updates == 1)
		printf("; one update, signed with key %s (%s)\n", key->name, key->algorithm);
	else
		printf("; %zu updates, signed with key %s (%s)\n", r->n_updates, key->name, key->algorithm);
	if (o->live.dry_run || !o->quiet)
		fputs(r->update_text, stdout);
	print_left(r);
	if (o->live.dry_run)
		return SZ_EXIT_OK;
	if (r->n_updates == 1)
		printf("; the server accepted the update (NOERROR)\n");
	else
		printf("; the server accepted all %zu updates (NOERROR)\n", r->n_updates);
	if (!r->confirmed) {
		print_unconfirmed(r);
		return SZ_EXIT_PROBLEMS;
	}
	printf("; confirmed: %s answers with the model's records for all %zu RRsets", r->server,
	       r->count - r->n_left);
	if (r->n_deleted > 0)
		printf(", and the %zu deleted are gone", r->n_deleted);
	printf("\n");
	return SZ_EXIT_OK;
}

static int run(push_opts *o, const sz_model *model, const sz_tsig_key *key)
{
	const char *zones[1] = { o->zone };
	o->live.zones = zones;
	o->live.n_zones = 1;
	o->live.key = key->name != NULL ? key : NULL;
	sz_live_report *r = NULL;
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	sz_status s = sz_push(model, &o->live, &r, &diags);
	if (s != SZ_OK) {
		/* why it could not run: the diagnostic sz_push() left (none when
		 * out of memory); exit 2 */
		const sz_diag *d = sz_first_fatal(&diags);
		int rc = sz_usage_error(VERB, "%s", d != NULL ? d->message : sz_status_str(s));
		sz_diag_list_clear(&diags);
		return rc;
	}
	sz_diag_list_clear(&diags);
	int rc = print_outcome(o, r, key);
	sz_live_report_free(r);
	if (fflush(stdout) != 0 && rc == SZ_EXIT_OK)
		rc = sz_usage_error(VERB, "cannot write to standard output");
	return rc;
}

int sz_cmd_push(int argc, char **argv)
{
	push_opts o = { 0 };
	sz_tsig_key key = { 0 };
	sz_model *model = NULL;
	int rc = parse_args(argc, argv, &o);
	if (rc == SZ_EXIT_OK)
		rc = load_key(&o, &key);
	if (rc == SZ_EXIT_OK)
		rc = sz_load_model(VERB, o.model, false, "sent", &model);
	if (rc == SZ_EXIT_OK)
		rc = run(&o, model, &key);
	sz_model_free(model);
	sz_tsig_key_clear(&key);
	return rc < 0 ? SZ_EXIT_OK : rc;
}
