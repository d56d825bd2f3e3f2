"""Who may do what: plain functions returning bool, reused by views, templates
and services (services raise PermissionDenied when one says no).

The roles (accounts/roles.py):
- Handläggare registers and prepares applications, asks for komplettering,
  records criteria and utlåtande, registers utbetalning and återrapportering.
- Beslutsfattare decides prepared applications within a delegation, never one
  whose proposal they wrote or presented in any version, and never sends back
  a proposal they wrote (four-eyes).
- Avhopparsamordnare reads the individärenden of kommuner in their own
  polisregion and adds the utlåtande.
- Läsare reads, without free text about the individual and without documents.
- Granskare sees aggregated figures only; no case pages.
"""

from django.utils import timezone

from accounts.roles import Role, has_role
from applications.models import Application, Delegation, StaffProfile
from applications.workflow import ACTIONS

CASE_READERS = (Role.CASE_OFFICER, Role.DECISION_MAKER, Role.READER)


def _any_role(user, *roles: Role) -> bool:
    return any(has_role(user, role) for role in roles)


def _may(user, action: str, application: Application) -> bool:
    """The user has a role of the action and the workflow allows it in the
    application's status (ACTIONS in applications/workflow.py)."""
    rule = ACTIONS[action]
    return application.status in rule.sources and _any_role(user, *rule.roles)


def coordinator_region_id(user) -> int | None:
    """The polisregion of an avhopparsamordnare, or None."""
    if not has_role(user, Role.COORDINATOR):
        return None
    cached = getattr(user, "_coordinator_region_id", False)
    if cached is not False:
        return cached
    region_id = (
        StaffProfile.objects.filter(user=user)
        .values_list("police_region_id", flat=True)
        .first()
    )
    user._coordinator_region_id = region_id
    return region_id


def _in_coordinator_region(user, application: Application) -> bool:
    region_id = coordinator_region_id(user)
    municipality = application.applicant_municipality
    return (
        region_id is not None
        and application.is_individual
        and municipality is not None
        and municipality.police_region_id == region_id
    )


# Pages that are not about one application.


def can_view_work_list(user) -> bool:
    return _any_role(user, *CASE_READERS, Role.COORDINATOR)


def can_export_work_list(user) -> bool:
    return _any_role(user, *CASE_READERS)


def can_register_application(user) -> bool:
    return has_role(user, Role.CASE_OFFICER)


def can_view_decision_queue(user) -> bool:
    return has_role(user, Role.DECISION_MAKER)


def can_view_dashboard(user) -> bool:
    return _any_role(user, *CASE_READERS, Role.AUDITOR)


def can_view_follow_up_list(user) -> bool:
    return _any_role(user, *CASE_READERS)


# Pages and actions on one application.


def can_view_application(user, application: Application) -> bool:
    if _any_role(user, *CASE_READERS):
        return True
    return _in_coordinator_region(user, application)


def can_view_case_text(user, application: Application) -> bool:
    """Free text about the individual: purpose, notes, utlåtande, motivations."""
    if _any_role(user, Role.CASE_OFFICER, Role.DECISION_MAKER):
        return True
    return _in_coordinator_region(user, application)


def can_view_identity(user, application: Application) -> bool:
    """Identity data of the individual: the fewest people, never readers."""
    if not application.is_individual:
        return False
    return _any_role(user, Role.CASE_OFFICER, Role.DECISION_MAKER)


def can_edit_identity(user, application: Application) -> bool:
    """Only handläggare record or erase who an individärende concerns."""
    return application.is_individual and has_role(user, Role.CASE_OFFICER)


def can_view_documents(user, application: Application) -> bool:
    return _any_role(user, Role.CASE_OFFICER, Role.DECISION_MAKER)


def can_upload_document(user, application: Application) -> bool:
    return _may(user, "upload_document", application)


def can_prepare(user, application: Application) -> bool:
    """Review the application: criteria, handlingsplan, komplettering."""
    return _may(user, "prepare", application)


def can_request_completion(user, application: Application) -> bool:
    return _may(user, "request_completion", application)


def can_answer_completion(user, application: Application) -> bool:
    return _may(user, "answer_completion", application)


def can_record_no_completion(user, application: Application) -> bool:
    """Record that the komplettering did not come by its reply-by date."""
    return _may(user, "record_no_completion", application)


def can_view_completion_letter(user, application: Application) -> bool:
    return _may(user, "view_completion_letter", application)


def can_add_statement(user, application: Application) -> bool:
    """Add the avhopparsamordnare's utlåtande to an individärende."""
    if not application.is_individual:
        return False
    if not _may(user, "add_statement", application):
        return False
    return has_role(user, Role.CASE_OFFICER) or _in_coordinator_region(
        user, application
    )


def can_propose(user, application: Application) -> bool:
    """Write the föredragning and send the application to decision."""
    return _may(user, "propose", application)


def prepared_by_id(application: Application) -> int | None:
    """The author of the proposal in force: the decision's föredragande."""
    try:
        return application.proposal.prepared_by_id
    except Application.proposal.RelatedObjectDoesNotExist:
        return None


def proposal_author_ids(application: Application) -> set[int]:
    """Everyone who wrote or presented any version of the föredragning.

    Uses the prefetched versions when the page loaded them, else one query."""
    authors = {v.prepared_by_id for v in application.proposal_versions.all()}
    in_force = prepared_by_id(application)
    if in_force is not None:
        authors.add(in_force)
    return authors


def has_delegation(user, kind: str, on=None) -> bool:
    """True when the user holds a delegation for the kind on the given day."""
    on = on or timezone.localdate()
    return any(
        d.kind == kind
        and d.valid_from <= on
        and (d.valid_to is None or on <= d.valid_to)
        for d in user_delegations(user)
    )


def user_delegations(user) -> list[Delegation]:
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_delegations", None)
    if cached is None:
        cached = list(Delegation.objects.filter(user=user))
        user._delegations = cached
    return cached


def can_decide(user, application: Application) -> bool:
    """A decision maker with a delegation for the kind, who wrote or presented
    no version of its proposal (four-eyes)."""
    return (
        _may(user, "decide", application)
        and has_delegation(user, application.kind)
        and user.pk not in proposal_author_ids(application)
    )


def can_return_proposal(user, application: Application) -> bool:
    """Send a prepared application back to the case officer; never one's own
    proposal, which a colleague could then resubmit unchanged."""
    return (
        _may(user, "return_proposal", application)
        and prepared_by_id(application) != user.pk
    )


def can_view_decision_letter(user, application: Application) -> bool:
    return _may(user, "view_decision_letter", application)


def can_register_disbursement(user, application: Application) -> bool:
    return _may(user, "register_disbursement", application)


def can_register_follow_up(user, application: Application) -> bool:
    return _may(user, "register_follow_up", application)


def can_withdraw(user, application: Application) -> bool:
    """Register that the applicant withdrew the application before its decision."""
    return _may(user, "withdraw", application)


def can_close(user, application: Application) -> bool:
    """Close a rejected application, or a granted one whose återrapportering is in."""
    return _may(user, "close", application)
