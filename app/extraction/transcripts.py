"""Transcripts: a paragraph opening with a speaker label ("PESKOV:", "A:") is that speaker's.

The label names the speaker by surname or title, or stands for the person the
introduction is about ("A:" answers for the interviewee); "QUESTION:"/"Q:" paragraphs
are the reporter's.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from functools import cache
from typing import TypeVar

from app.extraction.lexicon import load_data, tokenize
from app.extraction.records import Sentence, SpeakerEntry
from app.extraction.sentences import MAX_SENTENCE_CHARS
from app.extraction.speakers import Mention, load_gazetteer, slugify

# A transcript's speaker label opening a paragraph: "PESKOV:", "Maria Zakharova:", and
# with an office abbreviated by a slash ("HR/VP NAME:").
LABEL = re.compile(r"(?:[A-Z][\w'’./-]*\s){0,2}[A-Z][\w'’./-]*:(?:\s|$)")

# Labels of transcript paragraphs that name no speaker ("QUESTION:", "Q:", "NOTE:").
_NOT_LABELS = frozenset(
    {"QUESTION", "Q", "A", "ANSWER", "NOTE", "EDITOR", "MR", "MRS", "MS", "DR", "UPDATE"}
)

_ANSWER_LABELS = frozenset({"A", "ANSWER"})
_INITIALS = re.compile(r"(?:[A-Z]\.){2}")  # "R.S."
_BYLINE_WORDS = r"(?:by|interview by|interviewed by)"  # what opens a byline: "By Anna Berg"
_BYLINE = re.compile(rf"\s*{_BYLINE_WORDS}\s+$", re.IGNORECASE)
_TITLE_NAME = re.compile(r"[A-Z][a-z'’-]+ [A-Z][a-z'’-]+(?=\s+(?:at|on|in)\b|\s*$)")
_TRANSCRIPT_TITLE = re.compile(
    r"\b(?:briefing|remarks|statement|speech|address|press conference|news conference)"
    r"\s+(?:\w+\s+){0,3}?by\b",
    re.IGNORECASE,
)
_DASHES = "—–"  # the dashes that open the turns of a dialogue
_MIN_TURNS = 4  # dash paragraphs that make a dialogue, not a list
_OPENING_QUOTES = "\"“«„‘'"
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Oo]ur|us|[Mm]y|me)\b")
_TURN_WORDS = 4  # a turn says something; "Interview: Anna Berg" is a byline
_ROLE_REACH = 30  # characters either side of a name where its role is written
_TURN = re.compile(rf"\s*\S+(?:\s+\S+){{{_TURN_WORDS - 1}}}")  # the words a turn says, at least
_NEWLINE = re.compile(r"\n")
_NOT_SPACE = re.compile(r"\S")
# Names a transcript's labels give that are looked up in the whole article, at most: each
# look-up reads all of it, once per name (a transcript has a handful of speakers; a text of
# a hundred thousand "Name:" sentences would otherwise be read a hundred thousand times).
_LOOKUPS = 64

Label = tuple[int, SpeakerEntry]  # (paragraph, speaker) of the paragraph being read
_T = TypeVar("_T")


class LabelNames:
    """What the whole article says of each name a label gives (a reporter's, a person it
    introduces), read once per name and for at most _LOOKUPS names an article."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, str], object] = {}

    def get(self, kind: str, name: str, find: Callable[[], _T]) -> _T | None:
        """`find()` for this kind of look-up and name, made once; None past the budget."""
        key = (kind, name)
        if key not in self._found:
            if len(self._found) >= _LOOKUPS:
                return None
            self._found[key] = find()
        return self._found[key]  # type: ignore[return-value]


def dialogue_answers(text: str, sentences: list[Sentence]) -> frozenset[int]:
    """The paragraphs that answer in an interview written as a dash dialogue ("— How many
    points are left?" / "— Nineteen, and ..."): turns alternate, the question first."""
    turns: list[list[Sentence]] = []
    line_starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
    for sentence in sentences:
        if turns and turns[-1][0].paragraph == sentence.paragraph:
            turns[-1].append(sentence)
            continue
        if sentence.is_bullet and _line_opening(text, line_starts, sentence.start) in _DASHES:
            turns.append([sentence])
        elif turns and not sentence.is_headline:
            break  # the dialogue ends where prose resumes
    asks = any(t[-1].text.rstrip().endswith("?") for t in turns[::2])
    if len(turns) < _MIN_TURNS or not asks:
        return frozenset()
    return frozenset(t[0].paragraph for t in turns[1::2])


def _line_opening(text: str, line_starts: list[int], at: int) -> str:
    """The first character of what stands before offset `at` on its line ("" if nothing):
    found from the line's start, not by copying all a long line holds before `at`."""
    first = _NOT_SPACE.search(text, line_starts[bisect_right(line_starts, at) - 1], at)
    return first.group() if first is not None else ""


def opens_a_turn(text: str, sentence: Sentence) -> bool:
    """Whether the sentence opens a line that is a question or answer after its label
    ("Q: You said ...", "LAVROV: We ..."): not a note to the reader ("Editor's note:"),
    a byline ("Interview: Anna Berg") or a title ("Anna Berg: 'We will not give in'")."""
    if sentence.is_bullet:
        return False  # "- Ukraine: the guarantees must ...": a list item names its party
    # The line as far as a sentence may reach: a label and a turn's first words stand at
    # its start, and reading on to the end of a long line for each sentence would read
    # the line as many times as it has sentences.
    reach = min(len(text), sentence.start + MAX_SENTENCE_CHARS)
    line_end = text.find("\n", sentence.start, reach)
    line_end = reach if line_end < 0 else line_end
    label = LABEL.match(text, sentence.start, line_end)
    if label is None or "note" in label.group().lower():
        return False
    if sentence.is_headline and sentence.end >= _stripped_end(text, sentence.start, line_end):
        return False  # the whole line is a heading
    return _TURN.match(text, label.end(), line_end) is not None


def _stripped_end(text: str, start: int, end: int) -> int:
    """The offset just after the last non-space character of text[start:end]."""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def label_speaker(sentence: Sentence, mentions: list[Mention]) -> SpeakerEntry | None:
    """The person a transcript label opening the sentence names ("Maria Zakharova: ...")."""
    match = LABEL.match(sentence.text)
    if match is None:
        return None
    label_end = sentence.start + match.end()
    named = [m.speaker for m in mentions if m.end <= label_end and m.speaker is not None]
    return next((p for p in named if p.kind == "person"), None)


def transcript_label(
    text: str,
    sentence: Sentence,
    mentions: list[Mention],
    current: Label | None,
    introduced: dict[str, SpeakerEntry],
    named_count: Counter[SpeakerEntry],
    answerer: SpeakerEntry | None = None,
    briefer: SpeakerEntry | None = None,
    runs_on: bool = False,
    names: LabelNames | None = None,
) -> Label | None:
    """The label in force after this sentence: a new one, the paragraph's, or none.
    `answerer` speaks a dialogue's answer paragraph (see dialogue_answers); `briefer` is
    who the transcript's title says is speaking (see transcript_speaker); `runs_on` says
    the sentence may continue a turn begun in an earlier paragraph: it names no speaker of
    its own ("Lavrov said on Monday ...") and follows body text, not a headline
    ("Zelensky: ready to talk" over a live blog's entry). `names` keeps the article's
    look-ups of label names from one sentence to the next."""
    names = names or LabelNames()
    if answerer is not None:
        return sentence.paragraph, answerer
    match = LABEL.match(sentence.text)
    if match is None:
        if current is not None and current[0] == sentence.paragraph:
            return current
        opens_quote = sentence.text.lstrip()[:1] in _OPENING_QUOTES  # a reported quote
        speaking = current[1] if current is not None else briefer
        if speaking is not None and _FIRST_PERSON.search(sentence.text) and not opens_quote:
            # A turn runs on into a paragraph that opens in the speaker's own voice ("As
            # for a ceasefire, I answered frankly."), until the next label; so does the
            # opening statement of a briefing whose title names who gives it.
            return (sentence.paragraph, speaking)
        if runs_on and _speaks_for_a_side(current) and not opens_quote:
            # A turn runs on over the paragraphs after its label until the next label
            # ("BORRELL: Good afternoon. ... / Peace for Ukraine has to be ..."): a
            # sentence that names no speaker of its own is still the labelled speaker's.
            return (sentence.paragraph, current[1])
        return None
    label_end = sentence.start + match.end()
    named = [m.speaker for m in mentions if m.end <= label_end and m.speaker is not None]
    label_word = match.group().rstrip(": \n").upper()
    if not named and label_word in _ANSWER_LABELS and (briefer or named_count):
        # "A:" answers for the person the title names ("Briefing by X"), else for the
        # person the introduction is about: the one named most.
        named = [briefer or named_count.most_common(1)[0][0]]
    if not named and _INITIALS.fullmatch(label_word):
        # "R.S.:" stands for the person of those initials the article names; the
        # interviewer's initials ("By Marta Kowal") are a question.
        speaker = names.get("initials", label_word, lambda: _initials_holder(text, label_word))
        return (sentence.paragraph, speaker) if speaker is not None else None
    if not named:
        surname = match.group().rstrip(": \n").split()[-1]
        if names.get("journalist", surname, lambda: _a_journalist(text, surname)):
            return None  # "HRYN:" is the correspondent reporting what others said
        speaker = introduced.get(surname.lower()) or names.get(
            "introduced", surname, lambda: _named_in_article(text, surname)
        )
        named = [speaker] if speaker is not None else []
        if speaker is not None:
            introduced.setdefault(surname.lower(), speaker)
    return (sentence.paragraph, named[0]) if named else None


def _speaks_for_a_side(label: Label | None) -> bool:
    """Whether a label names an official: a person speaking for a side, not a place
    heading ("Moscow:"), a section ("Key takeaways:") or a commentator."""
    return label is not None and label[1].kind == "person" and label[1].side != "commentator"


def transcript_speaker(title: str | None) -> SpeakerEntry | None:
    """The person a transcript's title says is speaking: "Briefing by Foreign Ministry
    Spokeswoman NAME", "Remarks by NAME at ...". An interview's title is not enough: its
    introduction speaks in the interviewer's voice."""
    match = _TRANSCRIPT_TITLE.search(title or "")
    if match is None:
        return None
    words = title[match.end() :].split(",")[0]
    known = _known_people(words)
    if known:
        return known[0]
    name = _TITLE_NAME.search(words)
    return _person(name.group(), words[: name.start()]) if name is not None else None


def _initials_holder(text: str, initials: str) -> SpeakerEntry | None:
    """The person whose first and last initials these are, as the article names them."""
    letters = [c for c in initials if c.isalpha()]
    if len(letters) != 2:
        return None
    pattern = rf"\b({letters[0]}[a-z'’-]+) ({letters[1]}[a-z'’-]+)\b"
    for match in re.finditer(pattern, text):
        before = _line_before(text, match.start())
        if _BYLINE.match(before):
            return None  # the interviewer, named in the byline
        return _person(match.group(), before)
    return None


def _line_before(text: str, at: int) -> str:
    """What the line holds before offset `at`, where a person's description is written;
    at most a sentence's length of it, as a line may be a whole article."""
    reach = max(0, at - MAX_SENTENCE_CHARS)
    return text[text.rfind("\n", reach, at) + 1 or reach : at]


def _known_people(words: str) -> list[SpeakerEntry]:
    """The people of the gazetteer named in these words."""
    found = [h.payload for h in load_gazetteer().names.scan(tokenize(words))]
    return [entry for entry in found if entry.kind == "person"]


def _person(name: str, description: str) -> SpeakerEntry:
    """The gazetteer's entry for a name, else a person the article introduces, with the
    side its description names ("Foreign Ministry Spokeswoman")."""
    known = _known_people(name)
    if known:
        return known[0]
    side = _side_named_before(description)
    return SpeakerEntry(slugify(name), name, side or "commentator", "person")


def _a_journalist(text: str, surname: str) -> bool:
    """Whether the article introduces the person a label names as one of its reporters
    ("our Moscow correspondent Daniel Roe", "OKSANA HRYN, KYIV CORRESPONDENT:")."""
    if len(surname) < 3 or surname.upper() in _NOT_LABELS:
        return False
    if _in_a_byline(text, surname):
        return True  # "By Anna Berg" over an interview: "BERG:" puts the questions
    roles = _journalist_roles()
    for match in re.finditer(rf"\b{re.escape(surname)}\b", text, re.IGNORECASE):
        # Within reach on the name's own line; its ends are looked for within reach only,
        # as a line may be long.
        start = max(0, match.start() - _ROLE_REACH)
        start = text.rfind("\n", start, match.start()) + 1 or start
        end = min(len(text), match.end() + _ROLE_REACH)
        newline = text.find("\n", match.end(), end)
        if roles.search(text[start : end if newline < 0 else newline]):
            return True
    return False


def _in_a_byline(text: str, surname: str) -> bool:
    """Whether a line of its own credits the article to this person ("By Anna Berg")."""
    # A short line: "By Monday, Berg's team had ..." opens a sentence, not a credit.
    name = re.escape(surname)
    pattern = rf"^[ \t]*{_BYLINE_WORDS}\s[^\n]{{0,40}}\b{name}\b[^\n]{{0,40}}$"
    return re.search(pattern, text, re.IGNORECASE | re.MULTILINE) is not None


@cache
def _journalist_roles() -> re.Pattern[str]:
    words = load_data("attribution.toml")["journalist_roles"]
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b", re.IGNORECASE)


def _named_in_article(text: str, surname: str) -> SpeakerEntry | None:
    """The person a transcript label names by surname ("MR MILLER:"), from the article's
    own introduction of them ("Matthew Miller, Department Spokesperson")."""
    if len(surname) < 3 or surname.upper() in _NOT_LABELS:
        return None
    pattern = re.compile(rf"\b([A-Z][a-z'’.-]+(?: [A-Z][a-z'’.-]+)?) ((?i:{re.escape(surname)}))\b")
    for match in pattern.finditer(text):
        first, last = match.group(1), match.group(2)
        if first[:1].isupper() and last[:1].isupper() and not last.isupper():
            if first.split()[0].upper() in _NOT_LABELS or first.upper() in _NOT_LABELS:
                continue
            description = _line_before(text, match.start())
            country, _, given = first.rpartition(" ")
            if country and _side_named_before(country) is not None:
                # "Foreign Minister of Brazil Mauro Vieira": the country ends the title
                first, description = given, f"{description}{country}"
            return _person(f"{first} {last}", description)
    return None


def _side_named_before(words: str) -> str | None:
    """The government a person's introduction names ("State Department spokesperson"),
    read as the noun phrase it is ("the State Department spokesperson")."""
    tokens = tokenize(f"the {words}")
    found = [
        h.payload.side
        for h in load_gazetteer().names.scan(tokens)
        if h.payload.kind != "person" and h.payload.side != "commentator"
    ]
    return found[-1] if found else None
