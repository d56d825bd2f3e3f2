"""The detail page of one application, and its documents."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from applications import permissions, selectors, services
from applications.models import Application, Document
from applications.uploads import served_content_type
from applications.views.common import attachment_response, permission_required_for
from audit.access import log_access
from audit.services import AccessAction


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
        "record_no_completion",
        "view_completion_letter",
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
@permission_required_for(
    permissions.can_view_application, load=selectors.application_detail
)
def application_detail(request, application: Application):
    case = getattr(application, "individual_case", None)
    may = _flags(request.user, application)
    decision = getattr(application, "decision", None)
    follow_up = getattr(application, "follow_up", None)
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
        "proposal_versions": selectors.proposal_versions(application=application),
        "decision": decision,
        "disbursements": list(application.disbursements.all()),
        "payments": selectors.application_payments(application=application),
        "follow_up": follow_up,
        "overspent": services.follow_up_overspent(
            granted=decision.granted_amount or Decimal("0"),
            spent=follow_up.spent_amount,
        )
        if follow_up and decision
        else Decimal("0"),
        "actions": _detail_actions(request.user, application, may),
        "may": may,
    }
    return render(request, "applications/detail.html", context)


@login_required
@require_GET
@permission_required_for(permissions.can_view_documents)
def document_download(request, application: Application, document_pk: int):
    document = get_object_or_404(Document, pk=document_pk, application=application)
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    log_access(request, document, AccessAction.DOWNLOAD)
    return attachment_response(
        handle,
        filename=document.original_name,
        content_type=served_content_type(document.content_type),
    )
