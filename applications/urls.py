from django.urls import path

from applications import views

app_name = "applications"

urlpatterns = [
    path("", views.home, name="home"),
    path("ansokningar/", views.application_list, name="list"),
    path("ansokningar/export.<str:fmt>", views.application_export, name="export"),
    path("ansokningar/ny/", views.application_register_start, name="register_start"),
    path("ansokningar/ny/<str:kind>/", views.application_register, name="register"),
    path("ansokningar/<int:pk>/", views.application_detail, name="detail"),
    path(
        "ansokningar/<int:pk>/ta-arende/",
        views.application_start_review,
        name="start_review",
    ),
    path("ansokningar/<int:pk>/kriterier/", views.criteria_record, name="criteria"),
    path("ansokningar/<int:pk>/utlatande/", views.statement_add, name="statement"),
    path(
        "ansokningar/<int:pk>/handlingsplan/",
        views.action_plan_edit,
        name="action_plan",
    ),
    path(
        "ansokningar/<int:pk>/komplettering/",
        views.completion_request_new,
        name="completion_new",
    ),
    path(
        "ansokningar/<int:pk>/komplettering/<int:request_pk>/svar/",
        views.completion_request_answer,
        name="completion_answer",
    ),
    path(
        "ansokningar/<int:pk>/bilagor/", views.document_upload, name="document_upload"
    ),
    path(
        "ansokningar/<int:pk>/bilagor/<int:document_pk>/",
        views.document_download,
        name="document_download",
    ),
    path("ansokningar/<int:pk>/foredra/", views.proposal_new, name="propose"),
    path(
        "ansokningar/<int:pk>/aterkalla/", views.application_withdraw, name="withdraw"
    ),
    path("ansokningar/<int:pk>/avsluta/", views.application_close, name="close"),
    path("ansokningar/<int:pk>/besluta/", views.application_decide, name="decide"),
    path(
        "ansokningar/<int:pk>/aterforvisa/",
        views.proposal_return,
        name="return_proposal",
    ),
    path(
        "ansokningar/<int:pk>/beslut.pdf", views.decision_letter, name="decision_letter"
    ),
    path(
        "ansokningar/<int:pk>/utbetalning/",
        views.disbursement_new,
        name="disbursement_new",
    ),
    path(
        "ansokningar/<int:pk>/aterrapportering/",
        views.follow_up_edit,
        name="follow_up",
    ),
    path("beslut/", views.decision_queue, name="decision_queue"),
    path(
        "aterrapporteringar/forsenade/",
        views.follow_up_overdue,
        name="follow_up_overdue",
    ),
    path("oversikt/", views.dashboard, name="dashboard"),
    path("oversikt/<int:year>/", views.dashboard_year, name="dashboard_year"),
]
