/*
 * check/cross.c: the rules that span records, run in file order on the
 * summaries the parser threads leave (ttl-mismatch, cname-and-other-data),
 * and the rules that need the whole input (srv-target-cname,
 * srv-target-no-address), run at the end on what was remembered.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/hash.h"
#include "check/findings.h"

typedef struct { char s[SZ_TEXT_MAX]; } name_text;

static name_text text_of(const uint8_t *w, size_t len)
{
	name_text t;
	szi_wire_to_text(w, len, t.s);
	return t;
}

static sz_status push_srv(sz_checker *c, const sz_srv *s)
{
	if (c->n_srvs == c->cap_srvs) {
		size_t cap = c->cap_srvs ? c->cap_srvs * 2 : 1024;
		sz_srv *v = realloc(c->srvs, cap * sizeof(*v));
		if (v == NULL)
			return SZ_ERR_NOMEM;
		c->srvs = v;
		c->cap_srvs = cap;
	}
	c->srvs[c->n_srvs++] = *s;
	return SZ_OK;
}

static sz_status push_cname(sz_checker *c, const sz_cname *n, uint32_t *index)
{
	if (c->n_cnames == c->cap_cnames) {
		size_t cap = c->cap_cnames ? c->cap_cnames * 2 : 64;
		sz_cname *v = realloc(c->cnames, cap * sizeof(*v));
		if (v == NULL)
			return SZ_ERR_NOMEM;
		c->cnames = v;
		c->cap_cnames = cap;
	}
	*index = (uint32_t)c->n_cnames;
	c->cnames[c->n_cnames++] = *n;
	return SZ_OK;
}

static sz_status see_type(sz_checker *c, uint16_t type)
{
	uint8_t bit = (uint8_t)(1u << (type & 7));
	if (c->types_seen[type >> 3] & bit)
		return SZ_OK;
	uint16_t *v = realloc(c->types, (c->n_types + 1) * sizeof(*v));
	if (v == NULL)
		return SZ_ERR_NOMEM;
	c->types = v;
	c->types[c->n_types++] = type;
	c->types_seen[type >> 3] |= bit;
	return SZ_OK;
}

/* RRSIG and NSEC may sit beside a CNAME (RFC 4035 section 2.5). */
static bool cname_compatible(uint16_t type)
{
	return type == LDNS_RR_TYPE_CNAME || type == LDNS_RR_TYPE_RRSIG || type == LDNS_RR_TYPE_NSEC;
}

static char *type_name(uint16_t type, char *buf, size_t cap)
{
	char *s = ldns_rr_type2str((ldns_rr_type)type);
	snprintf(buf, cap, "%s", s != NULL ? s : "?");
	free(s);
	return buf;
}

static sz_status merge_cname(sz_checker *c, const sz_entry *e, const uint8_t *ow)
{
	uint32_t id;
	sz_status st = szi_names_intern(&c->names, ow, e->owner_len, e->owner_hash, &id);
	if (st != SZ_OK)
		return st;
	sz_name *n = &c->names.v[id];
	name_text owner = text_of(ow, e->owner_len);
	if (n->flags & SZ_NAME_CNAME) {
		const sz_cname *first = &c->cnames[n->aux - 1];
		if (first->target_hash != e->target_hash)
			return szi_emit(c, SZ_RULE_CNAME_AND_OTHER_DATA, SZ_SEV_ERROR, e->file, e->line,
					owner.s, "CNAME",
					"%s has a second CNAME with another target (the first is at %s:%u): an alias has exactly one target; keep one of them",
					owner.s, c->files.names[first->file], first->line);
		return SZ_OK;
	}
	sz_cname cn = { e->file, (uint32_t)e->line, e->target_hash };
	uint32_t index;
	if ((st = push_cname(c, &cn, &index)) != SZ_OK)
		return st;
	n = &c->names.v[id];
	n->flags |= SZ_NAME_CNAME;
	n->aux = index + 1;
	c->cname_filter[(e->owner_hash >> 6) & 1023] |= 1ull << (e->owner_hash & 63);

	/* Other data seen before the CNAME: look for an RRset of any type seen. */
	char others[256] = "";
	size_t o = 0;
	for (size_t k = 0; k < c->n_types && o < sizeof(others) - 32; k++) {
		uint16_t t = c->types[k];
		if (cname_compatible(t) ||
		    !szi_rrsets_has(&c->rrsets, szi_rrset_key(e->owner_hash, e->rr_class, t)))
			continue;
		char tn[32];
		int w = snprintf(others + o, sizeof(others) - o, "%s%s", o > 0 ? ", " : "",
				 type_name(t, tn, sizeof(tn)));
		if (w > 0)
			o += (size_t)w;
	}
	if (o > 0)
		return szi_emit(c, SZ_RULE_CNAME_AND_OTHER_DATA, SZ_SEV_ERROR, e->file, e->line,
				owner.s, "CNAME",
				"%s has a CNAME and other data (%s): a CNAME owner can hold no other records (RFC 1034 section 3.6.2); move the other records to the canonical name or remove the CNAME",
				owner.s, others);
	return SZ_OK;
}

/* Remember a SIP NAPTR of good form for the end-of-input rules. */
static sz_status merge_naptr(sz_checker *c, sz_batch *b, const sz_entry *e, const uint8_t *ow)
{
	sz_naptr n = { .file = e->file, .line = (uint32_t)e->line, .kind = e->naptr,
		       .order = e->naptr_order, .pref = e->naptr_pref };
	const uint8_t *rw = (const uint8_t *)b->wire.data + e->target_off;
	sz_status st = szi_names_intern(&c->names, ow, e->owner_len, e->owner_hash, &n.owner);
	if (st == SZ_OK)
		st = szi_names_intern(&c->names, rw, e->target_len, e->target_hash, &n.replacement);
	if (st != SZ_OK)
		return st;
	if (c->n_naptrs == c->cap_naptrs) {
		size_t cap = c->cap_naptrs ? c->cap_naptrs * 2 : 16;
		sz_naptr *v = realloc(c->naptrs, cap * sizeof(*v));
		if (v == NULL)
			return SZ_ERR_NOMEM;
		c->naptrs = v;
		c->cap_naptrs = cap;
	}
	c->naptrs[c->n_naptrs++] = n;
	return SZ_OK;
}

static sz_status merge_record(sz_checker *c, sz_batch *b, const sz_entry *e)
{
	const uint8_t *ow = (const uint8_t *)b->wire.data + e->owner_off;
	sz_status st;
	sz_input *in = &c->inputs[e->input];
	if (in->origin_len == 0 && e->origin != NULL) {
		memcpy(in->origin, e->origin->wire, e->origin->wire_len);
		in->origin_len = e->origin->wire_len;
	}

	bool new_rrset = true;
	if (e->type != LDNS_RR_TYPE_RRSIG) {
		uint32_t old;
		st = szi_rrsets_put(&c->rrsets, e->rrset_key, e->ttl, &new_rrset, &old);
		if (st != SZ_OK)
			return st;
		if (!new_rrset && old != e->ttl) {
			name_text owner = text_of(ow, e->owner_len);
			char tn[32];
			type_name(e->type, tn, sizeof(tn));
			st = szi_emit(c, SZ_RULE_TTL_MISMATCH, SZ_SEV_WARNING, e->file, e->line, owner.s, tn,
				      "TTL %u differs from TTL %u of the other %s records of %s: the records of an RRset must share one TTL (RFC 2181 section 5.2); give them the same TTL",
				      e->ttl, old, tn, owner.s);
			if (st != SZ_OK)
				return st;
		}
	}
	if ((st = see_type(c, e->type)) != SZ_OK)
		return st;

	uint32_t id;
	if (e->type == LDNS_RR_TYPE_CNAME) {
		st = merge_cname(c, e, ow);
	} else if (!cname_compatible(e->type) &&
		   (c->cname_filter[(e->owner_hash >> 6) & 1023] & (1ull << (e->owner_hash & 63))) &&
		   szi_names_find(&c->names, ow, e->owner_len, e->owner_hash, &id) &&
		   (c->names.v[id].flags & SZ_NAME_CNAME)) {
		const sz_cname *cn = &c->cnames[c->names.v[id].aux - 1];
		name_text owner = text_of(ow, e->owner_len);
		char tn[32];
		type_name(e->type, tn, sizeof(tn));
		st = szi_emit(c, SZ_RULE_CNAME_AND_OTHER_DATA, SZ_SEV_ERROR, e->file, e->line, owner.s, tn,
			      "%s owns a CNAME (%s:%u) and this %s record too: a CNAME owner can hold no other records (RFC 1034 section 3.6.2); move the record to the canonical name or remove the CNAME",
			      owner.s, c->files.names[cn->file], cn->line, tn);
	}
	if (st != SZ_OK)
		return st;

	uint32_t flag = 0;
	switch (e->type) {
	case LDNS_RR_TYPE_A: flag = SZ_NAME_A; break;
	case LDNS_RR_TYPE_AAAA: flag = SZ_NAME_AAAA; break;
	case LDNS_RR_TYPE_NS: flag = SZ_NAME_NS; break;
	case LDNS_RR_TYPE_SOA: flag = SZ_NAME_ZONE; in->saw_soa = true; break;
	default: break;
	}
	if (flag != 0) {
		if ((st = szi_names_intern(&c->names, ow, e->owner_len, e->owner_hash, &id)) != SZ_OK)
			return st;
		c->names.v[id].flags |= flag;
		if (e->addr_kind != 0 && e->target_len > 0 &&
		    (st = szi_public_note(c, e, id, (const uint8_t *)b->wire.data + e->target_off)) != SZ_OK)
			return st;
	}

	if (e->type == LDNS_RR_TYPE_SRV && e->target_len > 0) {
		const uint8_t *tw = (const uint8_t *)b->wire.data + e->target_off;
		sz_srv s = { .file = e->file, .line = (uint32_t)e->line };
		if ((st = szi_names_intern(&c->names, tw, e->target_len, e->target_hash, &s.target)) != SZ_OK)
			return st;
		const uint8_t *keep = ow;
		uint8_t keep_len = e->owner_len;
		if (e->d_off > 0) {
			uint32_t svc;
			if ((st = szi_names_intern(&c->svcs, ow, e->d_off, szi_hash(ow, e->d_off), &svc)) != SZ_OK)
				return st;
			s.svc = svc + 1;
			keep = ow + e->d_off;
			keep_len = (uint8_t)(e->owner_len - e->d_off);
		}
		/* SRVs of one domain come together: share the owner then */
		const uint8_t *last = c->srv_owners.len > 0 ?
			(const uint8_t *)c->srv_owners.data + c->srv_owner_last : NULL;
		if (last != NULL && last[0] == keep_len && memcmp(last + 1, keep, keep_len) == 0) {
			s.owner = (uint32_t)c->srv_owner_last;
		} else {
			if (c->srv_owners.len > UINT32_MAX - 256)
				return SZ_ERR_LIMIT;
			s.owner = (uint32_t)c->srv_owners.len;
			c->srv_owner_last = c->srv_owners.len;
			if (!sz_buf_put(&c->srv_owners, &keep_len, 1) ||
			    !sz_buf_put(&c->srv_owners, keep, keep_len))
				return SZ_ERR_NOMEM;
		}
		if ((st = push_srv(c, &s)) != SZ_OK)
			return st;
	}
	if (e->type == LDNS_RR_TYPE_SRV && e->owner_form_late) {
		sz_late_srv l = { .file = e->file, .line = (uint32_t)e->line, .target = UINT32_MAX,
				  .priority = e->srv_priority, .weight = e->srv_weight, .port = e->srv_port };
		if ((st = szi_names_intern(&c->names, ow, e->owner_len, e->owner_hash, &l.owner)) != SZ_OK)
			return st;
		if (e->target_len > 0 &&
		    (st = szi_names_intern(&c->names, (const uint8_t *)b->wire.data + e->target_off,
					   e->target_len, e->target_hash, &l.target)) != SZ_OK)
			return st;
		if (c->n_late_srvs == c->cap_late_srvs) {
			size_t cap = c->cap_late_srvs ? c->cap_late_srvs * 2 : 16;
			sz_late_srv *v = realloc(c->late_srvs, cap * sizeof(*v));
			if (v == NULL)
				return SZ_ERR_NOMEM;
			c->late_srvs = v;
			c->cap_late_srvs = cap;
		}
		c->late_srvs[c->n_late_srvs++] = l;
	}
	if (e->type == LDNS_RR_TYPE_NAPTR && e->naptr != 0 && e->target_len > 0 &&
	    (st = merge_naptr(c, b, e, ow)) != SZ_OK)
		return st;
	if (e->model_key != 0)
		szi_model_seen(c, e->model_key);
	return SZ_OK;
}

static sz_status syntax_error(sz_checker *c, const sz_entry *e, const char *msg)
{
	c->stats.syntax_errors++;
	sz_status st = szi_emit(c, SZ_RULE_SYNTAX, SZ_SEV_ERROR, e->file, e->line, NULL, NULL, "%s", msg);
	if (st != SZ_OK)
		return st;
	/* The caller says so (stats.stopped, SZ_ERR_LIMIT): a note, not a finding. */
	if (c->opts.max_errors > 0 && c->stats.syntax_errors >= c->opts.max_errors)
		c->stats.stopped = true;
	return st;
}

/*
 * Start loading the table slots a later record will touch: the tables are
 * far larger than the caches, and waiting for memory one record at a time
 * was most of the merge's cost.
 */
static void prefetch(const sz_checker *c, const sz_entry *e)
{
	if (e->kind != SZ_ZREC_RECORD || e->status != LDNS_STATUS_OK)
		return;
	const void *home = szi_rrsets_home(&c->rrsets, e->rrset_key);
	if (home != NULL)
		__builtin_prefetch(home);
	if (c->names.slots != NULL) {
		uint64_t h = e->type == LDNS_RR_TYPE_SRV ? e->target_hash : e->owner_hash;
		__builtin_prefetch(&c->names.slots[h & c->names.mask]);
	}
}

#define PREFETCH_AHEAD 8

sz_status szi_merge_batch(sz_checker *c, sz_batch *b)
{
	for (size_t i = 0; i < b->n && i < PREFETCH_AHEAD; i++)
		prefetch(c, &b->entries[i]);
	for (size_t i = 0; i < b->n && !c->stats.stopped; i++) {
		const sz_entry *e = &b->entries[i];
		if (i + PREFETCH_AHEAD < b->n)
			prefetch(c, &b->entries[i + PREFETCH_AHEAD]);
		sz_status st = SZ_OK;
		for (uint32_t k = 0; k < e->n_findings && st == SZ_OK; k++) {
			const sz_wfinding *f = &b->findings[e->first_finding + k];
			st = szi_emit(c, f->rule, f->severity, e->file, e->line, f->owner, f->type,
				      "%s", f->message);
		}
		if (st != SZ_OK)
			return st;
		const char *text = b->text.data + e->text_off;
		if (e->kind == SZ_ZREC_ERROR) {
			st = syntax_error(c, e, text);
		} else {
			c->stats.records++;
			if (e->status != LDNS_STATUS_OK) {
				char shown[SZI_EXCERPT_MAX], msg[SZI_EXCERPT_MAX + 256];
				szi_excerpt(text, strlen(text), shown);
				snprintf(msg, sizeof(msg), "ldns cannot parse the record '%s': %s; fix the record",
					 shown, ldns_get_errorstr_by_id(e->status));
				st = syntax_error(c, e, msg);
			} else {
				st = merge_record(c, b, e);
			}
		}
		if (st != SZ_OK)
			return st;
	}
	return SZ_OK;
}

/*
 * Does a wildcard answer for `w` with an address: *.P owns A or AAAA for a
 * parent P of the name (RFC 4592; closest-encloser details left aside).
 */
static bool wildcard_address(const sz_checker *c, const uint8_t *w, size_t len)
{
	uint8_t buf[SZ_WIRE_MAX + 2];
	for (size_t off = (size_t)w[0] + 1; off < len && w[0] != 0; off += (size_t)w[off] + 1) {
		size_t n = len - off;
		buf[0] = 1;
		buf[1] = '*';
		memcpy(buf + 2, w + off, n);
		uint32_t id;
		if (n + 2 <= SZ_WIRE_MAX &&
		    szi_names_find(&c->names, buf, n + 2, szi_hash(buf, n + 2), &id) &&
		    (c->names.v[id].flags & (SZ_NAME_A | SZ_NAME_AAAA)))
			return true;
		if (w[off] == 0)
			break;
	}
	return false;
}

/* The owner of a remembered SRV, as text. */
static name_text srv_owner(const sz_checker *c, const sz_srv *s)
{
	const uint8_t *d = (const uint8_t *)c->srv_owners.data + s->owner + 1;
	size_t dlen = (uint8_t)c->srv_owners.data[s->owner];
	if (s->svc == 0)
		return text_of(d, dlen);
	size_t plen;
	const uint8_t *p = szi_names_wire(&c->svcs, s->svc - 1, &plen);
	uint8_t w[SZ_WIRE_MAX + 64];
	memcpy(w, p, plen);
	memcpy(w + plen, d, dlen);
	return text_of(w, plen + dlen > SZ_WIRE_MAX ? SZ_WIRE_MAX : plen + dlen);
}

/* NAPTR rank: order first, then preference (RFC 3403 section 4.1). */
static uint32_t naptr_rank(const sz_naptr *n)
{
	return ((uint32_t)n->order << 16) | n->pref;
}

/* By owner, then rank, then place: each owner's NAPTRs together, best
 * first, so that the end-of-input rules stay linear in the NAPTRs. */
static int cmp_naptr(const void *a, const void *b)
{
	const sz_naptr *x = a, *y = b;
	if (x->owner != y->owner)
		return x->owner < y->owner ? -1 : 1;
	if (naptr_rank(x) != naptr_rank(y))
		return naptr_rank(x) < naptr_rank(y) ? -1 : 1;
	if (x->file != y->file)
		return x->file < y->file ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/*
 * naptr-replacement-no-srv and naptr-srv-fallback-missing: a SIP NAPTR's
 * replacement must own an SRV (RFC 3263 section 4.1), and clients without
 * NAPTR support look up _sip(s)._proto.D directly (section 4.1, last
 * paragraphs), so D should publish that SRV too.
 */
/* Does `w` own an SRV RRset in the files checked? Asked of the RRset table
 * (48-bit keys of owner, class, type), so that SRV owners need not be kept
 * as names: a zone of SIP records is mostly SRV owners. */
static bool owns_srv(const sz_checker *c, const uint8_t *w, size_t len)
{
	return szi_rrsets_has(&c->rrsets, szi_rrset_key(szi_hash(w, len), LDNS_RR_CLASS_IN, LDNS_RR_TYPE_SRV));
}

/* The service's _service._proto labels (sip/services.c) in wire form,
 * without the root label, at `out` (SZ_WIRE_MAX bytes); their length, 0
 * when they cannot be made. */
static size_t service_prefix_wire(const szi_sip_service *svc, uint8_t *out)
{
	size_t n = szi_text_to_wire(svc->prefix, out);
	return n > 1 ? n - 1 : 0;
}

static sz_status naptr_finish(sz_checker *c)
{
	sz_status st = SZ_OK;
	for (size_t i = 0; i < c->n_naptrs; i++) {
		const sz_naptr *n = &c->naptrs[i];
		size_t rlen, olen;
		const uint8_t *rw = szi_names_wire(&c->names, n->replacement, &rlen);
		const uint8_t *ow = szi_names_wire(&c->names, n->owner, &olen);
		uint32_t zone;
		name_text owner = text_of(ow, olen);
		if (!owns_srv(c, rw, rlen) && szi_in_checked_zone(c, rw, rlen, &zone)) {
			name_text r = text_of(rw, rlen);
			st = szi_emit(c, SZ_RULE_NAPTR_REPLACEMENT_NO_SRV, SZ_SEV_ERROR, n->file, n->line, owner.s, "NAPTR",
				      "NAPTR replacement %s owns no SRV record in the files checked, so clients that follow the NAPTR find no server (RFC 3263 section 4.1): add the SRV at %s, or fix the replacement (a name written without its final dot gets the origin appended)",
				      r.s, r.s);
			if (st != SZ_OK)
				return st;
		}
		const szi_sip_service *svc = szi_naptr_service(n->kind);
		if (svc == NULL)
			continue;
		uint8_t want[2 * SZ_WIRE_MAX + 16];
		size_t plen = service_prefix_wire(svc, want);
		if (plen == 0 || plen + olen > SZ_WIRE_MAX)
			continue;
		memcpy(want + plen, ow, olen);
		size_t wlen = plen + olen;
		if (wlen == rlen && memcmp(want, rw, rlen) == 0)
			continue;   /* the replacement is the fallback: the rule above speaks */
		if (owns_srv(c, want, wlen) || !szi_in_checked_zone(c, want, wlen, &zone))
			continue;
		/* one finding per owner and service: the owner's NAPTRs are together */
		bool seen = false;
		for (size_t j = i; j > 0 && c->naptrs[j - 1].owner == n->owner && !seen; j--)
			seen = c->naptrs[j - 1].kind == n->kind;
		if (seen)
			continue;
		name_text w = text_of(want, wlen);
		st = szi_emit(c, SZ_RULE_NAPTR_SRV_FALLBACK_MISSING, SZ_SEV_WARNING, n->file, n->line, owner.s, "NAPTR",
			      "%s publishes a %s NAPTR but no SRV at %s: clients without NAPTR support look that name up directly (RFC 3263 section 4.1) and find nothing; publish the SRV at %s too (it may point at the same targets)",
			      owner.s, svc->naptr, w.s, w.s);
		if (st != SZ_OK)
			return st;
	}
	return SZ_OK;
}

/*
 * naptr-tls-less-preferred: a client takes the first NAPTR it supports
 * (RFC 3263 section 4.1), so TLS ranked after plain SIP is used only by
 * clients without UDP/TCP support. One info per owner, at its best SIPS.
 */
static sz_status naptr_tls_finish(sz_checker *c)
{
	/* sorted: the first SIPS+D2T and the first plain NAPTR of an owner
	 * are its best */
	for (size_t i = 0; i < c->n_naptrs;) {
		size_t end = i;
		const sz_naptr *tls = NULL, *plain = NULL;
		for (; end < c->n_naptrs && c->naptrs[end].owner == c->naptrs[i].owner; end++) {
			const sz_naptr *m = &c->naptrs[end];
			const szi_sip_service *svc = szi_naptr_service(m->kind);
			if (svc == NULL)
				continue;
			if (svc->transport == SZ_SIP_TLS && tls == NULL)
				tls = m;
			else if (svc->transport != SZ_SIP_TLS && plain == NULL)
				plain = m;
		}
		i = end;
		if (tls == NULL || plain == NULL || naptr_rank(plain) >= naptr_rank(tls))
			continue;
		size_t olen;
		const uint8_t *ow = szi_names_wire(&c->names, tls->owner, &olen);
		name_text owner = text_of(ow, olen);
		sz_status st = szi_emit(c, SZ_RULE_NAPTR_TLS_LESS_PREFERRED, SZ_SEV_INFO, tls->file, tls->line, owner.s, "NAPTR",
			"the SIPS+D2T NAPTR of %s (order %u, preference %u) ranks after a plain SIP NAPTR (%s:%u, order %u, preference %u): clients take the first NAPTR they support (RFC 3263 section 4.1), so most connect without TLS; give SIPS+D2T the lowest order if TLS is meant to be preferred",
			owner.s, tls->order, tls->pref, c->files.names[plain->file], plain->line, plain->order, plain->pref);
		if (st != SZ_OK)
			return st;
	}
	return SZ_OK;
}

/*
 * An SRV whose owner is not _svc._proto.D: when a SIP NAPTR names it
 * (RFC 3263 section 4.1 allows any name), judge it by the service the NAPTR
 * gives (SIPS+D2T as _sips._tcp.D, SIP+D2T as _sip._tcp.D, SIP+D2U as
 * _sip._udp.D, D the NAPTR's owner); otherwise it is srv-owner-form.
 */
typedef struct repl_index {
	uint32_t replacement;    /**< name id */
	uint32_t naptr;          /**< index in c->naptrs */
} repl_index;

static int cmp_repl_index(const void *a, const void *b)
{
	const repl_index *x = a, *y = b;
	if (x->replacement != y->replacement)
		return x->replacement < y->replacement ? -1 : 1;
	return x->naptr < y->naptr ? -1 : x->naptr > y->naptr;
}

static sz_status late_srv_finish(sz_checker *c)
{
	szi_allow_list allow = szi_rules_allow(&c->rules);
	sz_status st = SZ_OK;
	if (c->n_late_srvs == 0)
		return SZ_OK;
	/* the NAPTRs by replacement; among equals the best (sorted first) */
	repl_index *by_repl = malloc((c->n_naptrs + 1) * sizeof(*by_repl));
	if (by_repl == NULL)
		return SZ_ERR_NOMEM;
	for (size_t j = 0; j < c->n_naptrs; j++)
		by_repl[j] = (repl_index){ c->naptrs[j].replacement, (uint32_t)j };
	qsort(by_repl, c->n_naptrs, sizeof(*by_repl), cmp_repl_index);
	for (size_t i = 0; i < c->n_late_srvs && st == SZ_OK; i++) {
		const sz_late_srv *l = &c->late_srvs[i];
		size_t olen;
		const uint8_t *ow = szi_names_wire(&c->names, l->owner, &olen);
		name_text owner = text_of(ow, olen);
		const sz_naptr *n = NULL;
		size_t lo = 0, hi = c->n_naptrs;
		while (lo < hi) {   /* the first NAPTR naming the owner, by_repl is sorted */
			size_t mid = lo + (hi - lo) / 2;
			if (by_repl[mid].replacement < l->owner)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < c->n_naptrs && by_repl[lo].replacement == l->owner)
			n = &c->naptrs[by_repl[lo].naptr];
		if (n == NULL) {
			st = szi_emit(c, SZ_RULE_SRV_OWNER_FORM, SZ_SEV_ERROR, l->file, l->line, owner.s, "SRV",
				      "SRV owner %s is not of the form _service._proto.name: clients look the service up as _service._proto.domain (e.g. _sipfederationtls._tcp.contoso.com.), and no SIP NAPTR in the files checked names it; rename the owner",
				      owner.s);
			continue;
		}
		const szi_sip_service *row = szi_naptr_service(n->kind);
		if (row == NULL || l->target == UINT32_MAX)
			continue;
		size_t dlen, tlen;
		const uint8_t *dw = szi_names_wire(&c->names, n->owner, &dlen);
		const uint8_t *tw = szi_names_wire(&c->names, l->target, &tlen);
		uint8_t as[2 * SZ_WIRE_MAX + 16];
		size_t plen = service_prefix_wire(row, as);
		if (plen == 0 || plen + dlen > SZ_WIRE_MAX)
			continue;
		memcpy(as + plen, dw, dlen);
		szi_srv srv = { .owner = as, .owner_len = plen + dlen, .priority = l->priority,
				.weight = l->weight, .port = l->port, .target = tw, .target_len = tlen,
				.internal_view = c->opts.has_view && c->opts.view == SZ_VIEW_INTERNAL };
		szi_srv_verdict v;
		szi_srv_verdict_make(&srv, &allow, &v);
		name_text svc = text_of(as, plen + dlen), target = text_of(tw, tlen), d = text_of(dw, dlen);
		for (size_t k = 0; k < v.count; k++) {
			const szi_srv_item *it = &v.items[k];
			/* the rules that do not depend on the service were said already */
			if (it->why == SZI_SRV_OWNER_FORM || it->why == SZI_SRV_NULL ||
			    it->why == SZI_SRV_NULL_NOT_ZERO || it->why == SZI_SRV_IS_ADDRESS)
				continue;
			st = szi_emit(c, it->rule, it->severity, l->file, l->line, owner.s, "SRV",
				      "SRV %s is named by a NAPTR of %s, so it is %s's service %s: its target %s draws %s (%s)",
				      owner.s, d.s, d.s, svc.s, target.s, sz_rule_id(it->rule),
				      sz_rule_description(it->rule));
			if (st != SZ_OK)
				break;
		}
	}
	free(by_repl);
	return st;
}

sz_status szi_cross_finish(sz_checker *c)
{
	sz_status st;
	for (size_t i = 0; i < c->n_inputs; i++) {
		sz_input *in = &c->inputs[i];
		if (in->saw_soa || in->origin_len < 2)
			continue;
		/* A file without SOA is taken for its origin's zone, but not when
		 * the origin is a public suffix ("com.", "co.uk."): nobody's zone
		 * file holds all of com., and every name outside the files would
		 * be "in the zone" (a snippet of a pool host like av1contoso.com,
		 * named after its parent domain; found by fuzzing) */
		char text[SZ_TEXT_MAX];
		size_t n = szi_wire_to_text(in->origin, in->origin_len, text);
		if (n > 1 && text[n - 1] == '.')
			text[n - 1] = '\0';
		if (c->rules.psl != NULL && psl_is_public_suffix(c->rules.psl, text))
			continue;
		uint32_t id;
		st = szi_names_intern(&c->names, in->origin, in->origin_len,
				      szi_hash(in->origin, in->origin_len), &id);
		if (st != SZ_OK)
			return st;
		c->names.v[id].flags |= SZ_NAME_ZONE;
	}
	for (size_t i = 0; i < c->n_srvs; i++) {
		const sz_srv *s = &c->srvs[i];
		const sz_name *t = &c->names.v[s->target];
		size_t tlen;
		const uint8_t *tw = szi_names_wire(&c->names, s->target, &tlen);
		if (t->flags & SZ_NAME_CNAME) {
			const sz_cname *cn = &c->cnames[t->aux - 1];
			name_text owner = srv_owner(c, s), target = text_of(tw, tlen);
			st = szi_emit(c, SZ_RULE_SRV_TARGET_CNAME, SZ_SEV_ERROR, s->file, s->line, owner.s, "SRV",
				      "SRV target %s is an alias (it owns a CNAME at %s:%u), but an SRV target must be a canonical host name (RFC 2782): point the SRV at the CNAME's target, or give %s A/AAAA records instead of the CNAME",
				      target.s, c->files.names[cn->file], cn->line, target.s);
		} else if (!(t->flags & (SZ_NAME_A | SZ_NAME_AAAA))) {
			uint32_t zone;
			if (!szi_in_checked_zone(c, tw, tlen, &zone) || wildcard_address(c, tw, tlen))
				continue;
			size_t zlen;
			const uint8_t *zw = szi_names_wire(&c->names, zone, &zlen);
			name_text owner = srv_owner(c, s), target = text_of(tw, tlen), z = text_of(zw, zlen);
			st = szi_emit(c, SZ_RULE_SRV_TARGET_NO_ADDRESS, SZ_SEV_ERROR, s->file, s->line, owner.s, "SRV",
				      "SRV target %s is in the zone %s but has no A or AAAA record in the files checked: add an address record for it, or fix the target",
				      target.s, z.s);
		} else {
			continue;
		}
		if (st != SZ_OK)
			return st;
	}
	if (c->n_naptrs > 1)
		qsort(c->naptrs, c->n_naptrs, sizeof(*c->naptrs), cmp_naptr);
	if ((st = naptr_finish(c)) != SZ_OK || (st = naptr_tls_finish(c)) != SZ_OK)
		return st;
	return late_srv_finish(c);
}

void szi_cross_clear(sz_checker *c)
{
	szi_names_clear(&c->names);
	szi_names_clear(&c->svcs);
	szi_rrsets_clear(&c->rrsets);
	free(c->srvs);
	sz_buf_free(&c->srv_owners);
	free(c->cnames);
	free(c->naptrs);
	c->naptrs = NULL;
	c->n_naptrs = c->cap_naptrs = 0;
	free(c->late_srvs);
	c->late_srvs = NULL;
	c->n_late_srvs = c->cap_late_srvs = 0;
	free(c->types);
	for (size_t i = 0; i < c->n_inputs; i++) {
		free(c->inputs[i].name);
		free(c->inputs[i].origin_text);
	}
	free(c->inputs);
	c->srvs = NULL;
	c->cnames = NULL;
	c->types = NULL;
	c->inputs = NULL;
	c->n_srvs = c->cap_srvs = c->n_cnames = c->cap_cnames = c->n_types = c->n_inputs = 0;
}
