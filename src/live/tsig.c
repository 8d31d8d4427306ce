/*
 * live/tsig.c: TSIG algorithms and keys: what ldns can sign with, keys
 * from --tsig, and releasing a key (key files: live/keyfile.c).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ldns/ldns.h>

#include "live/tsig.h"
#include "sipzone/live.h"

/* What ldns 1.8 can sign with, and the name it wants for each. ldns knows
 * HMAC-MD5 only by its long RFC 2845 name; hmac-sha224 and hmac-sha384
 * are not in its table at all. */
static const struct {
	const char *name;
	const char *wire;
} algorithms[] = {
	{ "hmac-md5", "hmac-md5.sig-alg.reg.int." },
	{ "hmac-md5.sig-alg.reg.int", "hmac-md5.sig-alg.reg.int." },
	{ "hmac-sha1", "hmac-sha1." },
	{ "hmac-sha256", "hmac-sha256." },
	{ "hmac-sha512", "hmac-sha512." },
};
#define N_ALGORITHMS (sizeof(algorithms) / sizeof(algorithms[0]))

const char *szi_live_tsig_algorithm_wire(const char *algorithm)
{
	size_t n = strlen(algorithm);
	if (n > 0 && algorithm[n - 1] == '.')
		n--;
	for (size_t i = 0; i < N_ALGORITHMS; i++)
		if (strlen(algorithms[i].name) == n && strncasecmp(algorithms[i].name, algorithm, n) == 0)
			return algorithms[i].wire;
	return NULL;
}

bool sz_tsig_algorithm_supported(const char *algorithm)
{
	return algorithm != NULL && szi_live_tsig_algorithm_wire(algorithm) != NULL;
}

void szi_live_wipe(char *s)
{
	if (s == NULL)
		return;
	volatile char *v = s;
	while (*v != '\0')
		*v++ = '\0';
}

void sz_tsig_key_clear(sz_tsig_key *key)
{
	if (key == NULL)
		return;
	szi_live_wipe(key->secret);
	free(key->name);
	free(key->algorithm);
	free(key->secret);
	memset(key, 0, sizeof(*key));
}

char *szi_live_algorithm_copy(const char *s, size_t n)
{
	if (n > 0 && s[n - 1] == '.')
		n--;
	char *c = malloc(n + 1);
	if (c == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		c[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A') : s[i]);
	c[n] = '\0';
	return c;
}

bool szi_live_secret_valid(const char *secret)
{
	ldns_rdf *rdf = NULL;
	if (secret == NULL || secret[0] == '\0')
		return false;
	bool ok = ldns_str2rdf_b64(&rdf, secret) == LDNS_STATUS_OK && rdf != NULL &&
		  ldns_rdf_size(rdf) > 0;
	ldns_rdf_deep_free(rdf);
	return ok;
}

bool szi_live_key_name_valid(const char *name)
{
	if (name[0] == '\0')
		return false;
	ldns_rdf *rdf = ldns_dname_new_frm_str(name);
	ldns_rdf_deep_free(rdf);
	return rdf != NULL;
}

/* ---- NAME:ALGORITHM:SECRET ---- */

static sz_status spec_fail(sz_diag_list *diags, const char *rule, const char *msg)
{
	if (sz_diag_add(diags, SZ_SEV_ERROR, rule, NULL, 0, 0, "--tsig", NULL, NULL, "%s", msg) != SZ_OK)
		return SZ_ERR_NOMEM;
	return SZ_ERR_INVALID;
}

static bool field_is_algorithm(const char *s, size_t n)
{
	char buf[64];
	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return sz_tsig_algorithm_supported(buf);
}

static char *copy_n(const char *s, size_t n)
{
	char *c = malloc(n + 1);
	if (c != NULL) {
		memcpy(c, s, n);
		c[n] = '\0';
	}
	return c;
}

sz_status sz_tsig_key_parse_spec(const char *spec, sz_tsig_key *out, sz_diag_list *diags)
{
	const char *c1 = strchr(spec, ':');
	const char *c2 = c1 != NULL ? strchr(c1 + 1, ':') : NULL;
	if (c2 == NULL || strchr(c2 + 1, ':') != NULL)
		return spec_fail(diags, sz_rule_id(SZ_RULE_KEY_SYNTAX),
			"give NAME:ALGORITHM:SECRET, e.g. sipzone-key:hmac-sha256:<base64>");
	const char *f1 = spec, *f2 = c1 + 1, *f3 = c2 + 1;
	size_t n1 = (size_t)(c1 - f1), n2 = (size_t)(c2 - f2);
	bool a1 = field_is_algorithm(f1, n1), a2 = field_is_algorithm(f2, n2);
	if (!a1 && !a2)
		return spec_fail(diags, sz_rule_id(SZ_RULE_KEY_ALGORITHM),
			"no algorithm sipzone can sign with: use hmac-sha256 (or hmac-sha512, hmac-sha1, hmac-md5) as the second field");
	/* NAME:ALG:SECRET unless only the first field is an algorithm (nsupdate -y order) */
	const char *name = a2 ? f1 : f2, *alg = a2 ? f2 : f1;
	size_t nname = a2 ? n1 : n2, nalg = a2 ? n2 : n1;
	sz_tsig_key k = { 0 };
	k.name = copy_n(name, nname);
	k.algorithm = szi_live_algorithm_copy(alg, nalg);
	k.secret = copy_n(f3, strlen(f3));
	if (k.name == NULL || k.algorithm == NULL || k.secret == NULL) {
		sz_tsig_key_clear(&k);
		return SZ_ERR_NOMEM;
	}
	sz_status s = SZ_OK;
	if (!szi_live_key_name_valid(k.name))
		s = spec_fail(diags, sz_rule_id(SZ_RULE_KEY_SYNTAX), "the key name is not a domain name");
	else if (!szi_live_secret_valid(k.secret))
		s = spec_fail(diags, sz_rule_id(SZ_RULE_KEY_SECRET), "the secret is not base64");
	if (s != SZ_OK) {
		sz_tsig_key_clear(&k);
		return s;
	}
	*out = k;
	return SZ_OK;
}
