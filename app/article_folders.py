"""The article files under a folder `ingest` is given, and what it could not or would not
read there: a sub-folder or entry it cannot read is reported with the reason (so the run
fails), and a symbolic link leading outside the folder is not followed unless asked (so a
link cannot make the tracker store and serve a file from elsewhere on the machine)."""

import os
from dataclasses import dataclass, field
from pathlib import Path

from app.loading import SUPPORTED_SUFFIXES


@dataclass(frozen=True, slots=True)
class Unreadable:
    """An entry of the folder that could not be read, and why."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class LinkNotFollowed:
    """A symbolic link leading outside the folder, left alone."""

    path: Path
    target: Path

    def __str__(self) -> str:
        return (
            f"{self.path}: a symbolic link to {self.target}, outside the folder; not read "
            "(--follow-symlinks reads it)"
        )


@dataclass(slots=True)
class FolderListing:
    """The supported files found, in name order, and the entries left out with a reason."""

    files: list[Path] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)
    not_followed: list[LinkNotFollowed] = field(default_factory=list)


def list_article_files(path: Path, *, follow_symlinks: bool = False) -> FolderListing:
    """`path` itself if it is not a folder (reading it says what is wrong with it), else
    the supported files below it; hidden entries (".name") are skipped.

    Symbolic links leading inside the folder are read (a linked folder once, where it
    really is); those leading outside it only with `follow_symlinks`."""
    listing = FolderListing()
    if not path.is_dir():
        listing.files.append(path)
        return listing
    root = path.resolve()
    _walk(path, root, listing, follow_symlinks=follow_symlinks, visited={root})
    listing.files.sort()
    return listing


def _walk(
    folder: Path, root: Path, listing: FolderListing, *, follow_symlinks: bool, visited: set[Path]
) -> None:
    try:
        with os.scandir(folder) as entries:
            found = sorted(entries, key=lambda e: e.name)
    except OSError as exc:
        listing.unreadable.append(Unreadable(folder, f"cannot read this folder: {_why(exc)}"))
        return
    for entry in found:
        if entry.name.startswith("."):
            continue
        entry_path = Path(entry.path)
        try:
            if entry.is_symlink():
                target = entry_path.resolve()
                inside = target.is_relative_to(root)
                if not inside and not follow_symlinks:
                    listing.not_followed.append(LinkNotFollowed(entry_path, target))
                    continue
                if not target.exists():
                    reason = f"a broken symbolic link (to {target}, which does not exist)"
                    listing.unreadable.append(Unreadable(entry_path, reason))
                    continue
                if target.is_dir():
                    # Inside the folder it is walked where it really is; outside, once.
                    if not inside and target not in visited:
                        visited.add(target)
                        _walk(
                            entry_path,
                            root,
                            listing,
                            follow_symlinks=follow_symlinks,
                            visited=visited,
                        )
                    continue
            if entry.is_dir():
                _walk(entry_path, root, listing, follow_symlinks=follow_symlinks, visited=visited)
            elif entry.is_file() and entry_path.suffix.lower() in SUPPORTED_SUFFIXES:
                listing.files.append(entry_path)
        except (OSError, RuntimeError) as exc:  # an entry gone meanwhile, a permission,
            # a loop of links (Python 3.11's resolve() raises RuntimeError for those)
            listing.unreadable.append(Unreadable(entry_path, f"cannot read: {_why(exc)}"))


def _why(exc: OSError | RuntimeError) -> str:
    if isinstance(exc, RuntimeError):
        return "a loop of symbolic links"
    return exc.strerror or type(exc).__name__
