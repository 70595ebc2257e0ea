import io

from pypdf import PdfReader
from reportlab.platypus import Flowable

from intercity.core import pdf


class Letter(pdf.Layout):
    def story(self) -> list[Flowable]:
        return [
            self.para("A letter", self.styles.title),
            self.facts([("From", "Hà Nội"), ("To", ""), ("About", "Dues")]),
            self.bullets(["first", "second"]),
        ]


def text_of(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_a_document_is_built_from_its_layout_with_a_footer_and_numbered_pages():
    fonts = pdf.default_fonts()
    content = pdf.build(
        Letter(fonts),
        footer=pdf.footer_line(fonts, "Hà Nội · a letter"),
        title="A letter",
        author="Intercity",
        subject="Test",
    )
    text = text_of(content)
    assert content.startswith(b"%PDF")
    assert "A letter" in text
    assert "About" in text
    assert "To" not in text.split()  # a fact without a value is left out
    assert "Page 1 of 1" in text


def test_without_a_unicode_font_the_letters_lose_only_their_extra_accents():
    fonts = pdf.find_fonts(("/nonexistent",))
    assert fonts == pdf.Fonts("Helvetica", "Helvetica-Bold", unicode=False)
    assert pdf.footer_line(fonts, "Hà Nội") == "Hà Nôi"
    assert pdf.footer_line(fonts, "x" * 100) == "x" * 89 + "…"
    content = pdf.build(
        Letter(fonts), footer="f", title="t", author="a", subject="s", compress=False
    )
    assert b"/Helvetica" in content
    assert "Hà Nôi" in text_of(content)
