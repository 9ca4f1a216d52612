"""Reading the statement filters from query parameters, in two steps.

`FilterQuery` is their shape: enums, lengths, ranges, dates that exist. FastAPI reads
every filtered route's parameters into it (so /openapi.json documents exactly what it
checks, and a malformed value is a 400 before any query runs). `resolve_filters` then
checks the values only the database knows (speakers, sides, article ids) and gives the
`StatementFilters` the queries take. `parse_filters` does both from (name, value) pairs,
for callers outside a request.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

from app.extraction.conditions import condition_labels, region_name
from app.extraction.records import DatePrecision, Kind, Stance
from app.filters import (
    MAX_QUERY_LENGTH,
    MAX_REGION_LENGTH,
    MULTIPLE,
    REVIEWED,
    FilterError,
    StatementFilters,
    Vocabulary,
    parse_date,
)
from app.models import MAX_ID, StatementStatus
from app.search_query import SearchError, parse_search
from app.validation import Digits, plain_message, sentence

# Longest speaker slug or side name taken; the edit forms allow sides of 80 characters.
MAX_NAME_LENGTH = 200
# Most values of one repeatable parameter (more would only make one long SQL IN list).
MAX_VALUES = 50
# No NUL: PostgreSQL refuses it in text, and no name or search contains one.
_PRINTABLE = "^[^\\x00]*$"
_ISO_DATE = "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
# Parameters whose values are stripped of spaces: the others are chosen, not typed.
_TYPED = frozenset({"speaker", "side", "region", "q"})
_TRUE = ("1", "true", "on", "yes")
_FALSE = ("0", "false", "off", "no")

ConditionId = Literal[tuple(condition_labels())]  # type: ignore[valid-type]
StatusChoice = Literal[(REVIEWED, *(s.value for s in StatementStatus))]  # type: ignore[valid-type]


def _without_nul(value: str, info: ValidationInfo) -> str:
    if "\x00" in value:
        raise sentence(f"{info.field_name} contains a NUL character")
    return value


def _text(max_length: int) -> Any:
    """A free-text parameter: at most `max_length` characters, no NUL."""
    return Annotated[
        str,
        Field(max_length=max_length, json_schema_extra={"pattern": _PRINTABLE}),
        AfterValidator(_without_nul),
    ]


def _date(value: object, info: ValidationInfo) -> object:
    """date_from reads YYYY-MM and YYYY as their first day, date_to as their last."""
    if not isinstance(value, str):
        return value
    try:
        return parse_date(value, info.field_name or "date", first=info.field_name != "date_to")
    except FilterError as error:
        raise sentence(str(error)) from None


def _searchable(q: str) -> str:
    try:
        parse_search(q)
    except SearchError as error:
        raise sentence(f"q: {error}") from None
    return q


DateParameter = Annotated[
    dt.date,
    BeforeValidator(_date),
    WithJsonSchema({"type": "string", "pattern": _ISO_DATE, "maxLength": 10}),
]


def _flag(value: object) -> object:
    if not isinstance(value, str):
        return value
    if value in _TRUE or value in _FALSE:
        return value in _TRUE
    raise PydanticCustomError("bool_parsing", "Input should be a valid boolean")


Flag = Annotated[
    bool,
    BeforeValidator(_flag),
    # Empty (a form's unticked box) is no constraint, as for every filter.
    WithJsonSchema({"type": "string", "enum": [*_TRUE, *_FALSE, ""]}),
]


def _or_blank(schema: dict[str, Any]) -> None:
    """The schema also takes "" (each value, for a list): a form's empty field, no
    constraint."""
    blank = {"type": "string", "maxLength": 0, "description": "Empty: no constraint"}
    target = schema["items"] if schema.get("type") == "array" else schema
    choices = target.pop("anyOf", None)
    if choices is None:
        choices = [{k: target.pop(k) for k in list(target) if k not in ("title", "description")}]
    target["anyOf"] = [c for c in choices if c.get("type") != "null"] + [blank]


def _filter(description: str, *, default: Any = None) -> Any:
    """A parameter given once (a second value is a 400)."""
    return Field(default=default, description=description, json_schema_extra=_or_blank)


def _repeatable(description: str) -> Any:
    """A parameter given once per value: `?side=Russia&side=Ukraine` means either."""
    return Field(
        default_factory=list,
        max_length=MAX_VALUES,
        description=description,
        json_schema_extra=_or_blank,
    )


Name = _text(MAX_NAME_LENGTH)


class FilterQuery(BaseModel):
    """The filter parameters, typed. An empty value means no constraint (a form's empty
    field), so blanks are dropped before anything is checked."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    speaker: list[Name] = _repeatable("Speaker slug, e.g. vladimir-putin; unknown is a 400")
    # Sides are data (whatever the speakers were stored with), so not an enum.
    side: list[Name] = _repeatable(
        "Side a speaker is stored with, e.g. Russia, Ukraine or commentator; unknown is a 400"
    )
    condition: list[ConditionId] = _repeatable("Taxonomy condition id, e.g. territory")
    stance: list[Stance] = _repeatable("Stance taken on the condition")
    region: list[_text(MAX_REGION_LENGTH)] = _repeatable(
        "A region named by a territorial condition, any spelling (Donbass finds Donbas)"
    )
    precision: list[DatePrecision] = _repeatable("How precisely the statement is dated")
    kind: Kind | None = _filter("How the statement is reported")
    date_from: DateParameter | None = _filter(
        "First day: YYYY-MM-DD, or YYYY-MM or YYYY from its start"
    )
    date_to: DateParameter | None = _filter("Last day: YYYY-MM-DD, or YYYY-MM or YYYY to its end")
    q: Annotated[_text(MAX_QUERY_LENGTH), AfterValidator(_searchable)] | None = _filter(
        'Full-text search of quotes and evidence: words, "a phrase", OR, -word'
    )
    status: StatusChoice | None = _filter(
        "Review status, or reviewed: verified, edited or added (what editors vouched for)"
    )
    source: Annotated[int, Field(ge=1, le=MAX_ID), Digits] | None = _filter(
        "Article id: the statements it reports; an unknown one is a 400"
    )
    include_commentators: Flag = Field(
        default=False, description="Include commentators (hidden unless asked for)"
    )

    @model_validator(mode="before")
    @classmethod
    def _blank_is_unset(cls, data: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        kept: dict[str, Any] = {}
        for name, value in data.items():
            values = value if isinstance(value, list) else [value]
            if name in _TYPED:
                values = [v.strip() if isinstance(v, str) else v for v in values]
            values = [v for v in values if v != ""]
            if values:
                kept[name] = values if isinstance(value, list) else values[0]
        return kept

    @model_validator(mode="after")
    def _dates_in_order(self) -> "FilterQuery":
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise sentence("date_from is after date_to")
        return self


def one_value_each(params: Iterable[tuple[str, str]]) -> None:
    """FilterError when a parameter that takes one value is given several (FastAPI would
    keep the last one silently): only the filters in MULTIPLE repeat."""
    counts: dict[str, int] = {}
    for name, value in params:
        if name not in MULTIPLE and value.strip():
            counts[name] = counts.get(name, 0) + 1
    for name, count in counts.items():
        if count > 1:
            raise FilterError(f"{name} takes one value, got {count}")


def resolve_filters(query: FilterQuery, vocabulary: Vocabulary) -> StatementFilters:
    """The filters of `query`, checked against what the database knows; FilterError names
    the first value it does not."""
    given = (vocabulary.aliases.get(slug, slug) for slug in query.speaker)
    speakers = tuple(dict.fromkeys(given))
    for slug in speakers:
        if slug not in vocabulary.speakers:
            raise FilterError(
                f"unknown speaker {slug!r}: use a speaker slug such as 'vladimir-putin'"
            )
    sides = tuple(dict.fromkeys(query.side))
    for side in sides:
        if side not in vocabulary.sides:
            raise FilterError(
                f"unknown side {side!r}: one of {', '.join(sorted(vocabulary.sides))}"
            )
    if query.source is not None and query.source not in vocabulary.article_ids:
        raise FilterError(f"unknown source '{query.source}': use an article id")
    return StatementFilters(
        speakers=speakers,
        sides=sides,
        conditions=tuple(dict.fromkeys(query.condition)),
        stances=tuple(dict.fromkeys(s.value for s in query.stance)),
        regions=tuple(dict.fromkeys(region_name(r) for r in query.region)),
        precisions=tuple(dict.fromkeys(p.value for p in query.precision)),
        kind=query.kind.value if query.kind else None,
        date_from=query.date_from,
        date_to=query.date_to,
        q=query.q,
        status=query.status,
        source=query.source,
        include_commentators=query.include_commentators,
        named_commentators=tuple(s for s in speakers if vocabulary.speakers[s] == "commentator"),
    )


def parse_filters(params: Iterable[tuple[str, str]], vocabulary: Vocabulary) -> StatementFilters:
    """Read filters from query parameters; FilterError says what is wrong with them."""
    pairs = list(params)
    one_value_each(pairs)
    values: dict[str, Any] = {}
    for name, value in pairs:
        if not value.strip():
            continue
        if name in MULTIPLE:
            values.setdefault(name, []).append(value)
        else:
            values.setdefault(name, value)
    try:
        query = FilterQuery.model_validate(values)
    except ValidationError as error:
        raise FilterError("; ".join(plain_message(e) for e in error.errors())) from None
    return resolve_filters(query, vocabulary)
