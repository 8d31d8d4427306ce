// dnscontrol_stub.js DNSCONFIG: run a dnsconfig.js with DNSControl's
// functions stubbed, strictly (argument counts and types as DNSControl's
// language reference gives them), and print its records as JSON lines:
// [domain, tag, label, ttl, type, data].
'use strict';
const fs = require('fs');
const vm = require('vm');
const file = process.argv[2];
const out = [];
const fail = (msg) => { console.error(`dnscontrol_stub: ${msg}`); process.exit(1); };
const ttlOf = (mods, what) => {
	if (mods.length !== 1 || !mods[0] || mods[0].kind !== 'TTL') fail(`${what}: expected exactly one TTL() modifier`);
	return mods[0].ttl;
};
const label = (l, what) => {
	if (typeof l !== 'string' || l === '' || l.endsWith('.')) fail(`${what}: label '${l}' must be relative (no trailing dot)`);
	return l;
};
const fqdn = (t, what) => {
	if (typeof t !== 'string' || !t.endsWith('.') || t === '.') fail(`${what}: target '${t}' must be fully qualified with the trailing dot`);
	return t;
};
const u16 = (n, what) => {
	if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`${what}: ${n} is not a 16-bit number`);
	return n;
};
const rec = (type, l, data, mods) => ({ kind: 'record', type, label: label(l, type), data, ttl: ttlOf(mods, type) });
const sandbox = {
	NewRegistrar: (name, ...rest) => { if (typeof name !== 'string' || rest.length > 1) fail('NewRegistrar(name)'); return { kind: 'registrar', name }; },
	NewDnsProvider: (name, ...rest) => { if (typeof name !== 'string' || name === '' || rest.length > 1) fail('NewDnsProvider(name)'); return { kind: 'dsp', name }; },
	DnsProvider: (p, ...rest) => { if (!p || p.kind !== 'dsp' || rest.length > 1) fail('DnsProvider(NewDnsProvider(...))'); return { kind: 'provider' }; },
	TTL: (t, ...rest) => { if (!Number.isInteger(t) || t < 0 || rest.length) fail('TTL(seconds)'); return { kind: 'TTL', ttl: t }; },
	NAMESERVER_TTL: (t, ...rest) => { if (!Number.isInteger(t) || rest.length) fail('NAMESERVER_TTL(seconds)'); return { kind: 'nsttl', ttl: t }; },
	NAMESERVER: (n, ...rest) => { if (rest.length) fail('NAMESERVER(name)'); return { kind: 'ns', target: fqdn(n, 'NAMESERVER') }; },
	A: (l, a, ...mods) => { if (typeof a !== 'string' || !/^\d+\.\d+\.\d+\.\d+$/.test(a)) fail(`A: ${a}`); return rec('A', l, a, mods); },
	AAAA: (l, a, ...mods) => { if (typeof a !== 'string' || !a.includes(':')) fail(`AAAA: ${a}`); return rec('AAAA', l, a, mods); },
	CNAME: (l, t, ...mods) => rec('CNAME', l, fqdn(t, 'CNAME'), mods),
	SRV: (l, pr, w, port, t, ...mods) => {
		if (!l.startsWith('_')) fail(`SRV: ${l}`);
		return rec('SRV', l, `${u16(pr, 'SRV')} ${u16(w, 'SRV')} ${u16(port, 'SRV')} ${fqdn(t, 'SRV')}`, mods);
	},
	// NAPTR(subdomain, order, preference, terminalflag, service, regexp, target)
	NAPTR: (l, order, pref, flags, service, regexp, t, ...mods) => {
		for (const [v, what] of [[flags, 'terminalflag'], [service, 'service'], [regexp, 'regexp']])
			if (typeof v !== 'string' || v.includes('"')) fail(`NAPTR: ${what} ${v}`);
		if (!/^[AaSsUuPp]?$/.test(flags)) fail(`NAPTR: terminalflag ${flags}`);
		return rec('NAPTR', l, `${u16(order, 'NAPTR')} ${u16(pref, 'NAPTR')} "${flags}" "${service}" "${regexp}" ${fqdn(t, 'NAPTR')}`, mods);
	},
	D: (name, reg, ...items) => {
		if (typeof name !== 'string' || !reg || reg.kind !== 'registrar') fail('D(name, registrar, ...)');
		const [zone, tag = null] = name.split('!');
		let providers = 0, nsttl = null;
		for (const it of items) {
			if (!it || typeof it !== 'object') fail(`D(${name}): an argument is not a DNSControl value`);
			if (it.kind === 'provider') { providers++; continue; }
			if (it.kind === 'nsttl') { nsttl = it.ttl; continue; }
			if (it.kind === 'ns') { if (nsttl === null) fail('NAMESERVER without NAMESERVER_TTL'); out.push([zone, tag, '@', nsttl, 'NS', it.target]); continue; }
			if (it.kind !== 'record') fail(`D(${name}): unexpected ${it.kind}`);
			out.push([zone, tag, it.label, it.ttl, it.type, it.data]);
		}
		if (providers !== 1) fail(`D(${name}): expected one DnsProvider()`);
	},
};
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(file, 'utf8'), sandbox, { filename: file });
for (const r of out) console.log(JSON.stringify(r));
