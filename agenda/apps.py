from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "agenda"
    verbose_name = "Events and agendas"

    def ready(self):
        from . import signals  # noqa: F401
