"""sitemap.xml: published events and the people who appear in public events."""

from django.contrib.sitemaps import Sitemap

from .models import Event
from .selectors import public_people


class EventSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return Event.objects.published().order_by("-start")

    def lastmod(self, event):
        return event.updated_at


class PersonSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return public_people().order_by("slug")


sitemaps = {"events": EventSitemap, "speakers": PersonSitemap}
