/*
 * loader/rules_web.c: what a domain's web services ask of the rest of the
 * model (reverse proxy, internal web endpoint, front-end pool), and the
 * simple URLs that are once per organisation.
 */
#include "loader/rules.h"

/* Web services need their endpoint; dialin and admin are once per
 * organisation (Microsoft's simple URLs), so one domain asks for each. */
void szi_mr_check_web(sz_loader *ld, size_t i, const sz_domain **dialin, const sz_domain **admin)
{
	const sz_domain *d = &ld->model->domains[i];
	const sz_model *m = ld->model;
	sz_jpath p;
	szi_mr_domain_path(ld, i, "web_services", &p);
	if ((d->web & ~SZ_WEB_ADMIN) != 0 && m->reverse_proxy.n_addrs == 0)
		szi_loader_error(ld, &p, SZ_MR_MISSING_KEY,
				"web services of %s need \"reverse_proxy\": {\"addresses\": [...]} at the top level (the external view points them there)",
				d->name);
	if (d->web != 0 && d->fe_pool != NULL && m->internal_web.n_addrs == 0)
		szi_loader_error(ld, &p, SZ_MR_MISSING_KEY,
				"web services of %s need \"internal_web\": {\"addresses\": [...]} at the top level (the internal view points them there)",
				d->name);
	if ((d->web & SZ_WEB_ADMIN) && d->fe_pool == NULL)
		szi_loader_error(ld, &p, SZ_MR_MISSING_KEY,
				"admin.%s (the Control Panel) is internal only: %s needs a \"front_end_pool\" for it",
				d->name, d->name);
	const struct { unsigned bit; const char *what; const sz_domain **first; } once[] = {
		{ SZ_WEB_DIALIN, "dialin", dialin }, { SZ_WEB_ADMIN, "admin", admin },
	};
	for (size_t k = 0; k < 2; k++) {
		if (!(d->web & once[k].bit))
			continue;
		if (*once[k].first != NULL)
			szi_loader_error(ld, &p, SZ_MR_ONCE_PER_ORG,
					"%s is once per organisation and %s already asks for it: %s.%s",
					once[k].what, (*once[k].first)->name, once[k].what,
					(*once[k].first)->name);
		else
			*once[k].first = d;
	}
}
