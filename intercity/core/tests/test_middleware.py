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
