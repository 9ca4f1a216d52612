"""The files `ingest` finds in a folder: unreadable entries reported (and the run fails),
symbolic links leading outside the folder left alone unless asked."""

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from factories import FakeEngine
from test_cli import article_folder, runner, table_counts
from test_cli import fake_engine as replaced_engine

from app import cli
from app.article_folders import list_article_files

fake_engine = replaced_engine  # the fixture: every CLI call of the engine answers from it

SECRET = "The machine's own file: it must not end up in the tracker.\n"


def names(paths: list[Path], root: Path) -> list[str]:
    return [p.relative_to(root).as_posix() for p in paths]


def test_supported_files_are_listed_in_name_order_without_hidden_ones(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "c.html", "sources.toml", "notes.pdf", ".hidden/x.txt"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.htm").write_text("x", encoding="utf-8")

    listing = list_article_files(tmp_path)

    assert names(listing.files, tmp_path) == ["a.md", "b.txt", "c.html", "sub/d.htm"]
    assert (listing.unreadable, listing.not_followed) == ([], [])
    assert list_article_files(tmp_path / "b.txt").files == [tmp_path / "b.txt"]


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder beside the ingested one, with a file of its own."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET, encoding="utf-8")
    return folder


def test_links_leading_outside_the_folder_are_not_followed_unless_asked(
    tmp_path: Path, outside: Path
) -> None:
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("a", encoding="utf-8")
    (folder / "leak.txt").symlink_to(outside / "secret.txt")
    (folder / "sub" / "elsewhere").symlink_to(outside, target_is_directory=True)
    (folder / "same.txt").symlink_to(folder / "a.txt")  # inside: read
    (folder / "again").symlink_to(folder / "sub", target_is_directory=True)  # walked once
    (outside / "back").symlink_to(outside, target_is_directory=True)  # a loop, once followed

    kept = list_article_files(folder)
    followed = list_article_files(folder, follow_symlinks=True)

    assert names(kept.files, folder) == ["a.txt", "same.txt"]
    assert [(str(n.path), str(n.target)) for n in kept.not_followed] == [
        (str(folder / "leak.txt"), str(outside / "secret.txt")),
        (str(folder / "sub" / "elsewhere"), str(outside)),
    ]
    assert "--follow-symlinks reads it" in str(kept.not_followed[0])
    assert names(followed.files, folder) == [
        "a.txt",
        "leak.txt",
        "same.txt",
        "sub/elsewhere/secret.txt",
    ]
    assert (followed.unreadable, followed.not_followed) == ([], [])


def test_a_broken_link_and_a_loop_of_links_are_reported(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "deleted.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")

    listing = list_article_files(tmp_path)

    assert [str(u) for u in listing.unreadable] == [
        f"{tmp_path / 'gone.txt'}: a broken symbolic link (to {tmp_path / 'deleted.txt'}, "
        "which does not exist)",
        f"{tmp_path / 'loop.txt'}: cannot read: a loop of symbolic links",
    ]
    assert listing.files == []


@pytest.fixture
def unreadable(monkeypatch: pytest.MonkeyPatch) -> Callable[[Path], None]:
    """Makes a folder unreadable: by its mode when not root, else (root reads anything) by
    making listing it fail as the operating system would."""

    def make(folder: Path) -> None:
        if os.geteuid() != 0:
            folder.chmod(0)  # the test gives it back its mode, so pytest can clean up
            return
        scandir = os.scandir

        def refusing(path: object = ".") -> object:
            if Path(os.fsdecode(path)) == folder:
                raise PermissionError(13, "Permission denied", str(folder))
            return scandir(path)

        monkeypatch.setattr(os, "scandir", refusing)

    return make


def test_an_unreadable_sub_folder_is_named_with_the_reason_and_fails_the_run(
    tmp_path: Path, fake_engine: FakeEngine, unreadable: Callable[[Path], None]
) -> None:
    folder = article_folder(tmp_path, fake_engine, 2)
    locked = folder / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text("never read", encoding="utf-8")
    unreadable(locked)
    try:
        result = runner.invoke(cli.app, ["ingest", str(folder)])
    finally:
        locked.chmod(0o755)

    assert result.exit_code == 1
    assert f"error: {locked}: cannot read this folder: Permission denied" in result.output
    assert result.output.splitlines()[-1] == (
        "articles: 2 new, 0 skipped, 1 failed; statements: 1 new, 1 merged"
    )
    assert table_counts()["Article"] == 2  # the readable files went in all the same


def test_an_unreadable_file_is_named_with_the_reason_and_fails_the_run(
    tmp_path: Path, fake_engine: FakeEngine
) -> None:
    folder = article_folder(tmp_path, fake_engine, 1)
    locked = folder / "locked.txt"
    if os.geteuid() != 0:
        locked.write_text("never read", encoding="utf-8")
        locked.chmod(0)
        args, reason = [], "Permission denied"
    else:
        # Root reads any file; reading the first page of a process's memory fails for
        # anyone (that page is never mapped). Outside the folder, so asked for.
        locked.symlink_to("/proc/self/mem")
        args, reason = ["--follow-symlinks"], "Input/output error"

    result = runner.invoke(cli.app, ["ingest", *args, str(folder)])

    assert result.exit_code == 1
    assert f"error: {locked}: cannot read: {reason}" in result.output
    assert result.output.splitlines()[-1].startswith("articles: 1 new, 0 skipped, 1 failed")


def test_ingest_skips_and_reports_a_link_leaving_the_folder_unless_asked(
    tmp_path: Path, fake_engine: FakeEngine, outside: Path
) -> None:
    folder = article_folder(tmp_path, fake_engine, 1)
    (folder / "leak.txt").symlink_to(outside / "secret.txt")

    kept = runner.invoke(cli.app, ["ingest", str(folder)])
    with_secret = table_counts()["Article"]
    followed = runner.invoke(cli.app, ["ingest", "--follow-symlinks", str(folder)])

    assert kept.exit_code == 0, kept.output
    assert f"skipped  {folder / 'leak.txt'}: a symbolic link to {outside / 'secret.txt'}" in (
        kept.output
    )
    assert kept.output.splitlines()[-1] == (
        "articles: 1 new, 0 skipped, 1 symbolic links not followed; statements: 1 new, 0 merged"
    )
    assert with_secret == 1
    # Asked to, it reads it (the fake engine finds nothing in it).
    assert followed.exit_code == 0, followed.output
    assert "new      leak.txt" in followed.output
    assert table_counts()["Article"] == 2
