from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = "Registrations and e-mail"

    def ready(self):
        from . import signals  # noqa: F401
