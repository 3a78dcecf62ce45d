"""The QR code of an authenticator app's set-up link, drawn as inline SVG (the
qrcode package, in the page itself: no image service sees the secret)."""

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _


def svg(text: str) -> SafeString:
    image = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathFillImage,  # white behind: scannable in dark mode
        box_size=8,
        border=4,
        error_correction=qrcode.constants.ERROR_CORRECT_M,
    )
    drawn = image.to_string(encoding="unicode")
    label = format_html(' role="img" aria-label="{}"', _("QR code to scan with your app"))
    # Our own markup from qrcode (digits and path commands only), labelled for screen readers.
    return mark_safe(drawn.replace("<svg ", f"<svg{label} class='qr-code' ", 1))


def base32_secret(key: bytes) -> str:
    return b32encode(key).decode("ascii").rstrip("=")
