"""The Jinja2 environment shared by all pages (autoescaping on for .html)."""

from jinja2_fragments.fastapi import Jinja2Blocks

from app.config import ROOT

templates = Jinja2Blocks(directory=str(ROOT / "templates"))
