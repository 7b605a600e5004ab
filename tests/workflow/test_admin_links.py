"""The admin and the staff pages lead to each other; holders (no admin access) are not offered the admin."""


def test_the_admin_links_to_the_staff_pages(client, secretariat):
    secretariat.is_staff = True
    secretariat.save()
    client.force_login(secretariat)
    page = client.get("/admin/").content.decode()
    assert 'href="/staff/" id="admin-to-dashboard"' in page and 'href="/staff/cases/" id="admin-to-desk"' in page
    assert 'href="/staff/">View site' in page


def test_the_staff_pages_link_to_the_admin_only_for_those_who_may_use_it(client, secretariat, holder_minorities):
    secretariat.is_staff = True
    secretariat.save()
    client.force_login(secretariat)
    assert 'id="to-admin"' in client.get("/staff/").content.decode()
    client.force_login(holder_minorities)
    assert 'id="to-admin"' not in client.get("/staff/").content.decode()
