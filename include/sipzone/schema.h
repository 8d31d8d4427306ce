/**
 * @file schema.h
 * The JSON Schema of the model, as shipped in docs/model.schema.json.
 */
#ifndef SIPZONE_SCHEMA_H
#define SIPZONE_SCHEMA_H
#include "sipzone/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The schema text (static, NUL-terminated). */
SZ_API const char *sz_model_schema(void);

#ifdef __cplusplus
}
#endif

#endif
