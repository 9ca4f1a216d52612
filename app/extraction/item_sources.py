"""A list item's source, given in parentheses at its end.

Explainers and fact sheets list each side's terms as bullets and say where each came
from in a closing parenthesis: "- No cap on Ukraine's army (Kyiv's written response,
April 23)." or "(Putin, news conference in Moscow, March 13)". The first part names who
(a person, a government, or a government's document); a date in the parenthesis is when.
"(Same document)" or "(Zelensky, same news conference)" repeat what the item before gave.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.extraction.records import DateMention, Sentence, SpeakerEntry
from app.extraction.speakers import Mention, slugify

_CLOSING_PARENTHESIS = re.compile(r"\(([^()\n]{3,200})\)[.;]?\s*$")
_SAME = re.compile(r"\bsame\b", re.IGNORECASE)
_ITEM_REACH = 2_000  # characters searched for a list item's line ends


@dataclass(frozen=True, slots=True)
class ItemSource:
    speaker: SpeakerEntry
    date: DateMention | None
    start: int  # where the parenthesis opens


def item_source(
    line: str,
    line_start: int,
    mentions: list[Mention],
    dates: list[DateMention],
    nationalities: dict[str, str],
    before: ItemSource | None,
) -> ItemSource | None:
    """The source a list item's closing parenthesis names, if it names one.

    `line` is the item's text from its bullet to its end; mentions and dates are those of
    the item's last sentence, in article offsets."""
    found = _CLOSING_PARENTHESIS.search(line)
    if found is None:
        return None
    start, end = line_start + found.start(1), line_start + found.end(1)
    who_end = start + len(found.group(1).split(",")[0])
    speaker = next(
        (m.speaker for m in mentions if start <= m.start < who_end and m.speaker is not None),
        None,
    )
    if speaker is None:
        speaker = _nationality(found.group(1).split(",")[0], nationalities)
    date = next((d for d in dates if start <= d.start < end and d.value), None)
    if _SAME.search(found.group(1)) and before is not None:
        # "(same document)", "(Zelensky, same news conference)": the occasion before
        speaker = speaker or before.speaker
        date = date or before.date
    if speaker is None:
        return None
    return ItemSource(speaker, date, start - 1)


def item_line(text: str, sentence: Sentence) -> tuple[int, int]:
    """Where the list item holding a sentence begins and ends. A list item is short: the
    search is bounded, so that a huge unbroken paragraph costs no more than a short one."""
    reach = max(0, sentence.start - _ITEM_REACH)
    start = text.rfind("\n", reach, sentence.start) + 1 or reach
    end = text.find("\n", sentence.start, sentence.end + _ITEM_REACH)
    return start, (min(len(text), sentence.end + _ITEM_REACH) if end < 0 else end)


def _nationality(words: str, nationalities: dict[str, str]) -> SpeakerEntry | None:
    """ "Russian memorandum handed over in Istanbul": the government its adjective names."""
    for word in words.split():
        side = nationalities.get(word)
        if side is not None and side != "commentator":
            return SpeakerEntry(slugify(side), side, side, "government")
    return None
