// sipzone: generated from the model; edit the model, not this file
// The DNS provider is the name of an entry in creds.json.
var REG_NONE = NewRegistrar("none");
var DSP_SIPZONE = NewDnsProvider("SIPZONE_DNS_PROVIDER");

D("contoso.com", REG_NONE, DnsProvider(DSP_SIPZONE),
	SRV("_sipfederationtls._tcp", 0, 0, 5061, "sip.contoso.com.", TTL(3600)),
	SRV("_xmpp-server._tcp", 0, 0, 5269, "xmpp.contoso.com.", TTL(3600)),
	SRV("_sip._tls", 0, 0, 443, "sip.contoso.com.", TTL(3600)),
	A("av", "203.0.113.30", TTL(3600)),
	A("dialin", "203.0.113.40", TTL(3600)),
	A("lyncdiscover", "203.0.113.40", TTL(3600)),
	A("meet", "203.0.113.40", TTL(3600)),
	A("sip", "203.0.113.10", TTL(3600)),
	A("sip", "203.0.113.11", TTL(3600)),
	AAAA("sip", "2001:db8::10", TTL(3600)),
	A("webcon", "203.0.113.20", TTL(3600)),
	A("xmpp", "203.0.113.10", TTL(3600)),
	A("xmpp", "203.0.113.11", TTL(3600)),
	AAAA("xmpp", "2001:db8::10", TTL(3600)),
);

D("fabrikam.com", REG_NONE, DnsProvider(DSP_SIPZONE),
	SRV("_sipfederationtls._tcp", 0, 0, 5061, "sip.fabrikam.com.", TTL(3600)),
	SRV("_sip._tls", 0, 0, 443, "sip.fabrikam.com.", TTL(3600)),
	A("lyncdiscover", "203.0.113.40", TTL(3600)),
	A("meet", "203.0.113.40", TTL(3600)),
	A("sip", "203.0.113.10", TTL(3600)),
	A("sip", "203.0.113.11", TTL(3600)),
	AAAA("sip", "2001:db8::10", TTL(3600)),
);

D("litwareinc.com", REG_NONE, DnsProvider(DSP_SIPZONE),
	SRV("_sip._tls", 0, 0, 443, "sip.litwareinc.com.", TTL(3600)),
	A("sip", "203.0.113.10", TTL(3600)),
	A("sip", "203.0.113.11", TTL(3600)),
	AAAA("sip", "2001:db8::10", TTL(3600)),
);

D("tailspintoys.com", REG_NONE, DnsProvider(DSP_SIPZONE),
	SRV("_sipfederationtls._tcp", 100, 1, 5061, "sipfed.online.lync.com.", TTL(3600)),
	SRV("_sip._tls", 100, 1, 443, "sipdir.online.lync.com.", TTL(3600)),
	CNAME("lyncdiscover", "webdir.online.lync.com.", TTL(3600)),
	CNAME("sip", "sipdir.online.lync.com.", TTL(3600)),
);
