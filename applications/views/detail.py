"""Pages for case handling. Each view checks permission, validates its form,
calls one service, adds a message and redirects."""

import re
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from applications import permissions, selectors, services
from applications.filters import ApplicationFilter
from applications.forms import (
    ActionPlanForm,
    ApplicationForm,
    CloseForm,
    CompletionAnswerForm,
    CompletionRequestForm,
    CriteriaForm,
    DecisionForm,
    DisbursementForm,
    DocumentForm,
    FollowUpForm,
    InterventionFormSet,
    ProposalForm,
    RegistrationDocumentsForm,
    ReturnForm,
    StatementForm,
    WithdrawForm,
    action_plan_data,
)
from applications.models import (
    Application,
    ApplicationKind,
    CompletionRequest,
    Document,
    Outcome,
)
from applications.resources import ApplicationListResource
from applications.uploads import upload_file_response
from audit.access import log_access
from audit.services import AccessAction
from grants.formatting import format_sek
from grants.models import BudgetYear

PAGE_SIZE = 25
EXPORT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


# --- helpers -------------------------------------------------------------------


def _check(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _application(request, pk: int, check=permissions.can_view_application):
    application = get_object_or_404(
        Application.objects.select_related(
            "applicant_municipality",
            "applicant_organisation",
            "budget_year",
            "individual_case",
            "proposal",
            "decision",
        ),
        pk=pk,
    )
    _check(check(request.user, application))
    return application


def _show_errors(form, error: ValidationError, *others) -> None:
    """Put a service's ValidationError on the form: on a field when it names one
    (of the form, else of the first of `others` that has it)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, errors in error.error_dict.items():
        owner = next((f for f in (form, *others) if name in f.fields), None)
        if owner is None:
            form.add_error(None, errors)
        else:
            owner.add_error(name, errors)


def _error_items(*forms, formset=None) -> list[dict]:
    """Every error of a page with several forms, for one summary at the top."""
    items = []
    if formset is not None:
        items += [{"text": error} for error in formset.non_form_errors()]
        forms = (*forms, *formset.forms)
    for form in forms:
        items += [{"text": error} for error in form.non_field_errors()]
        for field in form:
            items += [
                {"id": field.auto_id, "label": field.label, "text": error}
                for error in field.errors
            ]
    return items


def _to_detail(application: Application):
    return redirect("applications:detail", pk=application.pk)


# --- start and work list ---------------------------------------------------------


@login_required
def home(request):
    """The work list for case roles, the dashboard for others."""
    if permissions.can_view_work_list(request.user):
        return redirect("applications:list")
    if permissions.can_view_dashboard(request.user):
        return redirect("applications:dashboard")
    return render(request, "applications/no_access.html")


class _CountedPaginator(Paginator):
    """A paginator that is told how many rows there are instead of counting."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self._known_count = count

    @property
    def count(self) -> int:
        return self._known_count


class _IdsFirstPaginator(_CountedPaginator):
    """Reads the ids of a page first, then only those rows with their joins.

    Page 4 000 of 100 000 rows costs an index scan past 99 975 ids instead of
    joining and annotating every row that is skipped (a deferred join).
    """

    def page(self, number) -> Page:
        number = self.validate_number(number)
        start = (number - 1) * self.per_page
        ids = list(
            self.object_list.values_list("pk", flat=True)[start : start + self.per_page]
        )
        rows = {row.pk: row for row in self.object_list.order_by().filter(pk__in=ids)}
        # A row deleted between the two queries is left out.
        return Page([rows[pk] for pk in ids if pk in rows], number, self)


def _page_with_total(queryset, requested) -> Page:
    """One page of the rows and the number of all rows in one query (COUNT(*)
    OVER ()); a page past the end shows the last one, as Paginator.get_page."""
    try:
        number = max(int(requested), 1)
    except (TypeError, ValueError):
        number = 1
    counted = queryset.annotate(row_total=Window(Count("*")))

    def rows_of(number: int) -> list:
        return list(counted[(number - 1) * PAGE_SIZE : number * PAGE_SIZE])

    rows = rows_of(number)
    if rows or number == 1:
        total = rows[0].row_total if rows else 0
    else:
        total = queryset.count()
        number = max(1, -(-total // PAGE_SIZE))
        rows = rows_of(number)
    return Page(rows, number, _CountedPaginator(queryset, PAGE_SIZE, count=total))


def _filtered(request) -> ApplicationFilter:
    return ApplicationFilter(
        request.GET or None, queryset=selectors.application_list(user=request.user)
    )


@login_required
@require_GET
def application_list(request):
    _check(permissions.can_view_work_list(request.user))
    filterset = _filtered(request)
    applications = filterset.qs
    without_status = request.GET.copy()
    without_status.pop("status", None)
    without_status.pop("page", None)
    counts = selectors.application_status_counts(
        queryset=filterset.queryset_without(
            "status", selectors.application_visible_to(user=request.user)
        )
    )
    # The counts per status already hold the total: no second count of the rows.
    status = filterset.form.cleaned_data.get("status") if filterset.is_bound else ""
    total = sum(row["count"] for row in counts if row["status"] == status or not status)
    paginator = _IdsFirstPaginator(applications, PAGE_SIZE, count=total)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filterset,
        "page": page,
        "counts": counts,
        "query": query.urlencode(),
        "status_query": without_status.urlencode(),
        "total": page.paginator.count,
    }
    template = "applications/list.html"
    if request.headers.get("HX-Request") and request.headers.get("HX-Target"):
        template = "applications/partials/list_results.html"
    return render(request, template, context)


@login_required
@require_GET
def application_export(request, fmt: str):
    _check(permissions.can_export_work_list(request.user))
    if fmt not in EXPORT_TYPES:
        raise Http404
    applications = selectors.application_list_export(queryset=_filtered(request).qs)
    dataset = ApplicationListResource().export(applications)
    content = dataset.csv.encode("utf-8-sig") if fmt == "csv" else dataset.xlsx
    stamp = timezone.localdate().isoformat()
    response = HttpResponse(content, content_type=EXPORT_TYPES[fmt])
    filename = f"ansokningar-{stamp}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- registration ----------------------------------------------------------------


@login_required
@require_GET
def application_register_start(request):
    _check(permissions.can_register_application(request.user))
    return render(
        request, "applications/register_start.html", {"kinds": ApplicationKind.choices}
    )


@login_required
def application_register(request, kind: str):
    _check(permissions.can_register_application(request.user))
    if kind not in ApplicationKind.values:
        raise Http404
    individual = kind == ApplicationKind.INDIVIDUAL
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = ApplicationForm(data, kind=kind)
    plan_form = ActionPlanForm(data, prefix="plan", required=individual)
    formset = InterventionFormSet(data, prefix="insats")
    documents = RegistrationDocumentsForm(data, files, kind=kind, prefix="doc")
    parts = (form, plan_form, formset, documents)
    forms_valid = all([part.is_valid() for part in parts])
    if request.method == "POST" and forms_valid:
        try:
            application = services.application_register(
                by=request.user,
                action_plan=action_plan_data(plan_form, formset),
                documents=documents.documents(),
                **form.service_kwargs(),
            )
        except ValidationError as error:
            _show_errors(form, error, plan_form)
        else:
            messages.success(
                request,
                _("Application %(ref)s registered.")
                % {"ref": application.reference_number},
            )
            return _to_detail(application)
    elif request.method == "POST":
        messages.error(request, _("The application was not saved. See the errors."))
    return render(
        request,
        "applications/register.html",
        {
            "form": form,
            "plan_form": plan_form,
            "formset": formset,
            "documents": documents,
            "kind": kind,
            "kind_label": ApplicationKind(kind).label,
            "individual": individual,
            "error_items": _error_items(form, plan_form, documents, formset=formset),
        },
    )


# --- detail ----------------------------------------------------------------------


@dataclass(frozen=True)
class PageAction:
    """A button of the detail page's action bar."""

    url: str
    label: str
    primary: bool = False
    post: bool = False  # a form that posts, not a link


def _detail_actions(user, application: Application, may: dict) -> list[PageAction]:
    """The action bar of the detail page, in its order: each action the
    permission functions allow (`may`, from _flags) on this application."""
    pk = application.pk

    def link(name: str, label: str, primary: bool = False) -> PageAction:
        return PageAction(reverse(f"applications:{name}", args=[pk]), label, primary)

    has_decision = getattr(application, "decision", None) is not None
    offered = [
        (
            may["prepare"] and application.assigned_to_id != user.pk,
            PageAction(
                reverse("applications:start_review", args=[pk]),
                _("Take the case"),
                post=True,
            ),
        ),
        (may["request_completion"], link("completion_new", _("Request completion"))),
        (may["upload_document"], link("document_upload", _("Attach a document"))),
        (may["propose"], link("propose", _("Prepare for decision"), primary=True)),
        (may["decide"], link("decide", _("Decide"), primary=True)),
        (may["return_proposal"], link("return_proposal", _("Send back for review"))),
        (
            may["view_decision_letter"] and has_decision,
            link("decision_letter", _("Decision letter (PDF)")),
        ),
        (
            may["register_disbursement"],
            link("disbursement_new", _("Register disbursement")),
        ),
        (may["register_follow_up"], link("follow_up", _("Follow-up report"))),
        (may["close"], link("close", _("Close the case"))),
        (may["withdraw"], link("withdraw", _("Register withdrawal"))),
    ]
    return [action for allowed, action in offered if allowed]


def _flags(user, application: Application) -> dict[str, bool]:
    names = (
        "view_case_text",
        "view_documents",
        "upload_document",
        "prepare",
        "request_completion",
        "answer_completion",
        "add_statement",
        "propose",
        "decide",
        "return_proposal",
        "view_decision_letter",
        "register_disbursement",
        "register_follow_up",
        "view_identity",
        "withdraw",
        "close",
    )
    return {
        name: getattr(permissions, f"can_{name}")(user, application) for name in names
    }


@login_required
@require_GET
def application_detail(request, pk: int):
    try:
        application = selectors.application_detail(pk=pk)
    except Application.DoesNotExist as missing:
        raise Http404 from missing
    _check(permissions.can_view_application(request.user, application))
    case = getattr(application, "individual_case", None)
    if case is not None:
        log_access(request, case)
    may = _flags(request.user, application)
    context = {
        "application": application,
        "case": case,
        "criteria": selectors.criterion_rows(case=case),
        "plan": selectors.action_plan_summary(application=application),
        "completions": list(application.completion_requests.all()),
        "timeline": selectors.application_timeline(
            application=application, user=request.user
        ),
        "documents": list(application.documents.all()) if may["view_documents"] else [],
        "proposal": getattr(application, "proposal", None),
        "decision": getattr(application, "decision", None),
        "disbursements": list(application.disbursements.all()),
        "payments": selectors.application_payments(application=application),
        "follow_up": getattr(application, "follow_up", None),
        "actions": _detail_actions(request.user, application, may),
        "may": may,
    }
    return render(request, "applications/detail.html", context)


@login_required
@require_POST
def application_start_review(request, pk: int):
    application = _application(request, pk, permissions.can_prepare)
    services.application_start_review(application=application, by=request.user)
    messages.success(request, _("You are now the case officer for this application."))
    return _to_detail(application)


def _form_page(request, template: str, context: dict):
    return render(request, f"applications/{template}", context)


def _form_action(request, application, form, run, *, done: str, page: dict):
    """On a valid POST run the service with the form's data and go back to the
    application; otherwise (or when the service refuses) show the form again."""
    if request.method == "POST" and form.is_valid():
        try:
            run(**form.cleaned_data)
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, done)
            return _to_detail(application)
    return _form_page(
        request, "simple_form.html", {"application": application, "form": form, **page}
    )


@login_required
def criteria_record(request, pk: int):
    application = _application(request, pk, permissions.can_prepare)
    case = getattr(application, "individual_case", None)
    if case is None:
        raise Http404
    form = CriteriaForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        changes = form.changes()
        services.individual_case_record_criteria(
            case=case, by=request.user, values=changes, note=form.cleaned_data["note"]
        )
        if changes:
            messages.success(request, _("The criteria were recorded."))
        else:
            messages.info(request, _("No criterion was changed."))
        return _to_detail(application)
    return _form_page(
        request, "criteria_form.html", {"application": application, "form": form}
    )


@login_required
def statement_add(request, pk: int):
    application = _application(request, pk, permissions.can_add_statement)
    case = application.individual_case
    return _form_action(
        request,
        application,
        StatementForm(
            request.POST or None, initial={"statement": case.coordinator_statement}
        ),
        lambda **data: services.individual_case_add_statement(
            case=case, by=request.user, **data
        ),
        done=_("The statement was saved."),
        page={
            "title": _("Statement from the defector coordinator"),
            "submit": _("Save statement"),
        },
    )


@login_required
def completion_request_new(request, pk: int):
    application = _application(request, pk, permissions.can_request_completion)
    return _form_action(
        request,
        application,
        CompletionRequestForm(request.POST or None),
        lambda **data: services.completion_request_create(
            application=application, by=request.user, **data
        ),
        done=_("The completion request was registered."),
        page={"title": _("Request completion"), "submit": _("Request completion")},
    )


@login_required
def completion_request_answer(request, pk: int, request_pk: int):
    application = _application(request, pk, permissions.can_answer_completion)
    completion = get_object_or_404(
        CompletionRequest, pk=request_pk, application=application
    )
    return _form_action(
        request,
        application,
        CompletionAnswerForm(
            request.POST or None, initial={"answered_on": timezone.localdate()}
        ),
        lambda **data: services.completion_request_answer(
            completion_request=completion, by=request.user, **data
        ),
        done=_("The completion was registered."),
        page={
            "title": _("Register completion"),
            "submit": _("Register completion"),
            "intro": completion.message,
        },
    )


@login_required
def action_plan_edit(request, pk: int):
    application = _application(request, pk, permissions.can_prepare)
    plan = selectors.action_plan_summary(application=application)
    initial_plan, initial_items = {}, []
    if plan:
        initial_plan = {
            "starts_on": plan.plan.starts_on,
            "ends_on": plan.plan.ends_on,
            "summary": plan.plan.summary,
        }
        initial_items = [
            {
                "kind": item.kind,
                "provider": item.provider_id,
                "description": item.description,
                "cost": item.cost,
                "starts_on": item.starts_on,
                "ends_on": item.ends_on,
            }
            for item in plan.interventions
        ]
    data = request.POST if request.method == "POST" else None
    plan_form = ActionPlanForm(data, prefix="plan", initial=initial_plan)
    formset = InterventionFormSet(data, prefix="insats", initial=initial_items)
    if request.method == "POST" and plan_form.is_valid() and formset.is_valid():
        try:
            services.action_plan_save(
                application=application,
                by=request.user,
                data=action_plan_data(plan_form, formset),
            )
        except ValidationError as error:
            _show_errors(plan_form, error)
        else:
            messages.success(request, _("The action plan was saved."))
            return _to_detail(application)
    return _form_page(
        request,
        "action_plan_form.html",
        {
            "application": application,
            "plan_form": plan_form,
            "formset": formset,
            "error_items": _error_items(plan_form, formset=formset),
        },
    )


# --- documents -------------------------------------------------------------------


@login_required
def document_upload(request, pk: int):
    application = _application(request, pk, permissions.can_upload_document)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.document_add(
            application=application, by=request.user, data=form.document()
        )
        messages.success(request, _("The document was attached."))
        return _to_detail(application)
    return _form_page(
        request,
        "simple_form.html",
        {
            "application": application,
            "form": form,
            "title": _("Attach a document"),
            "submit": _("Attach"),
            "multipart": True,
        },
    )


@login_required
@require_GET
def document_download(request, pk: int, document_pk: int):
    application = _application(request, pk, permissions.can_view_documents)
    document = get_object_or_404(Document, pk=document_pk, application=application)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    log_access(request, document, AccessAction.DOWNLOAD)
    response = upload_file_response(
        file=handle,
        download_name=document.original_name,
        content_type=document.content_type,
    )
    return response


# --- föredragning and beslut -----------------------------------------------------


@login_required
def proposal_new(request, pk: int):
    application = _application(request, pk, permissions.can_propose)
    existing = getattr(application, "proposal", None)
    initial = {"outcome": Outcome.GRANTED, "amount": application.requested_amount}
    if existing:
        initial = {
            "outcome": existing.outcome,
            "amount": existing.amount,
            "rejection_reason": existing.rejection_reason,
            "motivation": existing.motivation,
        }
    form = ProposalForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.proposal_submit(
                application=application, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(request, _("The application was sent to decision."))
            return _to_detail(application)
    missing = services.proposal_missing(application=application)
    return _form_page(
        request,
        "proposal_form.html",
        {"application": application, "form": form, "missing": missing},
    )


@login_required
@require_GET
def decision_queue(request):
    _check(permissions.can_view_decision_queue(request.user))
    page = _page_with_total(
        selectors.decision_queue(user=request.user), request.GET.get("page")
    )
    return render(
        request,
        "applications/decision_queue.html",
        {
            "queue": page.object_list,
            "page": page,
            "delegations": permissions.user_delegations(request.user),
            "today": timezone.localdate(),
        },
    )


@login_required
def application_decide(request, pk: int):
    application = _application(request, pk, permissions.can_decide)
    proposal = application.proposal
    initial = {
        "outcome": proposal.outcome,
        "amount": proposal.amount,
        "rejection_reason": proposal.rejection_reason,
    }
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_decide(
                application=application, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _show_errors(form, error)
        except PermissionDenied as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("The decision was recorded."))
            return _to_detail(application)
    summary = selectors.budget_year_summary(budget_year=application.budget_year)
    return _form_page(
        request,
        "decide_form.html",
        {
            "application": application,
            "proposal": proposal,
            "form": form,
            "return_form": ReturnForm(),
            "summary": summary,
            "may_read_text": permissions.can_view_case_text(request.user, application),
        },
    )


@login_required
def proposal_return(request, pk: int):
    application = _application(request, pk, permissions.can_return_proposal)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.proposal_return(
            application=application, by=request.user, text=form.cleaned_data["text"]
        )
        messages.success(request, _("The application was sent back for review."))
        return redirect("applications:decision_queue")
    return _form_page(
        request,
        "simple_form.html",
        {
            "application": application,
            "form": form,
            "title": _("Send back for review"),
            "submit": _("Send back"),
        },
    )


def _letter_filename(application: Application) -> str:
    safe = re.sub(r"[^A-Za-z0-9]+", "-", application.reference_number).strip("-")
    return f"beslut-{safe}.pdf"


@login_required
@require_GET
def decision_letter(request, pk: int):
    from weasyprint import CSS, HTML  # imported here: slow, needed by this view only

    application = _application(request, pk, permissions.can_view_decision_letter)
    decision = getattr(application, "decision", None)
    if decision is None:
        raise Http404
    html = render_to_string(
        "applications/decision_letter.html",
        {
            "application": application,
            "decision": decision,
            "follow_up": getattr(application, "follow_up", None),
        },
        request=request,
    )
    stylesheet = CSS(filename=finders.find("css/letter.css"))
    pdf = HTML(string=html).write_pdf(stylesheets=[stylesheet])
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{_letter_filename(application)}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- utbetalning and återrapportering --------------------------------------------


@login_required
def disbursement_new(request, pk: int):
    application = _application(request, pk, permissions.can_register_disbursement)
    left = selectors.application_payments(application=application).left_to_pay
    return _form_action(
        request,
        application,
        DisbursementForm(
            request.POST or None,
            initial={"amount": left, "paid_on": timezone.localdate()},
        ),
        lambda **data: services.disbursement_register(
            application=application, by=request.user, **data
        ),
        done=_("The disbursement was registered."),
        page={
            "title": _("Register disbursement"),
            "submit": _("Register disbursement"),
            "intro": _("Left to pay: %(left)s") % {"left": format_sek(left)},
        },
    )


@login_required
def application_withdraw(request, pk: int):
    application = _application(request, pk, permissions.can_withdraw)
    return _form_action(
        request,
        application,
        WithdrawForm(request.POST or None),
        lambda **data: services.application_withdraw(
            application=application, by=request.user, **data
        ),
        done=_("The application is registered as withdrawn."),
        page={
            "title": _("Register withdrawal"),
            "submit": _("Register withdrawal"),
            "intro": _(
                "The application ends without a decision. This cannot be undone."
            ),
        },
    )


@login_required
def application_close(request, pk: int):
    application = _application(request, pk, permissions.can_close)
    follow_up = getattr(application, "follow_up", None)
    intro = _("The case is closed and can no longer change. This cannot be undone.")
    if follow_up and follow_up.reclaim_amount > 0:
        intro += "\n" + _("To be reclaimed (återkrav): %(amount)s") % {
            "amount": format_sek(follow_up.reclaim_amount)
        }
    return _form_action(
        request,
        application,
        CloseForm(request.POST or None),
        lambda **data: services.application_close(
            application=application, by=request.user, **data
        ),
        done=_("The application is closed."),
        page={"title": _("Close the case"), "submit": _("Close"), "intro": intro},
    )


@login_required
def follow_up_edit(request, pk: int):
    application = _application(request, pk, permissions.can_register_follow_up)
    report = getattr(application, "follow_up", None)
    initial = {
        "due_on": services.follow_up_default_due(budget_year=application.budget_year)
    }
    if report:
        initial = {
            "due_on": report.due_on,
            "received_on": report.received_on,
            "spent_amount": report.spent_amount,
            "results": report.results,
        }
    form = FollowUpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.follow_up_register(
                application=application, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _show_errors(form, error)
        else:
            messages.success(
                request,
                _("The follow-up report was saved. To reclaim: %(amount)s.")
                % {"amount": format_sek(report.reclaim_amount)},
            )
            return _to_detail(application)
    return _form_page(
        request,
        "follow_up_form.html",
        {"application": application, "form": form, "report": report},
    )


@login_required
@require_GET
def follow_up_overdue(request):
    _check(permissions.can_view_follow_up_list(request.user))
    reports = selectors.follow_up_overdue_list(today=timezone.localdate())
    return render(
        request,
        "applications/follow_up_overdue.html",
        {"reports": reports, "today": timezone.localdate()},
    )


# --- dashboard -------------------------------------------------------------------


@login_required
@require_GET
def dashboard(request):
    _check(permissions.can_view_dashboard(request.user))
    requested = request.GET.get("year")
    if requested and requested.isdigit():
        return redirect("applications:dashboard_year", year=int(requested))
    current = selectors.budget_year_current()
    if current is None:
        return render(request, "applications/dashboard_empty.html")
    return redirect("applications:dashboard_year", year=current.year)


@login_required
@require_GET
def dashboard_year(request, year: int):
    _check(permissions.can_view_dashboard(request.user))
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
