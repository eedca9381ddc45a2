"""A small archive with known history, dated relative to today, for the datasette,
diff and export tests.

The views and saved queries compare with date('now'), so every date here is an offset
from the real today (UTC) instead of a frozen clock that SQLite would not see.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from archive import Archive, Snapshot

SCRIPT = "<script>alert(1)</script>"


@dataclass
class Sample:
    path: Path
    today: date

    def day(self, offset: int) -> str:
        return (self.today + timedelta(days=offset)).isoformat()


def _ago(days: int) -> str:
    return (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="seconds")


def build(path: Path) -> Sample:
    """Postings 1-7, in this order (ids follow first storage):

    1 unicef:1001 open, extended from today+3 to today+10 two days ago (grade, text too)
    2 unhcr:2002  open, first seen yesterday, closes today+5, a <script> in its text
    3 wfp:3003    closed by the site
    4 who:4004    removed from a complete listing today, closing today+20
    5 unicef:1005 open, closes today+40, first seen 12 days ago
    6 wfp:3006    deadline brought forward (today+30 -> today+20) eight days ago
    7 who:4005    open, no closing date, first seen 3 days ago
    """
    today = datetime.now(UTC).date()

    def day(offset: int) -> str:
        return (today + timedelta(days=offset)).isoformat()

    def snap(source: str, key: str, title: str, ago: int, **kw: object) -> Snapshot:
        return Snapshot(
            source=source,
            source_key=key,
            url=f"https://jobs.example.org/{source}/{key}",
            title=title,
            fetched_at=_ago(ago),
            **kw,  # type: ignore[arg-type]
        )

    nutrition_v1 = (
        "# Nutrition Officer\n\n"
        "UNICEF works in the world's toughest places.\n\n"
        "## How to apply\n\n"
        "Apply online with a cover letter. Fluency in English is required.\n"
        "Only internal candidates will be considered.\n"
        + "".join(f"Duty {n}: support the nutrition programme.\n" for n in range(1, 13))
        + "Closing note: we are an equal opportunity employer.\n"
    )
    nutrition_v2 = (
        nutrition_v1.replace(
            "Fluency in English is required.",
            "Fluency in English and French is required; Arabic is an asset.",
        )
        .replace("Only internal candidates will be considered.\n", "")
        .replace("toughest places.", f"toughest places. {SCRIPT}")
    )
    with Archive(path) as archive:
        runs = {s: archive.start_run(s) for s in ("unicef", "unhcr", "wfp", "who")}
        common = {"organization": "UNICEF", "location": "Nairobi", "country": "Kenya"}
        archive.store(
            snap(
                "unicef",
                "1001",
                "Nutrition Officer",
                20,
                grade="P-3",
                closing_date=day(3),
                text=nutrition_v1,
                **common,
            ),  # type: ignore[arg-type]
            runs["unicef"],
        )
        archive.store(
            snap(
                "unhcr",
                "2002",
                "Protection Associate",
                1,
                organization="UNHCR",
                location="Genève",
                country="Switzerland",
                grade="G-6",
                closing_date=day(5),
                text=f"Protect refugees in Geneva.\n{SCRIPT}\n",
            ),
            runs["unhcr"],
        )
        archive.store(
            snap(
                "wfp",
                "3003",
                "Logistics Consultant",
                30,
                organization="WFP",
                location="Rome",
                country="Italy",
                grade="Consultant",
                closing_date=day(-10),
                status="closed",
                text="Move food where it is needed.\n",
            ),
            runs["wfp"],
        )
        archive.store(
            snap(
                "who",
                "4004",
                "Epidemiologist",
                15,
                organization="WHO",
                location="Geneva",
                country="Switzerland",
                grade="P-4",
                closing_date=day(20),
                text="Track outbreaks.\n",
            ),
            runs["who"],
        )
        archive.store(
            snap(
                "unicef",
                "1005",
                "Driver",
                12,
                grade="G-3",
                closing_date=day(40),
                text="Drive safely.\n",
                **common,
            ),  # type: ignore[arg-type]
            runs["unicef"],
        )
        archive.store(
            snap(
                "wfp",
                "3006",
                "Supply Chain Officer",
                25,
                organization="WFP",
                location="Juba",
                country="South Sudan",
                grade="P-2",
                closing_date=day(30),
                text="Plan the supply chain.\n",
            ),
            runs["wfp"],
        )
        archive.store(
            snap(
                "wfp",
                "3006",
                "Supply Chain Officer",
                8,
                organization="WFP",
                location="Juba",
                country="South Sudan",
                grade="P-2",
                closing_date=day(20),
                text="Plan the supply chain.\n",
            ),
            runs["wfp"],
        )
        archive.store(
            snap(
                "who",
                "4005",
                "Health Officer",
                3,
                organization="WHO",
                location="Geneva",
                country="Switzerland",
                grade="P-3",
                text="Promote health.\n",
            ),
            runs["who"],
        )
        archive.store(
            snap(
                "unicef",
                "1001",
                "Nutrition Officer",
                2,
                grade="P-4",
                closing_date=day(10),
                text=nutrition_v2,
                **common,
            ),  # type: ignore[arg-type]
            runs["unicef"],
        )
        # WHO's complete listing no longer shows 4004: it is removed today.
        archive.finish_run(runs["who"], listed_keys=["4005"], listing_complete=True)
    return Sample(path, today)


HOSTILE = "evil:1"
# Each payload would set data-pwned on <body> if the page ran it.
HOSTILE_TITLE = "Officer <img src=x onerror=\"document.body.dataset.pwned='title'\">"
HOSTILE_TEXT = (
    "Intro.\n"
    "<script>document.body.dataset.pwned='text'</script>\n"
    "<img src=x onerror=\"document.body.dataset.pwned='img'\">\n"
)


def add_hostile(path: Path) -> str:
    """Add a posting whose every string tries to inject markup; return its reference."""
    with Archive(path) as archive:
        run = archive.start_run("evil")
        for ago, text, closing in ((5, "Intro.\n", "2031-01-01"), (1, HOSTILE_TEXT, "2031-02-01")):
            archive.store(
                Snapshot(
                    source="evil",
                    source_key="1",
                    url="javascript:document.body.dataset.pwned='url'",
                    title=HOSTILE_TITLE,
                    organization="<b>Bold Org</b>",
                    location="</div><h1>Injected</h1>",
                    closing_date=closing,
                    text=text,
                    fetched_at=_ago(ago),
                ),
                run,
            )
    return HOSTILE
