"""The case: ansökan, individärende, handlingsplan, komplettering, föredragning,
beslut, utbetalning, återrapportering, bilagor, händelser and delegationer.

One module per area; every model and choice is importable from here.
"""

from applications.models.application import (
    Application,
    ApplicationKind,
    ApplicationQuerySet,
    Status,
)
from applications.models.case import (
    MAX_ACTION_PLAN_DAYS,
    ActionPlan,
    CriterionRecord,
    Environment,
    IndividualCase,
    IndividualIdentity,
    Intervention,
    InterventionKind,
)
from applications.models.decision import (
    CompletionRequest,
    Decision,
    Outcome,
    Proposal,
    ProposalVersion,
    RejectionReason,
)
from applications.models.payment import Disbursement, FollowUpReport
from applications.models.people import Delegation, StaffProfile
from applications.models.record import Document, DocumentKind, Event

__all__ = [
    "MAX_ACTION_PLAN_DAYS",
    "ActionPlan",
    "Application",
    "ApplicationKind",
    "ApplicationQuerySet",
    "CompletionRequest",
    "CriterionRecord",
    "Decision",
    "Delegation",
    "Disbursement",
    "Document",
    "DocumentKind",
    "Environment",
    "Event",
    "FollowUpReport",
    "IndividualCase",
    "IndividualIdentity",
    "Intervention",
    "InterventionKind",
    "Outcome",
    "Proposal",
    "ProposalVersion",
    "RejectionReason",
    "StaffProfile",
    "Status",
]
