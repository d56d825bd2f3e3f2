"""Browser tests: pytest-playwright driving Debian's Chromium against Django's
live server. Playwright's own browser download is never used."""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls that
# set up data in these tests are safe there (no concurrent async code).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI installs it: a missing browser is a failure
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "en-GB",
        "accept_downloads": True,
        "viewport": {"width": 1280, "height": 900},
    }


def saved_screenshot(page, name: str) -> None:
    """Save a full-page screenshot when AVHOPP_SCREENSHOTS names a folder."""
    folder = os.environ.get("AVHOPP_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot when AVHOPP_SCREENSHOTS names a folder."""

    def take(name: str) -> None:
        saved_screenshot(page, name)

    return take


def pdf_text(path: str) -> str:
    """The text of a PDF through poppler's pdftotext."""
    import subprocess

    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is needed to read the decision letter"
    return subprocess.run(  # noqa: S603 - fixed tool, our own file
        [tool, "-layout", path, "-"], capture_output=True, check=True, text=True
    ).stdout
