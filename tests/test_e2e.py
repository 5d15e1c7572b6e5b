"""End to end in a real browser: `streamlit run app.py`, Playwright and Debian's Chromium.

Uploads sample exports through the real drop zone, visits every page through the sidebar
navigation (one browser session, so the imported data is kept), checks each page rendered
without an exception and with its charts, and saves a full-page screenshot of each under
test-artifacts/ (and a small copy under docs/screenshots/ for the README).

Without /usr/bin/chromium these tests skip, unless REQUIRE_E2E=1 (CI), where they fail.
Everything runs in one test (one server), so the tests never compete for a browser or port.
"""

from __future__ import annotations

import csv
import io
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import openpyxl
import pytest
from conftest import REPO, SAMPLE_DATA

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "test-artifacts"
DOCS_SHOTS = REPO / "docs" / "screenshots"
PAGES = [  # (sidebar link text, page title, expected charts at least, screenshot name)
    ("Overview", "Overview", 2, "overview"),
    ("Volatility", "Volatility", 3, "volatility"),
    ("Fees", "Fees", 2, "fees"),
    ("Hourly rates", "Hourly rates", 1, "hourly_rates"),
    ("Micro vs freelance", "Micro vs freelance", 2, "micro_vs_freelance"),
    ("Tax reserve", "Tax reserve", 1, "tax_reserve"),
    ("Monthly summary", "Monthly summary", 1, "monthly_summary"),
]

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def _need_browser() -> None:
    if CHROMIUM.exists():
        return
    message = "Debian's chromium is not installed (/usr/bin/chromium); apt-get install chromium"
    if os.environ.get("REQUIRE_E2E") == "1":
        pytest.fail(message + " — REQUIRE_E2E=1 demands the browser tests")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _need_browser()
    port = _free_port()
    env = dict(os.environ, GIGLENS_HOME=str(tmp_path_factory.mktemp("giglens-home")))
    log = (tmp_path_factory.mktemp("streamlit") / "server.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        proc.terminate()
        pytest.fail(f"streamlit did not start; log in {log.name}")
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


def _settle(page) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_timeout(300)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
    page.wait_for_timeout(500)


def _shoot(page, name: str) -> Path:
    """Full-page screenshot. Streamlit scrolls inside its main container, not the document, so
    the viewport is stretched to the content's height first."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate(
        """() => {
            const main = document.querySelector('[data-testid="stMain"]')
                || document.querySelector('section.main');
            const side = document.querySelector('[data-testid="stSidebarContent"]');
            return Math.max(main ? main.scrollHeight : 0, side ? side.scrollHeight : 0,
                            document.body.scrollHeight);
        }"""
    )
    page.set_viewport_size({"width": size["width"], "height": min(max(height, 600), 8000)})
    page.wait_for_timeout(800)  # Plotly re-lays out on resize
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


def _small_copy(source: Path, target: Path, width: int = 1000) -> None:
    """A README-sized copy: scaled to `width` pixels and reduced to a 256-colour palette that
    holds the charts' own colours exactly (an adaptive palette alone merged MTurk's few orange
    pixels into Etsy's vermilion)."""
    from PIL import Image

    from analytics import charts

    fixed = sorted({*charts.PLATFORM_COLORS.values(), *charts.STREAM_COLORS.values()})
    fixed += [charts.SPIKE_COLOR, charts.DIP_COLOR, charts.NORMAL_COLOR, charts.FLOOR_COLOR]
    rgb = [int(c[i : i + 2], 16) for c in fixed for i in (1, 3, 5)]
    with Image.open(source) as image:
        height = round(image.height * width / image.width)
        small = image.convert("RGB").resize((width, height), Image.Resampling.LANCZOS)
        adaptive = small.quantize(colors=256 - len(fixed)).getpalette()[: 3 * (256 - len(fixed))]
        palette = Image.new("P", (1, 1))
        palette.putpalette(adaptive + rgb)
        small.quantize(palette=palette, dither=Image.Dither.NONE).save(target, optimize=True)


def _no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]'
    ).first.inner_text()


def _sample_files() -> list[Path]:
    wanted = [
        "upwork_transactions.csv",
        "paypal_activity.csv",
        "mturk_hits.csv",
        "toggl_time_entries.csv",
    ]
    files = [SAMPLE_DATA / name for name in wanted if (SAMPLE_DATA / name).exists()]
    files += sorted(SAMPLE_DATA.glob("etsy_statement_2025_*.csv"))
    assert files, "sample_data/ has no sample exports to upload"
    return files


def test_upload_and_every_page_in_a_real_browser(server, browser):
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(server)
    page.wait_for_selector("text=Drop your exports here", timeout=60_000)
    _settle(page)
    _no_exception(page)
    assert page.get_by_text("Fiverr publishes no CSV export").count() == 1
    _shoot(page, "home_empty")

    files = _sample_files()
    page.locator('input[type="file"]').set_input_files([str(f) for f in files])
    page.wait_for_selector("text=Import report", timeout=120_000)
    _settle(page)
    _no_exception(page)
    # one summary line for all files (the table itself is drawn on a canvas)
    assert page.get_by_text(f"{len(files)} file(s) read:").count() == 1
    home = _shoot(page, "home")
    shots = {"home": home}

    for link, title, min_charts, name in PAGES:
        page.locator('[data-testid="stSidebarNav"]').get_by_text(link, exact=True).click()
        page.wait_for_selector(f"h1:has-text('{title}')", timeout=60_000)
        _settle(page)
        _no_exception(page)
        assert page.get_by_text("No data yet").count() == 0, f"{title}: the upload was lost"
        page.wait_for_selector(".js-plotly-plot", timeout=60_000)
        page.wait_for_timeout(700)  # let Plotly finish drawing
        assert page.locator(".js-plotly-plot").count() >= min_charts, title
        shots[name] = _shoot(page, name)

    page.locator('[data-testid="stSidebarNav"]').get_by_text("Tax reserve", exact=True).click()
    _settle(page)
    assert page.get_by_text("Estimate, not tax advice").count() >= 1

    # a table's own toolbar offers no "Download as CSV" (Streamlit's writes "=..." text as a
    # live formula); the page's download buttons are the way out
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Monthly summary", exact=True).click()
    _settle(page)
    page.locator('[data-testid="stDataFrame"]').first.hover()
    page.wait_for_timeout(500)
    toolbar = page.locator('[data-testid="stElementToolbarButton"] button')
    assert toolbar.count() >= 1  # the toolbar is shown (search, fullscreen...)
    assert page.locator('button[aria-label="Download as CSV"]').count() == 0
    assert page.get_by_role("button", name="Monthly summary (CSV)").count() == 1
    # the transactions file holds the uploaded rows (its data is made on the click, outside
    # the page's run: it once came out with the header only)
    with page.expect_download() as download:
        page.get_by_role("button", name="Transactions (CSV)").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].startswith("date,platform,stream,kind,counts_as_income,gross,fee,net")
    platforms = {line.split(",")[1] for line in lines[1:]}
    assert {"upwork", "paypal", "mturk", "etsy"} <= platforms, platforms
    # after removing the MTurk file on Home, the next download no longer holds its rows
    page.locator('[data-testid="stSidebarNav"] a').first.click()  # Home
    page.wait_for_selector("text=Import report", timeout=60_000)
    _settle(page)
    choice = page.locator(".st-key-giglens-remove-choice input")
    choice.click()
    choice.press("ArrowDown")  # opens the list of files
    page.get_by_role("option", name="mturk_hits.csv", exact=False).click()
    _settle(page)
    page.locator('[class*="st-key-giglens-remove-chosen"] button:visible').first.click()
    _settle(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Monthly summary", exact=True).click()
    _settle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Transactions (CSV)").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    platforms = {line.split(",")[1] for line in lines[1:]}
    assert "mturk" not in platforms and {"upwork", "paypal", "etsy"} <= platforms, platforms
    # for a spreadsheet in German: semicolons and decimal commas
    page.get_by_text("Excel in German, French", exact=False).click()
    _settle(page)
    for _attempt in range(3):  # on a busy machine the rerun may start after _settle returned
        with page.expect_download() as download:
            page.get_by_role("button", name="Monthly summary (CSV)").click()
        lines = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
        if lines[0].startswith("month;"):
            break
        _settle(page)
    # the sample PayPal file's conversions: their estimated cost beside the fees
    assert lines[0].startswith("month;currency;gross;refunds;fees;conversion_costs;net;"), lines[0]
    assert any("," in line.split(";")[5] for line in lines[1:]), lines[:3]  # net, e.g. 1234,5
    # the workbook holds the tax page's figures beside the summary and the transactions
    with page.expect_download() as download:
        page.get_by_role("button", name="Excel workbook").click()
    book = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert book.sheetnames[:5] == [
        "Summary",
        "Transactions",
        "Tax estimate",
        "Tax payments",
        "Fees by type",
    ], book.sheetnames
    # named after its tax profile: a US and a UK workbook of the same data do not collide
    assert re.fullmatch(r"giglens_summary_tax-US-20\d\d\.xlsx", download.value.suggested_filename)
    lines_of_tax = [row[1] for row in book["Tax estimate"].iter_rows(values_only=True)]
    assert "Total estimated tax" in lines_of_tax
    # the Summary's month-by-month set-asides and the sheet's one rate are explained
    notes = " ".join(str(c.value) for c in book["Notes"]["B"] if c.value)
    assert "tax_set_aside: each month's payments times the tax rate estimated in that month" in (
        notes
    )
    # and the Tax reserve page's payments: the US quarters, with what is paid and left
    payments = list(book["Tax payments"].iter_rows(values_only=True))
    assert payments[0][:3] == ("due_date", "payment", "amount"), payments[0]
    # a header, four installments and what is left to pay with the return: the year's tax
    assert len(payments) == 6, payments
    assert payments[-1][1] == "Balance due with the return", payments[-1]
    tax_rows = book["Tax estimate"].iter_rows(values_only=True)
    tax_total = next(row[2] for row in tax_rows if row[1] == "Total estimated tax")
    assert round(sum(row[2] for row in payments[1:]), 2) <= tax_total
    # what the Tax reserve page warns of is in the workbook too: the files end before the
    # tax year, and the euros in the tax were converted: of 2025, the 10 Apr payment, the
    # cost of its conversion and the conversion (the 2024 payment's three rows are not 2025's)
    assert "Your files end on 30 Nov 2025: if you earned after that" in notes
    assert "Tax figures in USD: 3 row(s) in EUR converted to USD." in notes
    # the files' rows that are no transaction (the PayPal file's purchases and holds), to
    # reconcile each file's rows; the MTurk file's skipped HITs went with the file
    left_out = list(book["Rows left out"].iter_rows(values_only=True))
    assert left_out[0][:4] == ("file", "what", "row", "reason"), left_out[0]
    assert {r[0] for r in left_out[1:]} == {"paypal_activity.csv"}
    assert len(left_out) == 1 + 4

    if os.environ.get("GIGLENS_UPDATE_SCREENSHOTS") == "1":
        DOCS_SHOTS.mkdir(parents=True, exist_ok=True)
        for name, path in shots.items():
            _small_copy(path, DOCS_SHOTS / f"{name}.png")
    page.close()


def test_empty_pages_in_a_real_browser(server, browser):
    """A fresh session starts with the files kept from an earlier visit (the upload test's);
    after "Clear all imported data", every page shows the friendly pointer to the sample data."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server)
    page.wait_for_selector("text=Drop your exports here", timeout=60_000)
    _settle(page)
    clear = page.get_by_role("button", name="Clear all imported data")
    if clear.count():  # kept from the upload test, when it ran first
        assert page.get_by_text("Import report").count() == 1
        clear.click()  # opens the confirmation
        page.get_by_role("button", name="Yes, clear everything").click()
        page.wait_for_selector("text=Nothing imported yet", timeout=60_000)
    for link, title, _charts, _name in PAGES:
        page.locator('[data-testid="stSidebarNav"]').get_by_text(link, exact=True).click()
        page.wait_for_selector(f"h1:has-text('{title}')", timeout=60_000)
        _settle(page)
        _no_exception(page)
        # on a busy machine the page's body can come a moment after its title
        page.wait_for_selector("text=No data yet", timeout=60_000)
        assert page.get_by_text("No data yet").count() == 1, title
    page.close()


def test_dark_theme_is_readable(server, browser):
    """A browser that prefers dark colours gets the dark theme of .streamlit/config.toml, and
    the charts (transparent backgrounds) sit on it."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000}, color_scheme="dark")
    page.goto(server)
    page.wait_for_selector("text=Drop your exports here", timeout=60_000)
    _settle(page)
    page.locator('input[type="file"]').set_input_files([str(f) for f in _sample_files()[:3]])
    page.wait_for_selector("text=Import report", timeout=120_000)
    _settle(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Overview", exact=True).click()
    page.wait_for_selector("h1:has-text('Overview')", timeout=60_000)
    _settle(page)
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    _no_exception(page)
    background = page.evaluate(
        "() => getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor"
    )
    assert background == "rgb(15, 20, 25)", background  # theme.dark backgroundColor #0F1419
    _shoot(page, "overview_dark")
    page.close()


def test_a_weekly_summarys_fee_is_not_known_in_the_transactions_download(server, browser, tmp_path):
    """An Upwork Weekly Summary alone (its amounts are before Upwork's fee): the transactions
    download's fee_note says its 0.00 fee is not known."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server)
    page.wait_for_selector("text=Drop your exports here", timeout=60_000)
    _settle(page)
    clear = page.get_by_role("button", name="Clear all imported data")
    if clear.count():  # files kept from the other tests
        clear.click()
        page.get_by_role("button", name="Yes, clear everything").click()
        page.wait_for_selector("text=Nothing imported yet", timeout=60_000)
    weekly = tmp_path / "weekly_summary.csv"
    weekly.write_text(
        '"Date","Contract","Hours","Amount","Payment type"\n'
        '"2025-09-16","Logo (123)","1.5","29.50",""\n',
        encoding="utf-8",
    )
    page.locator('input[type="file"]').set_input_files([str(weekly)])
    page.wait_for_selector("text=Import report", timeout=120_000)
    _settle(page)
    page.locator('[data-testid="stSidebarNav"]').get_by_text("Monthly summary", exact=True).click()
    page.wait_for_selector("h1:has-text('Monthly summary')", timeout=60_000)
    _settle(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Transactions (CSV)").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text("utf-8-sig"))))
    [income] = [r for r in rows if r["counts_as_income"] == "yes"]
    assert income["gross"] == "29.50" and income["fee_note"].startswith("fee not in this export")
    page.close()
