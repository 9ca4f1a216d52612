"""The codebook: every condition, stance, kind, date basis, precision, review status and
reason for doubt in an analyst's words, with the cue phrases the engine looks for. Read
from the data files the engine itself uses (taxonomy.toml, codebook.toml), so an analyst
who extends the taxonomy sees it here, and re-extraction applies it."""

from dataclasses import dataclass
from functools import cache

from app.extraction.doubts import DOUBTS
from app.extraction.lexicon import load_data


@dataclass(frozen=True, slots=True)
class ConditionEntry:
    id: str
    label: str
    description: str
    default_stance: str  # when no word of stance governs the cue
    cues: tuple[str, ...]  # phrases naming the condition
    inverse_cues: tuple[str, ...]  # phrases naming its opposite ("NATO membership")
    weak_cues: tuple[str, ...]  # count only in a sentence about ending the war


@dataclass(frozen=True, slots=True)
class Codebook:
    conditions: tuple[ConditionEntry, ...]
    stances: dict[str, str]
    stance_cues: dict[str, tuple[str, ...]]
    kinds: dict[str, str]
    date_bases: dict[str, str]
    published_bases: dict[str, str]  # how an article's publication date was found
    date_precisions: dict[str, str]
    statuses: dict[str, str]
    doubts: dict[str, str]


@cache
def load_codebook() -> Codebook:
    """The codebook, read once per process."""
    taxonomy = load_data("taxonomy.toml")
    words = load_data("codebook.toml")
    conditions = tuple(
        ConditionEntry(
            id=entry["id"],
            label=entry["label"],
            description=entry.get("description", ""),
            default_stance=entry["default_stance"],
            cues=tuple(entry["cues"]),
            inverse_cues=tuple(entry.get("inverse_cues", ())),
            weak_cues=tuple(entry.get("weak_cues", ())),
        )
        for entry in taxonomy["condition"]
    )
    return Codebook(
        conditions=conditions,
        stances=dict(words["stance"]),
        stance_cues={k: tuple(v) for k, v in taxonomy["stance"].items() if k in words["stance"]},
        kinds=dict(words["kind"]),
        date_bases=dict(words["date_basis"]),
        published_bases=dict(words["published_basis"]),
        date_precisions=dict(words["date_precision"]),
        statuses=dict(words["status"]),
        doubts=dict(DOUBTS),
    )


def explain(kind: str, value: str) -> str:
    """One line of the codebook for a chip's tip: kind is "condition", "stance", "kind",
    "date_basis", "published_basis", "date_precision" or "status"."""
    book = load_codebook()
    if kind == "condition":
        entry = next((c for c in book.conditions if c.id == value), None)
        return entry.description if entry else ""
    table = {
        "stance": book.stances,
        "kind": book.kinds,
        "date_basis": book.date_bases,
        "published_basis": book.published_bases,
        "date_precision": book.date_precisions,
        "status": book.statuses,
    }[kind]
    return table.get(value, "")
