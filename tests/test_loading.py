"""Reading article files."""

import datetime as dt
from pathlib import Path

import pytest
from factories import PAGE

from app.loading import LoadError, article_files, article_meta, load_document


def test_text_files_are_read_as_utf8_without_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffKyiv – “no”".encode())
    assert load_document(path).text == "Kyiv – “no”"
    assert load_document(path).meta is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("latin.txt", "Kyiv \xe9".encode("latin-1"), r"not valid UTF-8 \(byte 0xe9 at offset 5\)"),
        ("empty.txt", b"  \n\n", "the file is empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "not a text file"),
        ("report.pdf", b"%PDF-1.7", "unsupported file type '.pdf'"),
        ("empty.html", b"", "the file is empty"),
        ("blank.html", b"<html><body><div></div></body></html>", "no article text"),
    ],
)
def test_unreadable_files_fail_with_a_reason(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError, match=message) as caught:
        load_document(path)
    assert str(path) in str(caught.value)


def test_html_is_converted_by_trafilatura_with_its_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")

    document = load_document(path)

    assert document.text.startswith("---\n")  # trafilatura's metadata header is kept
    assert "Russia is for a complete and final end to the conflict" in document.text
    assert "Home | World" not in document.text and "Copyright" not in document.text
    # Each block is its own paragraph, as in plain-text articles.
    assert "Putin says no ceasefire\n\nRussian President" in document.text
    assert document.meta is not None
    assert (document.meta.title, document.meta.url, document.meta.publisher) == (
        "Putin says no ceasefire",
        "https://example.com/news/putin-ceasefire",
        "Example News",
    )
    assert (document.meta.published, document.meta.published_basis) == (
        dt.date(2024, 7, 5),
        "front-matter",
    )


def test_analyst_metadata_wins_over_the_pages_own(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(PAGE, encoding="utf-8")
    (tmp_path / "sources.toml").write_text(
        '[files."page.htm"]\npublisher = "Analyst name"\n', encoding="utf-8"
    )

    meta = article_meta(path, load_document(path))

    assert meta is not None
    assert (meta.publisher, meta.title) == ("Analyst name", "Putin says no ceasefire")


def test_article_files_lists_supported_files_in_name_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "c.html", "sources.toml", "notes.pdf", ".hidden/x.txt"]:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.htm").write_text("x", encoding="utf-8")

    found = [p.relative_to(tmp_path).as_posix() for p in article_files(tmp_path)]

    assert found == ["a.md", "b.txt", "c.html", "sub/d.htm"]
    assert article_files(tmp_path / "b.txt") == [tmp_path / "b.txt"]
