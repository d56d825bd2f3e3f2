"""The QR code of an authenticator enrolment, drawn here as SVG (no outside service)."""

import qrcode
from qrcode.image.svg import SvgPathImage


def totp_qr_svg(*, config_url: str) -> str:
    """An inline <svg> element encoding the otpauth:// address."""
    image = qrcode.make(config_url, image_factory=SvgPathImage, box_size=10, border=2)
    svg = image.to_string(encoding="unicode")
    start = svg.find("<svg")
    return svg[start:]
