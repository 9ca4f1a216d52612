"""The timeline chart's data as a page carries it (app/web/timeline.py `chart_data`), with
its marks read back into one dict each, as static/timeline.js reads them."""

import json
import re


def chart_json(page: str) -> dict:
    found = re.search(r'id="chart-data">(.*?)</script>', page, re.DOTALL)
    assert found is not None, "the page has no chart data"
    data = json.loads(found.group(1))
    data["marks"] = [dict(zip(data["mark_fields"], row, strict=True)) for row in data["marks"]]
    return data
