from django.shortcuts import get_object_or_404, render

from .models import Person


def person_list(request):
    people = Person.objects.public().select_related("organisation")
    return render(request, "speakers/person_list.html", {"people": people})


def person_detail(request, slug):
    person = get_object_or_404(Person.objects.public().select_related("organisation"), slug=slug)
    participations = person.participations.filter(
        agenda_item__event__status__in=("published", "cancelled")
    ).select_related("agenda_item__event")
    return render(
        request,
        "speakers/person_detail.html",
        {"person": person, "participations": participations},
    )
