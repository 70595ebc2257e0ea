"""The report form's map may load tiles only from the origin the city configured."""

from intercity.participation.rules import tile_origin


def test_the_tile_origin_is_what_the_content_security_policy_must_allow():

    assert tile_origin("https://{s}.tile.example.org/{z}/{x}/{y}.png") == [
        "https://*.tile.example.org"
    ]
    assert tile_origin("https://tiles.example/{z}/{x}/{y}.png") == ["https://tiles.example"]
    assert tile_origin("") == []
