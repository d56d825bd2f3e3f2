"""Every write to applications goes through a function here.

Each service takes the acting user, checks permission (raising PermissionDenied)
and the business rules (raising ValidationError with a message for people),
and makes its writes in one transaction. Status changes go through
`application_transition` and the workflow table; each leaves an Event.

The services live in one module per area; every public one is importable from
here: `from applications import services; services.application_decide(...)`.
"""

from applications.action_plans import action_plan_problems
from applications.services.closing import application_close, application_withdraw
from applications.services.common import (
    ActionPlanData,
    DocumentData,
    IndividualCaseData,
    InterventionData,
    application_transition,
)
from applications.services.completion import (
    completion_request_answer,
    completion_request_create,
    completion_request_record_not_supplied,
)
from applications.services.decisions import application_decide
from applications.services.payments import (
    disbursement_register,
    follow_up_default_due,
    follow_up_overspent,
    follow_up_reclaim,
    follow_up_register,
)
from applications.services.proposals import (
    proposal_missing,
    proposal_rejection_reasons,
    proposal_return,
    proposal_submit,
)
from applications.services.registration import (
    application_register,
    document_add,
    reference_lookalike_message,
)
from applications.services.review import (
    action_plan_save,
    application_start_review,
    individual_case_add_statement,
    individual_case_record_criteria,
    individual_case_record_criterion,
)

__all__ = [
    "ActionPlanData",
    "DocumentData",
    "IndividualCaseData",
    "InterventionData",
    "action_plan_problems",  # the plan's rule, which the services apply
    "action_plan_save",
    "application_close",
    "application_decide",
    "application_register",
    "application_start_review",
    "application_transition",
    "application_withdraw",
    "completion_request_answer",
    "completion_request_create",
    "completion_request_record_not_supplied",
    "disbursement_register",
    "document_add",
    "follow_up_default_due",
    "follow_up_overspent",
    "follow_up_reclaim",
    "follow_up_register",
    "individual_case_add_statement",
    "individual_case_record_criteria",
    "individual_case_record_criterion",
    "proposal_missing",
    "proposal_rejection_reasons",
    "proposal_return",
    "proposal_submit",
    "reference_lookalike_message",
]
