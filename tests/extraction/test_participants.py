"""The participants of a meeting: whom "the two leaders" and "both sides" stand for."""

from datetime import date

from app.extraction.lexicon import tokenize
from app.extraction.parser import parse
from app.extraction.parsing import ParsedSentence
from app.extraction.participants import principal_people, two_participants
from app.extraction.pipeline import extract_article
from app.extraction.speakers import find_mentions

_MEETING = """Scholz and Macron meet in Paris

Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Monday to talk about the war.

The two men talked over the peace formula that President Volodymyr Zelensky put forward last month.

Both leaders agreed that an immediate ceasefire would have to be the first step.
"""


def test_both_leaders_are_the_people_who_met_not_the_last_named() -> None:
    statements = extract_article(_MEETING, published=date(2024, 3, 4)).statements
    agreed = {s.speaker.name for s in statements if s.evidence.startswith("Both leaders")}
    assert agreed == {"Olaf Scholz", "Emmanuel Macron"}


def _principals(sentence: str) -> list[str]:
    tokens = tokenize(sentence)
    mentions = find_mentions(tokens, 0, len(tokens), on=None, introduced={})
    parsed = ParsedSentence.of(parse([sentence])[0], 0)
    return [p.name for p in principal_people(parsed, [m for m in mentions if m.speaker])]


def test_principals_are_who_met_not_who_is_spoken_of() -> None:
    assert _principals("Olaf Scholz held talks with Emmanuel Macron about the plan.") == [
        "Olaf Scholz",
        "Emmanuel Macron",
    ]
    assert _principals("They discussed the plan that Volodymyr Zelensky put forward.") == []


def test_two_participants_falls_back_to_the_people_named() -> None:
    extraction = extract_article(_MEETING, published=date(2024, 3, 4))
    people = [s.speaker for s in extraction.statements]
    assert two_participants([people[0]], people) == tuple(people[-2:])
