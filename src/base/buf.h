/*
 * base/buf.h: a growable byte buffer for the checker.
 */
#ifndef SZ_CHECK_BUF_INTERNAL_H
#define SZ_CHECK_BUF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct sz_buf {
	char *data;
	size_t len;
	size_t cap;
} sz_buf;

/** Make room for `extra` more bytes; false when out of memory. */
static inline bool sz_buf_reserve(sz_buf *b, size_t extra)
{
	if (b->len + extra <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (p == NULL)
		return false;
	b->data = p;
	b->cap = cap;
	return true;
}

static inline bool sz_buf_put(sz_buf *b, const void *p, size_t n)
{
	if (!sz_buf_reserve(b, n))
		return false;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return true;
}

static inline void sz_buf_free(sz_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

#endif
