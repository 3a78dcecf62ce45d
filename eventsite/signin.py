"""What a locked-out sign-in is told (django-axes' AXES_LOCKOUT_CALLABLE).

The same words for every lockout: an address or an account name over the limit,
an account that exists or one that does not. Nothing tells an attacker which
names are accounts; the owner is told when to try again.
"""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def locked_out(request, response=None, credentials=None, *args, **kwargs):
    hours = settings.AXES_COOLOFF_TIME.total_seconds() / 3600
    context = {
        "title": _("Too many failed sign-ins"),
        "message": _(
            "Too many sign-ins failed from here or with this name. "
            "Try again in %(hours)s hour(s), or ask your organisation's manager."
        )
        % {"hours": f"{hours:g}"},
    }
    # Rendered here: axes hands the response straight back, past the template machinery.
    return TemplateResponse(request, "admin/locked_out.html", context, status=429).render()
