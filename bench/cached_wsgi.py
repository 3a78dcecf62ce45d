"""The production app with the event page behind `agenda.caching.cache_per_event`.

The benchmark serves this for its "cached event page" figures until the public
views wrap themselves; wrapping an already cached view again changes nothing.
"""

from eventsite.wsgi import application  # sets Django up; gunicorn serves it


def serve_event_page_from_cache() -> None:
    # Imported here: the URLconf and views need Django set up first.
    from django.urls import path

    import eventsite.urls
    from agenda import views
    from agenda.caching import cache_per_event

    eventsite.urls.urlpatterns.insert(
        0, path("events/<slug:slug>/", cache_per_event(views.event_detail), name="cached_event")
    )


serve_event_page_from_cache()
__all__ = ["application"]
