"""The report in a real browser (headless Chromium): no errors, no network, a working table, a real picture."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageStat

import analyzer

from .conftest import REPO, SAMPLES

BROWSER_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--no-first-run",
    # Without these Chromium phones home at start-up, which would count as network use.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
]


# .ci/run sets this: there a missing browser fails the run instead of skipping the test.
REQUIRE_BROWSER = "ANALYZER_REQUIRE_BROWSER"
NO_BROWSER = "headless Chromium is needed: apt-get install chromium, or set ANALYZER_CHROMIUM"


def chromium_path() -> str:
    path = (
        os.environ.get("ANALYZER_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )
    if not path:
        if os.environ.get(REQUIRE_BROWSER):
            pytest.fail(f"{NO_BROWSER} ({REQUIRE_BROWSER} is set)")
        pytest.skip(NO_BROWSER)
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    with analyzer.analyze(SAMPLES, match="BEL-JPN", authors="all") as result:
        return analyzer.write_outputs(result, out).folder / "report.html"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium_path(), args=BROWSER_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, report):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.messages = []
    page.requests = []
    page.on("console", lambda message: page.messages.append((message.type, message.text)))
    page.on("pageerror", lambda error: page.messages.append(("pageerror", str(error))))
    page.on("request", lambda request: page.requests.append(request.url))
    page.goto(report.as_uri())
    yield page
    page.close()


def test_no_console_errors_and_no_network_requests(page, report) -> None:
    assert [m for m in page.messages if m[0] in ("error", "pageerror", "warning")] == []
    assert [url for url in page.requests if not url.startswith("data:")] == [report.as_uri()]


def test_the_filter_keeps_matching_rows(page) -> None:
    rows = page.locator("#records-table tbody tr")
    assert rows.count() == 26
    page.fill("#records-filter input", "nishino coach")
    visible = [r for r in rows.all() if r.is_visible()]
    assert len(visible) == 2
    assert all("Nishino" in r.inner_text() for r in visible)
    assert page.inner_text("#records-count") == "2 of 26 shown"


def test_sorting_by_score(page) -> None:
    page.click("#records-table thead th:nth-child(6) button")
    scores = page.eval_on_selector_all(
        "#records-table tbody tr td:nth-child(6)",
        "cells => cells.map(c => parseFloat(c.dataset.sort))",
    )
    numbers = [s for s in scores if s == s]
    assert numbers == sorted(numbers)
    page.click("#records-table thead th:nth-child(6) button")
    first = page.eval_on_selector(
        "#records-table tbody tr td:nth-child(6)", "c => parseFloat(c.dataset.sort)"
    )
    assert first == max(numbers)


def test_the_screenshot_is_not_blank(page, tmp_path) -> None:
    shot = tmp_path / "report.png"
    page.screenshot(path=str(shot), full_page=True)
    image = Image.open(shot).convert("L")
    assert image.size[1] > 2000  # the whole page, table included
    assert ImageStat.Stat(image).stddev[0] > 20  # text and a chart, not one flat colour
    chart = page.locator("#chart img")
    assert chart.evaluate("img => img.naturalWidth") > 500


# The README shows this picture of the committed example report.
EXAMPLE = REPO / "reports" / "BEL-JPN"
SCREENSHOT = EXAMPLE / "report-screenshot.png"
SCREENSHOT_SIZE = (1000, 1400)  # CSS pixels: the header, the chart and the moment table


def test_the_readme_screenshot_is_of_the_committed_report(browser) -> None:
    """UPDATE_DOCS=1 retakes it; otherwise it must exist and show the report, not a blank page.

    Not compared byte for byte: fonts and anti-aliasing differ between Chromium builds.
    """
    width, height = SCREENSHOT_SIZE
    if os.environ.get("UPDATE_DOCS") == "1":
        page = browser.new_page(viewport={"width": width, "height": height})
        page.goto((EXAMPLE / "report.html").as_uri())
        page.screenshot(path=str(SCREENSHOT))
        page.close()
    image = Image.open(SCREENSHOT)
    assert image.size == SCREENSHOT_SIZE
    assert ImageStat.Stat(image.convert("L")).stddev[0] > 20


def test_the_records_table_fits_a_1000_pixel_window(browser, report) -> None:
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    page.goto(report.as_uri())
    wrap = page.locator(".table-wrap").first
    widths = wrap.evaluate("w => [w.scrollWidth, w.clientWidth]")
    page.close()
    assert widths[0] <= widths[1], f"the records table needs scrolling: {widths}"


def test_a_real_exports_report_works_in_the_browser_and_leads_with_its_view(
    browser, tmp_path
) -> None:
    import shutil

    from .conftest import DATA

    (tmp_path / "in").mkdir()
    shutil.copy(DATA / "exports" / "kaggle_qat_ecu.csv", tmp_path / "in")
    with analyzer.analyze(tmp_path / "in", match="QAT-ECU") as result:
        report = analyzer.write_outputs(result, tmp_path / "out").folder / "report.html"
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type in ("error", "warning") else None)
    page.goto(report.as_uri())
    lead = page.locator("header p.view").all_inner_texts()
    rows = page.locator("#records-table tbody tr").count()
    widths = page.locator(".table-wrap").first.evaluate("w => [w.scrollWidth, w.clientWidth]")
    page.close()
    assert errors == []
    assert lead[0].startswith(
        "The report speaks for everyone: the input says nothing about its authors"
    )
    assert "The data starts 7 min after kick-off (16:07 UTC)." in lead
    assert rows == 400 - 93  # the later records are in the data files, not the report's table
    assert widths[0] <= widths[1]
