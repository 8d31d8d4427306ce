/*
 * base/mkdir.h: create a directory and the missing ones above it.
 */
#ifndef SZ_BASE_MKDIR_H
#define SZ_BASE_MKDIR_H

#include <stdbool.h>

/**
 * mkdir -p: create each missing component of `path` in turn (mode 0777
 * less the umask). `path` is modified while it works; on failure it is
 * left cut at the component that could not be made, errno says why, and
 * false is returned.
 */
bool szi_mkdir_p(char *path);

#endif
