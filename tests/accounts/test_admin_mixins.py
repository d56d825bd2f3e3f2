"""The records that change only through services, or never, are read-only in the
admin, even for a superuser."""

import pytest
from auditlog.models import LogEntry
from django.contrib import admin
from django.test import RequestFactory

from applications.models import Application
from reports.models import ReportVersion
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Application, ReportVersion, LogEntry])
def test_read_only_admins_refuse_add_change_and_delete(model):
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    model_admin = admin.site._registry[model]
    assert model_admin.has_view_permission(request)
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)
