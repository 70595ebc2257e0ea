"""The instruments' content in other languages: the loader reads the translated copies of
the seed files side by side with the English ones, refuses a copy whose structure or codes
differ, and every registered field of every row comes out in Korean."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from django.utils import translation
from modeltranslation.translator import translator

from intercity.assessment import seed
from intercity.assessment.models import (
    ChallengeGroup,
    Instrument,
    InstrumentVersion,
    MasterPlanPhase,
    MasterPlanStep,
    PeerPolicy,
    Question,
    Section,
    SectoralModule,
)

pytestmark = pytest.mark.django_db

KO = seed.TRANSLATIONS_DIR / "ko"


def write_copy(folder: Path, name: str, data: object) -> Path:
    (folder / "ko").mkdir(parents=True, exist_ok=True)
    path = folder / "ko" / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_copy_with_another_code_is_refused_naming_the_file_and_the_place(tmp_path):
    data = seed._read("maturity-benchmark.yaml")
    data["sections"][1]["questions"][2]["code"] = "XX-99"
    path = write_copy(tmp_path, "maturity-benchmark.yaml", data)
    with pytest.raises(seed.TranslationMismatch) as refused:
        seed.load(translations=tmp_path)
    assert str(path) in str(refused.value)
    assert "sections[1].questions[2].code" in str(refused.value)


def test_a_copy_with_a_missing_item_or_another_number_is_refused(tmp_path):
    data = seed._read("sectoral-modules.yaml")
    data["modules"].pop()
    write_copy(tmp_path, "sectoral-modules.yaml", data)
    with pytest.raises(seed.TranslationMismatch, match="at modules: 11 items"):
        seed.load(translations=tmp_path)
    data = seed._read("peer-bands.yaml")
    data["population_bands"][0]["below"] = 1
    write_copy(tmp_path, "peer-bands.yaml", data)
    (tmp_path / "ko" / "sectoral-modules.yaml").unlink()
    with pytest.raises(seed.TranslationMismatch, match=r"population_bands\[0\]\.below"):
        seed.load(translations=tmp_path)


def test_an_empty_text_is_refused(tmp_path):
    data = seed._read("master-plan.yaml")
    data["phases"][0]["name"] = ""
    write_copy(tmp_path, "master-plan.yaml", data)
    with pytest.raises(seed.TranslationMismatch, match=r"phases\[0\]\.name"):
        seed.load(translations=tmp_path)


def test_a_copy_loaded_later_fills_the_translation_columns_of_existing_rows(tmp_path):
    data = seed._read("maturity-benchmark.yaml")
    data["instrument"]["name"] = "스마트시티 성숙도 및 벤치마크 모델"
    data["sections"][0]["name"] = "리더십과 거버넌스"
    question = data["sections"][0]["questions"][0]
    question["text"] = "시의 비전은 무엇입니까?"
    if "labels" in question:
        question["labels"] = {k: f"{k}단계" for k in question["labels"]}
    data["version"]["levels"][0]["name"] = "기초"
    write_copy(tmp_path, "maturity-benchmark.yaml", data)
    seed.load(translations=tmp_path)  # the instrument exists: only translations change

    instrument = Instrument.objects.get(slug="maturity-benchmark")
    version = instrument.versions.get(number=1)
    first = Section.objects.filter(version=version).order_by("position").first()
    q = first.questions.order_by("position").first()
    with translation.override("ko"):
        assert instrument.name == "스마트시티 성숙도 및 벤치마크 모델"
        assert first.name == "리더십과 거버넌스"
        assert q.text == "시의 비전은 무엇입니까?"
        assert version.levels[0]["name"] == "기초"
        if "labels" in question:
            assert set(q.config["labels"].values()) == {f"{k}단계" for k in question["labels"]}
    with translation.override("en"):
        assert instrument.name == "Smart City Maturity and Benchmark Model"
        assert (
            q.text == seed._read("maturity-benchmark.yaml")["sections"][0]["questions"][0]["text"]
        )
    with translation.override("ru"):  # no Russian yet: English
        assert instrument.name == "Smart City Maturity and Benchmark Model"


def test_a_published_question_takes_a_translation_but_not_another_english_text():
    q = Question.objects.filter(section__version__state=InstrumentVersion.State.PUBLISHED)[0]
    q.text_es = "¿Pregunta?"
    q.save()
    q.refresh_from_db()
    assert q.text_es == "¿Pregunta?"
    q.text_en = "Another question?"
    q.text = "Another question?"
    from intercity.assessment.models import FrozenVersion

    with pytest.raises(FrozenVersion):
        q.save()


# Which rows each seed file gives (for the Korean coverage test).
ROWS = {
    "ceds.yaml": lambda: _instrument_rows("ceds"),
    "maturity-benchmark.yaml": lambda: _instrument_rows("maturity-benchmark"),
    "challenge-groups.yaml": lambda: list(ChallengeGroup.objects.all()),
    "sectoral-modules.yaml": lambda: list(SectoralModule.objects.all()),
    "master-plan.yaml": lambda: [*MasterPlanPhase.objects.all(), *MasterPlanStep.objects.all()],
    "peer-bands.yaml": lambda: list(PeerPolicy.objects.all()),
}


def _instrument_rows(slug):
    instrument = Instrument.objects.get(slug=slug)
    versions = list(instrument.versions.all())
    sections = list(Section.objects.filter(version__in=versions))
    questions = list(Question.objects.filter(section__in=sections))
    return [instrument, *versions, *sections, *questions]


def _empty(value):
    return value is None or value == "" or value == [] or value == {}


@pytest.mark.parametrize("name", sorted(ROWS))
def test_every_registered_field_of_every_row_has_a_korean_text(name):
    """Runs on the Korean files present; once all exist, both instruments are complete."""
    if not (KO / name).exists():
        pytest.skip(f"{KO / name} is not written yet")
    missing = []
    for row in ROWS[name]():
        for field in translator.get_options_for_model(type(row)).fields:
            english = getattr(row, f"{field}_en")
            if not _empty(english) and _empty(getattr(row, f"{field}_ko")):
                missing.append(f"{type(row).__name__} {row.pk} {field}")
    assert not missing, missing[:20]
