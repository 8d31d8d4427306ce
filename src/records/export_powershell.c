/*
 * records/export_powershell.c: a Windows PowerShell script for the
 * DnsServer module.
 *
 * Each RRset is one test and one or more Add-DnsServerResourceRecord lines:
 * Test-SipzoneRRset returns true when the server already holds exactly
 * these records with this TTL, and otherwise removes what is there, so the
 * script is idempotent and replaces an RRset that differs. -ComputerName
 * and -ZoneScope are the script's parameters (the server, and the zone
 * scope of a split-brain zone). No SOA or NS: Windows DNS keeps a zone's
 * own. No NAPTR (the cmdlet has no parameter set for it): a comment after
 * the zone's name gives each one to add by hand. UTF-8 with a byte order
 * mark, which Windows PowerShell 5.1 needs to read the file as UTF-8.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records/export_internal.h"

static const char header[] =
	"[CmdletBinding()]\n"
	"param(\n"
	"    [string]$ComputerName = 'localhost',\n"
	"    [string]$ZoneScope = ''\n"
	")\n"
	"$ErrorActionPreference = 'Stop'\n"
	"Import-Module DnsServer\n"
	"$Target = @{ ComputerName = $ComputerName }\n"
	"if ($ZoneScope -ne '') { $Target['ZoneScope'] = $ZoneScope }\n"
	"\n"
	"# One record's data as sipzone writes it (names lower-case, trailing dot).\n"
	"function Get-SipzoneData($Record) {\n"
	"    $d = $Record.RecordData\n"
	"    switch ($Record.RecordType) {\n"
	"        'A' { return $d.IPv4Address.IPAddressToString }\n"
	"        'AAAA' { return $d.IPv6Address.IPAddressToString.ToLowerInvariant() }\n"
	"        'CNAME' { return $d.HostNameAlias.TrimEnd('.').ToLowerInvariant() + '.' }\n"
	"        'SRV' { return '{0} {1} {2} {3}.' -f $d.Priority, $d.Weight, $d.Port, $d.DomainName.TrimEnd('.').ToLowerInvariant() }\n"
	"    }\n"
	"    return ''\n"
	"}\n"
	"\n"
	"# True when Name holds exactly Want of Type with TTL Ttl. Otherwise removes\n"
	"# the records of Type at Name and returns false, so that the caller adds Want.\n"
	"function Test-SipzoneRRset([string]$Zone, [string]$Name, [string]$Type, [int]$Ttl, [string[]]$Want) {\n"
	"    $have = @(Get-DnsServerResourceRecord -ZoneName $Zone -Name $Name -RRType $Type -Node @Target -ErrorAction SilentlyContinue)\n"
	"    $got = @($have | ForEach-Object { Get-SipzoneData $_ } | Sort-Object)\n"
	"    $stale = @($have | Where-Object { $_.TimeToLive.TotalSeconds -ne $Ttl })\n"
	"    if ($stale.Count -eq 0 -and ($got -join '|') -eq ((@($Want) | Sort-Object) -join '|')) { return $true }\n"
	"    foreach ($r in $have) { Remove-DnsServerResourceRecord -ZoneName $Zone -InputObject $r -Force @Target }\n"
	"    return $false\n"
	"}\n";

static sz_status begin(szi_export_ctx *c, sz_text *t)
{
	char src[256];
	szi_safe_source(c->source, src, sizeof(src));
	sz_status s = szi_putf(t,
			       "\xEF\xBB\xBF# sipzone: generated from %s; edit the model, not this file\n"
			       "# Windows PowerShell 5.1 or later with the DnsServer module, as a user who may\n"
			       "# change the zones: .\\SCRIPT.ps1 [-ComputerName SERVER] [-ZoneScope SCOPE]\n"
			       "# The zones must exist (and the zone scope, for a split-brain zone).\n",
			       src);
	return s == SZ_OK ? szi_put(t, header) : s;
}

static sz_status put_data(const sz_record *r, sz_text *t)
{
	char addr[64];
	switch (r->type) {
	case SZ_TYPE_SRV:
		return szi_putf(t, "'%u %u %u %s.'", r->rdata.srv.priority, r->rdata.srv.weight,
				r->rdata.srv.port, r->rdata.srv.target);
	case SZ_TYPE_CNAME:
		return szi_putf(t, "'%s.'", r->rdata.cname);
	default:
		szi_address(r, addr, sizeof(addr));
		return szi_putf(t, "'%s'", addr);
	}
}

static sz_status put_add(const sz_record *r, const char *name, sz_text *t)
{
	char addr[64];
	sz_status s;
	switch (r->type) {
	case SZ_TYPE_SRV:
		s = szi_putf(t, "    Add-DnsServerResourceRecord -ZoneName $Zone -Srv -Name '%s' -DomainName '%s.' -Priority %u -Weight %u -Port %u",
			     name, r->rdata.srv.target, r->rdata.srv.priority, r->rdata.srv.weight,
			     r->rdata.srv.port);
		break;
	case SZ_TYPE_CNAME:
		s = szi_putf(t, "    Add-DnsServerResourceRecord -ZoneName $Zone -CName -Name '%s' -HostNameAlias '%s.'",
			     name, r->rdata.cname);
		break;
	default:
		szi_address(r, addr, sizeof(addr));
		s = szi_putf(t, "    Add-DnsServerResourceRecord -ZoneName $Zone -%s -Name '%s' -%s '%s'",
			     r->type == SZ_TYPE_A ? "A" : "AAAA", name,
			     r->type == SZ_TYPE_A ? "IPv4Address" : "IPv6Address", addr);
	}
	return s == SZ_OK ? szi_putf(t, " -TimeToLive (New-TimeSpan -Seconds %u) @Target\n", r->ttl)
			  : s;
}

/* The NAPTR records the script cannot add, as comments: the DnsServer
 * module's Add-DnsServerResourceRecord has no NAPTR parameter set (its
 * "Unknown" set takes RDATA in a form Microsoft does not document). */
static sz_status put_naptr_notes(const sz_snippet *s, sz_text *t)
{
	sz_status st = SZ_OK;
	for (size_t i = 0; st == SZ_OK && i < s->n_records; i++) {
		const sz_record *r = &s->records[i];
		if (r->type != SZ_TYPE_NAPTR)
			continue;
		char rel[256], data[600];
		szi_relative(r->owner, s->zone, rel, sizeof(rel));
		szi_naptr_text(r, data, sizeof(data));
		st = szi_putf(t, "# not added (no NAPTR in Add-DnsServerResourceRecord; add it in DNS Manager): %s %u NAPTR %s\n",
			      rel[0] != '\0' ? rel : "@", r->ttl, data);
	}
	return st;
}

static sz_status zone(szi_export_ctx *c, const sz_snippet *snippet, sz_text *t)
{
	(void)c;
	sz_snippet s;
	if (szi_export_records(snippet, SZ_EXPORT_POWERSHELL, &s) != SZ_OK)
		return SZ_ERR_NOMEM;
	sz_status st = szi_putf(t, "\n# zone %s\n$Zone = '%s'\n", s.zone, s.zone);
	if (st == SZ_OK)
		st = put_naptr_notes(snippet, t);
	for (size_t i = 0; st == SZ_OK && i < s.n_records;) {
		const sz_record *r = &s.records[i];
		size_t n = szi_rrset_len(&s, i);
		char rel[256];
		szi_relative(r->owner, s.zone, rel, sizeof(rel));
		const char *name = rel[0] != '\0' ? rel : "@";
		st = szi_putf(t, "if (-not (Test-SipzoneRRset $Zone '%s' '%s' %u @(", name,
			      sz_type_name(r->type), r->ttl);
		for (size_t k = 0; st == SZ_OK && k < n; k++) {
			if (k > 0)
				st = szi_put(t, ", ");
			if (st == SZ_OK)
				st = put_data(&r[k], t);
		}
		if (st == SZ_OK)
			st = szi_put(t, "))) {\n");
		for (size_t k = 0; st == SZ_OK && k < n; k++)
			st = put_add(&r[k], name, t);
		if (st == SZ_OK)
			st = szi_put(t, "}\n");
		i += n;
	}
	free(s.records);
	return st;
}

const szi_export_writer szi_export_powershell = {
	.zone_ext = ".ps1",
	.begin = begin,
	.zone = zone,
};
