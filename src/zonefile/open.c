/*
 * zonefile/open.c: open a zone file safely: what may be read at all.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "zonefile/reader_parts.h"

/* Kernel file systems whose "regular" files are no zone files: their size
 * says 0, and a read may never end (/proc/kmsg waits for the next kernel
 * message, and takes it from the system log) or have side effects. */
static bool pseudo_fs(int fd)
{
	struct statfs sf;
	if (fstatfs(fd, &sf) != 0)
		return false;
	switch ((unsigned long)sf.f_type) {
	case 0x9fa0UL:     /* PROC_SUPER_MAGIC */
	case 0x62656572UL: /* SYSFS_MAGIC */
	case 0x64626720UL: /* DEBUGFS_MAGIC */
	case 0x74726163UL: /* TRACEFS_MAGIC */
	case 0x73636673UL: /* SECURITYFS_MAGIC */
	case 0x27e0ebUL:   /* CGROUP_SUPER_MAGIC */
	case 0x63677270UL: /* CGROUP2_SUPER_MAGIC */
	case 0x62656570UL: /* CONFIGFS_MAGIC */
	case 0xcafe4a11UL: /* BPF_FS_MAGIC */
	case 0xde5e81e4UL: /* EFIVARFS_MAGIC */
	case 0x6165676cUL: /* PSTOREFS_MAGIC */
		return true;
	default:
		return false;
	}
}

/*
 * Open `path` for reading; on failure returns errno: EISDIR for a
 * directory, ENODEV for a device such as /dev/zero (which never ends), and
 * for an $INCLUDEd file (`regular_only`) SZI_ZFILE_NOT_REGULAR or SZI_ZFILE_PSEUDO_FS.
 *
 * The kind of file is looked at with stat() before it is opened, because
 * opening a device can have effects of its own. An $INCLUDEd file must be
 * a regular file: a FIFO would block the open or the read until someone
 * writes to it. It is opened with O_NONBLOCK, kept for its reads, so that
 * anything that still would wait fails with EAGAIN instead. The top-level
 * file may be a pipe (`sipzone check <(...)`): the user named it.
 */
int szi_zfile_open(const char *path, bool regular_only, int *fd, struct stat *st)
{
	struct stat before;
	if (stat(path, &before) != 0)
		return errno;
	if (S_ISDIR(before.st_mode))
		return EISDIR;
	if (S_ISCHR(before.st_mode) || S_ISBLK(before.st_mode))
		return ENODEV;
	if (regular_only && !S_ISREG(before.st_mode))
		return SZI_ZFILE_NOT_REGULAR;
	int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | (regular_only ? O_NONBLOCK : 0);
	int d = open(path, flags);
	if (d < 0)
		return errno;
	int e = 0;
	if (fstat(d, st) != 0)
		e = errno;
	else if (S_ISDIR(st->st_mode))
		e = EISDIR;
	else if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		e = ENODEV; /* replaced since the stat() */
	else if (regular_only && !S_ISREG(st->st_mode))
		e = SZI_ZFILE_NOT_REGULAR;
	else if (regular_only && pseudo_fs(d))
		e = SZI_ZFILE_PSEUDO_FS;
	if (e != 0) {
		close(d);
		return e;
	}
	*fd = d;
	return 0;
}
