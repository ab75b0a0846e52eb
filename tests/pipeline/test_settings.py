"""Settings are resolved once, by one rule for every command."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bilingual.align import AlignConfig
from bilingual.errors import GlossaryError, InputError
from bilingual.pipeline import Settings, check_text, run
from bilingual.project import PROJECT_FILE

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
SMALL = "2023-06-01-digital-reform"
CSV_HEADER = "id,zh,en,en_variants_ok,forbidden,case_sensitive,note\n"


def corpus_of(tmp_path: Path, names: tuple[str, ...] = (SMALL,)) -> Path:
    root = tmp_path / "c"
    for side in ("zh", "en"):
        (root / side).mkdir(parents=True)
        for name in names:
            source = next((CORPUS / side).glob(f"{name}.*"))
            shutil.copy(source, root / side / source.name)
    return root


def glossary(folder: Path, english: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "terms.csv"
    path.write_text(CSV_HEADER + f"t1,数字化改革,{english},,,true,\n", encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run from an empty folder, so the current folder's glossaries/ is not found by accident."""
    (tmp_path / "cwd").mkdir()
    monkeypatch.chdir(tmp_path / "cwd")
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def english(settings: Settings) -> str:
    assert settings.glossary is not None
    return settings.glossary.terms[0].en[0]


def test_glossary_order(tmp_path: Path) -> None:
    root = corpus_of(tmp_path)
    # 4. glossaries/ in the current folder
    glossary(tmp_path / "cwd" / "glossaries", "from cwd")
    assert english(Settings.resolve([root])) == "from cwd"
    # 3. the nearest glossaries/ walking up from the corpus beats the current folder's
    glossary(tmp_path / "glossaries", "from above")
    assert english(Settings.resolve([root])) == "from above"
    # 2. the project file beats any glossaries/ folder
    named = glossary(tmp_path / "named", "from the project file")
    (root / PROJECT_FILE).write_text(f'glossary = "{named}"\n', encoding="utf-8")
    assert english(Settings.resolve([root])).endswith("project file")
    # 1. --glossary beats everything
    given = glossary(tmp_path / "given", "from the option")
    assert english(Settings.resolve([root], glossaries=[given])) == "from the option"


def test_glossary_above_a_corpus_given_as_a_relative_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``bilingual publish .`` from inside the corpus: its glossaries/ above is found, as from
    outside (Path(".").parents is empty: a relative path is walked up from its absolute form)."""
    root = corpus_of(tmp_path)
    glossary(tmp_path / "glossaries", "from above")
    monkeypatch.chdir(root)
    assert english(Settings.resolve([Path(".")])) == "from above"
    monkeypatch.chdir(root / "zh")
    assert english(Settings.resolve([Path("..")])) == "from above"


def test_without_a_glossary_check_refuses_and_others_go_on(tmp_path: Path) -> None:
    root = corpus_of(tmp_path)
    assert Settings.resolve([root]).glossary is None
    with pytest.raises(GlossaryError, match="no glossary"):
        Settings.resolve([root], require_glossary=True)


def test_project_file_sets_alignment_defaults_and_options_override(tmp_path: Path) -> None:
    root = corpus_of(tmp_path)
    (root / PROJECT_FILE).write_text("[align]\nsimilarity = 'lexical'\nmax_bead = 3\n", encoding="utf-8")
    settings = Settings.resolve([root])
    assert (settings.config.similarity, settings.config.max_bead) == ("lexical", 3)
    assert Settings.resolve([root], max_bead=4).config.max_bead == 4


def test_signature_names_every_setting_that_changes_output(tmp_path: Path) -> None:
    root = corpus_of(tmp_path)
    plain = Settings.resolve([root], similarity="lexical")
    assert plain.signature.endswith("align:lexical|max-bead:5|glossary:none")
    changed = Settings.resolve([root], similarity="lexical", config=AlignConfig(skip=-2.0))
    assert "|const:skip=-2.0|" in changed.signature
    (root / "pins").mkdir()
    (root / "pins" / f"{SMALL}.pins").write_text("[0]:[0]\n", encoding="utf-8")
    pinned = Settings.resolve([root], similarity="lexical")
    assert "|pins:sha256-" in pinned.signature
    given = glossary(tmp_path / "g", "Digital Reform")
    assert "glossary:sha256-" in Settings.resolve([root], glossaries=[given]).signature


def test_date_is_the_newest_bulletin_unless_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = corpus_of(tmp_path, ("2023-02-14-grassroots-safety", "2023-11-08-yangtze-delta-jiashan"))
    assert Settings.resolve([root]).date == "2023-11-08T00:00:00Z"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert Settings.resolve([root]).date == "1970-01-02T00:00:00Z"


def test_a_pins_file_is_for_two_bulletins_only(tmp_path: Path) -> None:
    root = corpus_of(tmp_path)
    pins = tmp_path / "x.pins"
    pins.write_text("[0]:[0]\n", encoding="utf-8")
    with pytest.raises(InputError, match="pins file is for two bulletins"):
        Settings.resolve([root], pins=pins)


def test_pins_of_the_corpus_apply_to_two_bulletins_of_it(tmp_path: Path) -> None:
    root = corpus_of(tmp_path)
    (root / "pins").mkdir()
    (root / "pins" / f"{SMALL}.pins").write_text("[1,2]:[1]\n", encoding="utf-8")
    zh, en = next((root / "zh").iterdir()), next((root / "en").iterdir())
    beads = next(iter(run(Settings.resolve([zh, en], similarity="lexical")))).alignment.beads
    assert any(b.zh == (1, 2) and b.en == (1,) and b.pinned for b in beads)


def test_check_text_needs_no_bead(tmp_path: Path) -> None:
    from bilingual.glossary import load

    loaded = load(glossary(tmp_path / "g", "Digital Reform"))
    findings = check_text("推进数字化改革。", "We push digital reforms forward.", loaded)
    assert [f.verdict.value for f in findings] == ["case"]


def test_reading_nothing_is_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError):
        list(run(Settings.resolve([empty], use_glossary=False)))


def test_the_project_files_site_title_heads_the_site(tmp_path: Path) -> None:
    from bilingual.publish import publish

    root = corpus_of(tmp_path)
    (root / PROJECT_FILE).write_text('[site]\ntitle = "海宁公告 <中英>"\n', encoding="utf-8")
    publish(Settings.resolve([root], similarity="lexical"), tmp_path / "out")
    index = (tmp_path / "out" / "site" / "index.html").read_text(encoding="utf-8")
    assert "海宁公告 &lt;中英&gt;" in index  # escaped, never raw


@pytest.mark.parametrize(("installed", "mode"), [(True, "semantic"), (False, "lexical")])
def test_auto_is_settled_once_for_every_worker(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, installed: bool, mode: str
) -> None:
    """Workers (--jobs, --cluster) get the mode this process chose, not "auto" to settle again
    against what they have installed: their beads are what the signature says."""
    from bilingual.align import embed

    monkeypatch.setattr(embed, "available", lambda: installed)
    settings = Settings.resolve([corpus_of(tmp_path)], similarity="auto", use_glossary=False)
    assert settings.config.similarity == mode
    monkeypatch.setattr(embed, "available", lambda: not installed)  # a worker with the other install
    assert settings.config.mode == mode
    assert f"|align:{mode}|" in settings.signature
