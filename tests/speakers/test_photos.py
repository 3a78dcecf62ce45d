"""speakers.photos without HTTP: only real PNG and JPEG, re-encoded, never the bytes sent."""

import io

import pytest
from PIL import Image

from common.files import human_size
from speakers import photos
from tests.support import documents as files
from tests.support import images


def prepared(content: bytes, limit: int = photos.DEFAULT_LIMIT) -> photos.Photo:
    return photos.prepare(io.BytesIO(content), limit=limit)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (files.HTML_BYTES, "not a PNG or JPEG image"),
        (files.SVG_BYTES, "not a PNG or JPEG image"),
        (files.PDF_BYTES, "not a PNG or JPEG image"),
        (b"", "The photo file is empty."),
        (files.PNG_BYTES, "could not be read"),  # the right first bytes, nothing behind them
        (files.JPEG_BYTES, "could not be read"),
        (images.png()[:-40], "could not be read"),  # cut short
        (images.png(10, 10), "at least 32 pixels"),
        (images.pixel_bomb(), "too many pixels"),
    ],
    ids=["html", "svg", "pdf", "empty", "png-magic", "jpeg-magic", "truncated", "tiny", "bomb"],
)
def test_what_is_not_a_photo_is_refused_with_a_message(content, message):
    with pytest.raises(photos.PhotoRefused, match=message):
        prepared(content)


def test_a_photo_over_the_limit_is_refused_before_it_is_read():
    content = images.png(200, 200)
    with pytest.raises(photos.PhotoRefused) as refused:
        prepared(content, limit=len(content) - 1)
    # The sizes are written as the operating system shows them (common.files.human_size).
    assert str(refused.value) == (
        f"The photo is {human_size(len(content))}; the limit is {human_size(len(content) - 1)}."
    )
    with pytest.raises(
        photos.PhotoRefused, match=r"^The photo is 6\.0 MB; the limit is 5\.0 MB\.$"
    ):
        prepared(b"\x89PNG\r\n\x1a\n" + bytes(5_999_992), limit=5_000_000)
    assert prepared(content, limit=len(content)).extension == "png"


@pytest.mark.parametrize(
    ("content", "extension", "pillow_format"),
    [(images.png(), "png", "PNG"), (images.jpeg(), "jpg", "JPEG")],
)
def test_real_photos_are_kept_in_their_format(content, extension, pillow_format):
    photo = prepared(content)
    assert photo.extension == extension
    assert Image.open(io.BytesIO(photo.content)).format == pillow_format
    assert (photo.width, photo.height) == (64, 64)


def test_what_hides_after_the_image_is_not_stored():
    polyglot = images.png() + files.HTML_BYTES
    photo = prepared(polyglot)
    assert b"<script" not in photo.content
    assert photo.content != polyglot


def test_the_camera_and_gps_position_are_dropped():
    sent = images.jpeg(with_gps=True)
    assert images.GPS_TAG in Image.open(io.BytesIO(sent)).getexif()  # the test can fail
    kept = Image.open(io.BytesIO(prepared(sent).content)).getexif()
    assert images.GPS_TAG not in kept
    assert 0x010F not in kept


def test_a_large_photo_is_brought_down_to_the_long_side():
    photo = prepared(images.jpeg(3000, 1500))
    assert (photo.width, photo.height) == (1200, 600)


def test_stored_names_are_unguessable():
    names = {photos.stored_name("png") for _ in range(50)}
    assert len(names) == 50
    assert all(n.endswith(".png") and len(n) >= 36 for n in names)
