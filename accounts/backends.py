"""Django's ModelBackend, reading with a session's user what the two-factor rules
need (`two_factor.with_facts`): whether they have an authenticator app and whether
a team of theirs requires one. Same query as before, so no admin page pays for the
rules. Signing in (the password check) is Django's own.
"""

from django.contrib.auth import backends, get_user_model

from . import two_factor


class ModelBackend(backends.ModelBackend):
    def get_user(self, user_id):
        users = two_factor.with_facts(get_user_model()._default_manager.all())
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
