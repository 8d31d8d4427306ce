/*
 * loader/rules.h: the model rules, one file per rule family.
 *
 * loader/model_rules.c runs them in order; none of the files below calls
 * another, except that all of them report at the paths of
 * loader/rules_paths.c. `i` is a domain's index in ld->model->domains.
 */
#ifndef SZ_LOADER_RULES_H
#define SZ_LOADER_RULES_H

#include "loader/loader.h"

/* loader/rules_paths.c: the path of a domain (its member `key`, if not
 * NULL), of a pool (key, key2) or of a zone, for a report. */
void szi_mr_domain_path(const sz_loader *ld, size_t i, const char *key, sz_jpath *p);
void szi_mr_pool_path(const sz_loader *ld, const sz_pool *pool, const char *key,
		      const char *key2, sz_jpath *p);
void szi_mr_zone_path(const sz_loader *ld, const sz_zone_def *z, const char *key, sz_jpath *p);

/* loader/rules_refs.c: pools sorted by name, for looking them up */
void szi_mr_sort_pools(sz_model *m);
/* edge_pool and front_end_pool resolved; the domain's TTL defaulted */
void szi_mr_resolve_domain(sz_loader *ld, size_t i);

/* loader/rules_cert.c */
void szi_mr_check_pool(sz_loader *ld, const sz_pool *pool);
void szi_mr_check_certificate(sz_loader *ld, size_t i);
void szi_mr_check_internal_certificates(sz_loader *ld, size_t i);

/* loader/rules_names.c: the namespace rule, then name lengths */
void szi_mr_check_namespace(sz_loader *ld, size_t i);
void szi_mr_check_name_length(sz_loader *ld, size_t i);

/* loader/rules_web.c: `dialin` and `admin` keep the first domain asking for each */
void szi_mr_check_web(sz_loader *ld, size_t i, const sz_domain **dialin, const sz_domain **admin);

/* loader/rules_addresses.c: one address set per host name and view */
void szi_mr_check_conflicts(sz_loader *ld);
void szi_mr_check_public_addresses(sz_loader *ld); /* loader/rules_public.c: address-not-public */

/* loader/sort.c: domains into canonical order, reporting duplicates; needs
 * ld->src intact */
sz_status szi_model_sort(sz_loader *ld);

/* loader/rules_zones.c: zones{} checked and sorted; domains sorted first */
void szi_mr_check_zones(sz_loader *ld);

#endif
