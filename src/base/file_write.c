/*
 * base/file_write.c: write a whole buffer to a file descriptor.
 */
#include <errno.h>
#include <unistd.h>

#include "base/file_write.h"

sz_status szi_write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return SZ_ERR_IO;
		data += w;
		len -= (size_t)w;
	}
	return SZ_OK;
}
