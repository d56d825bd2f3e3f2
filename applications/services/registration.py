"""Registering a received application, with its individärende, handlingsplan
and bilagor, and attaching documents later."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.text import clean_key_text, key_fold
from applications import permissions
from applications.models import (
    Application,
    ApplicationKind,
    Document,
    Event,
    IndividualCase,
)
from applications.services.common import (
    ActionPlanData,
    DocumentData,
    IndividualCaseData,
    _check_not_future,
    _event,
    _require,
)
from applications.services.review import _action_plan_write
from applications.uploads import stored_files_removed_on_error
from audit.context import audited_by
from grants.models import BudgetYear, Municipality, Organisation


def _check_applicant(
    kind: str,
    municipality: Municipality | None,
    organisation: Organisation | None,
) -> None:
    if kind == ApplicationKind.INDIVIDUAL and municipality is None:
        raise ValidationError(
            {"applicant_municipality": _("Choose the municipality that applies.")}
        )
    if kind != ApplicationKind.INDIVIDUAL and organisation is None:
        raise ValidationError(
            {"applicant_organisation": _("Choose the organisation that applies.")}
        )


def reference_lookalike_message(*, reference_number: str, existing: str) -> str:
    """Say which stored diarienummer a new one looks like (registration, import)."""
    return _(
        "%(reference)s looks like the existing reference number %(existing)s: "
        "they differ only in case, spaces or invisible characters."
    ) % {"reference": reference_number, "existing": existing}


def _reference_checked(reference_number: str) -> tuple[str, str]:
    """A new diarienummer as stored and as compared (accounts.text), refused if it
    could run or hide something, exists, or looks like one that does."""
    try:
        text = clean_key_text(reference_number)
    except ValidationError as error:
        raise ValidationError({"reference_number": error.messages}) from error
    key = key_fold(text)
    existing = (
        Application.objects.filter(reference_key=key)
        .values_list("reference_number", flat=True)
        .first()
    )
    if existing == text:
        message = _("An application with this reference number already exists.")
    elif existing is not None:
        message = reference_lookalike_message(reference_number=text, existing=existing)
    else:
        return text, key
    raise ValidationError({"reference_number": message})


@audited_by("by")
def application_register(
    *,
    by: User,
    kind: str,
    reference_number: str,
    budget_year: BudgetYear,
    received_on: date,
    requested_amount: Decimal,
    purpose: str = "",
    applicant_municipality: Municipality | None = None,
    applicant_organisation: Organisation | None = None,
    case: IndividualCaseData | None = None,
    action_plan: ActionPlanData | None = None,
    documents: Sequence[DocumentData] = (),
) -> Application:
    """Register a received application with its individärende, plan and bilagor."""
    # The transaction inside: a stored file is removed when it, or its commit, fails.
    with stored_files_removed_on_error() as stored, transaction.atomic():
        _require(permissions.can_register_application(by))
        _check_applicant(kind, applicant_municipality, applicant_organisation)
        _check_not_future("received_on", received_on)
        reference_number, reference_key = _reference_checked(reference_number)
        individual = kind == ApplicationKind.INDIVIDUAL
        application = Application.objects.create(
            reference_number=reference_number,
            reference_key=reference_key,
            kind=kind,
            applicant_municipality=applicant_municipality if individual else None,
            applicant_organisation=None if individual else applicant_organisation,
            budget_year=budget_year,
            received_on=received_on,
            requested_amount=requested_amount,
            purpose=purpose,
            assigned_to=by,
        )
        _event(application, Event.Kind.CREATED, by)
        if individual:
            case = case or IndividualCaseData(environment="", protection_need=False)
            IndividualCase.objects.create(
                application=application,
                case_code=f"IND-{budget_year.year}-{application.pk:05d}",
                environment=case.environment,
                protection_need=case.protection_need,
                birth_year=case.birth_year,
            )
        if action_plan is not None:
            _action_plan_write(application, action_plan)
        for document in documents:
            _document_store(application, document, by, stored)
        return application


# --- documents -----------------------------------------------------------------


def _document_store(
    application: Application, data: DocumentData, by: User, stored: list
) -> Document:
    upload = data.upload
    document = Document(
        application=application,
        kind=data.kind,
        original_name=upload.original_name,
        content_type=upload.content_type,
        size=upload.size,
        sha256=upload.sha256,
        uploaded_by=by,
    )
    document.file.save(upload.stored_name, upload.file, save=False)
    stored.append(document.file)
    document.save()
    _event(application, Event.Kind.DOCUMENT, by, document.get_kind_display())
    return document


@audited_by("by")
def document_add(*, application: Application, by: User, data: DocumentData) -> Document:
    """Attach a checked file to the application."""
    _require(permissions.can_upload_document(by, application))
    with stored_files_removed_on_error() as stored, transaction.atomic():
        return _document_store(application, data, by, stored)
