"""Pages of the service as a whole, open to everyone."""

from django.conf import settings
from django.shortcuts import render

from avhopp import accessibility


def accessibility_statement(request):
    """The tillgänglighetsredogörelse, in DIGG's structure; no login needed."""
    return render(
        request,
        "accessibility_statement.html",
        {
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "assessed_on": accessibility.ASSESSED_ON,
            "reflow_width": accessibility.REFLOW_WIDTH_PX,
            "axe_version": accessibility.AXE_CORE_VERSION,
        },
    )
