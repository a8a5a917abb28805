"""The HTML report: escaped, self-contained, and showing what the analysis found."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from importlib import resources

import pytest

import analyzer
from analyzer.charts import png_bytes
from analyzer.report import ReportInput, render_report

from .conftest import SAMPLES

HOSTILE_TWEET = (
    "<script>alert('x')</script> Chadli! <img src=x onerror=alert(1)> "
    '— <b>Evil</b> "Name" (@evil) July 2, 2018\n'
)


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "a.txt").write_text(HOSTILE_TWEET, encoding="utf-8")
    with analyzer.analyze(folder, match="BEL-JPN", authors="all") as result:
        fig = result.figure()
        chart = png_bytes(fig)
        fig.clear()
        report = ReportInput(
            result.match, result.read, result.skipped, result.tally, result.lag, chart
        )
        yield result.records, render_report(report)


def test_the_hostile_tweet_is_read(hostile_report) -> None:
    records, _ = hostile_report
    assert records.loc[0, "text"].startswith("<script>alert('x')</script> Chadli!")


def test_script_and_markup_from_input_come_out_escaped(hostile_report) -> None:
    _, html = hostile_report
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Evil" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_the_only_script_is_the_reports_own_and_the_policy_allows_only_it(hostile_report) -> None:
    _, html = hostile_report
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    own = (resources.files("analyzer") / "templates" / "table.js").read_text(encoding="utf-8")
    assert scripts == [own]
    digest = base64.b64encode(hashlib.sha256(own.encode("utf-8")).digest()).decode("ascii")
    assert f"script-src 'sha256-{digest}'" in html
    assert "default-src 'none'" in html


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_the_report_is_self_contained(hostile_report) -> None:
    _, html = hostile_report
    parser = _Tags()
    parser.feed(html)
    assert [t for t, _ in parser.tags if t in ("script", "link", "iframe", "object", "embed")] == [
        "script"
    ]
    sources = [a.get("src") or "" for _, a in parser.tags if "src" in a]
    assert sources and all(s.startswith("data:image/png;base64,") for s in sources)
    assert not [
        a["href"] for _, a in parser.tags if a.get("href") and not a["href"].startswith("#")
    ]


def test_the_sample_report_shows_the_match_moments_and_records(tmp_path) -> None:
    with analyzer.analyze(SAMPLES, match="BEL-JPN", authors="all") as result:
        folder = result.write(tmp_path)
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "<h1>Belgium 3-2 Japan</h1>" in html
    assert "21:00 local (UTC+03:00), 18:00 UTC" in html
    assert "52&#39; Inui BEL 0-2 JPN" in html
    assert "Belgium comeback from 2 down to lead" in html
    assert len(re.findall(r'<tr id="r-[0-9a-f]{16}"', html)) == 26
    # every extreme links to its row in the full table
    links = set(re.findall(r'href="#(r-[0-9a-f]{16})"', html))
    assert links and all(f'id="{link}"' in html for link in links)
    assert "Nishino" in html and "coach" in html
