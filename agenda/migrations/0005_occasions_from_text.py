"""Turn the events' occasion/theme and room/building texts into rows.

Forwards: events with the same occasion name and theme share one Occasion
(its days span theirs, its zone, city and country are the first event's; it is
published when one of its events is public); each room text in a building
becomes a Room of the Venue named by the building. The texts stay on the
events untouched, so nothing is lost. Backwards: an event whose texts are
empty takes them back from its rows, then the links are cleared (the schema
migration before this one drops the tables).
"""

from django.db import migrations
from django.utils.text import slugify

PUBLIC = ("published", "cancelled")


def _one_line(text):
    return " ".join(text.split())


def _unique_slug(Occasion, name):
    base = (slugify(name)[:100].strip("-")) or "occasion"
    slug, n = base, 2
    while Occasion.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def forwards(apps, schema_editor):
    import zoneinfo

    Event = apps.get_model("agenda", "Event")
    Occasion = apps.get_model("agenda", "Occasion")
    Venue = apps.get_model("agenda", "Venue")
    Room = apps.get_model("agenda", "Room")
    occasions = {}
    for event in Event.objects.order_by("start", "pk"):
        changed = []
        if (event.occasion or event.theme) and event.occasion_ref_id is None:
            key = (event.occasion, event.theme)
            zone = zoneinfo.ZoneInfo(event.time_zone)
            first, last = event.start.astimezone(zone).date(), event.end.astimezone(zone).date()
            occasion = occasions.get(key)
            if occasion is None:
                name = event.occasion or _one_line(event.theme)[:500]
                occasion = Occasion.objects.create(
                    name=name,
                    slug=_unique_slug(Occasion, name),
                    theme=event.theme,
                    starts_on=first,
                    ends_on=last,
                    time_zone=event.time_zone,
                    city=event.city,
                    country=event.country,
                    status="published" if event.status in PUBLIC else "draft",
                )
                occasions[key] = occasion
            else:
                occasion.starts_on = min(occasion.starts_on, first)
                occasion.ends_on = max(occasion.ends_on, last)
                if event.status in PUBLIC:
                    occasion.status = "published"
                occasion.save()
            event.occasion_ref = occasion
            changed.append("occasion_ref")
        if event.room and event.room_ref_id is None:
            venue, _ = Venue.objects.get_or_create(
                name=event.building or event.city or event.room,
                city=event.city,
                country=event.country,
            )
            room, _ = Room.objects.get_or_create(
                venue=venue, building=event.building, name=event.room
            )
            event.room_ref = room
            changed.append("room_ref")
        if changed:
            # update(), not save(): no SEQUENCE, version or history for a data move.
            Event.objects.filter(pk=event.pk).update(**{f: getattr(event, f) for f in changed})


def backwards(apps, schema_editor):
    Event = apps.get_model("agenda", "Event")
    for event in Event.objects.select_related("occasion_ref", "room_ref__venue"):
        texts = {}
        if event.occasion_ref is not None and not (event.occasion or event.theme):
            texts.update(occasion=event.occasion_ref.name, theme=event.occasion_ref.theme)
        if event.room_ref is not None and not event.room:
            room = event.room_ref
            texts.update(room=room.name, building=event.building or room.building)
            texts.update(city=event.city or room.venue.city)
            texts.update(country=event.country or room.venue.country)
        Event.objects.filter(pk=event.pk).update(occasion_ref=None, room_ref=None, **texts)


class Migration(migrations.Migration):
    dependencies = [("agenda", "0004_occasions_venues_rooms")]

    operations = [migrations.RunPython(forwards, backwards)]
