/*
 * base/status.c: names and messages of sz_status and sz_severity.
 */
#include "sipzone/diag.h"
#include "sipzone/status.h"

struct status_entry {
	sz_status code;
	const char *name;
	const char *text;
};

static const struct status_entry status_table[] = {
#define SZ_STATUS_ENTRY(code, num, name, text) { code, name, text },
	SZ_STATUS_LIST(SZ_STATUS_ENTRY)
#undef SZ_STATUS_ENTRY
};
#define N_STATUS (sizeof(status_table) / sizeof(status_table[0]))

static const struct status_entry *find_status(sz_status status)
{
	for (size_t i = 0; i < N_STATUS; i++)
		if (status_table[i].code == status)
			return &status_table[i];
	return NULL;
}

const char *sz_status_name(sz_status status)
{
	const struct status_entry *e = find_status(status);
	return e != NULL ? e->name : "unknown";
}

const char *sz_status_str(sz_status status)
{
	const struct status_entry *e = find_status(status);
	return e != NULL ? e->text : "unknown status";
}

const char *sz_severity_name(sz_severity sev)
{
	switch (sev) {
	case SZ_SEV_ERROR:
		return "error";
	case SZ_SEV_WARNING:
		return "warning";
	case SZ_SEV_INFO:
		return "info";
	}
	return "unknown";
}
