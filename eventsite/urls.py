from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.i18n import JavaScriptCatalog

from accounts.views import PasswordReset
from agenda.sitemaps import sitemaps
from agenda.views import favicon, robots_txt
from eventsite.health import healthz

# A database lost outside a view (a middleware) is a 503 too, not a 500.
handler500 = "eventsite.outage.server_error"

# The organisers' admin speaks of the site, not of the framework.
admin.site.site_header = admin.site.site_title = "eventsite"
admin.site.index_title = _("Plan events")

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("favicon.ico", favicon),
    # The language switcher posts here (set_language) and returns to the same page.
    path("i18n/", include("django.conf.urls.i18n")),
]

# Pages in English at their old, unprefixed URLs; /fr/… and /es/… for the others.
urlpatterns += i18n_patterns(
    # The words of static/js/*.js; they change only with a release, so browsers keep them.
    path(
        "jsi18n/",
        cache_control(public=True, max_age=3600)(JavaScriptCatalog.as_view()),
        name="javascript-catalog",
    ),
    # The admin's login page offers "Forgotten your password?" when this name exists.
    path("admin/password_reset/", PasswordReset.as_view(), name="admin_password_reset"),
    path("admin/", admin.site.urls),
    path("speakers/", include("agenda.speaker_urls")),
    path("", include("registrations.urls")),
    path("", include("runofshow.urls")),
    path("", include("materials.urls")),
    path("", include("invitations.urls")),
    path("", include("accounts.urls")),
    path("", include("agenda.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
