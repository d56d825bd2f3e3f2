"""The exchange file in the admin: the import with preview and confirm, the export."""

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from applications.models import Application, Status
from applications.services import application_start_review
from tests.exchange.importfiles import (
    agency_row,
    csv_bytes,
    export_csv,
    received_row,
    row,
    stored,
    xlsx_bytes,
)
from tests.factories import (
    ApplicationFactory,
    BudgetYearFactory,
    OrganisationFactory,
    UserFactory,
    officer_user,
)
from tests.scenarios import registered

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("admin:applications_application_import")
CONFIRM_URL = reverse("admin:applications_application_process_import")
LIST_URL = reverse("admin:applications_application_changelist")
CSV_FORMAT, XLSX_FORMAT = "0", "1"


def staff(*codenames: str):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="applications", codename__in=codenames
        )
    )
    return user


@pytest.fixture
def importer(client):
    user = staff("view_application", "add_application", "change_application")
    client.force_login(user)
    return user


def upload(client, content: bytes, name="ansokningar.csv", file_format=CSV_FORMAT):
    return client.post(
        IMPORT_URL,
        {
            "resource": "0",
            "format": file_format,
            "import_file": SimpleUploadedFile(name, content),
        },
    )


def confirm(client, preview):
    return client.post(
        CONFIRM_URL, preview.context["confirm_form"].initial, follow=True
    )


def test_the_import_page_lists_the_columns(client, importer):
    response = client.get(IMPORT_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "diarienummer, budgetar, typ, sokande, kommunkod, inkom" in page
    assert "Fil att importera" in page


def test_preview_then_confirm_stores_the_file(client, importer):
    before = stored()
    preview = upload(client, csv_bytes([row(), agency_row()], delimiter=";"))

    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Förhandsgranskning" in page
    assert "A001.001/2022" in page and "Statens institutionsstyrelse" in page
    assert "Budgetår 2022 finns inte och skulle skapas" in page
    assert "Nya organisationer: Statens institutionsstyrelse" in page
    assert stored() == before, "the preview stores nothing"

    done = confirm(client, preview)

    assert done.redirect_chain[-1][0] == LIST_URL
    page = done.content.decode()
    assert "Importen är klar. nya: 2, uppdaterade: 0, oförändrade: 0" in page
    assert "Budgetår 2022 skapades med ram 0 kr: registrera anslaget." in page
    assert set(Application.objects.values_list("reference_number", flat=True)) == {
        "A001.001/2022",
        "A002.001/2022",
    }
    assert Application.objects.get(reference_number="A001.001/2022").status == (
        Status.PAID
    )
    assert LogEntry.objects.filter(user=importer, action_flag=ADDITION).count() == 2
    assert all(
        e.actor == importer for a in Application.objects.all() for e in a.events.all()
    )


def test_the_preview_shows_new_changed_and_unchanged_rows(client, importer):
    OrganisationFactory(name="Statens institutionsstyrelse")
    client_rows = [received_row(), agency_row()]
    confirm(client, upload(client, csv_bytes(client_rows)))

    preview = upload(
        client, csv_bytes([received_row(sokt_belopp="600 000"), agency_row(), row()])
    )

    rows = {
        r.object_repr or r.diff[0]: r.import_type for r in preview.context["result"]
    }
    assert rows == {
        "A004.001/2022": "update",
        "A002.001/2022": "skip",
        "A001.001/2022": "new",
    }
    page = preview.content.decode()
    assert "<del>500000</del> <ins>600000</ins>" in page
    assert "Ändras" in page and "Oförändrad" in page and "Ny" in page


def test_xlsx_can_be_imported_in_the_admin(client, importer):
    preview = upload(
        client, xlsx_bytes([row()]), name="ansokningar.xlsx", file_format=XLSX_FORMAT
    )
    confirm(client, preview)
    assert Application.objects.get().reference_number == "A001.001/2022"


def test_bad_rows_are_listed_and_nothing_can_be_confirmed(client, importer):
    before = stored()
    response = upload(
        client, csv_bytes([row(), row(diarienummer="A2", typ="x", sokt_belopp="-1")])
    )
    assert response.status_code == 200
    assert "confirm_form" not in response.context
    page = response.content.decode()
    assert "Ingenting kan importeras från filen" in page
    invalid = response.context["result"].invalid_rows
    assert [(r.number, r.error_dict) for r in invalid] == [
        (
            3,
            {
                "typ": [
                    "”x” är inte något av: individarende, myndighet, verksamhetsstod"
                ],
                "sokt_belopp": ["får inte vara negativt"],
            },
        )
    ]
    assert "får inte vara negativt" in page
    assert stored() == before


def test_a_bad_header_is_shown_as_an_error_of_the_file(client, importer):
    response = upload(client, csv_bytes([row()], header=["diarienummer", "belopp"]))
    page = response.content.decode()
    assert "Rad 1: kolumner saknas: budgetar" in page
    assert "Rad 1: okända kolumner: ”belopp”" in page
    assert "confirm_form" not in response.context


def test_an_unreadable_file_is_refused_in_the_form(client, importer):
    response = upload(client, "diarienummer;år\n".encode("utf-16"))
    assert response.context["form"].errors["import_file"] == [
        "Filen är varken UTF-8-kodad text (CSV) eller XLSX."
    ]


def test_confirm_stores_nothing_when_the_data_changed_after_the_preview(
    client, importer
):
    preview = upload(client, csv_bytes([received_row(sokt_belopp="1000")]))
    application_start_review(
        application=registered(
            budget_year=BudgetYearFactory(year=2022), reference_number="A004.001/2022"
        ),
        by=officer_user(),
    )
    before = stored()

    done = confirm(client, preview)

    assert done.redirect_chain[-1][0] == IMPORT_URL
    page = done.content.decode()
    assert "Ingenting importerades." in page
    assert (
        "ansökan har status ”under beredning” och kan inte ändras genom import" in page
    )
    assert stored() == before


def test_staff_without_add_and_change_permission_cannot_import(client):
    client.force_login(staff("view_application"))
    assert client.get(IMPORT_URL).status_code == 403
    assert upload(client, csv_bytes([row()])).status_code == 403
    assert not Application.objects.exists()


def test_the_admin_export_writes_the_same_file_as_the_command(client, importer):
    ApplicationFactory(reference_number="A1")
    response = client.post(
        reverse("admin:applications_application_export"),
        {"resource": "0", "format": "0", **_all_fields_selected()},
    )
    assert response.status_code == 200
    assert response.content.decode() == export_csv()


def _all_fields_selected() -> dict:
    from exchange.tabular import COLUMNS

    return {f"applicationresource_{column}": "on" for column in COLUMNS}
