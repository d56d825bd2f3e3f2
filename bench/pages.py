"""The pages the benchmark measures: one `Page` entry each.

A page is found by URL name (the first name in `url_names` that Django can
reverse); when none can, the page is reported as "missing" and the run goes on.
Each entry names the real URL and the query parameters of the page: the work
list's filters are those of applications/filters.py, the admin's those of its
list_filter. `role` is the role group of the user who requests the page; it must
be one that the page's permission function (applications/, reports/ and
audit/permissions.py) lets in.

`kwargs` are the URL's keyword arguments. If the URL name reverses without them
(e.g. a dashboard that takes `?year=` instead of `/<year>/`), they are sent as query
parameters instead. `params` are always query parameters.
"""

from collections.abc import Callable
from dataclasses import dataclass

from accounts.roles import Role

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


WORK_LIST = ("applications:list",)
DETAIL = ("applications:detail",)
ADMIN_CHANGELIST = ("admin:applications_application_changelist",)


# The work list's filter names are those of applications/filters.py.
def _year_and_county(s: Sample) -> dict:
    return {"budget_year": s.year_id, "county": s.county_id}


def _search(s: Sample) -> dict:
    return {"q": s.search}


# The admin changelist's lookups for the same filters (its list_filter).
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
    # Beyond the three: a sort that is not the default order, and a page
    # far from the first (a deferred join; docs/performance.md).
    Page(
        "worklist_sorted",
        "Work list, by requested amount",
        WORK_LIST,
        Role.CASE_OFFICER,
        params=lambda s: {"sort": "-requested_amount"},
    ),
    Page(
        "worklist_deep",
        "Work list, page 2 000",
        WORK_LIST,
        Role.CASE_OFFICER,
        params=lambda s: {"page": 2000},
    ),
    Page(
        "detail",
        "Application detail",
        DETAIL,
        Role.CASE_OFFICER,
        kwargs=lambda s: {"pk": s.application_id},
        # One more than the other pages: the versions of the föredragning, read
        # when the case has one (four-eyes over every version).
        max_queries=16,
    ),
    # A beslutsfattare sees the prepared applications their Delegation covers.
    Page(
        "queue", "Decision queue", ("applications:decision_queue",), Role.DECISION_MAKER
    ),
    Page(
        "dashboard",
        "Dashboard",
        ("applications:dashboard_year",),
        Role.CASE_OFFICER,
        kwargs=_year,
    ),
    Page(
        "report_html",
        "Report HTML",
        ("reports:detail",),
        Role.CASE_OFFICER,
        kwargs=_year,
        target_ms=1000.0,  # issue 4
        sql_budget=(3.0, 200.0),  # issue 6
    ),
    Page(
        "report_pdf",
        "Report PDF",
        ("reports:pdf",),
        Role.CASE_OFFICER,
        kwargs=_year,
        target_ms=5000.0,
        max_repeat=5,
        content_type="application/pdf",
        max_queries=None,  # the same queries as the report HTML
    ),
    Page(
        "export_csv",
        "CSV export of a year",
        ("applications:export",),
        Role.CASE_OFFICER,
        kwargs=lambda s: {"fmt": "csv"},
        params=lambda s: {"budget_year": s.year_id},
        target_ms=None,
        max_repeat=5,
        content_type="text/csv",
        max_queries=None,
    ),
    Page("audit", "Audit log", ("audit:log",), Role.AUDITOR, target_ms=None),
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
    exist: the handläggare's work list and application details.
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
        (
            {},
            {"page": 2},
            {"status": "in_review"},
            {"kind": "agency"},
            {"q": "A001"},
            {"sort": "-requested_amount"},
        ),
    ),
]
