"""Forms only parse and validate input; the rules live in services, whose
ValidationErrors the views put on the fields they name.

One module per area; every form is importable from here:
`from applications.forms import DecisionForm`.
"""

from applications.forms.casework import (
    ActionPlanForm,
    BaseInterventionFormSet,
    CompletionAnswerForm,
    CompletionRequestForm,
    CriteriaForm,
    DocumentForm,
    InterventionForm,
    InterventionFormSet,
    StatementForm,
    action_plan_data,
)
from applications.forms.closing import CloseForm, WithdrawForm
from applications.forms.decisions import DecisionForm, ProposalForm, ReturnForm
from applications.forms.fields import UploadField
from applications.forms.identity import IdentityForm
from applications.forms.payments import DisbursementForm, FollowUpForm
from applications.forms.registration import ApplicationForm, RegistrationDocumentsForm
from grants.inputs import DateInput, IsoDateField, MoneyField

__all__ = [
    "ActionPlanForm",
    "ApplicationForm",
    "BaseInterventionFormSet",
    "CloseForm",
    "CompletionAnswerForm",
    "CompletionRequestForm",
    "CriteriaForm",
    "DateInput",
    "DecisionForm",
    "DisbursementForm",
    "DocumentForm",
    "FollowUpForm",
    "IdentityForm",
    "InterventionForm",
    "InterventionFormSet",
    "IsoDateField",
    "MoneyField",
    "ProposalForm",
    "RegistrationDocumentsForm",
    "ReturnForm",
    "StatementForm",
    "UploadField",
    "WithdrawForm",
    "action_plan_data",
]
