/*
 * base/file_read.h: read a whole file into memory.
 */
#ifndef SZ_FILE_READ_INTERNAL_H
#define SZ_FILE_READ_INTERNAL_H

#include <stddef.h>
#include "sipzone/status.h"

/* Largest file sipzone reads into memory (a model or an existing zone). */
#define SZ_FILE_MAX ((size_t)1 << 30)

/**
 * Read `path` ("-" = standard input) into a NUL-terminated buffer the caller
 * frees. Returns SZ_ERR_IO with errno set (EISDIR for a directory, EFBIG
 * past SZ_FILE_MAX), or SZ_ERR_NOMEM.
 */
sz_status szi_file_read(const char *path, char **out, size_t *len);

#endif
