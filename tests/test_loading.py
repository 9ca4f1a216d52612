"""Reading article files."""

import datetime as dt
from pathlib import Path

import pytest
from factories import PAGE

from app.config import get_settings
from app.loading import (
    LoadError,
    article_meta,
    decode_bytes,
    document_from_bytes,
    load_document,
)

# Own wording, with the characters legacy encodings get wrong: curly quotes and a dash.
WESTERN = "The envoy called the offer “a trap” — Kyiv will not sign, he said.\n"
CYRILLIC = "Посол заявил, что Киев не подпишет такое соглашение.\n"
UKRAINIAN = "Президент України заявив: «Ми не віддамо жодної території» — і це остаточно.\n"


def test_text_files_are_read_as_utf8_without_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffKyiv – “no”".encode())
    document = load_document(path)
    assert (document.text, document.encoding, document.meta) == ("Kyiv – “no”", "utf-8-sig", None)


def test_plain_utf8_says_so(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(WESTERN, encoding="utf-8")
    assert (load_document(path).text, load_document(path).encoding) == (WESTERN, "utf-8")


@pytest.mark.parametrize(
    ("text", "codec", "encoding"),
    [
        (WESTERN, "cp1252", "cp1252"),
        ("Le ministre a déclaré que la trêve était possible.\n", "latin-1", "cp1252"),
        (CYRILLIC, "cp1251", "cp1251"),
        (CYRILLIC, "koi8-r", "koi8-r"),
        ("\ufeff" + WESTERN, "utf-16-le", "utf-16-le"),
        ("\ufeff" + WESTERN, "utf-16-be", "utf-16-be"),
        ("\ufeff" + CYRILLIC, "utf-16-le", "utf-16-le"),
        ("\ufeff" + WESTERN, "utf-32-le", "utf-32-le"),
        (WESTERN, "utf-16-le", "utf-16-le"),  # no byte-order mark: told by its NUL bytes
        (CYRILLIC, "utf-16-le", "utf-16-le"),  # ... which only spaces and stops give here
        (CYRILLIC, "utf-16-be", "utf-16-be"),
        (UKRAINIAN, "utf-16-le", "utf-16-le"),
    ],
)
def test_legacy_and_utf16_files_decode_to_the_right_characters(
    tmp_path: Path, text: str, codec: str, encoding: str
) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(codec))

    document = load_document(path)

    assert document.text == text.removeprefix("\ufeff")
    assert document.encoding == encoding


def test_a_cp1252_file_is_not_read_as_latin1_control_characters() -> None:
    # latin-1 decodes every byte, but turns cp1252's quotes and dashes into C1 controls.
    decoded = decode_bytes("“Yes” – and “no”…".encode("cp1252"))
    assert decoded == ("“Yes” – and “no”…", "cp1252")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            b"Kyiv spoke.\r\rMoscow answered.\rNobody agreed.\r",
            "Kyiv spoke.\n\nMoscow answered.\nNobody agreed.\n",
        ),
        (b"Kyiv spoke.\r\n\r\nMoscow answered.\r\n", "Kyiv spoke.\n\nMoscow answered.\n"),
        (b"Kyiv spoke.\r\n\rMoscow answered.\n", "Kyiv spoke.\n\nMoscow answered.\n"),
    ],
    ids=["cr-only", "crlf", "mixed"],
)
def test_line_ends_become_line_feeds_before_the_text_is_stored(
    tmp_path: Path, raw: bytes, expected: str
) -> None:
    path = tmp_path / "lines.txt"
    path.write_bytes(raw)
    assert load_document(path).text == expected


def test_cr_only_legacy_file_is_decoded_and_split_into_lines(tmp_path: Path) -> None:
    path = tmp_path / "old-mac.txt"
    path.write_bytes(WESTERN.replace("\n", "\r\r").encode("cp1252") + b"Second line.\r")
    assert load_document(path).text == WESTERN + "\nSecond line.\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"  \n\n", "the file is empty"),
        ("bom-only.txt", b"\xff\xfe", "the file is empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00", r"not a text file \(it contains NUL bytes"),
        (
            "stray-nul.txt",  # UTF-8 text read two bytes at a time is no one script
            "Kyiv said no, Київ сказав ні.".encode() + b"\x00",
            r"it contains NUL bytes and is not UTF-16\)",
        ),
        (
            "no-nul.txt",
            b"\x01\x02\x81\x8d\x90\x9d\xfe\x03" * 40,
            "not a text file, or in an encoding not recognised",
        ),
        ("nul-char.txt", "\ufeffa\x00b".encode("utf-16-le"), r"read as utf-16-le, it contains NUL"),
        ("bad-utf8.txt", b"\xef\xbb\xbfKyiv \xe9", r"not valid UTF-8 \(at byte offset 8\)"),
        ("bad-bom.txt", b"\xff\xfeK\x00y", r"UTF-16-LE byte-order mark but is not valid UTF-16-LE"),
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


@pytest.mark.parametrize(
    ("declared", "codec", "added", "encoding"),
    [
        ("windows-1251", "cp1251", "Посол ответил: «не сейчас».", "cp1251"),
        # a page declaring latin-1 is read as windows-1252, as browsers do
        ("iso-8859-1", "cp1252", "L’envoyé a répondu : « pas maintenant ».", "cp1252"),
        (None, "utf-16-le", "Посол ответил: «не сейчас».", "utf-16-le"),
    ],
)
def test_html_in_a_legacy_encoding_or_utf16_is_decoded_before_extraction(
    tmp_path: Path, declared: str | None, codec: str, added: str, encoding: str
) -> None:
    head = f'<head><meta charset="{declared}">' if declared else "<head>"
    page = PAGE.replace("<head>", head).replace("</article>", f"<p>{added}</p></article>")
    path = tmp_path / "page.html"
    path.write_bytes(("" if declared else "\ufeff").encode(codec) + page.encode(codec))

    document = load_document(path)

    assert document.encoding == encoding
    assert "“Russia is for a complete and final end to the conflict,” Putin" in document.text
    assert added in document.text


def test_html_error_names_the_encoding_read(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_bytes("\ufeff<html><body><div></div></body></html>".encode("utf-16-le"))
    with pytest.raises(LoadError, match=r"no article text found in the HTML \(read as utf-16-le\)"):
        load_document(path)


def test_analyst_metadata_wins_over_the_pages_own(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_text(PAGE, encoding="utf-8")
    (tmp_path / "sources.toml").write_text(
        '[files."page.htm"]\npublisher = "Analyst name"\n', encoding="utf-8"
    )

    meta = article_meta(path, load_document(path))

    assert meta is not None
    assert (meta.publisher, meta.title) == ("Analyst name", "Putin says no ceasefire")


def test_markdown_front_matter_gives_title_publisher_author_url_and_date(tmp_path: Path) -> None:
    path = tmp_path / "terms.md"
    path.write_text(
        "---\n"
        'title: "Kremlin sets out terms"\n'
        "sitename: Example Wire\n"
        "author: Jane Reporter\n"
        "url: https://example.org/terms\n"
        "date: 2025-03-14T09:00:00\n"
        "---\n\n"
        "Putin said on Thursday that Russia wants a ceasefire.\n",
        encoding="utf-8",
    )

    meta = load_document(path).meta

    assert meta is not None
    assert (meta.title, meta.publisher, meta.author, meta.url) == (
        "Kremlin sets out terms",
        "Example Wire",
        "Jane Reporter",
        "https://example.org/terms",
    )
    assert (meta.published, meta.published_basis) == (dt.date(2025, 3, 14), "front-matter")


def test_text_without_front_matter_has_no_metadata_of_its_own(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("Headline\n\n---\ntitle: not front matter\n---\n", encoding="utf-8")
    assert load_document(path).meta is None


@pytest.mark.parametrize("date", ["0001-01-01", "9999-12-31", "1899-12-31"])
def test_a_front_matter_date_the_engine_cannot_reckon_from_is_left_out(
    tmp_path: Path, date: str
) -> None:
    path = tmp_path / "old.md"
    path.write_text(f"---\ntitle: Old\ndate: {date}\n---\nPutin spoke.\n", encoding="utf-8")

    meta = load_document(path).meta

    assert meta is not None and (meta.title, meta.published) == ("Old", None)


def test_an_article_over_the_size_setting_is_refused_before_it_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "long.txt"
    path.write_text(WESTERN * 40, encoding="utf-8")  # 2,920 bytes
    assert load_document(path).text == WESTERN * 40  # under the default 5 MB
    monkeypatch.setenv("ARTICLE_MAX_BYTES", "2048")
    get_settings.cache_clear()
    opened: list[Path] = []
    monkeypatch.setattr(Path, "open", lambda self, *args, **kwargs: opened.append(self))
    with pytest.raises(LoadError) as caught:
        load_document(path)
    assert str(caught.value) == (
        f"{path}: too large: 2,920 bytes (2.85 KB); an article may be at most 2,048 bytes "
        "(2 KB, setting ARTICLE_MAX_BYTES)"
    )
    assert opened == []
    with pytest.raises(LoadError, match="too large"):
        document_from_bytes(b"x" * 2049, name="pasted text", html=False)
