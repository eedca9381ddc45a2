"""Postings with stored raw pages and formatted text, added to tests/datasette_sample.py's
archive for the posting page, raw page and search tests.

Ids follow datasette_sample's: after build() (1-7) and add_hostile() (8) come
9 unhcr:JR3001 (two versions, HTML pages with planted scripts), 10 uncareers:777
(a JSON page) and 11 undp:55 (a PDF).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from archive import Archive, Snapshot

PROTECTION = "unhcr:JR3001"
# Each would set data-pwned on <body> if the raw page ran it.
RAW_SCRIPT = "<script>document.body.dataset.pwned='raw'</script>"
RAW_HTML = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Senior Protection Officer</title>"
    "<style>h1 { color: rgb(0, 90, 160); }</style>"
    "<link rel='stylesheet' href='{tracker}/tracker.css'></head>"
    "<body><h1>Senior Protection Officer</h1><p>Deadline: {deadline}</p>"
    f"{RAW_SCRIPT}"
    "<img src=x onerror=\"document.body.dataset.pwned='img'\">"
    "<img src='{tracker}/pixel.png'>"
    "<form action='{tracker}/steal'><input name=q></form>"
    "</body></html>"
)
PROTECTION_TEXT = """# Senior Protection Officer

UNHCR, the UN Refugee Agency, leads **international action** to protect refugees.

## Duties

- Lead the protection team in Cox's Bazar.
- Advise on *refugee status determination*.
- Report to the [Representative](https://www.unhcr.org/about).

## Hostile bits

A [bad link](javascript:document.body.dataset.pwned='md') and ![a tracker](http://127.0.0.1:9/t.png).
<b>not bold</b> <script>document.body.dataset.pwned='md'</script>
"""
JSON_BODY = b'{"title": "Programme Officer", "note": "<script>alert(1)</script>"}'


def raw_html(deadline: str, tracker: str = "http://127.0.0.1:9") -> bytes:
    """unhcr:JR3001's page as the site sent it."""
    return RAW_HTML.replace("{deadline}", deadline).replace("{tracker}", tracker).encode()


def _ago(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="seconds")


def _day(offset: int) -> str:
    return (datetime.now(UTC).date() + timedelta(days=offset)).isoformat()


def add_pages(path: Path, tracker: str = "http://127.0.0.1:9") -> None:
    """Add the postings of the module docstring to the archive at `path`; the raw pages
    of unhcr:JR3001 load a stylesheet and an image from `tracker` if they load anything."""
    with Archive(path) as archive:
        run = archive.start_run("unhcr")
        for ago, deadline, text in (
            (6, _day(12), PROTECTION_TEXT.replace("Cox's Bazar", "Dhaka")),
            (1, _day(19), PROTECTION_TEXT),
        ):
            archive.store(
                Snapshot(
                    source="unhcr",
                    source_key="JR3001",
                    url="https://unhcr.wd3.myworkdayjobs.com/External/job/Dhaka/JR3001",
                    title="Senior Protection Officer",
                    organization="UNHCR",
                    location="Cox's Bazar",
                    country="Bangladesh",
                    grade="P-4",
                    contract_type="Fixed-term",
                    job_number="JR3001",
                    posted_date=_day(-7),
                    closing_date=deadline,
                    categories=["Protection"],
                    extra={"hardship": "D"},
                    text=text,
                    body=RAW_HTML.replace("{deadline}", deadline)
                    .replace("{tracker}", tracker)
                    .encode(),
                    content_type="text/html; charset=utf-8",
                    encoding="utf-8",
                    http_status=200,
                    fetched_at=_ago(ago),
                ),
                run,
            )
        other = (
            ("uncareers", "777", "Programme Officer", "Support the programme.", JSON_BODY,
             "application/json"),
            ("undp", "55", "Driver", "Drive staff safely. Some child protection training.",
             b"%PDF-1.4 <script>", "application/pdf"),
        )  # fmt: skip
        for source, key, title, text, body, content_type in other:
            archive.store(
                Snapshot(
                    source=source,
                    source_key=key,
                    url=f"https://jobs.example.org/{source}/{key}",
                    title=title,
                    organization="UNDP" if source == "undp" else "UN",
                    text=text,
                    body=body,
                    content_type=content_type,
                    fetched_at=_ago(2),
                ),
                run,
            )
