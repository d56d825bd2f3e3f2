"""The disbursement and återrapportering pages."""

from django.urls import reverse

from applications.models import (
    Status,
)
from tests.applications.helpers import messages_of


def test_disbursement_and_follow_up_forms(client, officer, granted):
    client.force_login(officer)
    response = client.post(
        reverse("applications:disbursement_new", args=[granted.pk]),
        {"amount": "400 000", "paid_on": "2022-06-01"},
    )
    assert (
        "Utbetalningar får inte överstiga beviljat belopp" in response.content.decode()
    )
    response = client.post(
        reverse("applications:disbursement_new", args=[granted.pk]),
        {"amount": "300 000", "paid_on": "2022-06-01"},
        follow=True,
    )
    assert "Utbetalningen har registrerats." in messages_of(response)
    response = client.get(reverse("applications:follow_up", args=[granted.pk]))
    assert 'value="2023-02-01"' in response.content.decode()
    response = client.post(
        reverse("applications:follow_up", args=[granted.pk]),
        {
            "due_on": "2023-02-01",
            "received_on": "2023-01-15",
            "spent_amount": "250 000",
            "results": "Programmet fullföljt.",
        },
        follow=True,
    )
    assert "Återkrav: 50\u00a0000\u00a0kr." in " ".join(messages_of(response))
    granted.refresh_from_db()
    assert granted.status == Status.REPORTED
