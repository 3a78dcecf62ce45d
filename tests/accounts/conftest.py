import pytest

from tests.support.builders import make_organisation
from tests.support.teams import member


@pytest.fixture
def team():
    """Two teams: IOM's (a manager and an editor) and UNODC's (a manager)."""
    iom, unodc = make_organisation(acronym="IOM"), make_organisation(acronym="UNODC")
    return {
        "iom": iom,
        "unodc": unodc,
        "boss": member(iom, "boss", "manager"),
        "editor": member(iom, "ed", "editor"),
        "other boss": member(unodc, "other", "manager"),
    }
