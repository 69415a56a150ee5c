"""Write stage: put the new site in place all at once, and never over what archivist did not write.

- **Nothing lost.** ``check_output`` refuses an output folder that is, holds or lies inside one
  of the site's own folders (the site itself may only hold the output), ``/`` or the home
  folder, a symbolic link or a file; an existing folder is replaced only where it carries
  archivist's marker file (written into every build) or is empty.
- **All or nothing.** The new site is made in a staging folder beside the output and swapped
  in with one atomic exchange (Linux ``renameat2(RENAME_EXCHANGE)``), so the output always
  holds a complete site, the old one or the new. Where the exchange is unavailable two renames
  are used, and the next build puts the old copy back if a kill fell between them.
- **One build at a time.** A lock file beside the output (``flock``, which the OS releases
  when the process dies, even by ``kill -9``); a second build fails at once, naming the first.
- **Incremental.** The staging folder starts as hard links to the previous output's files; a
  file is written only where its bytes differ, to a temporary name renamed over the link (so
  the previous output's file is never modified in place), and the previous build's files the
  new one lacks are removed. When nothing differs the output is left exactly as it is.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import shutil
import stat
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Collection, Iterable, Iterator, Mapping, MutableMapping, Sequence

try:
    import fcntl
except ImportError:  # Windows: no flock; builds are not locked there
    fcntl = None

#: Written into every output folder: the proof that archivist may replace it.
MARKER = ".archivist-output"
MARKER_TEXT = b"archivist wrote this folder and replaces it on every build; do not keep your own files here.\n"
#: Environment of the fault hook (``fault_point``): the point to pause at, and the file that holds the pause.
FAULT_PAUSE, FAULT_FILE = "ARCHIVIST_FAULT_PAUSE", "ARCHIVIST_FAULT_FILE"
#: Linux renameat2(2): swap two paths in one step.
AT_FDCWD, RENAME_EXCHANGE = -100, 2
#: errnos by which renameat2 says "not here" (old kernel or libc, a file system without exchange).
_NO_EXCHANGE = frozenset({errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP})


class OutputError(RuntimeError):
    """The output folder cannot be written safely; what is on disk was left as it was."""


@dataclass(frozen=True)
class Protected:
    """A folder the output must keep clear of, named ``label`` in the refusal.

    ``holds_ok``: the output may lie inside it (the site folder, the home folder), never be it
    or hold it.
    """

    label: str
    path: Path
    holds_ok: bool = False


#: Folders no output may be or hold, whatever the site.
SYSTEM_FOLDERS = (Protected("the root folder", Path("/"), holds_ok=True),
                  Protected("your home folder", Path.home(), holds_ok=True))


def check_output(output: Path, protected: Iterable[Protected] = ()) -> Path:
    """The output folder, resolved, if archivist may replace it; else OutputError saying why.

    Checked before any work, so a refused build changes nothing on disk. A path the system
    cannot even look at (a name over 255 bytes, a loop of links) is an OutputError naming it too.
    """
    try:
        return _check_output(output, protected)
    except OSError as e:
        raise OutputError(f"refusing to build into {Path(output).absolute()}: {os_error_message(e)}") from None


def _check_output(output: Path, protected: Iterable[Protected] = ()) -> Path:
    given = Path(output).absolute()
    if given.is_symlink():
        raise OutputError(f"refusing to build into {given}: it is a symbolic link (to {os.readlink(given)}); "
                          f"give the folder itself")
    real = given.resolve()
    for folder in (*SYSTEM_FOLDERS, *protected):
        where = Path(folder.path).absolute().resolve()
        relation = ("is" if real == where else "holds" if where.is_relative_to(real)
                    else None if folder.holds_ok or not real.is_relative_to(where) else "lies inside")
        if relation:
            raise OutputError(f"refusing to build into {given}: it {relation} {folder.label} ({where}), and "
                              f"archivist replaces its output folder on every build; set output_dir (or --output) "
                              f"to a folder of its own, such as build")
    if os.path.lexists(real) and not real.is_dir():
        raise OutputError(f"refusing to build into {given}: it is a file, not a folder")
    if real.is_dir() and not _ours(real):
        raise OutputError(f"refusing to replace {given}: it holds files archivist did not write (it has no "
                          f"{MARKER} file); move them away, or choose another output folder")
    return real


def _ours(folder: Path) -> bool:
    """Whether ``folder`` is a real folder archivist may remove: it carries the marker, or is empty."""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return False
        if stat.S_ISREG(os.lstat(folder / MARKER).st_mode):
            return True
    except FileNotFoundError:
        pass
    except OSError:
        return False
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def owned_by_build(output: Path, path: Path | str) -> bool:
    """Whether ``path`` is the output, inside it, or one of the staging, old-copy and lock paths beside it."""
    output, path = Path(output).absolute(), Path(path).absolute()
    if path == output or path.is_relative_to(output):
        return True
    beside = path.relative_to(output.parent).parts if path.is_relative_to(output.parent) else ()
    return bool(beside) and beside[0].startswith(f".{output.name}.")


def fault_point(name: str) -> None:
    """Test hook: with ``ARCHIVIST_FAULT_PAUSE=name``, write the pid into ``ARCHIVIST_FAULT_FILE``
    and wait until that file is removed, so a fault test can kill the build at a known moment.
    """
    if os.environ.get(FAULT_PAUSE) != name:
        return
    flag = Path(os.environ[FAULT_FILE])
    flag.write_text(str(os.getpid()))
    while flag.exists():
        time.sleep(0.02)


# The lock.

_held: dict[Path, int] = {}  # output -> how many claims this process holds (claims nest)


def _lock_path(output: Path) -> Path:
    return output.parent / f".{output.name}.lock"


def _lock(output: Path) -> int | None:
    """Take the output's lock file or raise OutputError naming the build that holds it."""
    if fcntl is None:
        return None
    path = _lock_path(output)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise OutputError(f"another build of {output} is running (pid {pid}); "
                              f"wait for it to finish, or stop it") from None
        # The holder before us may have removed the file on release: lock the file that is there now.
        try:
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(fd)
    os.ftruncate(fd, 0)
    os.write(fd, str(os.getpid()).encode())
    return fd


def _unlock(output: Path, fd: int | None) -> None:
    """Remove the lock file while still holding it (so no one is left locking a file nobody sees), then release."""
    if fd is None:
        return
    with contextlib.suppress(OSError):
        os.unlink(_lock_path(output))
    os.close(fd)


@contextlib.contextmanager
def claim_output(output: Path, protected: Iterable[Protected] = ()) -> Iterator[Path]:
    """Check the output (``check_output``), lock it for this build, and repair what a killed build left.

    Yields the resolved output folder. Under the lock no other build of it runs, so an old copy
    with no output beside it (a kill between the two renames of a swap) is put back, and the
    staging folders and old copies that carry archivist's marker are removed. Claims nest.
    """
    real = check_output(output, protected)
    if real in _held:
        _held[real] += 1
        try:
            yield real
        finally:
            _held[real] -= 1
        return
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        fd = _lock(real)
    except OSError as e:
        raise OutputError(f"{os_error_message(e)} (archivist writes its lock file and staging folder beside "
                          f"the output folder)") from None
    _held[real] = 1
    try:
        try:
            _repair(real)
        except OSError as e:
            raise OutputError(os_error_message(e)) from None
        yield real
    finally:
        del _held[real]
        _unlock(real, fd)


def _leftovers(output: Path) -> list[Path]:
    """Staging folders and old copies of ``output`` that earlier builds left beside it, newest first."""
    prefixes = (f".{output.name}.staging-", f".{output.name}.old-")
    with os.scandir(output.parent) as entries:
        found = [Path(e.path) for e in entries if e.name.startswith(prefixes)]
    return sorted(found, key=lambda p: os.lstat(p).st_mtime_ns, reverse=True)


def _repair(output: Path) -> None:
    """Put back the old copy if a kill left no output, then remove the leftovers that are archivist's."""
    leftovers = [p for p in _leftovers(output) if _ours(p)]
    if not os.path.lexists(output):
        old = next((p for p in leftovers if p.name.startswith(f".{output.name}.old-")), None)
        if old is not None:
            os.rename(old, output)
            leftovers.remove(old)
    for path in leftovers:
        remove_tree(path)


def remove_tree(folder: Path) -> None:
    """Remove a folder archivist made, never following a link; its marker goes last.

    A kill halfway leaves a folder that still carries the marker, which the next build
    therefore still recognises as its own and removes.
    """
    folder = Path(folder)
    if not os.path.lexists(folder):
        return
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name == MARKER):
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
    os.rmdir(folder)


# Writing files.

def os_error_message(e: OSError) -> str:
    """One line for an OS error: what went wrong and the path, e.g. "No space left on device: /site/build"."""
    where = e.filename if e.filename2 is None else f"{e.filename} -> {e.filename2}"
    return f"{e.strerror or e.__class__.__name__}: {where}" if where is not None else str(e)


def _parts(rel: str) -> tuple[str, ...]:
    """The parts of a file's path relative to the output; ValueError if it would leave the output."""
    path = PurePosixPath(rel)
    if path.is_absolute() or not path.parts or any(p in ("..", ".") for p in path.parts) or "\\" in rel:
        raise ValueError(f"refusing to write outside the output folder: {rel}")
    return path.parts


def _normal(rel: str) -> str:
    """``rel`` as the output's file list spells it ("a/b", not "a//b/" or "./a/b"); cheap when it already is."""
    if "//" in rel or rel.startswith(("./", "/")) or "/./" in rel or rel.endswith(("/", "/.")):
        return "/".join(_parts(rel))
    return rel


def _same(path: Path, data: bytes) -> bool:
    """Whether ``path`` is a regular file holding exactly ``data``."""
    try:
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
            return False
        with open(path, "rb") as f:
            return f.read() == data
    except (FileNotFoundError, NotADirectoryError):
        return False


def _place(root: Path, parts: tuple[str, ...]) -> tuple[Path, Path]:
    """Make way for a file at ``root/parts``: (its path, a free temporary name beside it).

    Its folders are made, a file where one of them goes (the previous build's) is removed, and
    so is a folder where the file goes.
    """
    parent = root
    for name in parts[:-1]:
        parent = parent / name
        try:
            if not stat.S_ISDIR(os.lstat(parent).st_mode):
                os.unlink(parent)
                os.mkdir(parent)
        except FileNotFoundError:
            os.mkdir(parent)
    target = parent / parts[-1]
    with contextlib.suppress(FileNotFoundError):
        if stat.S_ISDIR(os.lstat(target).st_mode):
            shutil.rmtree(target)
    tmp = parent / f".archivist-tmp-{os.getpid()}"
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
    return target, tmp


def _put(root: Path, parts: tuple[str, ...], data: bytes) -> None:
    """Write ``data`` to ``root/parts`` by a new file renamed over the old: a hard link elsewhere keeps its bytes."""
    target, tmp = _place(root, parts)
    _create(tmp, data, target)
    os.replace(tmp, target)


def _create(path: Path, data: bytes, named: Path) -> None:
    """Write ``data`` to the new file ``path`` (it must not exist); an error names ``named``, the file meant."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask decides, as for any file
    try:
        with open(fd, "wb", closefd=False) as f:
            f.write(data)
    except OSError as e:  # a write's error names no file: name the one being written
        raise OSError(e.errno, e.strerror, str(named)) from None
    finally:
        os.close(fd)


def keep_json(path: Path, data: object) -> None:
    """Keep ``data`` as compact JSON at ``path`` (a new file renamed over the old), for a file a later
    build may read to save work: a failure to write it costs only that work, so it is not an error."""
    path = Path(path)
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            tmp.unlink()


def kept_json(path: Path, tag: str, value: object, field: str) -> dict | None:
    """The ``field`` dict of the JSON ``keep_json`` kept at ``path``, where its ``tag`` is ``value`` (the
    scheme, code or output it was made for); None where the file is missing, damaged, of another
    ``value`` or of another shape: the work it saves is done again."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get(tag) != value or not isinstance(data.get(field), dict):
        return None
    return data[field]


def write_files(root: Path, files: Mapping[str, bytes]) -> int:
    """Write each relative path's bytes below ``root``, in sorted order; returns the number of files.

    A file that already holds those bytes is left alone; any other is replaced, never
    modified in place.
    """
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    for rel in sorted(files):
        parts = _parts(rel)
        if not _same(root.joinpath(*parts), files[rel]):
            _put(root, parts, files[rel])
    return len(files)


def write_new_folder(root: Path, files: Mapping[str, bytes], like: Sequence[Path] = ()) -> int:
    """Make the folder ``root`` (it must not exist) holding each relative path's bytes; returns the number
    of files. Where the same path below a folder of ``like`` (an earlier version of this folder) holds
    those bytes, the file is a hard link to that one.

    For a folder its caller renames into place whole (a search shard), so no file of it is seen
    half-written: each is made once under its own name, without ``write_files``' temporary name and
    rename, which cost most of the time on a busy ext4 (2,941 files of a shard: 1.2-3.4 s written by
    ``write_files``, 0.4-0.5 s created directly, 0.2-0.3 s as links). A shard indexed again after one
    of its pages changed holds 890 of its 897 files as before.
    """
    root = Path(root)
    os.mkdir(root)
    folders = {()}
    for rel in sorted(files):
        parts, data = _parts(rel), files[rel]
        for n in range(1, len(parts)):
            if parts[:n] not in folders:
                os.mkdir(root.joinpath(*parts[:n]))
                folders.add(parts[:n])
        target = root.joinpath(*parts)
        source = next((s for s in (Path(f).joinpath(*parts) for f in like) if _same(s, data)), None)
        if source is not None:
            try:
                os.link(source, target)
                continue
            except OSError as e:  # another device, or no hard links here: written instead
                if e.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                    raise
        _create(target, data, target)
    return len(files)


def _remove_file(root: Path, rel: str, folder_too: bool) -> bool:
    """Remove the file ``root/rel`` (or a folder there, with ``folder_too``) and the folders that leaves empty.

    Whether something was removed: a path that was a file in the previous build may be a folder
    of this one's files now (written since), which only ``folder_too`` removes.
    """
    target = root.joinpath(*_parts(rel))
    try:
        if not stat.S_ISDIR(os.lstat(target).st_mode):
            os.unlink(target)
        elif folder_too:
            shutil.rmtree(target)
        else:
            return False
    except (FileNotFoundError, NotADirectoryError):
        return False
    for folder in PurePosixPath(rel).parents:
        if not folder.parts:
            break
        try:
            os.rmdir(root / folder)
        except OSError:
            break
    return True


def _sync(root: Path, source: Path, rel: str) -> None:
    """Make ``root/rel`` what ``source/rel`` is: a hard link to its file, or nothing."""
    src = source.joinpath(*_parts(rel))
    try:
        mode = os.lstat(src).st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = 0
    if not stat.S_ISREG(mode):  # a folder there keeps its files, each synced by its own path
        _remove_file(root, rel, folder_too=not stat.S_ISDIR(mode))
        return
    target, tmp = _place(root, _parts(rel))
    os.link(src, tmp)
    os.replace(tmp, target)
    # Where the target already was a link to that file, rename() does nothing and leaves the
    # temporary name (POSIX): it must not stay in the output (the search index's kept shards had one).
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)


def _tree_files(root: Path) -> Iterator[str]:
    """Every non-folder entry below ``root``, as a relative POSIX path."""
    return (rel for rel, _ in _tree_inodes(root))


def _tree_inodes(root: Path, prefix: str = "") -> Iterator[tuple[str, int]]:
    """(relative POSIX path, inode) of every non-folder entry below ``root`` (the inode is scandir's: no stat)."""
    with os.scandir(root) as entries:
        for entry in entries:
            rel = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                yield from _tree_inodes(Path(entry.path), rel + "/")
            else:
                yield rel, entry.inode()


def _link_tree(src: Path, dst: Path, skip: Collection[str] = (), prefix: str = "") -> Iterator[str]:
    """Make ``dst`` a farm of hard links to ``src``'s files (copies across file systems), but for ``skip``;
    yields each file's relative path."""
    with os.scandir(src) as entries:
        for entry in entries:
            if entry.name in skip:
                continue
            target = dst / entry.name
            if entry.is_dir(follow_symlinks=False):
                os.mkdir(target)
                yield from _link_tree(Path(entry.path), target, (), f"{prefix}{entry.name}/")
                continue
            try:
                os.link(entry.path, target, follow_symlinks=False)
            except OSError as e:
                if e.errno not in (errno.EXDEV, errno.EPERM, errno.EMLINK, errno.ENOTSUP):
                    raise
                shutil.copy2(entry.path, target, follow_symlinks=False)
            yield prefix + entry.name


def spare_path(output: Path) -> Path:
    """Where the output before the last one is kept, to become the next build's staging folder."""
    return output.parent / f".{output.name}.spare"


#: The spare's own files, not the site's: its journal, and a .gitignore that keeps it out of a repository.
SPARE_JOURNAL = ".archivist-spare"
SPARE_FILES = {SPARE_JOURNAL: None, ".gitignore": b"*\n"}


def _identity(folder: Path) -> list[int] | None:
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        return None
    return [st.st_dev, st.st_ino]


class Staging:
    """The next output, made beside the current one; ``staged_output`` hands it out.

    It reads as the previous output until something differs: the staging folder is made on the
    first write that changes a file, the first removal, or the first use of ``root``. It starts
    as the previous output (empty with ``clean``): the spare (the output before, which the last
    build kept with the list of paths where it differs from the live output) brought up to date
    at those paths only, else a new farm of hard links to every file. So a rebuild after one
    edit touches a few files, not the whole site, and removes no folder (removing costs most:
    on a file system mounted with ``discard`` every freed block is trimmed, ~3 ms a folder here).

    Whoever writes into ``root`` directly (Pagefind) must create new files or rename over old
    ones, never open an existing file for writing: it may be a hard link to the live output's file.
    """

    def __init__(self, output: Path, clean: bool = False):
        self.output = Path(output)
        self.path = self.output.parent / f".{self.output.name}.staging-{os.getpid()}"
        self.clean = clean
        self.written = self.removed = 0
        self.written_paths: list[str] = []  # what ``write`` changed, in order
        self.removed_paths: list[str] = []  # what ``keep_only`` removed
        self._made = self._opened = False
        self._files: set[str] | None = None  # the next output's files but the marker, where known without a walk
        self._base: set[str] | None = None
        self._keep: tuple[str, ...] | None = None  # the folders a later stage writes into ``root``
        self._journal = self._spare_journal()
        if clean:
            self._make()

    def _make(self) -> None:
        if self._made:
            return
        remove_tree(self.path)  # this process's own, from a build it did not finish
        if self.clean:
            os.mkdir(self.path)
            self._files = set()
        elif not self._adopt_spare():
            os.mkdir(self.path)
            self._files = set(_link_tree(self.output, self.path, skip=(MARKER,))) if self.output.is_dir() else set()
        self._base = set(self._files)  # the live output's files, for a spare made of a failed build
        _put(self.path, (MARKER,), MARKER_TEXT)  # a new marker each build: incremental.output_identity reads it
        self._made = True

    def _spare_journal(self) -> dict | None:
        """The spare's journal, where it pairs with the output as it is now: {"output", "differs", "files"}."""
        try:
            journal = json.loads((spare_path(self.output) / SPARE_JOURNAL).read_text(encoding="utf-8"))
            if (journal["output"] == _identity(self.output) and isinstance(journal["differs"], list)
                    and isinstance(journal["files"], list)):
                return journal
        except (OSError, ValueError, KeyError, TypeError):
            pass
        return None

    def _adopt_spare(self) -> bool:
        """Make the spare the staging folder, synced with the output where its journal says they differ."""
        spare = spare_path(self.output)
        if not os.path.lexists(spare):
            return False
        if self._journal is None:  # the output was replaced since (or the spare is damaged): a farm instead
            if _ours(spare):
                remove_tree(spare)
            return False
        os.rename(spare, self.path)
        for name in SPARE_FILES:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self.path / name)
        for rel in sorted(self._journal["differs"]):
            _sync(self.path, self.output, rel)
        self._files = set(self._journal["files"])
        return True

    def _next_files(self) -> set[str]:
        """The next output's files but the marker, as ``write`` and ``keep_only`` left them: from the
        farm or the spare's journal, else by a walk."""
        if self._files is None and not self._made and self._journal is not None:
            self._files = set(self._journal["files"])
        if self._files is None:
            self._files = set(_tree_files(self._current)) - {MARKER} if self._current.is_dir() else set()
        return self._files

    def _final_files(self) -> set[str]:
        """The output's files once swapped in (so read from the output), for the spare's journal.

        What a later stage wrote into ``root`` lies under the folders ``keep_only`` was told to
        keep: those are walked, the rest is known (without ``keep``, the whole folder is walked).
        """
        if not self._opened:
            return self._next_files()
        if self._keep is None:
            return set(_tree_files(self.output)) - {MARKER}
        under = tuple(k + "/" for k in self._keep)
        files = {f for f in self._next_files() if not f.startswith(under)}
        for folder in self._keep:
            if (self.output / folder).is_dir():
                files.update(f"{folder}/{f}" for f in _tree_files(self.output / folder))
        return files

    def make_spare(self) -> None:
        """Make the spare a farm of hard links to the output just swapped in (a first or clean build's)."""
        spare = spare_path(self.output)
        try:
            if os.path.lexists(spare):
                if not _ours(spare):
                    return
                remove_tree(spare)
            os.mkdir(spare)
            files = sorted(_link_tree(self.output, spare, skip=(MARKER,)))
            _put(spare, (MARKER,), MARKER_TEXT)
            journal = {"output": _identity(self.output), "differs": [], "files": files}
            for name, data in SPARE_FILES.items():
                _put(spare, (name,), data if data is not None else json.dumps(journal).encode())
        except OSError:
            _remove_quietly(spare)

    def _differs(self, *trees: Path) -> set[str]:
        """Where the staging folder differs from the output it was made from: what was written or removed,
        and anything under the folders a later stage wrote into ``root`` (in ``trees``)."""
        differs = set(self.written_paths) | set(self.removed_paths)
        if self._opened:
            # A later stage creates files or renames over old ones, never writes into one (Pagefind):
            # a file that is the same file (device, inode) in every tree is unchanged. Only the others
            # differ: listing the whole search bundle made the next build re-link all its files.
            for folder in self._keep or ():
                found: dict[str, list[tuple[int, int]]] = {}
                for tree in trees:
                    if (tree / folder).is_dir():
                        device = os.stat(tree / folder).st_dev
                        for rel, inode in _tree_inodes(tree / folder):
                            found.setdefault(f"{folder}/{rel}", []).append((device, inode))
                differs.update(rel for rel, ids in found.items() if len(ids) < len(trees) or len(set(ids)) > 1)
        return differs

    def _make_spare_of(self, folder: Path, differs: Iterable[str], files: Iterable[str]) -> None:
        spare = spare_path(self.output)
        os.rename(folder, spare)
        journal = {"output": _identity(self.output), "differs": sorted(differs), "files": sorted(files)}
        for name, data in SPARE_FILES.items():
            _put(spare, (name,), data if data is not None else json.dumps(journal).encode())

    def salvage(self) -> bool:
        """After a failed build, keep its staging folder as the spare (the output is still the one it was
        made from); False where it cannot be (not made, clean, unknown differences, a spare there)."""
        if (not self._made or self.clean or self._base is None or (self._opened and self._keep is None)
                or os.path.lexists(spare_path(self.output)) or not _ours(self.path)):
            return False
        self._make_spare_of(self.path, self._differs(self.path, self.output), self._base)
        return True

    def retire(self, previous: Path) -> None:
        """Keep the previous output (now at ``previous``) as the next build's spare, or remove it."""
        spare = spare_path(self.output)
        if os.path.lexists(spare) or not _ours(previous) or (self._opened and self._keep is None):
            _remove_quietly(previous)  # where it differs from the output is unknown
            return
        try:
            self._make_spare_of(previous, self._differs(self.output, previous), self._final_files())
        except OSError:
            _remove_quietly(spare)

    @property
    def _current(self) -> Path:
        """Where the next output's files are now: the staging folder once made, else the previous output."""
        return self.path if self._made else self.output

    @property
    def root(self) -> Path:
        """The staging folder, made now if it is not yet; the output is swapped, since it may be written."""
        self._make()
        self._opened = True
        return self.path

    @property
    def changed(self) -> bool:
        """Whether the next output differs from the previous one (or may: ``root`` was handed out, or ``clean``)."""
        return bool(self.written or self.removed or self._opened or self.clean or not self.output.is_dir())

    def write(self, files: Mapping[str, bytes]) -> int:
        """Write the files whose bytes differ from the previous output's, in sorted order; returns how many.

        ``files`` may be some of the site's files only: the others stay as the previous build left them.
        """
        written = 0
        for rel in sorted(files):
            parts, data = _parts(rel), files[rel]
            if parts == (MARKER,):
                raise ValueError(f"{MARKER} is archivist's own file")
            if _same(self._current.joinpath(*parts), data):
                continue
            self._make()
            _put(self.path, parts, data)
            self._next_files().add("/".join(parts))
            self.written_paths.append(rel)
            self.written += 1
            written += 1
            if self.written == 1:
                fault_point("writing")
        return written

    def keep_only(self, paths: Collection[str], keep: Iterable[str] = ()) -> int:
        """Remove the files not in ``paths`` (every file of the new site) nor under a folder of ``keep``
        (those a later stage writes, such as ``pagefind``); returns how many were removed."""
        self._keep = tuple(k.strip("/") for k in keep)
        wanted = {_normal(p) for p in paths}
        prefixes = tuple(k + "/" for k in self._keep)
        stale = sorted(rel for rel in self._next_files() if rel not in wanted and not rel.startswith(prefixes))
        if not stale:
            return 0
        self._make()
        # A clean build has no empty folders: those the removals empty go too.
        removed = [rel for rel in stale if _remove_file(self.path, rel, folder_too=False)]
        self._next_files().difference_update(stale)
        self.removed += len(removed)
        self.removed_paths.extend(stale)  # all of them: where the spare differs from the next output
        return len(removed)

    def missing(self, paths: Iterable[str]) -> set[str]:
        """The ``paths`` that no file of the next output holds (pages a partial render assumed were there)."""
        return {p for p in paths if not os.path.isfile(self._current.joinpath(*_parts(p)))}


class StagingSink(MutableMapping):
    """The next output's files as render makes them: each written to the staging folder at once.

    Handed to ``render_site`` as its ``sink``, so a build holds one page in memory at a time,
    not the whole site. A path set to None is a page render kept: the previous file stands.
    Reading a path gives None (its bytes are on disk, not here).
    """

    def __init__(self, staging: Staging):
        self.staging = staging
        self._paths: dict[str, bool] = {}  # path -> made in this build (False: kept)

    def __setitem__(self, path: str, data: bytes | None) -> None:
        if data is not None:
            self.staging.write({path: data})
        self._paths[path] = data is not None

    def __getitem__(self, path: str) -> None:
        if path not in self._paths:
            raise KeyError(path)
        return None

    def __delitem__(self, path: str) -> None:
        raise TypeError("a file written to the staging folder stays; keep_only removes what is not wanted")

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    @property
    def kept(self) -> int:
        """How many paths were kept from the previous output rather than made."""
        return sum(1 for made in self._paths.values() if not made)


def _renameat2() -> ctypes._CFuncPtr | None:
    """libc's renameat2, where this system has it."""
    try:
        fn = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError, TypeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_RENAMEAT2 = _renameat2()


def exchange(a: Path, b: Path) -> bool:
    """Swap paths ``a`` and ``b`` in one atomic step; False where the system cannot (then nothing moved)."""
    if _RENAMEAT2 is None:
        return False
    if _RENAMEAT2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in _NO_EXCHANGE:
        return False
    raise OSError(err, os.strerror(err), str(a), None, str(b))


def swap_in(staging: Path, output: Path) -> Path | None:
    """Make ``staging`` the output, by one exchange, else two renames; where the previous output is now."""
    if not os.path.lexists(output):
        os.rename(staging, output)
        return None
    if exchange(staging, output):
        fault_point("swapped")
        return staging  # the previous output, now under the staging folder's name
    old = output.parent / f".{output.name}.old-{os.getpid()}"
    os.rename(output, old)
    fault_point("renamed")  # a kill here leaves no output: the next claim puts the old copy back
    try:
        os.rename(staging, output)
    except BaseException:
        os.rename(old, output)
        raise
    return old


def _remove_quietly(folder: Path) -> None:
    """Remove the previous output once the new one is in place; what fails here the next build removes."""
    with contextlib.suppress(OSError):
        remove_tree(folder)


@contextlib.contextmanager
def staged_output(output: Path, clean: bool = False, protected: Iterable[Protected] = ()) -> Iterator[Staging]:
    """Claim ``output`` (``claim_output``) and yield its ``Staging``; on success it is swapped in.

    The swap is skipped when nothing changed. On any error before the swap the previous output
    is untouched and the staging folder is kept as the next build's spare (or removed); an OS
    error becomes an OutputError of one line naming the path. ``clean`` starts from an empty
    folder instead of the previous output.
    """
    with claim_output(output, protected) as real:
        staging, previous = None, None
        try:
            staging = Staging(real, clean)
            yield staging
            if staging.changed:
                staging._make()
                fault_point("swap")
                previous = swap_in(staging.path, real) or real  # from here on the new output is in place
                if previous != real and not staging.clean:
                    staging.retire(previous)
                else:  # a first or clean build: the spare is a farm of it, so the next edit costs little
                    if previous != real:
                        _remove_quietly(previous)
                    staging.make_spare()
        except BaseException as e:
            if previous is not None:  # interrupted after the swap: the new output stands, the rest is a leftover
                raise
            try:
                kept = staging is not None and staging.salvage()  # the next build starts from it
            except OSError:
                kept = False
            if not kept:
                with contextlib.suppress(OSError):
                    remove_tree(real.parent / f".{real.name}.staging-{os.getpid()}")
            if isinstance(e, OSError):
                raise OutputError(f"{os_error_message(e)} (the previous output is untouched)") from None
            raise
