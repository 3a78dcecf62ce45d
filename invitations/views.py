"""The speaker's private link page: answer, correct, consent. Thin: services do the work."""

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import require_POST

from agenda import hooks
from agenda.models import Participation
from speakers.photos import PhotoRefused

from . import services, tokens
from .forms import PhotoForm, ResponseForm, UploadForm
from .models import Invitation, Proposal


class LinkRefused(Exception):
    pass


def _invitation(token: str) -> Invitation:
    try:
        uid = tokens.uid_from_token(token)
    except tokens.LinkExpired as error:
        raise LinkRefused(
            _("This link has expired. Ask the organisers to send you a new invitation.")
        ) from error
    if uid is None:
        raise LinkRefused(_("This link is not valid. Check that it was copied whole."))
    try:
        return (
            Invitation.objects.select_related(
                "participation__person__organisation", "participation__agenda_item__event"
            )
            # In the same query: whether a photo waits for the organisers.
            .annotate(
                photo_pending=Exists(
                    Proposal.objects.filter(
                        participation=OuterRef("participation_id"),
                        field=Proposal.Field.PHOTO,
                        accepted__isnull=True,
                    )
                )
            )
            .get(uid=uid)
        )
    except Invitation.DoesNotExist as error:
        raise Http404(_("This invitation no longer exists.")) from error


def initial(participation: Participation) -> dict:
    data = {f: services.current_value(participation, f) for f in ResponseForm.CORRECTIONS}
    if participation.status in (Participation.Status.CONFIRMED, Participation.Status.DECLINED):
        data["answer"] = participation.status
    if participation.public_consent is not None:
        data["consent"] = "yes" if participation.public_consent else "no"
    data["note"] = participation.note_to_organisers
    return data


def _upload_form(data=None, files=None):
    offered = hooks.talk_upload()
    if offered is None:
        return None
    return UploadForm(data, files, kinds=offered.kinds, accept=offered.accept)


def _page(
    request,
    invitation,
    form,
    upload_form,
    *,
    photo_form=None,
    saved=None,
    uploaded=False,
    photo_sent="",
    status=200,
):
    participation = invitation.participation
    offered = hooks.talk_upload()
    documents = offered.listed(participation, settings.EVENTSITE_BASE_URL) if offered else []
    response = render(
        request,
        "invitations/respond.html",
        {
            "form": form,
            "upload_form": upload_form,
            "photo_form": photo_form or PhotoForm(),
            "photo_sent": photo_sent,
            "pending_photo": invitation.photo_pending,
            "person": participation.person,
            "documents": documents,
            "uploaded": uploaded,
            "token": request.resolver_match.kwargs["token"],
            "participation": participation,
            "event": participation.agenda_item.event,
            "item": participation.agenda_item,
            "saved": saved is not None,
            "proposals": saved or [],
        },
        status=status,
    )
    # The link is the key: never send it to another site (same-origin keeps the form's
    # own Origin header, which CSRF checks; "no-referrer" would make it null).
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@csrf_protect
def respond(request, token):
    try:
        invitation = _invitation(token)
    except LinkRefused as error:
        return render(request, "invitations/link_refused.html", {"reason": error}, status=403)
    participation = invitation.participation
    saved = None
    if request.method == "POST":
        form = ResponseForm(request.POST)
        if form.is_valid():
            saved = services.respond(
                invitation,
                services.Answer(
                    status=form.cleaned_data["answer"],
                    note=form.cleaned_data["note"],
                    consent=form.cleaned_data["consent"] == "yes",
                    corrections=form.corrections(),
                ),
            )
            participation.refresh_from_db()
            form = ResponseForm(initial=initial(participation))
    else:
        form = ResponseForm(initial=initial(participation))
    return _page(
        request,
        invitation,
        form,
        _upload_form(),
        saved=saved,
        uploaded=request.GET.get("uploaded") == "1",
        photo_sent=request.GET.get("photo", "")[:10],
    )


@never_cache
@csrf_protect
@require_POST
def upload(request, token):
    """The person's slides or paper: stored through the safe upload path, or refused
    with the reason on the same page."""
    try:
        invitation = _invitation(token)
    except LinkRefused as error:
        return render(request, "invitations/link_refused.html", {"reason": error}, status=403)
    upload_form = _upload_form(request.POST, request.FILES)
    if upload_form is None:
        raise Http404
    if upload_form.is_valid():
        try:
            hooks.talk_upload().upload(
                invitation.participation,
                upload_form.cleaned_data["file"],
                kind=upload_form.cleaned_data["kind"],
                title=upload_form.cleaned_data["title"],
            )
        except ValueError as refused:
            upload_form.add_error("file", str(refused))
        else:
            return redirect(reverse("invitations:respond", args=[token]) + "?uploaded=1")
    form = ResponseForm(initial=initial(invitation.participation))
    return _page(request, invitation, form, upload_form, status=400)


@never_cache
@csrf_protect
@require_POST
def photo(request, token):
    """The person's photo: a proposal (or their photo at once, per the event), or
    refused with the reason on the same page."""
    try:
        invitation = _invitation(token)
    except LinkRefused as error:
        return render(request, "invitations/link_refused.html", {"reason": error}, status=403)
    photo_form = PhotoForm(request.POST, request.FILES)
    if photo_form.is_valid():
        try:
            proposal = services.correct_photo(invitation, photo_form.cleaned_data["photo"])
        except PhotoRefused as refused:
            photo_form.add_error("photo", str(refused))
        else:
            sent = "proposed" if proposal else "applied"
            return redirect(reverse("invitations:respond", args=[token]) + f"?photo={sent}")
    form = ResponseForm(initial=initial(invitation.participation))
    return _page(request, invitation, form, _upload_form(), photo_form=photo_form, status=400)
