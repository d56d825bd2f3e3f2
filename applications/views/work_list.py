"""The start page, the work list and its export."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from applications import permissions, selectors
from applications.filters import ApplicationFilter
from applications.resources import ApplicationListResource
from applications.views.common import attachment_response, permission_required_for
from applications.views.pagination import PAGE_SIZE, IdsFirstPaginator

EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
def home(request):
    """The work list for case roles, the dashboard for others."""
    if permissions.can_view_work_list(request.user):
        return redirect("applications:list")
    if permissions.can_view_dashboard(request.user):
        return redirect("applications:dashboard")
    return render(request, "applications/no_access.html")


def _filtered(request) -> ApplicationFilter:
    return ApplicationFilter(
        request.GET or None, queryset=selectors.application_list(user=request.user)
    )


def _status_counts(request, filterset: ApplicationFilter) -> tuple[list[dict], int]:
    """The count per status of the list filtered on everything but the status,
    and the number of rows the list shows: the counts already hold it."""
    counts = selectors.application_status_counts(
        queryset=filterset.queryset_without(
            "status", selectors.application_visible_to(user=request.user)
        )
    )
    status = filterset.form.cleaned_data.get("status") if filterset.is_bound else ""
    total = sum(row["count"] for row in counts if row["status"] == status or not status)
    return counts, total


def _query_without(request, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


@login_required
@require_GET
@permission_required_for(permissions.can_view_work_list)
def application_list(request):
    filterset = _filtered(request)
    counts, total = _status_counts(request, filterset)
    paginator = IdsFirstPaginator(filterset.qs, PAGE_SIZE, count=total)
    page = paginator.get_page(request.GET.get("page"))
    context = {
        "filter": filterset,
        "page": page,
        "counts": counts,
        "query": _query_without(request, "page"),
        "status_query": _query_without(request, "status", "page"),
        "total": page.paginator.count,
    }
    template = "applications/list.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target"):
        template = "applications/partials/list_results.html"
    return render(request, template, context)


@login_required
@require_GET
@permission_required_for(permissions.can_export_work_list)
def application_export(request, fmt: str):
    if fmt not in EXPORT_TYPES:
        raise Http404
    applications = selectors.application_list_export(queryset=_filtered(request).qs)
    dataset = ApplicationListResource().export(applications)
    content = dataset.csv.encode("utf-8-sig") if fmt == "csv" else dataset.xlsx
    stamp = timezone.localdate().isoformat()
    return attachment_response(
        content, filename=f"ansokningar-{stamp}.{fmt}", content_type=EXPORT_TYPES[fmt]
    )
