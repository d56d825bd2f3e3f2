"""The Översikt of a budget year."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from applications import permissions, selectors
from applications.views.common import permission_required_for
from grants.models import BudgetYear


@login_required
@require_GET
@permission_required_for(permissions.can_view_dashboard)
def dashboard(request):
    requested = request.GET.get("year")
    if requested and requested.isdigit():
        return redirect("applications:dashboard_year", year=int(requested))
    current = selectors.budget_year_current()
    if current is None:
        return render(request, "applications/dashboard_empty.html")
    return redirect("applications:dashboard_year", year=current.year)


@login_required
@require_GET
@permission_required_for(permissions.can_view_dashboard)
def dashboard_year(request, year: int):
    # Every year for the year menu; the shown one from the same read.
    years = list(BudgetYear.objects.all())
    budget_year = next((y for y in years if y.year == year), None)
    if budget_year is None:
        raise Http404
    summary = selectors.budget_year_summary(budget_year=budget_year)
    return render(
        request,
        "applications/dashboard.html",
        {
            "summary": summary,
            "years": [y.year for y in years],
            "show_cases": permissions.can_view_work_list(request.user),
        },
    )
