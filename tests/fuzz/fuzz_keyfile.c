/*
 * fuzz_keyfile.c: bytes -> BIND key file reader (sz_tsig_key_parse(), the
 * code behind `--key FILE`), and what must hold.
 *
 * No crash, no leak, no undefined behaviour; the status is SZ_OK,
 * SZ_ERR_INVALID or SZ_ERR_NOMEM. SZ_OK gives a key with a name ldns takes
 * as a domain name, an algorithm sipzone can sign with (lower-case, no
 * trailing dot) and a non-empty base64 secret, and no error finding; the
 * key signs a query. SZ_ERR_INVALID gives at least one error, each with a
 * key rule id (key-syntax, key-algorithm, key-secret), the file's name, a
 * line inside the text (or line 0 for the whole file) and a message of printable characters (a key file
 * is quoted in messages and must not reach a terminal raw). The secret is
 * never quoted in a message.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "fuzz_props.h"
#include "sipzone/live.h"

#define FILE_NAME "fuzz.key"

static bool printable(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

static void check_key(const sz_tsig_key *k)
{
	FZ_PROP(k->name != NULL && k->algorithm != NULL && k->secret != NULL, "a key with a part missing");
	ldns_rdf *name = ldns_dname_new_frm_str(k->name);
	FZ_PROP(name != NULL, "key name '%s' is not a domain name", k->name);
	ldns_rdf_deep_free(name);
	FZ_PROP(sz_tsig_algorithm_supported(k->algorithm), "algorithm '%s' cannot sign", k->algorithm);
	size_t n = strlen(k->algorithm);
	FZ_PROP(n > 0 && k->algorithm[n - 1] != '.', "algorithm '%s' has a trailing dot", k->algorithm);
	for (size_t i = 0; i < n; i++)
		FZ_PROP(k->algorithm[i] < 'A' || k->algorithm[i] > 'Z', "algorithm '%s' not lower-case", k->algorithm);
	ldns_rdf *secret = NULL;
	FZ_PROP(ldns_str2rdf_b64(&secret, k->secret) == LDNS_STATUS_OK && secret != NULL &&
			ldns_rdf_size(secret) > 0,
		"secret is not base64");
	ldns_rdf_deep_free(secret);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sz_diag_list diags;
	sz_diag_list_init(&diags);
	sz_tsig_key key;
	memset(&key, 0, sizeof(key));
	sz_status s = sz_tsig_key_parse((const char *)data, size, FILE_NAME, &key, &diags);
	FZ_PROP(s == SZ_OK || s == SZ_ERR_INVALID || s == SZ_ERR_NOMEM, "status %d", (int)s);
	size_t lines = fz_count_lines((const char *)data, size);
	if (s == SZ_OK) {
		FZ_PROP(diags.errors == 0, "a key and %zu errors", diags.errors);
		check_key(&key);
	} else if (s == SZ_ERR_INVALID) {
		FZ_PROP(diags.errors > 0, "refused without an error");
		FZ_PROP(key.name == NULL && key.secret == NULL, "refused, yet *out was filled");
	}
	for (size_t i = 0; i < diags.count; i++) {
		const sz_diag *d = &diags.items[i];
		bool key_rule = strcmp(d->rule, "key-syntax") == 0 || strcmp(d->rule, "key-algorithm") == 0 ||
				strcmp(d->rule, "key-secret") == 0;
		if (!key_rule || d->message == NULL || !printable(d->message))
			fz_print_diags("findings", &diags);
		FZ_PROP(key_rule, "rule '%s' is not a key rule", d->rule);
		FZ_PROP(d->file != NULL && strcmp(d->file, FILE_NAME) == 0, "finding without the file");
		/* line 0 (with column 0) is a finding about the whole file: "no key statement" */
		FZ_PROP((d->line == 0 && d->col == 0) || (d->line >= 1 && d->line <= lines),
			"line %zu outside 1..%zu", d->line, lines);
		FZ_PROP(d->message != NULL && printable(d->message), "message not printable");
		if (s == SZ_OK)
			continue;
	}
	if (s == SZ_OK) {
		for (size_t i = 0; i < diags.count; i++)
			FZ_PROP(strstr(diags.items[i].message, key.secret) == NULL, "the secret is quoted");
		/* the key signs */
		ldns_pkt *q = ldns_pkt_query_new(ldns_dname_new_frm_str("contoso.com."), LDNS_RR_TYPE_SOA,
						 LDNS_RR_CLASS_IN, 0);
		FZ_PROP(q != NULL, "out of memory");
		char alg[80];
		snprintf(alg, sizeof(alg), "%s.", strcmp(key.algorithm, "hmac-md5") == 0
							  ? "hmac-md5.sig-alg.reg.int" : key.algorithm);
		ldns_status st = ldns_pkt_tsig_sign(q, key.name, key.secret, 300, alg, NULL);
		FZ_PROP(st == LDNS_STATUS_OK, "key %s (%s) does not sign: %s", key.name, alg,
			ldns_get_errorstr_by_id(st));
		ldns_pkt_free(q);
	}
	sz_tsig_key_clear(&key);
	sz_diag_list_clear(&diags);
	return 0;
}
