/**
 * @file sipzone.h
 * The whole public API of libsipzone in one include.
 *
 * Programs may include this or only the headers they use; every header
 * below compiles on its own, in C and in C++. None includes a header of
 * ldns, jansson or libpsl: those are the library's private dependencies.
 */
#ifndef SIPZONE_SIPZONE_H
#define SIPZONE_SIPZONE_H

#include "sipzone/export.h"
#include "sipzone/version.h"
#include "sipzone/status.h"
#include "sipzone/diag.h"
#include "sipzone/zone_files.h"
#include "sipzone/model.h"
#include "sipzone/schema.h"
#include "sipzone/records.h"
#include "sipzone/rules.h"
#include "sipzone/serial.h"
#include "sipzone/zone_text.h"
#include "sipzone/zone_json.h"
#include "sipzone/exports.h"
#include "sipzone/outdir.h"
#include "sipzone/check.h"
#include "sipzone/import.h"
#include "sipzone/diff.h"
#include "sipzone/live.h"

#endif
