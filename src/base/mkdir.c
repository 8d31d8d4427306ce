/*
 * base/mkdir.c: create a directory and the missing ones above it.
 */
#include <errno.h>
#include <sys/stat.h>

#include "base/mkdir.h"

bool szi_mkdir_p(char *path)
{
	if (path[0] == '\0')
		return true;
	for (char *q = path + 1;; q++) {
		bool end = *q == '\0';
		if (*q != '/' && !end)
			continue;
		*q = '\0';
		if (mkdir(path, 0777) != 0 && errno != EEXIST)
			return false;
		if (end)
			return true;
		*q = '/';
	}
}
