"""Steps the browser tests share: logging in and out, waiting for htmx, and
axe-core on the page."""

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from avhopp.accessibility import FAILING_IMPACTS

PASSWORD = "correct-horse-battery"
REFERENCE = "A077.501/2022"
# A one-page PDF that the upload check parses.
ATTACHMENT = (
    b"%PDF-1.4\n1 0 obj <</Type/Catalog/Pages 2 0 R>> endobj\n"
    b"2 0 obj <</Type/Pages/Kids[3 0 R]/Count 1>> endobj\n"
    b"3 0 obj <</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<<>>>> endobj\n"
    b"trailer <</Root 1 0 R>>\n%%EOF\n"
)
AXE = Axe()


def assert_accessible(page: Page) -> None:
    """No serious or critical axe-core violation on the page as it is now."""
    results = AXE.run(page)
    bad = [
        f"{v['id']} ({v['impact']}): {v['help']} – "
        + "; ".join(node["target"][0] for node in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in FAILING_IMPACTS
    ]
    assert not bad, f"{page.url}:\n" + "\n".join(bad)


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()


def htmx_ready(page: Page) -> None:
    """Wait until htmx has processed the page. The server-rendered list is visible
    before the deferred script has run; a change made before that is a plain
    change of a select that nothing sends (seen on a loaded machine)."""
    page.wait_for_function("document.readyState === 'complete' && !!window.htmx")


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()


def success(page: Page, text: str) -> None:
    expect(page.locator(".message-success")).to_contain_text(text)
