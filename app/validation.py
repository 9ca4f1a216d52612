"""Pydantic's validation errors said the way an analyst would, for the web pages, the JSON
API and the filter parser alike: "unknown stance 'maybe': one of ...", "speaker is
empty", "date: 2024-02-30 is not a real date"."""

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

# An error whose message is already a whole sentence naming its field (see `sentence`).
SENTENCE = "sentence"
_WHERE_NOT_NAMED = ("query", "path", "body")

# Pydantic's wording for the errors people meet. The value given is quoted back (with
# !r, so a control character shows as an escape, not as itself) and cut short.
_PLAIN = {
    "too_short": "{field} is empty",
    "string_too_short": "{field} is empty",
    "missing": "{field} is missing",
    "json_invalid": "the body is not valid JSON",
    "enum": "unknown {field} {given}: one of {expected}",
    "literal_error": "unknown {field} {given}: one of {expected}",
    "extra_forbidden": "{field} is not a field of this form",
    "int_parsing": "{field} must be a whole number, got {given}",
    "int_from_float": "{field} must be a whole number, got {given}",
    "bool_parsing": "{field} must be 1 or 0 (true or false), got {given}",
    "string_too_long": "{field} is longer than {max_length} characters",
    "too_long": "{field} is given more than {max_length} times",
    "greater_than_equal": "{field} must be at least {ge}, got {given}",
    "less_than_equal": "{field} must be at most {le}, got {given}",
}
_ABOUT = {"conditions": "give at least one condition"}
_QUOTED_UP_TO = 60


def sentence(message: str) -> PydanticCustomError:
    """A validation error whose message is shown as it is (it names its field itself)."""
    return PydanticCustomError(SENTENCE, "{message}", {"message": message})


def quoted(value: object) -> str:
    """A value given by the user, quoted for a message and cut to a readable length."""
    text = repr(value) if isinstance(value, str) else repr(str(value))
    return text if len(text) <= _QUOTED_UP_TO else text[: _QUOTED_UP_TO - 4] + "...'"


def plain_message(error: Mapping[str, Any]) -> str:
    """One validation error as a sentence: "give at least one condition", "speaker is
    empty", "date: 2024-02-30 is not a real date"."""
    where = [str(p) for p in error.get("loc", ()) if p not in _WHERE_NOT_NAMED]
    # A list item's index (stance.0) says less than the parameter's name.
    named = [p for p in where if not p.isdigit()]
    field = named[-1] if named else "the value"
    kind = str(error.get("type", ""))
    if kind == SENTENCE:
        return str(error.get("msg", "invalid value"))
    if kind == "too_short" and field in _ABOUT:
        return _ABOUT[field]
    if kind in _PLAIN:
        context = {"expected": "", "max_length": "", "ge": "", "le": ""}
        context.update(error.get("ctx") or {})
        given = quoted(error.get("input", ""))
        return _PLAIN[kind].format(field=field, given=given, **context)
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    return f"{'.'.join(where)}: {message}" if where else message


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _day_as_text(value: object) -> object:
    # Pydantic would read 0 (or "0") as a Unix timestamp: 1970-01-01.
    if isinstance(value, str) and not _DAY.fullmatch(value.strip()):
        raise ValueError(f"give the date as YYYY-MM-DD, not {quoted(value)}")
    if not isinstance(value, str | dt.date):
        raise ValueError("give the date as YYYY-MM-DD text")
    return value


# A day given as YYYY-MM-DD, the only form its schema (format: date) allows.
IsoDate = Annotated[
    dt.date, BeforeValidator(_day_as_text), WithJsonSchema({"type": "string", "format": "date"})
]


_WHOLE = re.compile(r"-?[0-9]+")


def _digits(value: object) -> object:
    # Pydantic (like int()) also reads "12.0", "1_000", " 12" and "+12".
    if isinstance(value, str) and not _WHOLE.fullmatch(value):
        raise PydanticCustomError("int_parsing", "Input should be a valid integer")
    return value


# For an integer given as text (a path or query parameter): ASCII digits, nothing else.
Digits = BeforeValidator(_digits)
