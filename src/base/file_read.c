/*
 * base/file_read.c: read a whole file into memory, refusing what is not a
 * regular file or stream (a directory) and what is too large (/dev/zero).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/file_read.h"

static sz_status read_fd(int fd, char **out, size_t *len)
{
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap + 1);
	if (buf == NULL)
		return SZ_ERR_NOMEM;
	for (;;) {
		if (n == cap) {
			if (cap >= SZ_FILE_MAX) {
				free(buf);
				errno = EFBIG;
				return SZ_ERR_IO;
			}
			cap *= 2;
			char *nb = realloc(buf, cap + 1);
			if (nb == NULL) {
				free(buf);
				return SZ_ERR_NOMEM;
			}
			buf = nb;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			free(buf);
			errno = e;
			return SZ_ERR_IO;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return SZ_OK;
}

sz_status szi_file_read(const char *path, char **out, size_t *len)
{
	*out = NULL;
	*len = 0;
	if (strcmp(path, "-") == 0)
		return read_fd(STDIN_FILENO, out, len);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return SZ_ERR_IO;
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		errno = EISDIR;
		return SZ_ERR_IO;
	}
	sz_status s = read_fd(fd, out, len);
	int e = errno;
	close(fd);
	errno = e;
	return s;
}
