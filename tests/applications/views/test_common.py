"""What every page shares: the language, the error pages and the login."""

from django.test import Client
from django.urls import reverse


def test_swedish_by_default_even_for_an_english_browser(client, officer):
    client.force_login(officer)
    response = client.get(
        reverse("applications:list"), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9"
    )
    assert "<h1>Ansökningar</h1>" in response.content.decode()


def test_english_when_chosen(client, officer):
    client.force_login(officer)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("applications:list"))
    assert "<h1>Applications</h1>" in response.content.decode()


def test_not_found_and_denied_pages_are_in_swedish(client, reader):
    client.force_login(reader)
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()
    response = client.get(reverse("applications:register_start"))
    assert response.status_code == 403
    assert "Åtkomst nekad" in response.content.decode()


def test_server_error_page_needs_no_context(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Ett fel har uppstått" in response.content.decode()


def test_views_need_login():
    response = Client().get(reverse("applications:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
