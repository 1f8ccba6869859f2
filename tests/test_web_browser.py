"""The whole walk-through in a real browser: Debian's chromium, headless, driven by
Playwright, against the real stack (a private redis-server, a `dumpling worker`, the API
under `dumpling serve` over real HTTP). It fails if the page or the docs ask anything of
another origin: they must work offline.

Playwright's own browser download is not used (nor reachable here): it drives the system
chromium (`apt-get install chromium`; `.ci/run` does). Without it the test fails under CI
(`CI` set) and is skipped elsewhere."""

import os
import re
import shutil
from urllib.parse import urlsplit

import pytest


from .conftest import SEED_HEADLINES
from .processes import running_stack

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
UNDER_CI = os.environ.get("CI", "").lower() not in ("", "0", "false", "no")
FINISH_TIMEOUT_MS = 240_000         # the job, on a busy machine
ACTION_TIMEOUT_MS = 60_000          # one page load or element, on a busy machine
CAPTIONS = ["الدكتور زهير الحارثي أمين عام المركز خلال الحفل (كايسيد)",
            "جانب من حفل تخريج دفعة 2024 من برنامج «الزمالة الدولية» في لشبونة (كايسيد)",
            "الدكتور زهير الحارثي يتوسط خريجي «برنامج الزمالة الدولية» (كايسيد)"]


def missing(what: str) -> None:
    message = f"the browser test needs {what}"
    if UNDER_CI:
        pytest.fail(f"{message}; .ci/run installs it", pytrace=False)
    pytest.skip(message)


@pytest.fixture
def sync_playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright for Python (pip install -e '.[test]')")
    if not os.access(CHROMIUM, os.X_OK):
        missing(f"Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    return sync_playwright


@pytest.fixture
def stack():
    """A private Redis, one worker process and the API under gunicorn on a free port."""
    with running_stack() as url:
        yield url


@pytest.mark.slow
def test_a_person_submits_the_seed_and_reads_it_right_to_left_offline(stack, sync_playwright, seed_bytes,
                                                                       tmp_path):
    from playwright.sync_api import expect

    origin = urlsplit(stack).netloc
    outside, failed = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            context = browser.new_context(locale="en-US", viewport={"width": 1100, "height": 900})
            context.set_default_timeout(ACTION_TIMEOUT_MS)
            context.set_default_navigation_timeout(ACTION_TIMEOUT_MS)
            context.on("request", lambda r: outside.append(r.url) if not own(r.url, origin) else None)
            context.on("requestfailed", lambda r: failed.append(f"{r.url}: {r.failure}"))
            context.on("response", lambda r: failed.append(f"{r.url}: {r.status}") if r.status >= 400 else None)
            page = context.new_page()

            page.goto(f"{stack}/")
            page.fill("#text", seed_bytes.decode("utf-8"))
            page.click("#submit button[type=submit]")
            page.wait_for_url(re.compile(r"/jobs/[0-9a-f]+$"))
            # the page refreshes itself while the job runs
            expect(page.locator("#status")).to_have_text("succeeded", timeout=FINISH_TIMEOUT_MS)

            headlines = page.locator("h2.headline")
            expect(headlines).to_have_text(SEED_HEADLINES)
            for i in range(2):
                assert headlines.nth(i).evaluate("e => getComputedStyle(e).direction") == "rtl"
            captions = page.locator("article figure figcaption")
            expect(captions).to_have_text(CAPTIONS)
            assert captions.first.evaluate("e => getComputedStyle(e).direction") == "rtl"
            assert page.locator("article .body p").first.evaluate("e => getComputedStyle(e).direction") == "rtl"
            screenshot = tmp_path / "job-page.png"
            page.screenshot(path=screenshot, full_page=True)
            print(f"screenshot of the job page: {screenshot}")
            assert screenshot.stat().st_size > 10_000

            page.click("text=API docs")
            page.wait_for_url(f"{stack}/docs")
            expect(page.locator(".swagger-ui .info .title")).to_contain_text("Dumpling API")
            expect(page.locator(".swagger-ui .opblock-summary-path").first).to_be_visible()
            expect(page.locator(".swagger-ui button.authorize")).to_be_visible()
            page.screenshot(path=tmp_path / "docs.png")
        finally:
            browser.close()
    assert outside == [], f"requests outside the app's origin: {outside}"
    assert failed == [], f"failed requests: {failed}"


def own(url: str, origin: str) -> bool:
    """Whether the browser asked this app (inline data: and blob: URLs ask nobody)."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob") or (parts.scheme in ("http", "https") and parts.netloc == origin)
