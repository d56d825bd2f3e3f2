"""Identity data of an individärende: encrypted at rest, validated, found again by
its keyed hash, readable only with the right key, rotatable."""

from datetime import date

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import (
    FieldError,
    ImproperlyConfigured,
    PermissionDenied,
    ValidationError,
)
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from accounts.roles import Role
from applications.identity import (
    individual_identity_clear,
    individual_identity_get,
    individual_identity_same_person,
    individual_identity_set,
    personal_number_normalise,
)
from applications.models import IndividualIdentity
from applications.permissions import can_edit_identity, can_view_identity
from tests.factories import (
    ApplicationFactory,
    BudgetYearFactory,
    IndividualCaseFactory,
    UserFactory,
    municipality,
)

pytestmark = pytest.mark.django_db

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()
NAME = "Testa Testsson"
NUMBER = "19121212-1212"  # Skatteverket's published test number
COORDINATION = "19701063-2391"


def raw_columns(identity: IndividualIdentity) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT full_name, personal_number, phone, email, address "
            "FROM applications_individualidentity WHERE id = %s",
            [identity.pk],
        )
        return cursor.fetchone()


def same_person_references(*, case) -> list[str]:
    """The diarienummer of the other applications the match finds."""
    return [m.reference_number for m in individual_identity_same_person(case=case)]


def test_database_columns_hold_no_plaintext(officer):
    case = IndividualCaseFactory()
    identity = individual_identity_set(
        case=case,
        by=officer,
        full_name=NAME,
        personal_number=NUMBER,
        phone="070-1234567",
        email="testa@example.org",
        address="Storgatan 1, Malmö",
    )
    raw = raw_columns(identity)
    for column, clear in zip(
        raw,
        [NAME, "191212121212", "070-1234567", "testa@example.org", "Storgatan"],
        strict=True,
    ):
        assert clear not in column
        assert "1212" not in column
        assert column.startswith("gAAAAA")  # a Fernet token
    fresh = individual_identity_get(case=case)
    assert fresh.full_name == NAME
    assert fresh.personal_number == "191212121212"
    assert identity.personal_number_digest not in {NUMBER, "191212121212"}
    assert len(identity.personal_number_digest) == 64


def test_the_same_person_is_found_in_another_kommun_and_year(officer):
    malmo = IndividualCaseFactory(
        application__applicant_municipality=municipality("1280")
    )
    stockholm = IndividualCaseFactory(
        application__applicant_municipality=municipality("0180"),
        application__budget_year=BudgetYearFactory(year=2023),
    )
    other_person = IndividualCaseFactory()
    individual_identity_set(case=malmo, by=officer, personal_number=NUMBER)
    # The same number written another way (+: born over 100 years ago).
    individual_identity_set(case=stockholm, by=officer, personal_number="121212+1212")
    individual_identity_set(case=other_person, by=officer, personal_number=COORDINATION)

    found = same_person_references(case=malmo)

    assert found == [stockholm.application.reference_number]
    assert same_person_references(case=stockholm) == [
        malmo.application.reference_number
    ]
    assert same_person_references(case=other_person) == []


def test_a_case_without_personnummer_matches_nobody(officer):
    first = IndividualCaseFactory()
    second = IndividualCaseFactory()
    individual_identity_set(case=first, by=officer, full_name="A")
    individual_identity_set(case=second, by=officer, full_name="B")
    assert same_person_references(case=first) == []


def test_a_missing_key_fails_loudly(officer):
    case = IndividualCaseFactory()
    individual_identity_set(case=case, by=officer, full_name=NAME)
    with override_settings(FIELD_ENCRYPTION_KEYS=[]):
        with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEYS"):
            individual_identity_get(case=case)
        with pytest.raises(ImproperlyConfigured, match="FIELD_ENCRYPTION_KEYS"):
            individual_identity_set(
                case=IndividualCaseFactory(), by=officer, full_name="X"
            )


def test_a_wrong_key_fails_loudly_instead_of_returning_garbage(officer):
    case = IndividualCaseFactory()
    individual_identity_set(case=case, by=officer, full_name=NAME)
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]):
        with pytest.raises(ImproperlyConfigured, match="cannot be decrypted"):
            individual_identity_get(case=case)


def test_a_malformed_key_is_refused(officer):
    with override_settings(FIELD_ENCRYPTION_KEYS=["not-a-key"]):
        with pytest.raises(ImproperlyConfigured, match="not a Fernet key"):
            individual_identity_set(
                case=IndividualCaseFactory(), by=officer, full_name="X"
            )


def test_a_missing_hash_key_fails_loudly(officer):
    with override_settings(IDENTITY_HMAC_KEY=""):
        with pytest.raises(ImproperlyConfigured, match="IDENTITY_HMAC_KEY"):
            individual_identity_set(
                case=IndividualCaseFactory(), by=officer, personal_number=NUMBER
            )


def test_rotation_reencrypts_with_the_newest_key(officer):
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]):
        case = IndividualCaseFactory()
        identity = individual_identity_set(
            case=case, by=officer, full_name=NAME, personal_number=NUMBER
        )
        before = raw_columns(identity)
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B, KEY_A]):
        assert individual_identity_get(case=case).full_name == NAME
        call_command("rotate_identity_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
        after = raw_columns(identity)
    assert after[0] != before[0]
    assert Fernet(KEY_B).decrypt(after[0].encode()).decode() == NAME
    assert after[2] == ""  # empty stays empty
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_B]):  # old key dropped
        fresh = individual_identity_get(case=case)
        assert (fresh.full_name, fresh.personal_number) == (NAME, "191212121212")
    with override_settings(FIELD_ENCRYPTION_KEYS=[KEY_A]):
        with pytest.raises(ImproperlyConfigured):
            individual_identity_get(case=case)


def test_rotation_recomputes_the_hash_with_a_new_hash_key(officer):
    first = IndividualCaseFactory()
    second = IndividualCaseFactory()
    individual_identity_set(case=first, by=officer, personal_number=NUMBER)
    with override_settings(IDENTITY_HMAC_KEY="another-hash-key-after-rotation"):
        individual_identity_set(case=second, by=officer, personal_number=NUMBER)
        assert same_person_references(case=second) == []
        call_command("rotate_identity_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
        assert same_person_references(case=second) == [
            first.application.reference_number
        ]


def test_encrypted_fields_cannot_be_searched():
    with pytest.raises(FieldError):
        list(IndividualIdentity.objects.filter(full_name=NAME))


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("19121212-1212", "191212121212"),
        ("121212-1212", "201212121212"),
        ("191212121212", "191212121212"),
        ("19701063-2391", "197010632391"),  # samordningsnummer: day + 60
        (" 701063-2391 ", "197010632391"),
        ("", ""),
    ],
)
def test_personnummer_and_samordningsnummer_are_normalised(written, normalised):
    assert personal_number_normalise(written, today=date(2024, 1, 1)) == normalised


@pytest.mark.parametrize(
    "written",
    [
        "19121212-1213",  # wrong check digit
        "19121312-1212",  # no 13th month
        "19120230-1216",  # 30 February
        "1212",
        "abcdefgh-ijkl",
        "1" * 200,
        "1912121\u07c6-1212",  # a digit of another script
    ],
)
def test_invalid_numbers_are_refused(written):
    with pytest.raises(ValidationError):
        personal_number_normalise(written, today=date(2024, 1, 1))


def test_a_birth_date_in_the_future_is_refused():
    with pytest.raises(ValidationError):
        personal_number_normalise("20200101-1234", today=date(2019, 12, 31))


@pytest.mark.parametrize(
    ("role", "sees", "edits"),
    [
        (Role.CASE_OFFICER, True, True),
        (Role.DECISION_MAKER, True, False),
        (Role.COORDINATOR, False, False),
        (Role.READER, False, False),
        (Role.AUDITOR, False, False),
        (None, False, False),
    ],
)
def test_only_case_officers_and_decision_makers_see_identity(role, sees, edits):
    user = UserFactory(roles=[role] if role else [])
    application = ApplicationFactory()
    assert can_view_identity(user, application) is sees
    assert can_edit_identity(user, application) is edits


def test_no_one_sees_identity_on_an_agency_application():
    user = UserFactory(roles=[Role.CASE_OFFICER, Role.DECISION_MAKER])
    assert can_view_identity(user, ApplicationFactory(agency=True)) is False


def test_only_a_case_officer_may_write_or_erase_identity(officer):
    case = IndividualCaseFactory()
    decider = UserFactory(roles=[Role.DECISION_MAKER])
    with pytest.raises(PermissionDenied):
        individual_identity_set(case=case, by=decider, full_name=NAME)
    assert not IndividualIdentity.objects.exists()
    individual_identity_set(case=case, by=officer, full_name=NAME)
    with pytest.raises(PermissionDenied):
        individual_identity_clear(case=case, by=decider)
    individual_identity_clear(case=case, by=officer)
    assert individual_identity_get(case=case) is None
    assert case.pk is not None
