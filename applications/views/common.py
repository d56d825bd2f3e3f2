"""What the pages share: the one permission decorator (which also records each
read of an individärende in the audit trail), the one way a form page works
(validate → service → message → redirect), putting a service's errors on the
form, and the one way a file is sent as a download."""

import inspect
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseFormSet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header

from applications.models import Application
from audit.access import log_access
from audit.services import AccessAction


def check(allowed: bool) -> None:
    """Refuse the request (403) unless the permission function allowed it."""
    if not allowed:
        raise PermissionDenied


def application_of_page(*, pk: int) -> Application:
    """The application of a case page, with the rows its pages read."""
    return Application.objects.select_related(
        "applicant_municipality",
        "applicant_organisation",
        "budget_year",
        "individual_case",
        "proposal",
        "decision",
    ).get(pk=pk)


def permission_required_for(
    allows: Callable[..., bool],
    *,
    load: Callable[..., Application] = application_of_page,
    read: str = AccessAction.VIEW,
):
    """Run the view only when the permission function `allows` it (403 otherwise).

    A function of the user alone (`can_view_work_list(user)`) is asked about the
    user. A function of the user and an application (`can_prepare(user,
    application)`) is asked about the application of the URL's `pk`, loaded by
    `load` (404 when there is none), which the view then receives instead of pk:

        @login_required
        @permission_required_for(permissions.can_prepare)
        def criteria_record(request, application): ...

    Every page of an application that is an individärende records one read of
    the case (`read`, e.g. a view of its identity) in the audit trail, in each
    request that the permission allowed and that the view answered with content:
    a page, a file, or a form shown again with its errors; a redirect after a
    successful POST shows nothing and records nothing. A view that records a
    more precise read itself (a document download) leaves it the only one
    (`audit.access.log_access` records one read per request).
    """
    of_application = len(inspect.signature(allows).parameters) == 2

    def decorate(view):
        @wraps(view)
        def checked(request, *args, **kwargs):
            if not of_application:
                check(allows(request.user))
                return view(request, *args, **kwargs)
            try:
                application = load(pk=kwargs.pop("pk"))
            except Application.DoesNotExist as missing:
                raise Http404 from missing
            check(allows(request.user, application))
            response = view(request, application, *args, **kwargs)
            case = getattr(application, "individual_case", None)
            if case is not None and not _is_redirect(response):
                log_access(request, case, read)
            return response

        return checked

    return decorate


def _is_redirect(response: HttpResponse) -> bool:
    return 300 <= response.status_code < 400


def to_detail(application: Application):
    return redirect("applications:detail", pk=application.pk)


def show_errors(error: ValidationError, *parts) -> None:
    """Put a service's ValidationError on the page's forms: on a field when it
    names one (of the first form that has it), else on the first form."""
    forms = [part for part in parts if not isinstance(part, BaseFormSet)]
    if not hasattr(error, "error_dict"):
        forms[0].add_error(None, error.messages)
        return
    for name, errors in error.error_dict.items():
        owner = next((form for form in forms if name in form.fields), None)
        if owner is None:
            forms[0].add_error(None, errors)
        else:
            owner.add_error(name, errors)


def error_items(*parts) -> list[dict]:
    """Every error of a page with several forms, for one summary at the top."""
    formsets = [part for part in parts if isinstance(part, BaseFormSet)]
    forms = [part for part in parts if not isinstance(part, BaseFormSet)]
    items = [
        {"text": error} for formset in formsets for error in formset.non_form_errors()
    ]
    for form in [*forms, *(form for formset in formsets for form in formset.forms)]:
        items += [{"text": error} for error in form.non_field_errors()]
        for field in form:
            items += [
                {"id": field.auto_id, "label": field.label, "text": error}
                for error in field.errors
            ]
    return items


def _message(done, result) -> tuple[int, str]:
    said = done(result) if callable(done) else done
    return said if isinstance(said, tuple) else (messages.SUCCESS, said)


def form_page(
    request,
    *parts,
    save: Callable[[], Any],
    done: str | Callable[[Any], str | tuple[int, str]],
    context: dict,
    shown_with: Callable[[], dict] | None = None,
    template: str = "simple_form.html",
    then: Callable[[Any], HttpResponse] | None = None,
    refusal_on_form: bool = False,
    invalid: str = "",
    invalid_status: int = 200,
) -> HttpResponse:
    """The one way a form page works.

    On a POST whose forms and formsets (`parts`) are all valid, call the service
    (`save`, which reads the parts' cleaned data), add the message `done` (a
    text, or made from the service's result: a text or a (level, text) pair)
    and redirect (`then`, by default to the context's application). When a part
    is invalid (then with the message `invalid`, if any, and `invalid_status`),
    or the service refuses with a ValidationError (or a PermissionDenied when
    `refusal_on_form`), show the page again with the errors on their fields;
    `shown_with` makes the part of its context that is only needed then.
    """
    status = 200
    if request.method == "POST" and all([part.is_valid() for part in parts]):
        try:
            result = save()
        except ValidationError as error:
            show_errors(error, *parts)
        except PermissionDenied as refused:
            if not refusal_on_form:
                raise
            parts[0].add_error(None, str(refused))
        else:
            messages.add_message(request, *_message(done, result))
            return then(result) if then else to_detail(context["application"])
    elif request.method == "POST":
        status = invalid_status
        if invalid:
            messages.error(request, invalid)
    more = shown_with() if shown_with is not None else {}
    return render(
        request,
        f"applications/{template}",
        {**context, **more, "error_items": error_items(*parts)},
        status=status,
    )


def letter_filename(kind: str, application: Application) -> str:
    """A letter's file name: its kind and the diarienummer, safe in any system."""
    safe = re.sub(r"[^A-Za-z0-9]+", "-", application.reference_number).strip("-")
    return f"{kind}-{safe}.pdf"


def attachment_response(
    content, *, filename: str, content_type: str
) -> HttpResponse | FileResponse:
    """A file sent as a download that no browser renders or sniffs.

    `content` is the text or bytes of the file, or an open file, which is
    streamed and closed as it is sent. A name outside ASCII is encoded as
    RFC 6266 says."""
    if isinstance(content, str | bytes):
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = content_disposition_header(True, filename)
    else:
        response = FileResponse(
            content, as_attachment=True, filename=filename, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
