"""Documents of events and of talks: concept notes, flyers, programmes, reports, slides."""
