"""Real and disguised photos for upload tests, made with Pillow."""

import io

from PIL import Image

# An EXIF block with a GPS position (tag 0x8825 the GPS IFD pointer, any value will do).
GPS_TAG = 0x8825


def png(width: int = 64, height: int = 64, colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, "PNG")
    return out.getvalue()


def jpeg(width: int = 64, height: int = 64, *, with_gps: bool = False) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", (width, height), (30, 30, 200))
    exif = Image.Exif()
    if with_gps:
        exif[GPS_TAG] = {2: (48.0, 12.0, 30.0)}
        exif[0x010F] = "SpyCam"  # Make
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def pixel_bomb() -> bytes:
    """A small PNG that would unpack to 100 million pixels."""
    out = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(out, "PNG")
    return out.getvalue()
