import pytest

from materials.names import download_name, stored_name


@pytest.mark.parametrize(
    ("uploaded", "extension", "expected"),
    [
        ("../../etc/passwd", "pdf", "passwd.pdf"),
        ("C:\\Users\\x\\Programme.docx", "docx", "Programme.docx"),
        ("Kon\x00zept\x1f.pdf", "pdf", "Konzept.pdf"),
        ("Karcı Korfalı – Rapor.pdf", "pdf", "Karcı Korfalı Rapor.pdf"),
        ("<script>.pdf", "pdf", "script.pdf"),
        ("...", "pdf", "document.pdf"),
        ("slides.PDF.exe", "pdf", "slides.PDF.pdf"),
    ],
)
def test_download_names_keep_letters_and_drop_paths_and_controls(uploaded, extension, expected):
    assert download_name(uploaded, extension) == expected


def test_stored_names_share_nothing_with_the_upload_and_do_not_repeat():
    names = {stored_name("pdf") for _ in range(100)}
    assert len(names) == 100
    assert all(n.endswith(".pdf") and len(n) > 30 for n in names)
