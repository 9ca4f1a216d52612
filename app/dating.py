"""How a statement's date was obtained, said as one sentence for the statement page.

Plain values in, a string out: nothing here reads the database.
"""

from __future__ import annotations

import datetime as dt
import re

from app.extraction.records import DateBasis


def date_explanation(
    *, date: str | None, basis: str, evidence: str | None, published: dt.date | None
) -> str:
    """How a statement's date was obtained, e.g. "'on Thursday', resolved against
    publication 2025-03-13"."""
    if not date:
        return "no date could be established" + (f" ({evidence})" if evidence else "")
    on = f"publication {published.isoformat()}" if published else "the publication date"
    if basis == DateBasis.EXPLICIT:
        return f"stated in the text: '{evidence}'" if evidence else "stated in the text"
    if basis == DateBasis.RELATIVE:
        return f"'{evidence}', resolved against {on}" if evidence else f"resolved against {on}"
    if basis == DateBasis.PUBLICATION:
        tense = re.fullmatch(r"present tense:\s*(.+)", evidence or "")
        said = f"present tense ({tense[1]})" if tense else (evidence or "present tense")
        return f"{said}: dated by {on}"
    if basis == DateBasis.ANALYST:
        return "set by an analyst" + (f": {evidence}" if evidence else "")
    if basis == DateBasis.INFERRED:
        return f"inferred: {evidence}" if evidence else "inferred"
    return f"{basis}: {evidence}" if evidence else basis
