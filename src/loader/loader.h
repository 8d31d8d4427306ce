/*
 * loader/loader.h: the model loader's shared state.
 *
 * Loading runs in three steps, one file each:
 *   loader/load.c   reads the text and walks its top level, handing one value
 *                  at a time (one sip_domains[] element, the edge_pools
 *                  object ...) to jansson, so that the whole tree of a large
 *                  model is never in memory at once;
 *   loader/domains.c   turns jansson values into sz_model parts, checking types,
 *                  keys, names, addresses and numbers (loader/deploy.c the
 *                  deployment keys), with the value getters of
 *                  loader/values.c;
 *   loader/model_rules.c  checks what spans several parts (references, duplicates,
 *                  the namespace and certificate rules) and sorts the model,
 *                  one file per rule family (loader/rules.h).
 * loader/jpath.c reports problems at a JSON path with file, line and column.
 */
#ifndef SZ_MODEL_INTERNAL_H
#define SZ_MODEL_INTERNAL_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "loader/json_scan.h"
#include "model/parts.h"
#include "sipzone/model.h"

#define SZ_JPATH_MAX 8

/* A JSON path, and where in the text its first `base_steps` steps lead. */
typedef struct sz_jpath {
	sz_json_step steps[SZ_JPATH_MAX];
	size_t n;
	size_t base_steps;
	size_t base;        /* offset of the value reached by the base steps */
} sz_jpath;

/* What the loader learns about a domain beyond sz_domain itself. */
typedef struct sz_domain_src {
	char *pool_name;    /* edge_pool as written, resolved after loading */
	char *fe_pool_name; /* front_end_pool likewise; NULL when absent */
	bool has_ttl;
	size_t index;       /* position in sip_domains[] */
	size_t offset;      /* offset of the element in the text */
} sz_domain_src;

typedef struct sz_loader {
	const char *file;   /* name used in diagnostics */
	const char *buf;
	size_t len;
	sz_diag_list *diags;
	bool nomem;
	size_t problems;    /* errors reported so far */
	/* line checkpoints and indexed containers, so that many reports do
	 * not rescan the text (freed by szi_loader_locate_free) */
	sz_json_lines lines;
	sz_json_locator loc;

	sz_model *model;
	size_t cap_domains;
	sz_domain_src *src;  /* parallel to model->domains while loading */
	bool has_default_ttl;
	bool seen_version, seen_pools, seen_domains;
	bool seen_fe_pools, seen_reverse_proxy, seen_internal_web;
	size_t pools_offset; /* offset of the edge_pools value */
	size_t zones_offset; /* offset of the zones value */
	size_t fe_pools_offset; /* offset of the front_end_pools value */
} sz_loader;

/* loader/jpath.c */
void szi_jpath_root(sz_jpath *p, const char *key, size_t base);
/* Line and column of the value `path` leads to (0, 0 without a text). */
void szi_loader_locate(sz_loader *ld, const sz_jpath *path, size_t *line, size_t *col);
void szi_loader_locate_free(sz_loader *ld);
void szi_jpath_push_key(sz_jpath *p, const char *key);
void szi_jpath_push_index(sz_jpath *p, size_t index);
void szi_jpath_pop(sz_jpath *p);
/* Report an error at the value `path` points to; also counts it. */
void szi_loader_error(sz_loader *ld, const sz_jpath *path, sz_model_rule rule,
		     const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;
/* The same, located at the member's key instead of its value. */
void szi_loader_error_key(sz_loader *ld, const sz_jpath *path, sz_model_rule rule,
			 const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;
/* Report an error at a byte offset (JSON syntax errors). */
void szi_loader_error_at(sz_loader *ld, size_t offset, sz_model_rule rule,
			const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;
/* Quote a user string for a message: printable ASCII, the rest as \xNN. */
const char *szi_quote(const char *s, size_t len, char *out, size_t outsize);
#define SZ_QUOTE_SIZE 96

/* loader/domains.c */
void szi_model_take_version(sz_loader *ld, json_t *v, sz_jpath *p);
void szi_model_take_defaults(sz_loader *ld, json_t *v, sz_jpath *p);
void szi_model_take_pools(sz_loader *ld, json_t *v, sz_jpath *p);
void szi_model_take_domain(sz_loader *ld, json_t *v, sz_jpath *p, size_t index);
void szi_model_take_zones(sz_loader *ld, json_t *v, sz_jpath *p);

/* loader/deploy.c: front-end pools, web services, hosted domains */
void szi_model_take_fe_pools(sz_loader *ld, json_t *v, sz_jpath *p);
void szi_model_take_reverse_proxy(sz_loader *ld, json_t *v, sz_jpath *p);
void szi_model_take_internal_web(sz_loader *ld, json_t *v, sz_jpath *p);
/* loader/generic_sip.c: the generic_sip key, then its host once the
 * access host is known. */
void szi_model_take_generic_sip(sz_loader *ld, json_t *v, sz_jpath *p, sz_domain *d);
void szi_model_generic_sip_host(sz_loader *ld, json_t *v, sz_jpath *p, sz_domain *d);
void szi_model_generic_sip_alone(sz_loader *ld, json_t *v, sz_jpath *p, const sz_domain *d);
void szi_model_take_domain_deploy(sz_loader *ld, json_t *v, sz_jpath *p, sz_domain *d,
				 sz_domain_src *src);

/* loader/model_rules.c */
void szi_model_check_rules(sz_loader *ld);

#endif
