"""Hand-made engine output for tests that must not depend on the real pipeline."""

import datetime as dt
from collections.abc import Iterable

from app.engine import Extractor
from app.extraction.records import (
    ArticleExtraction,
    ConditionTag,
    DateBasis,
    DatePrecision,
    Kind,
    SpeakerEntry,
    Stance,
    Statement,
)

# A news page with navigation and footer around the article, and the usual metadata.
PAGE = """<!doctype html><html><head>
<title>Putin says no ceasefire - Example News</title>
<meta property="og:title" content="Putin says no ceasefire">
<meta property="og:site_name" content="Example News">
<meta name="date" content="2024-07-05">
<link rel="canonical" href="https://example.com/news/putin-ceasefire">
</head><body><nav>Home | World | Sport</nav>
<article><h1>Putin says no ceasefire</h1>
<p>Russian President Vladimir Putin said on Friday that Russia rejects any ceasefire or pause.</p>
<p>“Russia is for a complete and final end to the conflict,” Putin said in Moscow.</p>
<p>Hungarian Prime Minister Viktor Orban said he hoped that talks would begin soon.</p>
</article><footer>Copyright Example News</footer></body></html>"""

PUTIN = SpeakerEntry("vladimir-putin", "Vladimir Putin", "Russia", "person")
LAVROV = SpeakerEntry("sergey-lavrov", "Sergey Lavrov", "Russia", "person")


def statement(
    text: str,
    sentence: str,
    *,
    speaker: SpeakerEntry = PUTIN,
    conditions: Iterable[tuple[str, str] | tuple[str, str, tuple[str, ...]]] = (
        ("ceasefire", "reject"),
    ),
    date: str | None = "2024-07-05",
    precision: str = "day",
    basis: str = "explicit",
    kind: str = "reported",
    quote: str | None = None,
    also: Iterable[str] = (),
) -> Statement:
    """A statement whose evidence is `sentence`, found in `text`; `also` are repeats."""
    start = text.index(sentence)
    also_at = []
    for repeat in also:
        at = text.index(repeat, start + 1)
        also_at.append((at, at + len(repeat)))
    return Statement(
        speaker=speaker,
        conditions=[
            ConditionTag(name, Stance(stance), tuple(regions[0]) if regions else ())
            for name, stance, *regions in conditions
        ],
        kind=Kind(kind),
        evidence=sentence,
        start=start,
        end=start + len(sentence),
        quote=quote,
        date=date,
        date_precision=DatePrecision(precision),
        date_basis=DateBasis(basis),
        date_evidence="on July 5" if date else None,
        also_at=also_at,
    )


def extraction(
    statements: list[Statement],
    *,
    title: str | None = "Engine title",
    published: dt.date | None = dt.date(2024, 7, 5),
    basis: str = "dateline",
) -> ArticleExtraction:
    """An ArticleExtraction holding `statements`."""
    return ArticleExtraction(
        title=title,
        published=published,
        published_basis=basis if published else "none",
        published_evidence="July 5, 2024" if published else None,
        statements=statements,
    )


class FakeEngine:
    """Returns a prepared extraction per text and records how it was called."""

    def __init__(self, results: dict[str, ArticleExtraction] | None = None) -> None:
        self.results = results or {}
        self.calls: list[tuple[str, dt.date | None, str | None]] = []

    def __call__(
        self, text: str, *, published: dt.date | None = None, title: str | None = None
    ) -> ArticleExtraction:
        self.calls.append((text, published, title))
        if text in self.results:
            return self.results[text]
        return extraction([], published=published)


def failing_engine(message: str = "engine exploded") -> Extractor:
    """An extractor that always raises."""

    def run(
        text: str, *, published: dt.date | None = None, title: str | None = None
    ) -> ArticleExtraction:
        raise RuntimeError(message)

    return run


# Markup that must stay inert wherever user or article text is shown.
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE_SPEAKER = SpeakerEntry("hostile-speaker", f"Ivan {SCRIPT} Petrov{IMG}", "Russia", "person")


def ingest_hostile_article(session) -> None:
    """An article with script and HTML payloads in its title, publisher, URL, quote,
    evidence, regions and speaker name, stored through the normal ingest path."""
    from app import crud
    from app.sources_meta import ArticleMeta

    sentence = f"Petrov said {SCRIPT} Russia demands all of Donetsk {IMG} now."
    text = f'Headline {IMG}\n\n{sentence}\n\n=HYPERLINK("http://x","y") is not a quote.\n'
    engine = FakeEngine(
        {
            text: extraction(
                [
                    statement(
                        text,
                        sentence,
                        speaker=HOSTILE_SPEAKER,
                        conditions=[("territory", "demand", (f"Donetsk{SCRIPT}",))],
                        kind="quote",
                        quote=f"=cmd|' /C calc'!A0 {SCRIPT}{IMG}",
                    )
                ],
                title=f"Title {SCRIPT}{IMG}",
            )
        }
    )
    meta = ArticleMeta(
        title=f"Title {SCRIPT}{IMG}", publisher=f"Pub {IMG}", url="javascript:alert(1)"
    )
    crud.ingest_article(session, text=text, file_name="hostile.txt", meta=meta, extract=engine)
