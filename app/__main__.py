"""Entry point for `python -m app`."""

from app.cli import app

app(prog_name="python -m app")
