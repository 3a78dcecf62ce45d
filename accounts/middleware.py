"""The two-factor rules on every request (after django-otp's OTPMiddleware).

- A session signed in with a password alone, for an account with an authenticator
  app, is not signed in: `request.user` is anonymous everywhere (the code step
  reads the pending sign-in instead). The user is read lazily, as Django does.
- An admin page asked during a pending sign-in goes to the code step.
- An admin page asked by a member of a team that requires two-factor sign-in,
  without an app yet, goes to enrolment. Signing in and out stay open.
"""

from asgiref.sync import sync_to_async
from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.utils.functional import SimpleLazyObject

from . import two_factor

# Admin pages a person in the middle of signing in may still open.
OPEN = {"login", "logout", "jsi18n"}


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None:
            request.user = SimpleLazyObject(lambda: self._seen(user))
        auser = getattr(request, "auser", None)
        if auser is not None:  # async views read the same user
            request.auser = self._aseen(auser)
        return self.get_response(request)

    def _aseen(self, auser):
        async def seen():
            return await sync_to_async(self._seen)(await auser())

        return seen

    @staticmethod
    def _seen(user):
        return AnonymousUser() if two_factor.needs_code(user) else user

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or "admin" not in match.namespaces or match.url_name in OPEN:
            return None
        if two_factor.PENDING in request.session:
            return redirect_to_login(request.get_full_path(), "accounts:two_factor_code")
        user = request.user
        if user.is_authenticated and user.is_staff and two_factor.must_enrol(user):
            return redirect_to_login(request.get_full_path(), "accounts:two_factor")
        return None
