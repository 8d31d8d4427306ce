$TTL 3600
sip IN A 203.0.113.10
_sip._tls.contoso.com. IN SRV 0 0 443 sip.contoso.com.
