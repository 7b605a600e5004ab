"""/ (+ /index.json): totals, the latest letters and the open-data links."""


def test_home_page_counts_and_lists_the_latest_letters(client, register):
    html = client.get("/").content.decode()
    assert 'role="search"' in html and "Skip to main content" in html and 'role="main"' in html
    assert "UA BRA 7/2022" in html and "3 communications published" in html
    data = client.get("/index.json").json()
    assert data["total"] == 3 and data["replied"] == 1
    assert data["by_kind"] == {"State": 2, "Company": 1, "Other": 0}
    assert [r["reference"] for r in data["latest"]] == ["UA BRA 7/2022", "AL CHN 18/2020", "AL OTH 135/2021"]
    assert data["links"]["export_csv"].endswith("/export/communications.csv")


def test_an_empty_register_has_a_home_page(client, db):
    assert client.get("/").status_code == 200
    assert client.get("/index.json").json()["total"] == 0


def test_unknown_addresses_get_the_public_404_page(client, db):
    response = client.get("/no/such/page")
    assert response.status_code == 404 and b"Not found" in response.content
