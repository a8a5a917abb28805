"""The HTML report: escaped in every context, self-contained, and showing what the analysis found."""

from __future__ import annotations

import base64
import csv
import hashlib
import re
from html.parser import HTMLParser
from importlib import resources

import pytest

import analyzer
from analyzer.outputs.chart import figure_of, png_bytes
from analyzer.outputs.report import render_report, report_input_of, tweet_url

from .conftest import SAMPLES

HOSTILE_TWEET = (
    "<script>alert('x')</script> Chadli! <img src=x onerror=alert(1)> "
    '— <b>Evil</b> "Name" (@evil) July 2, 2018\n'
)

# Payloads for every place input text reaches the page.
XSS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    '"><script>alert(1)</script>',
    "'><iframe src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "</td></tr></table><script>alert(1)</script>",
    "<style>body{display:none}</style>",
    "&lt;script&gt;already escaped",
    "{{ 7*7 }} {% raw %}",
]
# Tags the report's own templates use; anything else came from input.
OUR_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "h3", "p",
    "details", "summary", "table", "thead", "tbody", "tr", "th", "td", "code", "section", "img",
    "div", "ol", "li", "blockquote", "a", "strong", "label", "input", "span", "script", "footer",
    "br", "small",
}  # fmt: skip
RE_TWEET_LINK = re.compile(r"https://twitter\.com/[A-Za-z0-9_]{1,15}/status/[0-9]+")


def rendered(folder) -> tuple:
    with analyzer.analyze(folder, match="BEL-JPN", authors="all") as result:
        fig = figure_of(result)
        chart = png_bytes(fig)
        fig.clear()
        return result.records, render_report(report_input_of(result, chart))


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "a.txt").write_text(HOSTILE_TWEET, encoding="utf-8")
    return rendered(folder)


@pytest.fixture(scope="module")
def xss_report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("xss")
    # A file name is input too: this one carries markup and a quote.
    export = folder / "<img src=x onerror=alert(2)> 'x\".csv"
    with export.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["id", "created_at", "username", "name", "text"])
        for i, payload in enumerate(XSS):
            tweet_id = str(1013800000000000000 + i)
            writer.writerow(
                [
                    tweet_id,
                    "2018-07-02T19:06:00Z",
                    "fan_" + str(i),
                    payload,
                    f"Chadli! {payload} #x{i}",
                ]
            )
        writer.writerow(
            ["1013800000000000099", "2018-07-02T19:06:00Z", "bad<handle>", "n", "odd handle"]
        )
        writer.writerow(["javascript:alert(1)", "2018-07-02T19:06:00Z", "someone", "n", "odd id"])
    return rendered(folder)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_the_hostile_tweet_is_read(hostile_report) -> None:
    records, _ = hostile_report
    assert records.loc[0, "text"].startswith("<script>alert('x')</script> Chadli!")


def test_script_and_markup_from_input_come_out_escaped(hostile_report) -> None:
    _, html = hostile_report
    assert "<script>alert" not in html and "<img src=x" not in html and "<b>Evil" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_every_payload_is_shown_as_text_in_every_place(xss_report) -> None:
    records, html = xss_report
    assert len(records) == len(XSS) + 2
    for payload in XSS:
        if "<" in payload or '"' in payload:
            assert payload not in html, payload
    assert "&lt;img src=x onerror=alert(2)&gt; &#39;x&#34;.csv" in html  # the file name, escaped
    assert "&amp;lt;script&amp;gt;already escaped" in html  # escaped once more, shown as typed
    assert "{{ 7*7 }} {% raw %}" in html  # input is never a template


def test_only_the_reports_own_tags_and_no_event_handlers(xss_report) -> None:
    _, html = xss_report
    tags = tags_of(html)
    assert {tag for tag, _ in tags} <= OUR_TAGS
    assert [tag for tag, _ in tags].count("script") == 1
    assert not [a for _, attrs in tags for a in attrs if a.startswith("on")]


def test_links_go_only_to_rows_of_the_table_or_to_tweets(xss_report) -> None:
    _, html = xss_report
    hrefs = [attrs["href"] or "" for _, attrs in tags_of(html) if "href" in attrs]
    outside = [h for h in hrefs if not h.startswith("#r-")]
    assert outside and all(RE_TWEET_LINK.fullmatch(h) for h in outside)
    assert "https://twitter.com/fan_0/status/1013800000000000000" in outside
    assert not [h for h in outside if "bad" in h or "javascript" in h]
    sources = [attrs["src"] or "" for _, attrs in tags_of(html) if "src" in attrs]
    assert sources and all(s.startswith("data:image/png;base64,") for s in sources)


@pytest.mark.parametrize(
    ("handle", "tweet_id", "url"),
    [
        (
            "FOXSoccer",
            "1013800000000000000",
            "https://twitter.com/FOXSoccer/status/1013800000000000000",
        ),
        ("bad<handle>", "1", None),
        ("fine", "javascript:alert(1)", None),
        ("a" * 16, "1", None),
        (None, "1", None),
        ("fine", None, None),
    ],
)
def test_tweet_urls_are_built_only_from_valid_handles_and_ids(handle, tweet_id, url) -> None:
    assert tweet_url(handle, tweet_id) == url


def test_the_only_script_is_the_reports_own_and_the_policy_allows_only_it(hostile_report) -> None:
    _, html = hostile_report
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    own = (resources.files("analyzer.outputs") / "templates" / "table.js").read_text(
        encoding="utf-8"
    )
    assert scripts == [own]
    digest = base64.b64encode(hashlib.sha256(own.encode("utf-8")).digest()).decode("ascii")
    assert f"script-src 'sha256-{digest}'" in html
    assert "default-src 'none'" in html


def test_the_sample_report_shows_the_match_moments_and_records(tmp_path) -> None:
    with analyzer.analyze(SAMPLES, match="BEL-JPN", authors="all") as result:
        folder = analyzer.write_outputs(result, tmp_path).folder
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "<h1>Belgium 3-2 Japan</h1>" in html
    assert "21:00 local (UTC+03:00), 18:00 UTC" in html
    assert "52&#39; Inui BEL 0-2 JPN" in html
    assert "Belgium comeback from 2 down to lead" in html
    assert len(re.findall(r'<tr id="r-[0-9a-f]{16}"', html)) == 26
    links = set(re.findall(r'href="#(r-[0-9a-f]{16})"', html))
    assert links and all(f'id="{link}"' in html for link in links)  # every extreme links to its row
    assert "Nishino" in html and "coach" in html
    assert "football lexicon 2.0.0" in html and "timestamps without a zone were read as UTC" in html


def test_the_report_has_team_and_role_tables(tmp_path) -> None:
    with analyzer.analyze(SAMPLES, match="BEL-JPN", authors="all") as result:
        html = render_report(report_input_of(result, b"png"))
    teams = html[html.index('<section id="teams">') :]
    assert '<th class="num">Belgium</th>' in teams and '<th class="num">Japan</th>' in teams
    for role in ("media", "pundit", "fan", "coach", "former player", "player"):
        assert f"<td>{role}</td>" in teams


def test_unread_tweet_signatures_are_said_at_the_top_of_the_report() -> None:
    from dataclasses import replace

    import analyzer
    from analyzer.ingest import FileRead, Problem

    said = "3 of 8 tweet signatures in page.txt could not be read: <b>see</b> lines 4, 9, 12"
    read = FileRead("page.txt", "article", {"tweet": 5}, (Problem(None, said),), 1)
    with analyzer.analyze(SAMPLES, match="BEL-JPN") as result:
        html = render_report(report_input_of(replace(result, read=[read]), b"png"))
    header = html[html.index("<header>") : html.index("<details>")]
    assert "3 of 8 tweet signatures in page.txt could not be read: &lt;b&gt;see&lt;/b&gt;" in header
