$TTL 3600
_sip._tls  IN SRV 0 0 443 edge.contoso.com.   ; warning: client-strict-naming (inside contoso.com, not sip.D)
edge       IN A   192.0.2.10
