from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "materials"
    verbose_name = _("Documents")

    def ready(self):
        from agenda import hooks

        from . import exports, interchange, signals, speaker_uploads  # noqa: F401
        from .admin import AttachmentInline
        from .pages import documents_block_context

        hooks.event_admin_inline(AttachmentInline)
        hooks.event_page_block(
            "materials/_documents.html", context=documents_block_context, place="main"
        )
        hooks.event_documents(exports.public_documents)
        hooks.talk_uploads(speaker_uploads.TALK_UPLOADS)
        hooks.interchange_section("documents", export=interchange.export, load=interchange.load)
