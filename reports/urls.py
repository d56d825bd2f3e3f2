from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("", views.report_index, name="index"),
    path("<int:year>/", views.report_detail, name="detail"),
    path("<int:year>/pdf/", views.report_pdf, name="pdf"),
    path("<int:year>/figures.<str:fmt>", views.report_export, name="export"),
    path("<int:year>/texts/", views.report_narratives, name="narratives"),
    path("<int:year>/versions/", views.report_versions, name="versions"),
    path("<int:year>/versions/send/", views.report_freeze, name="freeze"),
    path(
        "<int:year>/versions/<int:number>/pdf/",
        views.report_version_pdf,
        name="version_pdf",
    ),
]
