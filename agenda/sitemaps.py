"""sitemap.xml: published events and the people who appear in public events."""

from django.contrib.sitemaps import Sitemap

from speakers.models import Person

from .models import Event


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
        return Person.objects.public().order_by("slug")


sitemaps = {"events": EventSitemap, "speakers": PersonSitemap}
