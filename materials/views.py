"""Downloads: a document's file with the type found on upload, its length, and
headers that keep a browser from running anything in it."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_safe

from .access import may_open
from .models import Attachment


@require_safe
def download(request, uid, name):
    attachment = get_object_or_404(Attachment.objects.select_related("event"), uid=uid)
    if not attachment.file or not may_open(request.user, attachment):
        raise Http404  # a private document does not admit it exists
    if name != attachment.file_name:
        return redirect(attachment.get_absolute_url(), permanent=True)
    file_type = attachment.file_type
    if file_type is None:
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=not file_type.inline,
        filename=attachment.file_name,
        content_type=file_type.content_type,
    )
    response["Content-Length"] = str(attachment.file.size)
    response["X-Content-Type-Options"] = "nosniff"
    # Nothing in a document may run as this site: no scripts, no forms, no plugins.
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    if not attachment.is_public or not attachment.event.is_public:
        response["Cache-Control"] = "private, no-store"
    return response
