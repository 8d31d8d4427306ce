/*
 * records/export_terraform.c: Terraform JSON configuration for the
 * hashicorp/dns provider (RFC 2136 updates).
 *
 * One resource per RRset: dns_a_record_set, dns_aaaa_record_set,
 * dns_srv_record_set, dns_cname_record, each with `zone` (trailing dot),
 * `name` relative to it (absent at the apex, where the provider allows
 * that), `ttl` and the data. The resource's name is the owner with dots as
 * underscores ("sip_contoso_com"), so that it stays the same while the
 * owner does. No SOA or NS: the provider's dns_ns_record_set requires a
 * name below the apex, and the server keeps the zone's own. No NAPTR: the
 * provider has no resource for it; the "//" note names each one left out.
 * Keys are sorted, so the same model gives the same bytes.
 */
#include <arpa/inet.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records/export_internal.h"

static sz_status begin(szi_export_ctx *c, sz_text *t)
{
	(void)t;
	char src[256];
	szi_safe_source(c->source, src, sizeof(src));
	char note[512];
	snprintf(note, sizeof(note),
		 "sipzone: generated from %s; edit the model, not this file. "
		 "Add a provider \"dns\" block with the update server and its TSIG key.",
		 src);
	c->state = json_pack("{s:s, s:{}, s:{s:{s:{s:s}}}}", "//", note, "resource", "terraform",
			     "required_providers", "dns", "source", "hashicorp/dns");
	return c->state != NULL ? SZ_OK : SZ_ERR_NOMEM;
}

static const char *resource_type(uint16_t type)
{
	switch (type) {
	case SZ_TYPE_A: return "dns_a_record_set";
	case SZ_TYPE_AAAA: return "dns_aaaa_record_set";
	case SZ_TYPE_CNAME: return "dns_cname_record";
	default: return "dns_srv_record_set";
	}
}

static void resource_name(const char *owner, char *buf, size_t size)
{
	size_t n = 0;
	if (owner[0] >= '0' && owner[0] <= '9')
		buf[n++] = '_';
	for (const char *p = owner; *p && n + 1 < size; p++)
		buf[n++] = *p == '.' ? '_' : *p;
	buf[n] = '\0';
}

static json_t *rrset(const sz_snippet *s, const sz_record *r, size_t n)
{
	char zone[300], rel[256], buf[64];
	snprintf(zone, sizeof(zone), "%s.", s->zone);
	szi_relative(r->owner, s->zone, rel, sizeof(rel));
	json_t *o = json_pack("{s:s, s:I}", "zone", zone, "ttl", (json_int_t)r->ttl);
	if (o == NULL)
		return NULL;
	if (rel[0] != '\0' && json_object_set_new(o, "name", json_string(rel)) != 0)
		goto fail;
	if (r->type == SZ_TYPE_CNAME) {
		snprintf(zone, sizeof(zone), "%s.", r->rdata.cname);
		if (json_object_set_new(o, "cname", json_string(zone)) != 0)
			goto fail;
		return o;
	}
	json_t *arr = json_array();
	if (arr == NULL || json_object_set_new(o, r->type == SZ_TYPE_SRV ? "srv" : "addresses", arr) != 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		json_t *v;
		if (r[i].type == SZ_TYPE_SRV) {
			snprintf(zone, sizeof(zone), "%s.", r[i].rdata.srv.target);
			v = json_pack("{s:i, s:i, s:i, s:s}", "priority", (int)r[i].rdata.srv.priority,
				      "weight", (int)r[i].rdata.srv.weight, "port",
				      (int)r[i].rdata.srv.port, "target", zone);
		} else {
			szi_address(&r[i], buf, sizeof(buf));
			v = json_string(buf);
		}
		if (json_array_append_new(arr, v) != 0)
			goto fail;
	}
	return o;
fail:
	json_decref(o);
	return NULL;
}

/* The NAPTR records the provider cannot write (it has no NAPTR resource),
 * appended to the top-level "//" note, Terraform JSON's comment. */
static sz_status note_naptr(szi_export_ctx *c, const sz_record *r)
{
	const char *old = json_string_value(json_object_get(c->state, "//"));
	char data[600];
	szi_naptr_text(r, data, sizeof(data));
	size_t n = strlen(old) + strlen(r->owner) + strlen(data) + 160;
	char *note = malloc(n);
	if (note == NULL)
		return SZ_ERR_NOMEM;
	snprintf(note, n, "%s Not written (hashicorp/dns has no NAPTR resource), add by other means: %s. %u NAPTR %s",
		 old, r->owner, r->ttl, data);
	sz_status s = json_object_set_new(c->state, "//", json_string(note)) == 0 ? SZ_OK
										   : SZ_ERR_NOMEM;
	free(note);
	return s;
}

static sz_status zone(szi_export_ctx *c, const sz_snippet *s, sz_text *t)
{
	(void)t;
	json_t *res = json_object_get(c->state, "resource");
	for (size_t i = 0; i < s->n_records;) {
		const sz_record *r = &s->records[i];
		size_t n = szi_rrset_len(s, i);
		if (!sz_export_writes_type(SZ_EXPORT_TERRAFORM, r->type)) {
			for (size_t k = 0; k < n; k++)
				if (note_naptr(c, &r[k]) != SZ_OK)
					return SZ_ERR_NOMEM;
			i += n;
			continue;
		}
		const char *type = resource_type(r->type);
		json_t *of_type = json_object_get(res, type);
		if (of_type == NULL) {
			of_type = json_object();
			if (of_type == NULL || json_object_set_new(res, type, of_type) != 0)
				return SZ_ERR_NOMEM;
		}
		char name[300];
		resource_name(r->owner, name, sizeof(name));
		if (json_object_get(of_type, name) != NULL)
			return SZ_ERR_INVALID; /* two owners map to one resource name */
		json_t *o = rrset(s, r, n);
		if (o == NULL || json_object_set_new(of_type, name, o) != 0)
			return SZ_ERR_NOMEM;
		i += n;
	}
	return SZ_OK;
}

static sz_status end(szi_export_ctx *c, sz_text *t)
{
	char *text = json_dumps(c->state, JSON_INDENT(2) | JSON_SORT_KEYS);
	json_decref(c->state);
	c->state = NULL;
	if (text == NULL)
		return SZ_ERR_NOMEM;
	sz_status s = szi_put(t, text);
	if (s == SZ_OK)
		s = szi_put(t, "\n");
	free(text);
	return s;
}

const szi_export_writer szi_export_terraform = {
	.file_name = "sipzone.tf.json",
	.begin = begin,
	.zone = zone,
	.end = end,
};
