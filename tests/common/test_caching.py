"""common.caching.conditional: Django's conditional answers, and no work without conditions."""

import pytest
from django.http import HttpResponse

from common.caching import conditional

ETAG = '"v1"'
LAST_MODIFIED = "Mon, 04 Sep 2017 11:15:00 GMT"


def page():
    response = HttpResponse(b"<p>agenda</p>")
    response["ETag"] = ETAG
    response["Last-Modified"] = LAST_MODIFIED
    return response


def test_a_request_without_conditions_gets_the_page_itself(rf):
    response = page()
    assert conditional(rf.get("/"), response) is response


@pytest.mark.parametrize(
    ("header", "value", "status"),
    [
        ("HTTP_IF_NONE_MATCH", ETAG, 304),
        ("HTTP_IF_NONE_MATCH", '"v0"', 200),
        ("HTTP_IF_MODIFIED_SINCE", "Mon, 04 Sep 2017 12:00:00 GMT", 304),
        ("HTTP_IF_MODIFIED_SINCE", "Mon, 04 Sep 2017 10:00:00 GMT", 200),
        ("HTTP_IF_MATCH", '"v0"', 412),
        ("HTTP_IF_MATCH", ETAG, 200),
        ("HTTP_IF_UNMODIFIED_SINCE", "Mon, 04 Sep 2017 10:00:00 GMT", 412),
        ("HTTP_IF_UNMODIFIED_SINCE", "Mon, 04 Sep 2017 12:00:00 GMT", 200),
    ],
)
def test_each_condition_is_answered_as_django_answers_it(rf, header, value, status):
    assert conditional(rf.get("/", **{header: value}), page()).status_code == status
