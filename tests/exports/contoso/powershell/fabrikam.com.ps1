# sipzone: generated from the model; edit the model, not this file
# Windows PowerShell 5.1 or later with the DnsServer module, as a user who may
# change the zones: .\SCRIPT.ps1 [-ComputerName SERVER] [-ZoneScope SCOPE]
# The zones must exist (and the zone scope, for a split-brain zone).
[CmdletBinding()]
param(
    [string]$ComputerName = 'localhost',
    [string]$ZoneScope = ''
)
$ErrorActionPreference = 'Stop'
Import-Module DnsServer
$Target = @{ ComputerName = $ComputerName }
if ($ZoneScope -ne '') { $Target['ZoneScope'] = $ZoneScope }

# One record's data as sipzone writes it (names lower-case, trailing dot).
function Get-SipzoneData($Record) {
    $d = $Record.RecordData
    switch ($Record.RecordType) {
        'A' { return $d.IPv4Address.IPAddressToString }
        'AAAA' { return $d.IPv6Address.IPAddressToString.ToLowerInvariant() }
        'CNAME' { return $d.HostNameAlias.TrimEnd('.').ToLowerInvariant() + '.' }
        'SRV' { return '{0} {1} {2} {3}.' -f $d.Priority, $d.Weight, $d.Port, $d.DomainName.TrimEnd('.').ToLowerInvariant() }
    }
    return ''
}

# True when Name holds exactly Want of Type with TTL Ttl. Otherwise removes
# the records of Type at Name and returns false, so that the caller adds Want.
function Test-SipzoneRRset([string]$Zone, [string]$Name, [string]$Type, [int]$Ttl, [string[]]$Want) {
    $have = @(Get-DnsServerResourceRecord -ZoneName $Zone -Name $Name -RRType $Type -Node @Target -ErrorAction SilentlyContinue)
    $got = @($have | ForEach-Object { Get-SipzoneData $_ } | Sort-Object)
    $stale = @($have | Where-Object { $_.TimeToLive.TotalSeconds -ne $Ttl })
    if ($stale.Count -eq 0 -and ($got -join '|') -eq ((@($Want) | Sort-Object) -join '|')) { return $true }
    foreach ($r in $have) { Remove-DnsServerResourceRecord -ZoneName $Zone -InputObject $r -Force @Target }
    return $false
}

# zone fabrikam.com
$Zone = 'fabrikam.com'
if (-not (Test-SipzoneRRset $Zone '_sipfederationtls._tcp' 'SRV' 3600 @('0 0 5061 sip.fabrikam.com.'))) {
    Add-DnsServerResourceRecord -ZoneName $Zone -Srv -Name '_sipfederationtls._tcp' -DomainName 'sip.fabrikam.com.' -Priority 0 -Weight 0 -Port 5061 -TimeToLive (New-TimeSpan -Seconds 3600) @Target
}
if (-not (Test-SipzoneRRset $Zone '_sip._tls' 'SRV' 3600 @('0 0 443 sip.fabrikam.com.'))) {
    Add-DnsServerResourceRecord -ZoneName $Zone -Srv -Name '_sip._tls' -DomainName 'sip.fabrikam.com.' -Priority 0 -Weight 0 -Port 443 -TimeToLive (New-TimeSpan -Seconds 3600) @Target
}
if (-not (Test-SipzoneRRset $Zone 'lyncdiscover' 'A' 3600 @('203.0.113.40'))) {
    Add-DnsServerResourceRecord -ZoneName $Zone -A -Name 'lyncdiscover' -IPv4Address '203.0.113.40' -TimeToLive (New-TimeSpan -Seconds 3600) @Target
}
if (-not (Test-SipzoneRRset $Zone 'meet' 'A' 3600 @('203.0.113.40'))) {
    Add-DnsServerResourceRecord -ZoneName $Zone -A -Name 'meet' -IPv4Address '203.0.113.40' -TimeToLive (New-TimeSpan -Seconds 3600) @Target
}
if (-not (Test-SipzoneRRset $Zone 'sip' 'A' 3600 @('203.0.113.10', '203.0.113.11'))) {
    Add-DnsServerResourceRecord -ZoneName $Zone -A -Name 'sip' -IPv4Address '203.0.113.10' -TimeToLive (New-TimeSpan -Seconds 3600) @Target
    Add-DnsServerResourceRecord -ZoneName $Zone -A -Name 'sip' -IPv4Address '203.0.113.11' -TimeToLive (New-TimeSpan -Seconds 3600) @Target
}
if (-not (Test-SipzoneRRset $Zone 'sip' 'AAAA' 3600 @('2001:db8::10'))) {
    Add-DnsServerResourceRecord -ZoneName $Zone -AAAA -Name 'sip' -IPv6Address '2001:db8::10' -TimeToLive (New-TimeSpan -Seconds 3600) @Target
}
