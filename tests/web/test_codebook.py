"""The codebook: every term defined, cues listed, counts shown; chips explain themselves."""

import re

from fastapi.testclient import TestClient
from markupsafe import escape

from app.codebook import load_codebook
from app.extraction.conditions import condition_labels


def test_the_codebook_defines_every_condition_stance_kind_basis_and_status(
    seeded_client: TestClient,
) -> None:
    page = seeded_client.get("/codebook").text
    book = load_codebook()

    for condition_id in condition_labels():
        assert f'id="condition-{condition_id}"' in page
    assert all(c.description for c in book.conditions)
    for section, terms in (
        ("stance", book.stances),
        ("kind", book.kinds),
        ("basis", book.date_bases),
        ("precision", book.date_precisions),
        ("status", book.statuses),
    ):
        for term, text in terms.items():
            assert f'id="{section}-{term}"' in page
            assert str(escape(text.split("(")[0].strip()[:30])) in page
    assert "<code>ceasefire*</code>" in page or "<code>ceasefire</code>" in page
    counted = re.search(
        r'href="/\?condition=ceasefire&amp;include_commentators=1">(\d+) statements', page
    )
    assert counted is not None and int(counted.group(1)) > 0


def test_chips_and_badges_explain_themselves(seeded_client: TestClient) -> None:
    page = seeded_client.get("/?include_commentators=1").text
    assert re.search(r'class="chip stance-\w+" title="[^"]+: [^"]{20,}', page)
    assert 'href="/codebook#kind-' in page
    statement = seeded_client.get("/statements/1").text
    assert 'href="/codebook#status-extracted"' in statement
