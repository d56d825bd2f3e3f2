from django.urls import path

from applications.views import (
    casework,
    closing,
    dashboard,
    decisions,
    detail,
    payments,
    registration,
    work_list,
)

app_name = "applications"

urlpatterns = [
    path("", work_list.home, name="home"),
    path("ansokningar/", work_list.application_list, name="list"),
    path("ansokningar/export.<str:fmt>", work_list.application_export, name="export"),
    path(
        "ansokningar/ny/",
        registration.application_register_start,
        name="register_start",
    ),
    path(
        "ansokningar/ny/<str:kind>/",
        registration.application_register,
        name="register",
    ),
    path("ansokningar/<int:pk>/", detail.application_detail, name="detail"),
    path(
        "ansokningar/<int:pk>/ta-arende/",
        casework.application_start_review,
        name="start_review",
    ),
    path("ansokningar/<int:pk>/kriterier/", casework.criteria_record, name="criteria"),
    path("ansokningar/<int:pk>/utlatande/", casework.statement_add, name="statement"),
    path(
        "ansokningar/<int:pk>/handlingsplan/",
        casework.action_plan_edit,
        name="action_plan",
    ),
    path(
        "ansokningar/<int:pk>/komplettering/",
        casework.completion_request_new,
        name="completion_new",
    ),
    path(
        "ansokningar/<int:pk>/komplettering/<int:request_pk>/svar/",
        casework.completion_request_answer,
        name="completion_answer",
    ),
    path(
        "ansokningar/<int:pk>/komplettering/<int:request_pk>/ej-inkommen/",
        casework.completion_request_not_supplied,
        name="completion_not_supplied",
    ),
    path(
        "ansokningar/<int:pk>/komplettering/<int:request_pk>/brev/",
        casework.completion_letter,
        name="completion_letter",
    ),
    path(
        "ansokningar/<int:pk>/bilagor/",
        casework.document_upload,
        name="document_upload",
    ),
    path(
        "ansokningar/<int:pk>/bilagor/<int:document_pk>/",
        detail.document_download,
        name="document_download",
    ),
    path("ansokningar/<int:pk>/foredra/", decisions.proposal_new, name="propose"),
    path(
        "ansokningar/<int:pk>/aterkalla/",
        closing.application_withdraw,
        name="withdraw",
    ),
    path("ansokningar/<int:pk>/avsluta/", closing.application_close, name="close"),
    path(
        "ansokningar/<int:pk>/besluta/",
        decisions.application_decide,
        name="decide",
    ),
    path(
        "ansokningar/<int:pk>/aterforvisa/",
        decisions.proposal_return,
        name="return_proposal",
    ),
    path(
        "ansokningar/<int:pk>/beslut.pdf",
        decisions.decision_letter,
        name="decision_letter",
    ),
    path(
        "ansokningar/<int:pk>/utbetalning/",
        payments.disbursement_new,
        name="disbursement_new",
    ),
    path(
        "ansokningar/<int:pk>/aterrapportering/",
        payments.follow_up_edit,
        name="follow_up",
    ),
    path("beslut/", decisions.decision_queue, name="decision_queue"),
    path(
        "aterrapporteringar/forsenade/",
        payments.follow_up_overdue,
        name="follow_up_overdue",
    ),
    path("oversikt/", dashboard.dashboard, name="dashboard"),
    path("oversikt/<int:year>/", dashboard.dashboard_year, name="dashboard_year"),
]
