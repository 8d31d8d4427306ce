/*
 * loader/rules_public.c: address-not-public as a model rule. The external
 * view publishes the edge pools' access, web conferencing and A/V edge
 * addresses and the reverse proxy's; partners and remote clients must
 * reach them, so an address that is private, shared, loopback, link-local,
 * multicast, unspecified or IPv4-mapped (dns/address.h; documentation
 * ranges pass, the examples use them) is a warning. The model stays valid:
 * a warning is no problem (ld->problems), and generate still writes the
 * files. Microsoft: OfficeDocs-SkypeForBusiness
 * Skype/SfbServer/plan-your-deployment/edge-server-deployments/
 * edge-environmental-requirements.md (the external interfaces' public
 * addresses).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "loader/rules.h"
#include "dns/address.h"

static void path_text(const sz_jpath *p, char *out, size_t size)
{
	size_t o = 0;
	size_t n = p->n < SZ_JPATH_MAX ? p->n : SZ_JPATH_MAX;
	out[0] = '\0';
	for (size_t i = 0; i < n && o < size; i++) {
		char q[SZ_QUOTE_SIZE];
		const sz_json_step *s = &p->steps[i];
		int w = s->key != NULL ?
			snprintf(out + o, size - o, "%s%s", i ? "." : "",
				 szi_quote(s->key, strlen(s->key), q, sizeof(q))) :
			snprintf(out + o, size - o, "[%zu]", s->index);
		if (w < 0)
			break;
		o += (size_t)w;
	}
}

/* One warning per address of `h` that is not public; `what` names the host. */
static void check_host(sz_loader *ld, const sz_host *h, const sz_jpath *p, const char *what)
{
	for (size_t k = 0; k < h->n_addrs && !ld->nomem; k++) {
		const sz_addr *a = &h->addrs[k];
		size_t len = a->family == AF_INET ? 4 : 16;
		szi_addr_kind kind = szi_addr_classify(a->bytes, len);
		if (!szi_addr_kind_not_public(kind))
			continue;
		char addr[INET6_ADDRSTRLEN], ptext[256];
		if (inet_ntop(a->family, a->bytes, addr, sizeof(addr)) == NULL)
			strcpy(addr, "?");
		path_text(p, ptext, sizeof(ptext));
		size_t line, col;
		szi_loader_locate(ld, p, &line, &col);
		if (sz_diag_add(ld->diags, SZ_SEV_WARNING, sz_rule_id(SZ_RULE_ADDRESS_NOT_PUBLIC),
				ld->file, line, col, ptext[0] ? ptext : NULL, NULL, NULL,
				"%s%s has the address %s, which is %s, but the external view publishes it: partners and remote clients cannot reach it; give the public address of its external interface (or the NAT address in front of it)",
				what, h->fqdn != NULL ? h->fqdn : "", addr,
				szi_addr_kind_text(kind)) != SZ_OK)
			ld->nomem = true;
	}
}

void szi_mr_check_public_addresses(sz_loader *ld)
{
	const sz_model *m = ld->model;
	for (size_t i = 0; i < m->n_pools; i++) {
		const sz_pool *pool = &m->pools[i];
		sz_jpath p;
		szi_mr_pool_path(ld, pool, "addresses", NULL, &p);
		check_host(ld, &pool->access_edge, &p, "the access edge ");
		szi_mr_pool_path(ld, pool, "webconf_edge", "addresses", &p);
		check_host(ld, &pool->webconf_edge, &p, "the web conferencing edge ");
		szi_mr_pool_path(ld, pool, "av_edge", "addresses", &p);
		check_host(ld, &pool->av_edge, &p, "the A/V edge ");
	}
	sz_jpath p;
	szi_jpath_root(&p, NULL, 0);
	szi_jpath_push_key(&p, "reverse_proxy");
	szi_jpath_push_key(&p, "addresses");
	check_host(ld, &m->reverse_proxy, &p, "the reverse proxy");
}
