/**
 * @file exports.h
 * Records -> the files other DNS tools read: a Windows PowerShell script
 * (DnsServer module), octoDNS YAML zone files, a DNSControl dnsconfig.js and
 * Terraform JSON for the hashicorp/dns provider.
 *
 * Each export holds exactly the records of the BIND output for the same
 * model and view, except the SOA and NS records a target tool does not
 * manage and the NAPTR records it cannot express (see
 * sz_export_writes_type()). The same model gives the same bytes.
 *
 * A format writes either one file per zone (powershell: `<zone>.ps1`,
 * octodns: `<zone>.yaml` plus a `README`) or one file for all zones
 * (dnscontrol: `dnsconfig.js`, terraform: `sipzone.tf.json`). On standard
 * output every format is one stream: the per-zone files joined (one script,
 * or YAML documents separated by `---`).
 *
 * Ownership: every pointer parameter is borrowed; the text handed to an
 * sz_export_file_fn is valid during the call only.
 */
#ifndef SIPZONE_EXPORTS_H
#define SIPZONE_EXPORTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "sipzone/diag.h"
#include "sipzone/model.h"
#include "sipzone/records.h"
#include "sipzone/status.h"
#include "sipzone/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum sz_export_format {
	SZ_EXPORT_POWERSHELL,
	SZ_EXPORT_OCTODNS,
	SZ_EXPORT_DNSCONTROL,
	SZ_EXPORT_TERRAFORM,
} sz_export_format;

/** "powershell", "octodns", "dnscontrol", "terraform". */
SZ_API const char *sz_export_format_name(sz_export_format format);
/** Parse a format name; false for anything else. */
SZ_API bool sz_export_format_parse(const char *text, sz_export_format *out);

/**
 * Whether the format can say which view its records are for. powershell
 * (the script's -ZoneScope / -ComputerName) and dnscontrol (split horizon,
 * `D("zone!internal")`) can; octoDNS YAML zone files and the hashicorp/dns
 * provider's resources name a zone only, so they take the external view
 * alone.
 */
SZ_API bool sz_export_supports_view(sz_export_format format, sz_view view);

/**
 * Whether the format writes records of `type` (SZ_TYPE_*) of a complete
 * zone: SOA never (every target tool or server keeps its own); NS at the apex
 * for octodns (root NS records) and dnscontrol (NAMESERVER()), not for
 * powershell (Windows DNS keeps a zone's NS with the zone) nor terraform
 * (the hashicorp/dns provider's dns_ns_record_set needs a name below the
 * apex). NAPTR (generic_sip.naptr) for octodns and dnscontrol, which
 * have it, not for powershell (Add-DnsServerResourceRecord has no NAPTR
 * parameter set; the script names the records it leaves out in a comment)
 * nor terraform (the hashicorp/dns provider has no NAPTR resource; the
 * file's "//" note names them). Every other type sipzone writes, always.
 */
SZ_API bool sz_export_writes_type(sz_export_format format, uint16_t type);

typedef struct sz_export_options {
	sz_export_format format;
	sz_view view;
	/** dnscontrol: the DnsProvider() name in the user's creds.json; NULL
	 * for the placeholder "SIPZONE_DNS_PROVIDER". Letters, digits, '_',
	 * '-' and '.' only. */
	const char *dnscontrol_provider;
} sz_export_options;

/**
 * Receives one file: `name` is the file name (no directory), `text` its
 * `len` bytes. Returning anything but SZ_OK stops the walk.
 */
typedef sz_status (*sz_export_file_fn)(const char *name, const char *text, size_t len,
				       void *ctx);

/**
 * Call `fn` with each file of the export, in order (zones in canonical
 * order). With `one_stream`, all of it comes as one text (name NULL), as
 * for standard output. Returns SZ_ERR_USAGE for a view the format cannot
 * express or a bad provider name, SZ_ERR_NOMEM, or what `fn` returns.
 */
SZ_API sz_status sz_export_each_file(const sz_model *model, const sz_export_options *options,
				     bool one_stream, sz_export_file_fn fn, void *ctx);

/**
 * Write the export's files into `dir` (created if missing), all or
 * nothing: each changed file goes to a temporary file in `dir` first, and
 * only when all were written are they renamed into place; unchanged files
 * are not touched. SZ_ERR_IO comes with a diagnostic naming the file.
 */
SZ_API sz_status sz_export_write_dir(const sz_model *model, const char *dir,
				     const sz_export_options *options, sz_diag_list *diags);

#ifdef __cplusplus
}
#endif

#endif
