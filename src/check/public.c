/*
 * check/public.c: address-not-public. An address published for the outside
 * must be reachable from it: an A or AAAA record of a host that partners
 * and remote clients are sent to (an SRV target of a SIP service of the
 * external view, the client fallback sip.D, the reverse proxy's
 * lyncdiscover.D) is a warning when its address is private, shared,
 * loopback, link-local, multicast, unspecified or IPv4-mapped
 * (dns/address.h). Documentation ranges pass: the examples use them.
 * Internal DNS is exempt (--view internal); without --view, check judges
 * the files as external, as --model does.
 */
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <sys/socket.h>

#include "base/hash.h"
#include "check/findings.h"
#include "dns/address.h"

bool szi_public_view(const sz_check_options *opts)
{
	return !(opts->has_view && opts->view == SZ_VIEW_INTERNAL);
}

sz_status szi_public_note(sz_checker *c, const sz_entry *e, uint32_t name, const uint8_t *bytes)
{
	if (c->n_nonpublic == c->cap_nonpublic) {
		size_t cap = c->cap_nonpublic ? c->cap_nonpublic * 2 : 16;
		sz_nonpublic *v = realloc(c->nonpublic, cap * sizeof(*v));
		if (v == NULL)
			return SZ_ERR_NOMEM;
		c->nonpublic = v;
		c->cap_nonpublic = cap;
	}
	sz_nonpublic *n = &c->nonpublic[c->n_nonpublic++];
	memset(n, 0, sizeof(*n));
	n->name = name;
	n->file = e->file;
	n->line = (uint32_t)e->line;
	n->type = e->type;
	n->kind = e->addr_kind;
	n->len = e->target_len <= 16 ? e->target_len : 16;
	memcpy(n->bytes, bytes, n->len);
	return SZ_OK;
}

/* Mark `label`.D published, if the files give it an address. */
static void mark_below(sz_checker *c, const char *label, const uint8_t *d, size_t dlen)
{
	size_t n = strlen(label);
	uint8_t w[SZ_WIRE_MAX];
	if (1 + n + dlen > SZ_WIRE_MAX)
		return;
	w[0] = (uint8_t)n;
	memcpy(w + 1, label, n);
	memcpy(w + 1 + n, d, dlen);
	uint32_t id;
	if (szi_names_find(&c->names, w, 1 + n + dlen, szi_hash(w, 1 + n + dlen), &id))
		c->names.v[id].flags |= SZ_NAME_PUBLISHED;
}

/* Mark the names the remembered SRVs publish for the outside. */
static void mark_published(sz_checker *c)
{
	for (size_t i = 0; i < c->n_srvs; i++) {
		const sz_srv *s = &c->srvs[i];
		if (s->svc == 0)
			continue;
		const uint8_t *d = (const uint8_t *)c->srv_owners.data + s->owner + 1;
		size_t dlen = (uint8_t)c->srv_owners.data[s->owner];
		size_t plen;
		const uint8_t *p = szi_names_wire(&c->svcs, s->svc - 1, &plen);
		uint8_t owner[SZ_WIRE_MAX];
		if (plen + dlen > SZ_WIRE_MAX)
			continue;
		memcpy(owner, p, plen);
		memcpy(owner + plen, d, dlen);
		const szi_sip_service *svc = szi_sip_service_find(owner, plen + dlen, NULL);
		if (svc == NULL || !szi_sip_service_in_view(svc, SZ_VIEW_EXTERNAL))
			continue;
		c->names.v[s->target].flags |= SZ_NAME_PUBLISHED;
		mark_below(c, "sip", d, dlen);
		mark_below(c, "lyncdiscover", d, dlen);
	}
}

sz_status szi_public_finish(sz_checker *c)
{
	if (c->n_nonpublic == 0)
		return SZ_OK;
	mark_published(c);
	for (size_t i = 0; i < c->n_nonpublic; i++) {
		const sz_nonpublic *n = &c->nonpublic[i];
		if (!(c->names.v[n->name].flags & SZ_NAME_PUBLISHED))
			continue;
		size_t olen;
		const uint8_t *ow = szi_names_wire(&c->names, n->name, &olen);
		char owner[SZ_TEXT_MAX], addr[INET6_ADDRSTRLEN];
		szi_wire_to_text(ow, olen, owner);
		if (inet_ntop(n->len == 4 ? AF_INET : AF_INET6, n->bytes, addr, sizeof(addr)) == NULL)
			strcpy(addr, "?");
		sz_status st = szi_emit(c, SZ_RULE_ADDRESS_NOT_PUBLIC, SZ_SEV_WARNING, n->file, n->line,
			owner, n->type == LDNS_RR_TYPE_A ? "A" : "AAAA",
			"%s has the address %s, which is %s, but the name is published for the outside (an SRV target of a SIP service, the access host sip.D or lyncdiscover.D): partners and remote clients cannot reach it; publish the edge's or reverse proxy's public address, or check this file with --view internal if it is for internal DNS",
			owner, addr, szi_addr_kind_text((szi_addr_kind)n->kind));
		if (st != SZ_OK)
			return st;
	}
	return SZ_OK;
}

void szi_public_clear(sz_checker *c)
{
	free(c->nonpublic);
	c->nonpublic = NULL;
	c->n_nonpublic = c->cap_nonpublic = 0;
}
