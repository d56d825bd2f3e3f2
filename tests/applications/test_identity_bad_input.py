"""Whatever is typed into the identity form, it ends in a message or a complete
write: never a server error, never half an identity."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.roles import Role
from applications.forms import IdentityForm
from applications.identity import individual_identity_get
from tests.factories import IndividualCaseFactory, UserFactory

pytestmark = pytest.mark.django_db

PROPERTY = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
NUMBERS = st.one_of(
    st.text(max_size=30),
    st.from_regex(r"\A(19|20)?\d{6}[-+]?\d{4}\Z"),
    st.sampled_from(["19121212-1212", "19701063-2391", "121212+1212"]),
)
FIELDS = st.fixed_dictionaries(
    {
        "full_name": st.text(max_size=250),
        "personal_number": NUMBERS,
        "phone": st.text(max_size=50),
        "email": st.one_of(st.emails(), st.text(max_size=60)),
        "address": st.text(max_size=600),
    }
)


@PROPERTY
@given(data=FIELDS)
def test_the_identity_form_only_lets_clean_data_through(data):
    form = IdentityForm(data)
    if form.is_valid():
        number = form.cleaned_data["personal_number"]
        assert number == "" or (len(number) == 12 and number.isdigit())
        assert all("\x00" not in str(v) for v in form.cleaned_data.values())


@PROPERTY
@given(data=FIELDS)
def test_the_identity_page_saves_all_or_nothing(client, data):
    officer = UserFactory(username="hypothesis-officer", roles=[Role.CASE_OFFICER])
    case = IndividualCaseFactory()
    client.force_login(officer)
    response = client.post(
        reverse("application_identity", args=[case.application.pk]), data
    )
    assert response.status_code in (302, 400)
    identity = individual_identity_get(case=case)
    if response.status_code == 400:
        assert identity is None
    else:
        assert identity.full_name == data["full_name"].strip()
        assert identity.address == data["address"].strip()
