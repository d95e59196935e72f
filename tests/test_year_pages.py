"""A listing that outgrows one page is split into a page per year, and every link follows its entry."""
from __future__ import annotations

from types import SimpleNamespace

from macros.dates import parse_reduced_date
from macros.year_pages import UNDATED, render_year_page_sources, split_by_year, YearPages


def _entry(entry_id: str, date: str | None):
    return SimpleNamespace(id=entry_id, date=parse_reduced_date(date) if date else None)


def test_a_listing_within_the_limit_stays_whole():
    split = split_by_year("timeline", [_entry("a", "2021"), _entry("b", "2023-02")], limit=2)
    assert not split.is_split
    assert split.role_of("a") == "timeline" and split.role_of("b") == "timeline"


def test_a_listing_over_the_limit_gets_a_page_per_year_with_undated_last():
    entries = [_entry("a", "2021"), _entry("b", "2023-02"), _entry("c", "2023-02-14"), _entry("d", None)]
    split = split_by_year("statements", entries, limit=3)
    assert split.years == ("2021", "2023", UNDATED)
    assert split.count_of == {"2021": 1, "2023": 2, UNDATED: 1}
    assert split.role_of("c") == "statements/2023" and split.role_of("d") == "statements/undated"
    pages = render_year_page_sources(YearPages(statements=split))
    assert pages["statements/2023.md"] == "# Statements: 2023\n\n{{ statement_index(year='2023') }}\n"
    assert pages["statements/undated.md"].startswith("# Statements: undated\n")


def test_timeline_year_pages_draw_their_own_chart():
    split = split_by_year("timeline", [_entry("a", "2021"), _entry("b", "2023")], limit=1)
    page = render_year_page_sources(YearPages(timeline=split))["timeline/2021.md"]
    assert page == "# Timeline: 2021\n\n{{ timeline_chart(year='2021') }}\n\n{{ timeline(year='2021') }}\n"
