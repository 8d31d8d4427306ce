/*
 * base/file_write.h: write a whole buffer to a file descriptor.
 */
#ifndef SZ_BASE_FILE_WRITE_H
#define SZ_BASE_FILE_WRITE_H

#include <stddef.h>

#include "sipzone/status.h"

/** Write all `len` bytes, going on after short writes and EINTR; SZ_ERR_IO (errno set) otherwise. */
sz_status szi_write_all(int fd, const char *data, size_t len);

#endif
