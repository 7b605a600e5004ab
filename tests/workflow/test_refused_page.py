"""A refused action is a styled page that says why and which roles may do it (the 403 handler)."""

from tests.workflow.procedure import STAFF  # noqa: F401  (the personas come from conftest)


def test_a_holder_refused_the_drafting_desk_sees_why_and_who_can(client, case, holder_minorities):
    client.force_login(holder_minorities)
    response = client.get(f"/staff/cases/{case.pk}/text/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Not allowed" in page and "You do not have permission for this page of the drafting desk" in page
    assert "Can change the letter text and case-specific words of a case: secretariat" in page
    assert "logged in as <strong>sr-minorities</strong> (mandate holder)" in page
    assert '<header class="top"' in page  # the staff layout, not a bare "403 Forbidden"


def test_a_refused_post_names_the_role_that_acts(client, case, holder_minorities):
    client.force_login(holder_minorities)
    response = client.post(f"/staff/clearance/{case.pk}/send/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Can send approved letters and record dispatch: secretariat" in page


def test_an_outsider_has_no_role(client, outsider, case):
    client.force_login(outsider)
    page = client.get("/staff/").content.decode()
    assert "with no role of the procedure" in page and "Can see the staff desk" in page


def test_a_holder_is_offered_no_secretariat_buttons_on_the_desk(client, case, holder_minorities):
    client.force_login(holder_minorities)
    listing = client.get("/staff/cases/").content.decode()
    assert case.title in listing and "New case" not in listing
    page = client.get(f"/staff/cases/{case.pk}/").content.decode()
    for button in ("New addressee group", "Add addressee", "Letter text and annex", "Generate letters"):
        assert button not in page, button
    assert "The secretariat generates the letters." in page
