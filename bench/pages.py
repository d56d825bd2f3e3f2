"""The pages the benchmark measures: one `Page` entry each.

A page is found by URL name. The first name in `url_names` that Django can reverse
is used; when none can, the page is reported as "missing" and the run goes on. So
when a page is added to the project, its entry here needs at most one line changed:
the URL name (if it is not among the guesses) or the names of its query parameters.

`kwargs` are the URL's keyword arguments. If the URL name reverses without them
(e.g. a dashboard that takes `?year=` instead of `/<year>/`), they are sent as query
parameters instead. `params` are always query parameters.
"""

from collections.abc import Callable
from dataclasses import dataclass

from applications.roles import Role

ADMIN = "admin"  # a superuser: the Django admin is measured as its own user
MEDIAN_100_MS = 100.0


@dataclass(frozen=True)
class Sample:
    """Real rows of the seeded database that the URLs point at."""

    year: int
    year_id: int
    county_id: int
    county_code: str
    application_id: int
    reference_number: str
    search: str


Params = Callable[[Sample], dict]


def _none(sample: Sample) -> dict:
    return {}


@dataclass(frozen=True)
class Page:
    key: str
    title: str
    url_names: tuple[str, ...]
    role: str
    kwargs: Params = _none
    params: Params = _none
    target_ms: float | None = MEDIAN_100_MS
    # The work list entries are compared with this admin entry.
    compare_with: str = ""
    max_repeat: int | None = None
    content_type: str = "text/html"
    # Issue 6: every page of the app runs at most 15 SQL queries.
    max_queries: int | None = 15
    # (factor, ms): the median must stay within factor × raw SQL time + ms.
    sql_budget: tuple[float, float] | None = None


WORK_LIST = (
    "applications:application_list",
    "applications:list",
    "applications:index",
)
DETAIL = ("applications:application_detail", "applications:detail")
ADMIN_CHANGELIST = ("admin:applications_application_changelist",)


def _year_and_county(s: Sample) -> dict:
    return {"budget_year": s.year_id, "county": s.county_id}


def _search(s: Sample) -> dict:
    return {"q": s.search}


def _admin_year_and_county(s: Sample) -> dict:
    return {
        "budget_year__id__exact": s.year_id,
        "applicant_municipality__county__id__exact": s.county_id,
    }


def _year(s: Sample) -> dict:
    return {"year": s.year}


PAGES: list[Page] = [
    Page("worklist", "Work list", WORK_LIST, Role.CASE_OFFICER, compare_with="admin"),
    Page(
        "worklist_filtered",
        "Work list, year and län",
        WORK_LIST,
        Role.CASE_OFFICER,
        params=_year_and_county,
        compare_with="admin_filtered",
    ),
    Page(
        "worklist_search",
        "Work list, searched",
        WORK_LIST,
        Role.CASE_OFFICER,
        params=_search,
        compare_with="admin_search",
    ),
    Page(
        "detail",
        "Application detail",
        DETAIL,
        Role.CASE_OFFICER,
        kwargs=lambda s: {"pk": s.application_id},
    ),
    Page(
        "queue",
        "Decision queue",
        ("applications:decision_queue", "applications:queue"),
        Role.DECISION_MAKER,
    ),
    Page(
        "dashboard",
        "Dashboard",
        ("grants:dashboard", "applications:dashboard", "dashboard"),
        Role.CASE_OFFICER,
        kwargs=_year,
    ),
    Page(
        "report_html",
        "Report HTML",
        ("reports:annual_report", "reports:report", "reports:report_html"),
        Role.CASE_OFFICER,
        kwargs=_year,
        target_ms=1000.0,  # issue 4
        sql_budget=(3.0, 200.0),  # issue 6
    ),
    Page(
        "report_pdf",
        "Report PDF",
        ("reports:annual_report_pdf", "reports:report_pdf"),
        Role.CASE_OFFICER,
        kwargs=_year,
        target_ms=5000.0,
        max_repeat=5,
        content_type="application/pdf",
    ),
    Page(
        "export_csv",
        "CSV export of a year",
        ("applications:application_export", "applications:export"),
        Role.CASE_OFFICER,
        params=lambda s: {"budget_year": s.year_id, "format": "csv"},
        target_ms=None,
        max_repeat=5,
        content_type="text/csv",
        max_queries=None,
    ),
    Page(
        "audit",
        "Audit log",
        ("audit:log", "security:audit_log", "audit"),
        Role.AUDITOR,
        target_ms=None,
    ),
    Page(
        "admin",
        "Admin changelist",
        ADMIN_CHANGELIST,
        ADMIN,
        target_ms=None,
        max_queries=None,
    ),
    Page(
        "admin_filtered",
        "Admin changelist, year and län",
        ADMIN_CHANGELIST,
        ADMIN,
        params=_admin_year_and_county,
        target_ms=None,
        max_queries=None,
    ),
    Page(
        "admin_search",
        "Admin changelist, searched",
        ADMIN_CHANGELIST,
        ADMIN,
        params=_search,
        target_ms=None,
        max_queries=None,
    ),
]


@dataclass(frozen=True)
class LoadScenario:
    """What the load test browses: a list page and the detail pages of its rows.

    The load test uses the first scenario whose list and detail URL names both
    exist, so it runs today against the Django admin and moves to the work list
    by itself once the case-handling pages are merged.
    """

    title: str
    role: str
    list_names: tuple[str, ...]
    detail_names: tuple[str, ...]
    detail_kwarg: str
    model: str  # app_label.Model of the rows whose detail pages are visited
    list_params: tuple[dict, ...] = ({},)


LOAD_SCENARIOS: list[LoadScenario] = [
    LoadScenario(
        "Handläggare: work list and application details",
        Role.CASE_OFFICER,
        WORK_LIST,
        DETAIL,
        "pk",
        "applications.Application",
        ({}, {"page": 2}, {"status": "in_review"}, {"q": "A001"}),
    ),
    LoadScenario(
        "Admin: application changelist and change pages",
        ADMIN,
        ADMIN_CHANGELIST,
        ("admin:applications_application_change",),
        "object_id",
        "applications.Application",
        ({}, {"p": 2}, {"status__exact": "in_review"}, {"q": "A001"}),
    ),
    LoadScenario(
        "Admin: disbursement changelist and change pages",
        ADMIN,
        ("admin:grants_disbursement_changelist",),
        ("admin:grants_disbursement_change",),
        "object_id",
        "grants.Disbursement",
        ({}, {"p": 2}, {"q": "A001"}),
    ),
]
