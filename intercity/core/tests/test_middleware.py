import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/organisations?search=a%00b",
        "/api/v1/networks/we%00go",
        "/api/v1/networks/wego/members?region=%00",
    ],
)
def test_api_refuses_nul_characters_with_a_json_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]


def test_pages_refuse_nul_characters_with_a_400(client):
    response = client.get("/networks/wego/members/?q=%00")
    assert response.status_code == 400


def test_ordinary_requests_pass(client):
    assert client.get("/api/v1/organisations?search=seoul").status_code == 200


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('{"state": "\\u0000TH", "add_city": "Bangkok"}', "body.state"),
        (
            '{"state": "TH", "add_city": "B", "nested": [{"deep": "a\\u0000"}]}',
            "body.nested[0].deep",
        ),
        ('{"\\u0000": 1, "state": "TH", "add_city": "Bangkok"}', "body.\x00"),
        ('{"state": "TH", "add_city": "B\x00"}', "body"),
    ],
)
def test_api_refuses_a_json_body_with_a_nul_with_a_400_naming_where(client, body, field):
    response = client.post(
        "/api/v1/networks/ascn/representation/check", body, content_type="application/json"
    )
    assert response.status_code == 400
    [problem] = response.json()["detail"]
    assert problem["field"] == field
    assert "NUL" in problem["message"]


def test_a_literal_backslash_u0000_in_json_text_is_not_a_nul(client):
    body = '{"state": "TH", "add_city": "C:\\\\u0000"}'  # the text C:\u0000, no NUL in it
    response = client.post(
        "/api/v1/networks/ascn/representation/check", body, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["limit"] == 3
