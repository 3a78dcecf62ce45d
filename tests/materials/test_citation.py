import pytest

from materials.citation import Citation

SEED_CITATION = (
    "Karcı Korfalı, D. (ed.) (2018). *Reflecting on the Necessity of International "
    "Cooperation and Supporting New Models of Cooperation to Counter Migrant Smuggling*. "
    "IOM, Geneva."
)
SEED_TITLE = (
    "Reflecting on the Necessity of International Cooperation and Supporting New Models "
    "of Cooperation to Counter Migrant Smuggling"
)


def test_the_seeds_citation_comes_out_character_for_character():
    citation = Citation("Karcı Korfalı, D.", 2018, SEED_TITLE, "IOM", "Geneva")
    assert citation.as_text() == SEED_CITATION


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            ("Doe, J.; Roe, R.", 2020, "T", "P", "X"),
            "Doe, J. and Roe, R. (eds.) (2020). *T*. P, X.",
        ),
        (
            ("Doe, J.; Roe, R.; Poe, E.", None, "T", "P", ""),
            "Doe, J., Roe, R. and Poe, E. (eds.). *T*. P.",
        ),
        (("", 2019, "T", "", "Geneva"), "(2019). *T*. Geneva."),
        (("", None, "T", "", ""), "*T*."),
    ],
)
def test_missing_parts_leave_no_stray_punctuation(fields, expected):
    assert Citation(*fields).as_text() == expected
