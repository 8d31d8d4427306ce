/*
 * check_buf_internal.h: a growable byte buffer for the checker.
 */
#ifndef SZ_CHECK_BUF_INTERNAL_H
#define SZ_CHECK_BUF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct szc_buf {
	char *data;
	size_t len;
	size_t cap;
} szc_buf;

/** Make room for `extra` more bytes; false when out of memory. */
static inline bool szc_buf_reserve(szc_buf *b, size_t extra)
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

static inline bool szc_buf_put(szc_buf *b, const void *p, size_t n)
{
	if (!szc_buf_reserve(b, n))
		return false;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	return true;
}

static inline void szc_buf_free(szc_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

#endif
