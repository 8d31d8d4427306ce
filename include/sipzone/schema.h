/**
 * @file schema.h
 * The JSON Schema of the model, as shipped in docs/model.schema.json.
 */
#ifndef SIPZONE_SCHEMA_H
#define SIPZONE_SCHEMA_H

/** The schema text (static, NUL-terminated). */
const char *sz_model_schema(void);

#endif
