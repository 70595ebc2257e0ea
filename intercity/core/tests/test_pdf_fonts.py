"""Every letter a PDF prints has a glyph in the font embedded for it: Korean, Chinese, Russian,
Vietnamese, Turkish and Spanish, in a sample document and in the invoice, the memorandum and
the assessment report built in Korean and in Chinese (docs/decisions/0016).

The check reads the PDF as a viewer does: for each piece of text drawn, the font it is drawn
in (which must be embedded), the code of each letter, the letter the font's ToUnicode map says
it is, and the glyph the embedded font file gives that code (which must not be .notdef, and
must have outlines unless it is a space).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from fontTools.subset import Options, Subsetter  # type: ignore[import-untyped]
from fontTools.ttLib import TTFont  # type: ignore[import-untyped]
from pypdf import PdfReader
from pypdf.generic import ContentStream, DictionaryObject
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont as ReportlabTTFont
from reportlab.platypus import Flowable

from intercity.core import pdf

# The glossary of the network's terms (docs/translating.md) and names of member cities.
SAMPLES = {
    "ko": "총회 · 집행위원회 · 사무국 · 사무총장 · 회장도시 · 정관 제5조 · 정회원 · 준회원 · "
    "회비 체납 · 청구서 · 의사정족수 · 서면 동의 · 회의록 · 지역사무소 · 자가진단 · "
    "성숙도 단계 · 마스터플랜 · 시민참여시스템 · 접수번호 · 서울특별시 · 고양시 · 울산광역시",
    "zh-hans": "全体大会 · 执行委员会 · 秘书处 · 秘书长 · 主席城市 · 章程第5条 · 正式会员 · "
    "会费欠费 · 账单 · 法定人数 · 书面同意 · 会议纪要 · 区域办事处 · 自我评估 · "
    "成熟度等级 · 总体规划 · 市民参与系统 · 跟踪编号 · 成都市 · 乌兰巴托 · 嘉兴",
    "ru": "Генеральная ассамблея · Исполнительный комитет · Секретариат · устав · "
    "членский взнос · задолженность · счёт № 12 · кворум · протокол заседания · Ульяновск",
    "vi": "Hà Nội · Đà Nẵng · Thành phố Hồ Chí Minh · Huế · Cần Thơ · Hải Phòng",
    "es": "Asamblea General · Comité Ejecutivo · Secretaría · cuota de membresía · "
    "atrasos · quórum · acta · Ciudad de México · São Paulo · İstanbul · Kraków · "
    "€ 1.250,00 — 5–7 ✓ …",
}


@dataclass(frozen=True)
class Drawn:
    """One letter as a page draws it."""

    font: str
    letter: str
    problem: str = ""


def _to_unicode(font: DictionaryObject) -> dict[int, str]:
    stream: Any = font["/ToUnicode"].get_object()
    data = stream.get_data().decode("latin-1")
    mapping: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.DOTALL):
        for code, target in re.findall(r"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]+)>", block):
            mapping[int(code, 16)] = bytes.fromhex(target).decode("utf-16-be")
    return mapping


class EmbeddedFont:
    def __init__(self, font: DictionaryObject) -> None:
        self.name = str(font.get("/BaseFont", "?"))
        descriptor = font.get("/FontDescriptor")
        file = descriptor.get_object().get("/FontFile2") if descriptor else None
        self.embedded = file is not None
        self.letters: dict[int, str] = {}
        if file is None:
            return
        self.ttf = TTFont(io.BytesIO(file.get_object().get_data()))
        self.cmap: dict[int, str] = {}
        for table in self.ttf["cmap"].tables:
            self.cmap.update(table.cmap)
        self.letters = _to_unicode(font)

    def letter(self, code: int) -> Drawn:
        letter = self.letters.get(code, "")
        if not self.embedded:
            return Drawn(self.name, letter, "not embedded")
        glyph = self.cmap.get(code)
        if glyph is None or glyph == ".notdef" or self.ttf.getGlyphID(glyph) == 0:
            return Drawn(self.name, letter, ".notdef")
        if not letter.isspace() and self.ttf["glyf"][glyph].numberOfContours == 0:
            return Drawn(self.name, letter, "empty glyph")
        return Drawn(self.name, letter)


def drawn_letters(content: bytes) -> list[Drawn]:
    """Each letter drawn on each page, with the font it is drawn in."""
    reader = PdfReader(io.BytesIO(content))
    out: list[Drawn] = []
    for page in reader.pages:
        resources: Any = page["/Resources"].get_object()
        fonts = resources.get("/Font", {})
        known: dict[str, EmbeddedFont] = {}
        current: EmbeddedFont | None = None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"Tf":
                key = str(operands[0])
                if key not in known:
                    known[key] = EmbeddedFont(fonts[key].get_object())
                current = known[key]
                continue
            if operator in (b"Tj", b"'", b'"'):
                pieces = [operands[-1]]
            elif operator == b"TJ":
                pieces = [p for p in operands[0] if not isinstance(p, int | float)]
            else:
                continue
            assert current is not None, "text drawn before a font was chosen"
            for piece in pieces:
                codes = piece if isinstance(piece, bytes) else piece.get_original_bytes()
                out += [current.letter(code) for code in codes]
    return out


def glyph_problems(content: bytes) -> list[str]:
    return sorted(
        {f"{d.letter!r} in {d.font}: {d.problem}" for d in drawn_letters(content) if d.problem}
    )


def text_of(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def assert_every_letter_has_its_glyph(content: bytes, *expected: str) -> None:
    assert glyph_problems(content) == []
    drawn = {d.letter for d in drawn_letters(content)}
    text = text_of(content)
    for sample in expected:
        assert " ".join(sample.split()) in text
        assert set(sample) - {" ", "\n"} <= drawn


class Samples(pdf.Layout):
    def story(self) -> list[Flowable]:
        out: list[Flowable] = [self.para("총회 全体大会 Ассамблея Hà Nội", self.styles.title)]
        for language, sample in SAMPLES.items():
            out.append(self.para(language, self.styles.h3))
            out.append(self.para(sample))
            out.append(self.para(sample, bold_label="Bold:"))
        out.append(self.facts([(SAMPLES["ko"][:12], SAMPLES["zh-hans"][:20])]))
        return out


def samples_pdf(fonts: pdf.Fonts) -> bytes:
    return pdf.build(
        Samples(fonts),
        footer=pdf.footer_line(fonts, "서울 · 成都 · Ульяновск · Hà Nội"),
        title="Samples",
        author="Intercity",
        subject="Glyph coverage",
    )


# --- The committed fonts --------------------------------------------------------------------


def test_the_fonts_are_files_of_the_project_in_truetype_outlines():
    total = 0
    for regular, bold in pdf.FONT_FILES:
        for name in (regular, bold):
            path = pdf.FONT_DIR / name
            assert path.is_file(), path
            total += path.stat().st_size
            font = TTFont(str(path), lazy=True)
            assert "glyf" in font
            assert "CFF " not in font  # reportlab embeds TrueType outlines only
            assert font["OS/2"].fsType == 0  # installable: embedding allowed
    assert total < 12_000_000
    for folder in pdf.FONT_DIRS:
        assert Path(folder).resolve().is_relative_to(Path(pdf.__file__).resolve().parent)
    licences = {p.name for p in pdf.FONT_DIR.iterdir()}
    assert {"README.md", "OFL-NotoSansCJK.txt", "LICENSE-DejaVu.txt"} <= licences


def gb2312_hanzi() -> set[int]:
    out = set()
    for row in range(16, 88):
        for cell in range(1, 95):
            try:
                out.add(ord(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return out


@pytest.mark.parametrize("file", [name for pair in pdf.FONT_FILES for name in pair])
def test_each_face_covers_every_script_we_print(file):
    cmap = TTFont(str(pdf.FONT_DIR / file), lazy=True).getBestCmap()
    glyf = TTFont(str(pdf.FONT_DIR / file))["glyf"]
    hangul = set(range(0xAC00, 0xD7A4))
    hanzi = gb2312_hanzi()
    assert len(hangul) == 11_172
    assert len(hanzi) == 6_763
    vietnamese = {ord(c) for c in "ẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộ"}
    vietnamese |= {ord(c) for c in "ỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹĐđƠơƯư"}
    latin = set(range(0x20, 0x7F)) | set(range(0xA0, 0x250))  # Latin-1, Extended-A and -B
    cyrillic = set(range(0x410, 0x450)) | {0x401, 0x451}
    symbols = {ord(c) for c in "·—–‘’“”«»•…€№✓₩¥₫"}
    for name, codes in [
        ("Hangul", hangul),
        ("GB 2312", hanzi),
        ("Vietnamese", vietnamese),
        ("Latin", latin),
        ("Cyrillic", cyrillic),
        ("symbols", symbols),
    ]:
        missing = sorted(chr(c) for c in codes - set(cmap))
        assert missing == [], f"{name}: {''.join(missing[:40])}"
    for char in "가힣한国会议Жấ✓":
        assert glyf[cmap[ord(char)]].numberOfContours != 0, char


def test_find_fonts_reads_the_project_folder_not_the_machines(monkeypatch):
    """With the system's font folders hidden, the committed fonts are still found."""
    original = Path.is_file

    def hidden(self: Path) -> bool:
        return not str(self).startswith(("/usr/share/fonts", "/usr/local/share/fonts")) and (
            original(self)
        )

    monkeypatch.setattr(Path, "is_file", hidden)
    fonts = pdf.find_fonts()
    assert fonts == pdf.Fonts("IntercitySans", "IntercitySans-Bold", unicode=True)
    assert pdf.default_fonts() == fonts
    assert_every_letter_has_its_glyph(samples_pdf(fonts), *SAMPLES.values())


# --- The check itself can fail --------------------------------------------------------------


def test_the_check_finds_a_letter_the_font_lacks(tmp_path):
    """A copy of the regular face without Hangul: the Korean sample comes out as .notdef."""
    font = TTFont(str(pdf.FONT_DIR / pdf.FONT_FILES[0][0]))
    options = Options()
    options.notdef_outline = True
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=range(0x20, 0x250))
    subsetter.subset(font)
    for record in font["name"].names:  # its own name, not the real face's, for reportlab
        if record.nameID in (1, 3, 4, 6):
            record.string = "LatinOnlyTest"
    latin_only = tmp_path / "LatinOnly.ttf"
    font.save(str(latin_only))
    pdfmetrics.registerFont(ReportlabTTFont("LatinOnlyTest", str(latin_only)))
    pdfmetrics.registerFontFamily("LatinOnlyTest", normal="LatinOnlyTest", bold="LatinOnlyTest")
    content = samples_pdf(pdf.Fonts("LatinOnlyTest", "LatinOnlyTest", unicode=True))
    problems = glyph_problems(content)
    assert any("LatinOnlyTest: .notdef" in p for p in problems)
    drawn = [d for d in drawn_letters(content) if not d.problem]
    assert "H" in {d.letter for d in drawn}
    assert "총" not in {d.letter for d in drawn}
    assert "총회" not in text_of(content)


def test_the_check_finds_text_in_a_font_that_is_not_embedded():
    fallback = pdf.find_fonts(("/nonexistent",))
    problems = glyph_problems(samples_pdf(fallback))
    assert any("/Helvetica: not embedded" in p for p in problems)


# --- Every script in a sample document ------------------------------------------------------


def test_a_document_in_every_script_has_a_glyph_for_every_letter():
    content = samples_pdf(pdf.default_fonts())
    assert_every_letter_has_its_glyph(content, *SAMPLES.values(), "서울 · 成都 · Ульяновск")
    # reportlab embeds the glyphs a document uses, not the 10 MB of fonts.
    assert len(content) < 400_000


def test_a_footer_of_wide_letters_is_cut_to_fit_beside_the_page_number():
    fonts = pdf.default_fonts()
    line = pdf.footer_line(fonts, "全体大会" * 30)
    assert line.endswith("…")
    assert pdfmetrics.stringWidth(line, fonts.regular, pdf.FOOTER_SIZE) <= pdf.FOOTER_WIDTH
    assert pdf.footer_line(fonts, "Hà Nội · 서울") == "Hà Nội · 서울"


# --- The real documents, in Korean and in Chinese -------------------------------------------

DATA = {
    "ko": {
        "city": "서울특별시",
        "network": "세계스마트지속가능도시기구",
        "meeting": "2026 세계스마트지속가능도시기구 집행위원회 회의",
        "venue": "서울시청 다목적홀",
        "item": "2027년 사업계획 및 예산",
        "motion": "2027년 사업계획 채택",
        "text": "집행위원회는 사무국이 제출한 사업계획을 채택합니다.",
        "sections": ["거버넌스", "디지털 인프라", "데이터 활용", "시민 참여", "지속가능성"],
    },
    "zh-hans": {
        "city": "成都市",
        "network": "世界智慧可持续城市组织",
        "meeting": "2026年世界智慧可持续城市组织执行委员会会议",
        "venue": "成都市人民政府会议中心",
        "item": "2027年工作计划和预算",
        "motion": "通过2027年工作计划",
        "text": "执行委员会通过秘书处提交的工作计划。",
        "sections": ["治理", "数字基础设施", "数据利用", "市民参与", "可持续发展"],
    },
}
LANGUAGES = list(DATA)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_invoice_in_korean_and_chinese(language):
    from intercity.membership import invoice_pdf

    data = DATA[language]
    document = invoice_pdf.InvoiceDocument(
        network_name=data["network"],
        network_short_name="WeGO",
        network_seat=data["city"],
        member_name=data["city"],
        member_key="seoul",
        member_country="KR",
        number="WEGO-2026-0007",
        year=2026,
        category=data["item"],
        amount=Decimal("12500.00"),
        currency="USD",
        issued_on=dt.date(2026, 1, 15),
        due_on=dt.date(2026, 3, 31),
        explanation=data["text"],
        paid=Decimal("2500.00"),
        credited=Decimal(0),
        balance=Decimal("10000.00"),
        payment_instructions=data["venue"],
    )
    with translation.override(language):
        content = invoice_pdf.render(document)
    assert_every_letter_has_its_glyph(content, data["city"], data["network"], data["text"])


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_memorandum_in_korean_and_chinese(language, wego, secretariat):
    from intercity.governance import minutes, minutes_pdf, services

    data = DATA[language]
    meeting = services.create_meeting(
        secretariat,
        wego,
        "executive-committee",
        title=data["meeting"],
        date=dt.date(2026, 6, 20),
        venue=data["venue"],
    )
    item = services.add_agenda_item(
        secretariat, meeting, number="1", title=data["item"], description=data["text"]
    )
    services.propose_motion(secretariat, item, title=data["motion"], text=data["text"])
    with translation.override(language):
        content = minutes_pdf.render(minutes.memorandum(meeting))
    assert_every_letter_has_its_glyph(
        content, data["meeting"], data["venue"], data["item"], data["motion"], data["text"]
    )


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_assessment_report_and_its_chart_in_korean_and_chinese(language, seoul_officer):
    from intercity.assessment import report_pdf, results
    from intercity.assessment.tests.test_report import start, submitted

    data = DATA[language]
    assessment = submitted(seoul_officer, start(seoul_officer, slug="maturity-benchmark"))
    outcome = results.outcome(assessment)
    assert len(outcome.sections) == len(data["sections"])
    # The city and the dimensions as they read in the language, on the page and on the chart.
    # (Set in the language's own column: the seed already gives Seoul a Korean and a Chinese name.)
    with translation.override(language):
        outcome.assessment.organisation.name = data["city"]
    outcome = dataclasses.replace(
        outcome,
        sections=tuple(
            dataclasses.replace(section, name=name)
            for section, name in zip(outcome.sections, data["sections"], strict=True)
        ),
    )
    with translation.override(language):
        content = report_pdf.render(outcome)
    assert_every_letter_has_its_glyph(content, data["city"], *data["sections"])
