"""Every read that is more than a `get`: the joins of each page live here.

One module per area; every public selector is importable from here:
`from applications import selectors; selectors.application_list(user=user)`.
"""

from applications.selectors.dashboard import (
    OVERDUE_SHOWN,
    BudgetSummary,
    budget_year_current,
    budget_year_summary,
)
from applications.selectors.decisions import decision_queue, delegation_covering
from applications.selectors.detail import (
    CASE_TEXT_EVENT_KINDS,
    ActionPlanSummary,
    TimelineEntry,
    action_plan_summary,
    application_detail,
    application_timeline,
    criterion_rows,
    proposal_versions,
)
from applications.selectors.overdue import (
    completion_awaited,
    completion_overdue,
    completion_overdue_list,
    follow_up_overdue,
    follow_up_overdue_list,
)
from applications.selectors.sums import (
    Payments,
    application_disbursed,
    application_payments,
    budget_year_granted,
)
from applications.selectors.visibility import application_visible_to
from applications.selectors.work_list import (
    WORK_LIST_FIELDS,
    WORK_LIST_RELATED,
    applicants_named,
    application_list,
    application_list_export,
    application_status_counts,
    work_list_choices,
)

__all__ = [
    "CASE_TEXT_EVENT_KINDS",
    "OVERDUE_SHOWN",
    "WORK_LIST_FIELDS",
    "WORK_LIST_RELATED",
    "ActionPlanSummary",
    "BudgetSummary",
    "Payments",
    "TimelineEntry",
    "action_plan_summary",
    "applicants_named",
    "application_detail",
    "proposal_versions",
    "application_disbursed",
    "application_list",
    "application_list_export",
    "application_payments",
    "application_status_counts",
    "application_timeline",
    "application_visible_to",
    "budget_year_current",
    "budget_year_granted",
    "budget_year_summary",
    "completion_awaited",
    "completion_overdue",
    "completion_overdue_list",
    "criterion_rows",
    "decision_queue",
    "delegation_covering",
    "follow_up_overdue",
    "follow_up_overdue_list",
    "work_list_choices",
]
