import io

import pytest
from django.utils import translation

from common import files


@pytest.mark.parametrize(
    ("size", "label"),
    [(12, "12 bytes"), (1_234, "1.2 kB"), (1_200_000, "1.2 MB"), (25_000_000, "25 MB")],
)
def test_sizes_read_like_an_operating_system_shows_them(size, label):
    assert files.human_size(size) == label


@pytest.mark.parametrize(
    ("language", "size", "label"),
    [
        ("fr", 1_234, "1,2 ko"),
        ("fr", 1_280, "1,3 ko"),
        ("fr", 1_200_000, "1,2 Mo"),
        ("fr", 3_000_000_000, "3,0 Go"),
        ("fr", 1, "1 octet"),
        ("fr", 12, "12 octets"),
        ("es", 1_200_000, "1,2 MB"),
        ("es", 12, "12 bytes"),
        ("en", 1, "1 byte"),
    ],
)
def test_sizes_read_in_the_active_language(language, size, label):
    with translation.override(language):
        assert files.human_size(size) == label


def checked(content: bytes, limit: int) -> int:
    return files.checked_size(
        io.BytesIO(content), limit, empty="Nothing sent.", too_big="%(size)s over %(limit)s."
    )


@pytest.mark.parametrize(
    ("content", "limit", "message"),
    [(b"", 10, "Nothing sent."), (b"x" * 1_500, 1_000, "1.5 kB over 1.0 kB.")],
    ids=["empty", "over-the-limit"],
)
def test_an_empty_or_too_big_file_gets_the_callers_message(content, limit, message):
    with pytest.raises(files.SizeRefused) as refused:
        checked(content, limit)
    assert str(refused.value) == message


def test_a_file_at_the_limit_is_measured_and_rewound():
    upload = io.BytesIO(b"x" * 1_000)
    upload.seek(500)
    assert files.checked_size(upload, 1_000, empty="", too_big="") == 1_000
    assert upload.tell() == 0
