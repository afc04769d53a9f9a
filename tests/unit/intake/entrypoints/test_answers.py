from intake.entrypoints.answers import content_disposition


def test_a_download_name_is_safe_in_plain_ascii_and_exact_in_filename_star():
    value = content_disposition('чэк "1";\r\nSet-Cookie: x=1.pdf')
    plain = value.split('filename="')[1].split('"')[0]
    assert value.startswith("attachment; ")
    assert all(c.isprintable() and c not in '"\\;' for c in plain)
    assert "\r" not in value and "\n" not in value
    assert "filename*=UTF-8''%D1%87%D1%8D%D0%BA%20%221%22%3B%0D%0ASet-Cookie%3A%20x%3D1.pdf" in value


def test_a_name_with_nothing_safe_left_still_gets_a_filename():
    assert content_disposition("..").startswith('attachment; filename="attachment"')
