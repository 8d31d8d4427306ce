#!/usr/bin/env python3
"""check_export.py FORMAT EXPORT ZONEDIR VIEW [STUB_JS]

Reads an export of `sipzone generate --format FORMAT` back into records and
compares them with ldns-read-zone's reading of the BIND files in ZONEDIR
(the same model and view), less the SOA and NS records the format leaves to
the target tool. EXPORT is the -o directory or a file holding the standard
output stream. Each reader is strict: anything it does not recognise fails.
Records compare as (owner, ttl, type, data), names lower-case with the
trailing dot, addresses in canonical text form."""
import ipaddress
import json
import os
import re
import subprocess
import sys

import yaml

FMT, EXPORT, ZONEDIR, VIEW = sys.argv[1:5]
STUB = sys.argv[5] if len(sys.argv) > 5 else None
SKIP = {'powershell': {'SOA', 'NS', 'NAPTR'}, 'octodns': {'SOA'}, 'dnscontrol': {'SOA'},
        'terraform': {'SOA', 'NS', 'NAPTR'}}[FMT]


# The NAPTR records a format cannot write but must name (powershell in a
# comment, terraform in its "//" note), as (owner, ttl, type, data).
NOTED = []


def die(msg):
    print(f'check_export [{FMT}]: {msg}')
    sys.exit(1)


def norm(owner, ttl, rtype, data):
    owner = owner.lower()
    if not owner.endswith('.'):
        die(f'owner {owner} not fully qualified')
    if rtype in ('A', 'AAAA'):
        data = str(ipaddress.ip_address(data))
    elif rtype == 'SRV':
        p, w, port, t = data.split()
        if not t.endswith('.'):
            die(f'SRV target {t} without the trailing dot')
        data = f'{int(p)} {int(w)} {int(port)} {t.lower()}'
    elif rtype == 'NAPTR':
        # order preference "flags" "service" "regexp" replacement; the case
        # of a flag is not significant (RFC 3403 section 4.1)
        m = re.fullmatch(r'(\d+) (\d+) "([^"]*)" "([^"]*)" "([^"]*)" (\S+)', data)
        if not m:
            die(f'NAPTR data {data!r}')
        o, p, fl, sv, rx, rp = m.groups()
        if not rp.endswith('.'):
            die(f'NAPTR replacement {rp} without the trailing dot')
        data = f'{int(o)} {int(p)} "{fl.lower()}" "{sv}" "{rx}" {rp.lower()}'
    elif rtype in ('CNAME', 'NS'):
        if not data.endswith('.'):
            die(f'{rtype} target {data} without the trailing dot')
        data = data.lower()
    else:
        die(f'unexpected type {rtype}')
    return (owner, int(ttl), rtype, data)


def absolute(rel, zone):
    return f'{zone}.' if rel in ('', '@') else f'{rel}.{zone}.'


def bind_records(skip=None):
    skip = SKIP if skip is None else skip
    recs = []
    for f in sorted(os.listdir(ZONEDIR)):
        if not f.endswith('.zone'):
            continue
        text = subprocess.run(['ldns-read-zone', os.path.join(ZONEDIR, f)], check=True,
                              capture_output=True, text=True).stdout
        for line in text.splitlines():
            if not line.strip() or line.startswith(';'):
                continue
            owner, ttl, cls, rtype, data = line.split(None, 4)
            if cls != 'IN':
                die(f'class {cls}')
            if rtype in skip:
                continue
            recs.append(norm(owner, ttl, rtype, data.strip()))
    return sorted(recs)


def export_files(ext):
    """(zone, text) per zone: the files of a directory, or the stream split."""
    if os.path.isdir(EXPORT):
        out = []
        for f in sorted(os.listdir(EXPORT)):
            if f.endswith(ext):
                with open(os.path.join(EXPORT, f), 'rb') as fh:
                    out.append((f[:-len(ext)], fh.read().decode('utf-8')))
        return out, True
    with open(EXPORT, 'rb') as fh:
        return [(None, fh.read().decode('utf-8'))], False


# ---- octoDNS: YamlProvider's SortEnforcingLoader, natural order ----
def natural_key(s):
    if s == '':
        return ()
    parts = re.split(r'(\d+)', s)
    return tuple(int(p) if i % 2 else p for i, p in enumerate(parts) if p != '' or i == 0)


class SortedLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        m = super().construct_mapping(node, deep)
        keys = list(m.keys())
        if keys != sorted(keys, key=natural_key):
            die(f'keys out of order at line {node.start_mark.line + 1}: {keys}')
        return m


SortedLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
                             SortedLoader.construct_mapping)


def octodns_records():
    files, is_dir = export_files('.yaml')
    if is_dir:
        readme = os.path.join(EXPORT, 'README')
        if not os.path.isfile(readme) or 'srv-name-rfc' not in open(readme).read():
            die('README naming the srv-name-rfc validator missing')
        docs = files
    else:
        docs = []
        for part in files[0][1].split('---\n')[1:]:
            m = re.match(r'# sipzone: zone (\S+),', part)
            if not m:
                die('a document without its zone comment')
            docs.append((m.group(1), '---\n' + part))
    recs = []
    for zone, text in docs:
        data = yaml.load(text, Loader=SortedLoader)
        if data == {}:
            continue
        if not isinstance(data, dict):
            die(f'{zone}: not a mapping')
        for name, val in data.items():
            if not isinstance(name, str) or name.endswith('.') or name == '@':
                die(f'{zone}: bad record name {name!r}')
            for r in (val if isinstance(val, list) else [val]):
                keys = set(r)
                if keys not in ({'ttl', 'type', 'value'}, {'ttl', 'type', 'values'}):
                    die(f'{zone}/{name}: keys {sorted(keys)}')
                values = r['values'] if 'values' in r else [r['value']]
                if 'values' in r and len(values) < 2:
                    die(f'{zone}/{name}: values with one entry')
                for v in values:
                    if r['type'] == 'SRV':
                        if set(v) != {'port', 'priority', 'target', 'weight'}:
                            die(f'{zone}/{name}: SRV value keys {sorted(v)}')
                        v = f"{v['priority']} {v['weight']} {v['port']} {v['target']}"
                    elif r['type'] == 'NAPTR':
                        # octoDNS's NaptrValue: these six keys; flags one of
                        # S A U P (octodns/record/naptr.py VALID_FLAGS)
                        if set(v) != {'flags', 'order', 'preference', 'regexp', 'replacement',
                                      'service'}:
                            die(f'{zone}/{name}: NAPTR value keys {sorted(v)}')
                        if v['flags'] not in ('S', 'A', 'U', 'P'):
                            die(f'{zone}/{name}: NAPTR flags {v["flags"]!r}')
                        if not all(isinstance(v[k], str) for k in
                                   ('flags', 'regexp', 'replacement', 'service')):
                            die(f'{zone}/{name}: NAPTR strings {v!r}')
                        v = (f"{v['order']} {v['preference']} \"{v['flags']}\" \"{v['service']}\" "
                             f"\"{v['regexp']}\" {v['replacement']}")
                    elif not isinstance(v, str):
                        die(f'{zone}/{name}: value {v!r} is not a string')
                    recs.append(norm(absolute(name, zone), r['ttl'], r['type'], v))
    return sorted(recs)


# ---- DNSControl: the JavaScript run by node with the functions stubbed ----
def dnscontrol_records():
    path = os.path.join(EXPORT, 'dnsconfig.js') if os.path.isdir(EXPORT) else EXPORT
    res = subprocess.run(['node', STUB, path], capture_output=True, text=True)
    if res.returncode != 0:
        die(res.stderr.strip())
    recs = []
    want_tag = None if VIEW == 'external' else VIEW
    for line in res.stdout.splitlines():
        zone, tag, label, ttl, rtype, data = json.loads(line)
        if tag != want_tag:
            die(f'{zone}: split-horizon tag {tag!r}, expected {want_tag!r}')
        recs.append(norm(absolute(label, zone), ttl, rtype, data))
    return sorted(recs)


# ---- Terraform JSON for hashicorp/dns ----
TF_TYPES = {'dns_a_record_set': ('A', 'addresses'), 'dns_aaaa_record_set': ('AAAA', 'addresses'),
            'dns_srv_record_set': ('SRV', 'srv'), 'dns_cname_record': ('CNAME', 'cname')}


def terraform_records():
    path = os.path.join(EXPORT, 'sipzone.tf.json') if os.path.isdir(EXPORT) else EXPORT
    with open(path) as fh:
        doc = json.load(fh)
    if set(doc) - {'//', 'resource', 'terraform'}:
        die(f'top-level keys {sorted(doc)}')
    if doc['terraform'] != {'required_providers': {'dns': {'source': 'hashicorp/dns'}}}:
        die('required_providers is not hashicorp/dns')
    recs = []
    for m in re.finditer(r'Not written \(hashicorp/dns has no NAPTR resource\), add by other '
                         r'means: (\S+) (\d+) NAPTR (\d+ \d+ "[^"]*" "[^"]*" "[^"]*" \S+\.)(?= |$)',
                         doc.get('//', '')):
        NOTED.append(norm(m.group(1), m.group(2), 'NAPTR', m.group(3)))
    for rtype_tf, resources in doc['resource'].items():
        if rtype_tf not in TF_TYPES:
            die(f'resource type {rtype_tf}')
        rtype, field = TF_TYPES[rtype_tf]
        for rname, r in resources.items():
            if not re.fullmatch(r'[A-Za-z_][A-Za-z0-9_-]*', rname):
                die(f'resource name {rname}')
            if set(r) - {'zone', 'name', 'ttl', field} or not {'zone', 'ttl', field} <= set(r):
                die(f'{rname}: keys {sorted(r)}')
            zone = r['zone']
            if not zone.endswith('.'):
                die(f'{rname}: zone {zone} without the trailing dot')
            name = r.get('name')
            if name == '' or (name is not None and name.endswith('.')):
                die(f'{rname}: name {name!r} (absent at the apex, else relative)')
            if name is None and rtype in ('SRV', 'CNAME'):
                die(f'{rname}: {rtype_tf} needs a name')
            owner = absolute(name or '', zone[:-1])
            expect = ('_' if owner[0].isdigit() else '') + owner[:-1].replace('.', '_')
            if rname != expect:
                die(f'{rname}: resource name is not derived from {owner} ({expect})')
            if rtype == 'CNAME':
                recs.append(norm(owner, r['ttl'], rtype, r['cname']))
                continue
            for v in r[field]:
                if rtype == 'SRV':
                    if set(v) != {'priority', 'weight', 'port', 'target'}:
                        die(f'{rname}: srv keys {sorted(v)}')
                    v = f"{v['priority']} {v['weight']} {v['port']} {v['target']}"
                recs.append(norm(owner, r['ttl'], rtype, v))
    return sorted(recs)


# ---- PowerShell: a strict parser of the lines sipzone writes ----
Q = r"'([^']*)'"
TTL = r" -TimeToLive \(New-TimeSpan -Seconds (\d+)\) @Target$"
ADD = {
    'SRV': re.compile(r"^    Add-DnsServerResourceRecord -ZoneName \$Zone -Srv -Name " + Q +
                      r" -DomainName " + Q + r" -Priority (\d+) -Weight (\d+) -Port (\d+)" + TTL),
    'CNAME': re.compile(r"^    Add-DnsServerResourceRecord -ZoneName \$Zone -CName -Name " + Q +
                        r" -HostNameAlias " + Q + TTL),
    'A': re.compile(r"^    Add-DnsServerResourceRecord -ZoneName \$Zone -A -Name " + Q +
                    r" -IPv4Address " + Q + TTL),
    'AAAA': re.compile(r"^    Add-DnsServerResourceRecord -ZoneName \$Zone -AAAA -Name " + Q +
                       r" -IPv6Address " + Q + TTL),
}
TEST = re.compile(r"^if \(-not \(Test-SipzoneRRset \$Zone " + Q + " " + Q +
                  r" (\d+) @\(('[^']*'(?:, '[^']*')*)\)\)\) \{$")
PARAMS = ("param(\n    [string]$ComputerName = 'localhost',\n    [string]$ZoneScope = ''\n)\n"
          "$ErrorActionPreference = 'Stop'\n")


def powershell_script(text, zone_of_file):
    if not text.startswith('\ufeff'):
        die('no UTF-8 byte order mark')
    if PARAMS not in text or "if ($ZoneScope -ne '') { $Target['ZoneScope'] = $ZoneScope }" not in text:
        die('the -ComputerName / -ZoneScope parameters or $ErrorActionPreference are missing')
    body = text.split('\n# zone ', 1)
    zones = ('# zone ' + body[1]).split('\n') if len(body) > 1 else []
    recs, zone, i = [], None, 0
    while i < len(zones):
        line = zones[i]
        i += 1
        if line == '':
            continue
        m = re.fullmatch(r'# not added \(no NAPTR in Add-DnsServerResourceRecord; '
                         r'add it in DNS Manager\): (\S+) (\d+) NAPTR (.*)', line)
        if m and zone is not None:
            NOTED.append(norm(absolute(m.group(1), zone), m.group(2), 'NAPTR', m.group(3)))
            continue
        m = re.fullmatch(r'# zone (\S+)', line)
        if m:
            zone = m.group(1)
            if zones[i] != f"$Zone = '{zone}'":
                die(f'after "# zone {zone}": {zones[i]!r}')
            if zone_of_file is not None and zone != zone_of_file:
                die(f'{zone} in the file of {zone_of_file}')
            i += 1
            continue
        m = TEST.match(line)
        if not m or zone is None:
            die(f'unexpected line {line!r}')
        name, rtype, ttl, want = m.group(1), m.group(2), int(m.group(3)), m.group(4)
        want = sorted(re.findall(r"'([^']*)'", want))
        got = []
        while zones[i] != '}':
            a = ADD.get(rtype)
            am = a.match(zones[i]) if a else None
            if not am or am.group(1) != name or int(am.groups()[-1]) != ttl:
                die(f'{zone}: line {zones[i]!r} does not add {rtype} {name} TTL {ttl}')
            g = am.groups()
            data = f'{g[2]} {g[3]} {g[4]} {g[1]}' if rtype == 'SRV' else g[1]
            got.append(data)
            recs.append(norm(absolute(name, zone), ttl, rtype, data))
            i += 1
        i += 1
        if sorted(got) != want:
            die(f'{zone}: {name} {rtype}: the test wants {want}, the script adds {sorted(got)}')
    return recs


def powershell_records():
    files, is_dir = export_files('.ps1')
    recs = []
    for zone, text in files:
        recs += powershell_script(text, zone)
    return sorted(recs)


got = {'octodns': octodns_records, 'dnscontrol': dnscontrol_records,
       'terraform': terraform_records, 'powershell': powershell_records}[FMT]()
want = bind_records()
if got != want:
    import difflib
    print('\n'.join(difflib.unified_diff([str(r) for r in want], [str(r) for r in got],
                                         'BIND (ldns-read-zone)', FMT, lineterm='')))
    die('the export does not hold exactly the BIND records')
if 'NAPTR' in SKIP:
    naptrs = [r for r in bind_records(SKIP - {'NAPTR'}) if r[2] == 'NAPTR']
    if sorted(NOTED) != naptrs:
        die(f'the NAPTR records named as left out {sorted(NOTED)} are not the BIND ones {naptrs}')
print(f'ok [{FMT}]: {len(got)} records')
