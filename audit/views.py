"""The audit page of the granskare: filter, page through, export to CSV."""

import csv

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.text import spreadsheet_safe
from audit.forms import AuditFilterForm
from audit.permissions import can_view_audit_log
from audit.selectors import audit_entry_list, audit_entry_row

PAGE_SIZE = 50


def _filtered_entries(request):
    form = AuditFilterForm(request.GET or None)
    if not form.is_bound:
        return form, audit_entry_list()
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    return form, audit_entry_list(
        user=data["user"],
        object_type=data["object_type"],
        object_ref=data["object_ref"],
        action=data["action"],
        date_from=data["date_from"],
        date_to=data["date_to"],
    )


@require_GET
@login_required
def audit_log(request):
    if not can_view_audit_log(request.user):
        raise PermissionDenied
    form, entries = _filtered_entries(request)
    page = None
    rows = []
    if entries is not None:
        page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
        rows = [audit_entry_row(entry) for entry in page]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/log.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode()},
    )


class _Echo:
    def write(self, value):
        return value


def _csv_lines(entries):
    writer = csv.writer(_Echo())
    yield "\ufeff"  # byte order mark: spreadsheet programs then read UTF-8
    yield writer.writerow(
        [
            _("Time"),
            _("User"),
            _("Action"),
            _("Kind of object"),
            _("Object"),
            _("Changed fields"),
            _("Address"),
        ]
    )
    for entry in entries.iterator(chunk_size=500):
        row = audit_entry_row(entry)
        yield writer.writerow(
            spreadsheet_safe(str(value))
            for value in (
                timezone.localtime(row.timestamp).isoformat(timespec="seconds"),
                row.actor,
                row.action,
                row.object_type,
                row.object_label,
                "; ".join(str(change) for change in row.changes),
                row.address,
            )
        )


@require_GET
@login_required
def audit_log_export(request):
    if not can_view_audit_log(request.user):
        raise PermissionDenied
    form, entries = _filtered_entries(request)
    if entries is None:
        return render(
            request,
            "audit/log.html",
            {"form": form, "page": None, "rows": [], "query": ""},
            status=400,
        )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = StreamingHttpResponse(
        _csv_lines(entries), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="granskning-{stamp}.csv"'
    return response
