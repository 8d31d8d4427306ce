#!/usr/bin/env bash
# layout-zone.sh ZONE [MODEL-BASENAME, ignored: the header names no file] < records
#
# Lays out hand-written records ("owner ttl type rdata...", one per line,
# owners fully qualified, already in canonical order) in the documented
# layout of `sipzone generate`: header comment, $ORIGIN, owner column as
# wide as the longest owner plus one space, TTL right-aligned, "IN", type
# padded to the longest type plus one space, RDATA. Used to write expected
# files for tests/cases/generate; it shares no code with sipzone.
set -eu
zone=$1
: "${2:-}"
printf '; sipzone: zone %s, generated from the model; edit the model, not this file\n$ORIGIN %s.\n' "$zone" "$zone"
awk '
{ owner[NR] = $1; ttl[NR] = $2; type[NR] = $3
  r = $4; for (i = 5; i <= NF; i++) r = r " " $i; rdata[NR] = r
  if (length($1) > ow) ow = length($1)
  if (length($2) > tw) tw = length($2)
  if (length($3) > yw) yw = length($3) }
END { for (i = 1; i <= NR; i++)
        printf "%-" ow "s %" tw "s IN %-" yw "s %s\n", owner[i], ttl[i], type[i], rdata[i] }'
