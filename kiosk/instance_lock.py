"""One kiosk process per data dir: an exclusive `flock` on `<data_dir>/kiosk.lock`, holding the pid.

Two kiosks on one data dir would open the same card reader, camera and store and
show two windows over each other, so a second `waystation run` stops at once with
the first one's pid (exit 2).  The kernel drops a `flock` when its process ends,
however it ends: a lock file left behind by a killed kiosk blocks nothing, and the
file itself is never deleted (deleting a locked file lets a third process lock a
new one beside it).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from kiosk.errors import KioskError
from kiosk.messages import register

LOCK_NAME = "kiosk.lock"

register({
    "instance.running": {
        "zh_CN": "另一个驿站程序已在使用数据目录 {data_dir}（进程号 {pid}，锁文件 {lock_file}）。"
                 "请先停止该进程，再启动本程序。",
        "en": "Another Waystation kiosk is already running on the data dir {data_dir} (pid {pid}, lock file "
              "{lock_file}). Stop that process first, then start this one.",
    },
    "instance.lock_failed": {
        "zh_CN": "无法创建锁文件 {lock_file}：{problem}",
        "en": "Cannot create the lock file {lock_file}: {problem}",
    },
})


class InstanceRunning(KioskError):
    """Another kiosk process holds the data dir's lock."""

    default_code = "instance.running"


class InstanceLock:
    """The held lock; `release()` (or the process ending) lets the next kiosk start."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path, self._fd = path, fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the last descriptor drops the flock
            self._fd = None


def acquire(data_dir: Path) -> InstanceLock:
    """Take the data dir's kiosk lock and write this process's pid into it.

    Raises InstanceRunning (naming the holder's pid) when another process holds it,
    and KioskError when the lock file cannot be made (a data dir that is not ours)."""
    data_dir = Path(data_dir)
    path = data_dir / LOCK_NAME
    try:
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    except OSError as error:
        raise KioskError("instance.lock_failed", lock_file=str(path), problem=error.strerror or str(error))
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = _read_pid(fd)
        os.close(fd)
        raise InstanceRunning(data_dir=str(data_dir), pid=holder or "unknown", lock_file=str(path)) from None
    except OSError as error:  # a file system without flock: say so rather than run two kiosks unknowingly
        os.close(fd)
        raise KioskError("instance.lock_failed", lock_file=str(path), problem=error.strerror or str(error))
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return InstanceLock(path, fd)


def _read_pid(fd: int) -> str:
    """The pid the holder wrote (empty while it is still writing it)."""
    text = os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    return text if text.isdigit() else ""


def held(data_dir: Path) -> bool:
    """Whether a kiosk holds the data dir's lock now, found without touching the lock (the sync
    service waits while a kiosk syncs itself): Linux lists every flock in /proc/locks by device and
    inode.  Where /proc/locks cannot be read, a shared try-lock released at once tells instead."""
    path = Path(data_dir) / LOCK_NAME
    try:
        status = path.stat()
    except OSError:
        return False
    key = f"{os.major(status.st_dev):02x}:{os.minor(status.st_dev):02x}:{status.st_ino}"
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as locks:
            return any(len(fields) > 5 and fields[1] == "FLOCK" and fields[5] == key
                       for fields in (line.split() for line in locks))
    except OSError:
        pass
    try:
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # drops the shared lock if it was taken
    return False
