"""Every page each demo role can reach, in a real browser 320 CSS px wide.

seed_demo builds the demo data; each demo login (and an anonymous visitor)
starts on the start page and follows every same-origin link it finds (GET
only). On every page: no server error, `<html lang="sv">`, no serious or
critical axe-core violation, nothing wider than the 320 px window (a data table
scrolls inside its own `.table-scroll` region, which does not widen the page),
and for the läsare no personnummer-like text.

Then every page and file found by any role is requested as every role (with
the test client, so file downloads too, which the browser does not open), and
the status must be the one tests/applications/test_authorization_matrix.py
expects for that URL name and role.

To keep it within a few minutes, a role visits a case page of one URL name only
for a case of a kind it has not yet seen there, and a case's main page also for
a status it has not yet seen (the links on it differ by status; at most
CASE_CAP); the work list once per status filter, and any other page at most CAP
times. axe-core checks each URL once, for the first role that reaches it.
"""

import re
from collections import defaultdict, deque
from datetime import date, timedelta
from urllib.parse import parse_qs, urldefrag, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page, expect

from applications.identity import individual_identity_set
from applications.models import (
    Application,
    ApplicationKind,
    Document,
    DocumentKind,
    IndividualCase,
)
from avhopp.accessibility import FAILING_IMPACTS, REFLOW_WIDTH_PX
from demo.people import ADMIN_USER, COORDINATOR_REGION, DEMO_USERS
from demo.seed import demo_seed
from reports.models import AnnualReport, ReportVersion
from tests.applications.test_authorization_matrix import MATRIX
from tests.e2e.conftest import saved_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The statement (avhopp/accessibility.py) names the same width and impacts.
WIDTH = REFLOW_WIDTH_PX
CAP = 3
CASE_CAP = 12
# Demo login -> its row in the authorization matrix. The admin is a superuser
# without a role: the matrix's "no_role", except that the admin site lets it in.
ROLES = {
    None: "anonymous",
    "handlaggare": "officer",
    "beslutsfattare": "decider",
    "samordnare": "coordinator",
    "lasare": "reader",
    "granskare": "auditor",
    ADMIN_USER[0]: "no_role",
}
PASSWORDS = {name: password for name, (_, password) in DEMO_USERS.items()}
PASSWORDS[ADMIN_USER[0]] = ADMIN_USER[1]
# Files, not pages: not opened in the browser; their status is checked with
# the test client, as every role.
DOWNLOADS = {
    "applications:export",
    "applications:document_download",
    "applications:decision_letter",
    "applications:completion_letter",
    "audit:export",
    "reports:pdf",
    "reports:export",
    "reports:version_pdf",
}
# Every GET page of the matrix must be reached by a link in some role's crawl,
# but for the two-factor pages, to which no link leads while two-factor login
# is off (as in the tests).
# The page where a user replaces a password someone else set is reached only by
# the login of such a user (tests/accounts/test_passwords.py), never by a link.
NOT_LINKED = {"two_factor_setup", "two_factor_verify", "password_choose"}
PERSONNUMMER = re.compile(r"\b\d{6,8}[-+]?\d{4}\b")
AXE = Axe()

# The document's width and the outermost elements that stick out of the window,
# leaving out what sits inside a region that scrolls on its own.
OVERFLOW_JS = """(width) => {
  const wide = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.right > width + 0.5;
  };
  const found = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.table-scroll') || !wide(el)) continue;
    if (el.parentElement && wide(el.parentElement)) continue;
    const id = el.id ? '#' + el.id : '';
    const cls = el.classList.length ? '.' + [...el.classList].join('.') : '';
    const right = Math.round(el.getBoundingClientRect().right);
    found.push(`${el.tagName.toLowerCase()}${id}${cls} (${right}px)`);
  }
  return {scrollWidth: document.documentElement.scrollWidth, wide: found.slice(0, 5)};
}"""


def url_name(match) -> str:
    """The matrix's name for a resolved path ("admin" for the whole admin site)."""
    if match.namespace.split(":")[0] == "admin":
        return "admin"
    return match.view_name


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORDS[username])
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("button", name="Logga ut")).to_be_visible()


def axe_problems(page: Page) -> list[str]:
    """The serious and critical axe-core violations, with up to three targets."""
    results = AXE.run(page)
    return [
        f"axe {v['id']} ({v['impact']}): "
        + "; ".join(str(node["target"][0]) for node in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in FAILING_IMPACTS
    ]


def page_problems(page: Page, *, reader: bool) -> list[str]:
    """What is wrong with the page now in the browser, but for axe's findings."""
    problems = []
    lang = page.get_attribute("html", "lang")
    if lang != "sv":
        problems.append(f'html lang="{lang}"')
    width = page.evaluate(OVERFLOW_JS, WIDTH)
    if width["scrollWidth"] > WIDTH:
        problems.append(f"{width['scrollWidth']} px wide: {', '.join(width['wide'])}")
    if reader:
        found = PERSONNUMMER.findall(page.inner_text("body"))
        if found:
            problems.append(f"personnummer-like text: {len(found)} hits")
    return problems


class Crawl:
    """One role's breadth-first walk over the links of the site."""

    def __init__(
        self,
        context: BrowserContext,
        base: str,
        username: str | None,
        *,
        cases: dict[int, tuple[str, str]],
        checked: set[str],
    ):
        self.context = context
        self.cases = cases  # pk -> (kind, status)
        self.checked = checked  # URLs axe has checked, for every role
        self.shown: set[tuple[str, str]] = set()
        self.screenshots: set[str] = set()
        self.base = base
        self.username = username
        self.origin = urlsplit(base).netloc
        self.visits: dict = defaultdict(int)
        self.seen: set[str] = set()
        self.found: dict[str, str] = {}  # path -> URL name
        self.problems: list[str] = []

    def run(self, page: Page) -> None:
        queue = deque([f"{self.base}/"])
        self.seen.add(queue[0])
        while queue:
            url = queue.popleft()
            for link in self.visit(page, url):
                if link not in self.seen:
                    self.seen.add(link)
                    queue.append(link)

    def admit(self, url: str) -> str | None:
        """The URL name of a link worth following, counting it as visited."""
        parts = urlsplit(url)
        if parts.netloc != self.origin:
            return None
        try:
            match = resolve(parts.path)
        except Resolver404:
            return None
        name = url_name(match)
        if name in {"logout", "set_language"}:
            return None
        if name == "admin" and parts.path != "/admin/":
            return None
        status = parse_qs(parts.query).get("status", [""])[0]
        if not self.wanted(name, match.kwargs.get("pk"), status):
            return None
        self.found[parts.path + (f"?{parts.query}" if parts.query else "")] = name
        return name

    def wanted(self, name: str, pk: int | None, status: str) -> bool:
        """A case page of a kind not yet seen under this URL name, or a case's
        main page also of a status not yet seen (its links differ by status); the
        work list once per status filter; any other page up to CAP times."""
        if pk is None:
            key = (name, status)
            if self.visits[key] >= CAP:
                return False
            self.visits[key] += 1
            return True
        kind, status = self.cases[pk]
        shown = {(name, kind)}
        if name == "applications:detail":
            shown.add((name, status))
        if shown <= self.shown or self.visits[name] >= CASE_CAP:
            return False
        self.shown |= shown
        self.visits[name] += 1
        return True

    def visit(self, page: Page, url: str) -> list[str]:
        name = self.admit(url)
        if name is None:
            return []
        where = f"{self.username or 'anonymous'} {url.removeprefix(self.base)}"
        if name in DOWNLOADS:  # requested as every role below, status only
            return []
        response = page.goto(url)
        if response is None or response.status >= 500:
            status = response.status if response else "no response"
            self.problems.append(f"{where}: {status}")
            return []
        problems = page_problems(page, reader=self.username == "lasare")
        if url not in self.checked:  # the same URL as another role: same markup
            self.checked.add(url)
            problems += axe_problems(page)
        self.problems += [f"{where}: {problem}" for problem in problems]
        if name not in self.screenshots:  # one of each page, when asked for
            self.screenshots.add(name)
            saved_screenshot(page, f"{self.username or 'anonymous'}-{name}")
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        return [urldefrag(href).url for href in hrefs]


def expected_status(name: str, username: str | None, path: str, outside) -> int:
    """The matrix's status, with the two things its fixed objects do not show:
    a samordnare is refused the cases outside their region, and the admin site
    lets the (staff) admin in."""
    expected = MATRIX[name][2][ROLES[username]]
    if username == ADMIN_USER[0] and name == "admin":
        return 200
    if ROLES[username] == "coordinator" and path in outside and expected == 200:
        return 403
    return expected


def application_pk(path: str) -> int | None:
    try:
        return resolve(urlsplit(path).path).kwargs.get("pk")
    except Resolver404:
        return None


def outside_coordinator_region(paths) -> set[str]:
    """Case pages of applications the demo samordnare may not see: every case
    that is not an individärende of a kommun in their polisregion."""
    pks = {pk for path in paths if (pk := application_pk(path)) is not None}
    inside = set(
        Application.objects.filter(
            pk__in=pks,
            kind=ApplicationKind.INDIVIDUAL,
            applicant_municipality__police_region__name=COORDINATOR_REGION,
        ).values_list("pk", flat=True)
    )
    return {path for path in paths if application_pk(path) in pks - inside}


def personal_number_for(number: int) -> str:
    """A valid personnummer (check digit by the Luhn rule) born in 1980."""
    born = date(1980, 1, 1) + timedelta(days=number)
    digits = f"{born:%y%m%d}{number % 999 + 1:03d}"
    total = sum(
        sum(divmod(int(digit) * (2 - position % 2), 10))
        for position, digit in enumerate(digits)
    )
    return f"{born:%Y%m%d}-{digits[6:]}{-total % 10}"


@pytest.fixture
def demo(settings, tmp_path, reference_data):
    """The demo data, plus what it lacks for some links and data to appear: an
    attached document on every case, the identity of every individärende and a
    sent version of every annual report."""
    settings.MEDIA_ROOT = tmp_path
    demo_seed()
    officer = get_user_model().objects.get(username="handlaggare")
    stored = default_storage.save("documents/ansokan.pdf", ContentFile(b"%PDF-1.4"))
    Document.objects.bulk_create(
        Document(
            application_id=pk,
            kind=DocumentKind.APPLICATION,
            file=stored,
            original_name="ansokan.pdf",
            content_type="application/pdf",
            size=8,
            sha256="0" * 64,
            uploaded_by=officer,
        )
        for pk in Application.objects.values_list("pk", flat=True)
    )
    # Identities with personnummer, which the läsare must never see.
    cases = IndividualCase.objects.select_related("application")
    for number, case in enumerate(cases.order_by("pk")):
        individual_identity_set(
            case=case,
            by=officer,
            full_name=f"Testperson {number}",
            personal_number=personal_number_for(number),
        )
    decider = get_user_model().objects.get(username="beslutsfattare")
    for report in AnnualReport.objects.all():
        ReportVersion.objects.create(
            report=report,
            number=1,
            pdf=b"%PDF-1.4 frozen",
            sha256="0" * 64,
            size=15,
            sent_by=decider,
            sent_at=timezone.now(),
        )
    return {
        pk: (kind, status)
        for pk, kind, status in Application.objects.values_list("pk", "kind", "status")
    }


def test_every_page_of_every_role_at_320_px(browser: Browser, live_server, demo):
    base = live_server.url
    found: dict[str, str] = {}
    checked: set[str] = set()
    problems: list[str] = []
    for username in ROLES:
        context = browser.new_context(
            viewport={"width": WIDTH, "height": 800}, locale="sv-SE"
        )
        page = context.new_page()
        if username:
            log_in(page, base, username)
        crawl = Crawl(context, base, username, cases=demo, checked=checked)
        crawl.run(page)
        context.close()
        found.update(crawl.found)
        problems += crawl.problems

    gets = {name for name, (method, _, _) in MATRIX.items() if method == "get"}
    missing = gets - set(found.values()) - NOT_LINKED
    if missing:
        problems.append(f"no role reached these pages by a link: {sorted(missing)}")

    # Every page found, as every role. The test client follows no redirect.
    outside = outside_coordinator_region(found)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=ROLES)}
    for username in ROLES:
        client = Client()
        if username:
            client.force_login(users[username])
        for path, name in sorted(found.items()):
            status = client.get(path).status_code
            want = expected_status(name, username, path, outside)
            if status != want:
                problems.append(
                    f"{username or 'anonymous'} GET {path}: {status}, "
                    f"the matrix says {want}"
                )
    assert not problems, "\n".join(problems)
