"""When two extracted statements are the same utterance (pure functions, no database)."""

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from app.extraction.records import DatePrecision

PRECISION_RANK = {
    DatePrecision.UNKNOWN.value: 0,
    DatePrecision.YEAR.value: 1,
    DatePrecision.MONTH.value: 2,
    DatePrecision.DAY.value: 3,
}
# Shorter quotes are scare-quoted words ("final", "denazification and demilitarization")
# that a speaker repeats for years; matching on them would merge different statements.
MIN_QUOTE_WORDS = 4

_BRACKETED = re.compile(r"\[[^\]]*\]")  # editors' insertions differ between outlets
_NON_WORD = re.compile(r"[^\w\s]+")


def quote_key(quote: str | None) -> str | None:
    """The quote reduced to lower-case words, or None when too short to identify anything."""
    if not quote:
        return None
    text = unicodedata.normalize("NFKC", quote).casefold()
    text = _BRACKETED.sub(" ", text)
    # Apostrophes vanish rather than split words, so "don’t" and "dont" agree.
    text = text.replace("’", "").replace("'", "")
    words = _NON_WORD.sub(" ", text).split()
    return " ".join(words) if len(words) >= MIN_QUOTE_WORDS else None


def quote_hash(quote: str | None) -> str | None:
    """The sha256 hex of the quote's key (stored and indexed, so finding an earlier report
    of the same quote is a lookup), or None when the quote has no key."""
    key = quote_key(quote)
    # A digest, not the key itself: a long quote would outgrow a PostgreSQL btree entry.
    return hashlib.sha256(key.encode("utf-8")).hexdigest() if key is not None else None


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """The parts of a statement that decide whether two reports are one utterance."""

    speaker: str  # speaker slug
    date: str | None
    date_precision: str
    conditions: frozenset[tuple[str, str]]  # (condition, stance) pairs
    quote: str | None  # quote_key of the quote

    @classmethod
    def of(
        cls,
        *,
        speaker: str,
        date: str | None,
        date_precision: str,
        conditions: Iterable[tuple[str, str]],
        quote: str | None,
    ) -> "Fingerprint":
        """Build a fingerprint from a statement's fields."""
        return cls(speaker, date, str(date_precision), frozenset(conditions), quote_key(quote))


def same_statement(a: Fingerprint, b: Fingerprint) -> bool:
    """Same speaker and either the same quote on any date, or the same day and mostly the
    same conditions with the same stances.

    Two outlets rarely report one press conference with the same list of conditions: one
    picks the ceasefire and the final settlement, another adds the truce terms. So half
    of the shorter list agreeing (condition and stance) is enough on one speaker's day.
    """
    if a.speaker != b.speaker:
        return False
    if a.quote is not None and a.quote == b.quote:
        return True
    same_day = (
        a.date is not None
        and a.date == b.date
        and a.date_precision == b.date_precision == DatePrecision.DAY.value
    )
    if not same_day or not a.conditions or not b.conditions:
        return False
    shared = len(a.conditions & b.conditions)
    return shared >= 1 and shared * 2 >= min(len(a.conditions), len(b.conditions))


def more_precise(candidate: str, than: str) -> bool:
    """Whether date precision `candidate` is finer than `than`."""
    return PRECISION_RANK.get(str(candidate), 0) > PRECISION_RANK.get(str(than), 0)
