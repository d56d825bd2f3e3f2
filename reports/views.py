"""Staff pages of the annual redovisning. Every view checks a reports permission."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from applications.views.common import attachment_response
from grants.models import BudgetYear
from reports import selectors
from reports.context import InvalidYearRange, annual_report_context, trend_start
from reports.exports import TABLES, figures_databook, figures_dataset
from reports.forms import FreezeForm, NarrativeForm
from reports.models import ReportVersion, Section
from reports.permissions import (
    can_edit_narratives,
    can_freeze_report,
    can_view_reports,
)
from reports.rendering import WEB_LAYOUT, report_pdf_render
from reports.services import narratives_save, report_version_freeze

PDF = "application/pdf"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def requires(permission):
    """Login required, then the permission function must say yes (else 403)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not permission(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def from_year_param(request, year: int) -> int | None:
    """The ?from= year of the trend, validated (404 for nonsense)."""
    raw = request.GET.get("from", "").strip()
    if not raw:
        return None
    try:
        return trend_start(year=year, from_year=int(raw))
    except (ValueError, InvalidYearRange) as exc:
        raise Http404(str(exc)) from exc


def report_context_or_404(request, year: int, **kwargs) -> dict:
    try:
        return annual_report_context(
            year=year, from_year=from_year_param(request, year), **kwargs
        )
    except BudgetYear.DoesNotExist as exc:
        raise Http404(
            _("No appropriation is registered for %(year)s.") % {"year": year}
        ) from exc


@require_GET
@requires(can_view_reports)
def report_index(request):
    sent = selectors.versions_sent_count()
    years = [
        {**y, "versions": sent.get(y["year"], 0)} for y in selectors.report_years()
    ]
    return render(request, "reports/index.html", {"years": years})


@require_GET
@requires(can_view_reports)
def report_detail(request, year: int):
    context = report_context_or_404(request, year)
    context["layout"] = WEB_LAYOUT
    context["from_year_param"] = request.GET.get("from", "")
    return render(request, "reports/annual_report.html", context)


@require_GET
@requires(can_view_reports)
def report_pdf(request, year: int):
    context = report_context_or_404(request, year)
    pdf = report_pdf_render(context=context)
    return attachment_response(
        pdf, filename=f"redovisning-{year}-utkast.pdf", content_type=PDF
    )


@require_GET
@requires(can_view_reports)
def report_export(request, year: int, fmt: str):
    get_object_or_404(BudgetYear, year=year)
    from_year = from_year_param(request, year)
    if fmt == "xlsx":
        book = figures_databook(year=year, from_year=from_year)
        return attachment_response(
            book.export("xlsx"),
            filename=f"redovisning-{year}-siffror.xlsx",
            content_type=XLSX,
        )
    table = request.GET.get("table", "payments")
    if fmt != "csv" or table not in TABLES:
        raise Http404
    data = figures_dataset(year=year, table=table, from_year=from_year)
    return attachment_response(
        data.export("csv"),
        filename=f"redovisning-{year}-{table}.csv",
        content_type="text/csv; charset=utf-8",
    )


def organisations_of(year: int) -> list[tuple[int, str]]:
    payments = selectors.payments_by_recipient(year=year)
    return [(r.organisation_id, r.name) for r in payments.organisations]


@require_http_methods(["GET", "POST"])
@requires(can_edit_narratives)
def report_narratives(request, year: int):
    get_object_or_404(BudgetYear, year=year)
    organisations = organisations_of(year)
    if request.method == "POST":
        form = NarrativeForm(request.POST, organisations=organisations)
        if form.is_valid():
            try:
                narratives_save(
                    year=year,
                    by=request.user,
                    reference_number=form.cleaned_data["reference_number"],
                    texts=form.texts(),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The texts of the report were saved."))
                return redirect("reports:detail", year=year)
    else:
        report = selectors.annual_report_for(year=year)
        stored = selectors.narratives_for(year=year)
        initial = {"reference_number": report.reference_number if report else ""}
        for (section, org_id), text in stored.items():
            key = (
                f"org_{org_id}"
                if section == Section.ORGANISATION
                else f"text_{section}"
            )
            initial[key] = text
        form = NarrativeForm(initial=initial, organisations=organisations)
    return render(request, "reports/narratives.html", {"year": year, "form": form})


@require_GET
@requires(can_view_reports)
def report_versions(request, year: int):
    get_object_or_404(BudgetYear, year=year)
    versions = list(selectors.report_versions(year=year))
    return render(
        request,
        "reports/versions.html",
        {
            "year": year,
            "versions": versions,
            "latest": versions[0] if versions else None,
            "form": FreezeForm() if can_freeze_report(request.user) else None,
        },
    )


@require_POST
@requires(can_freeze_report)
def report_freeze(request, year: int):
    get_object_or_404(BudgetYear, year=year)
    form = FreezeForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Confirm that the report is sent before freezing it.")
        )
        return redirect("reports:versions", year=year)
    version = report_version_freeze(
        year=year, by=request.user, note=form.cleaned_data["note"]
    )
    messages.success(
        request,
        _("Version %(number)s of the report was stored as sent.")
        % {"number": version.number},
    )
    return redirect("reports:versions", year=year)


@require_GET
@requires(can_view_reports)
def report_version_pdf(request, year: int, number: int):
    version = get_object_or_404(
        ReportVersion, report__budget_year__year=year, number=number
    )
    response = attachment_response(
        bytes(version.pdf),
        filename=f"redovisning-{year}-v{number}.pdf",
        content_type=PDF,
    )
    response["X-Content-SHA256"] = version.sha256
    return response
