"""The project file: found walking up, validated, errors with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual.project import PROJECT_FILE, Project, ProjectError, discover, find, load

ROOT = Path(__file__).resolve().parents[2]


def test_the_sample_corpus_has_a_project_file() -> None:
    project = discover(ROOT / "corpus")
    assert project.path == (ROOT / "corpus" / PROJECT_FILE)
    assert project.site["title"] == "嘉兴公告 中英对照"
    assert project.site["base_url"].startswith("https://")
    assert project.glossary == ()  # so a copy of the folder still works


def test_nearest_file_wins(tmp_path: Path) -> None:
    (tmp_path / PROJECT_FILE).write_text('[site]\ntitle = "outer"\n', encoding="utf-8")
    inner = tmp_path / "a" / "b"
    inner.mkdir(parents=True)
    assert find(inner) == tmp_path / PROJECT_FILE
    (tmp_path / "a" / PROJECT_FILE).write_text('[site]\ntitle = "inner"\n', encoding="utf-8")
    assert discover(inner / "file.txt").site["title"] == "inner"


def test_no_file_is_an_empty_project(tmp_path: Path) -> None:
    assert discover(None) == Project()


def test_glossary_paths_are_relative_to_the_file(tmp_path: Path) -> None:
    (tmp_path / "terms.csv").write_text("id,zh,en\n1,红船精神,Red Boat Spirit\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / PROJECT_FILE).write_text('glossary = "../terms.csv"\n', encoding="utf-8")
    expected = (tmp_path / "sub" / ".." / "terms.csv").absolute()
    assert load(tmp_path / "sub" / PROJECT_FILE).glossary == (expected,)


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ('glosary = "x.tbx"\n', "unknown key 'glosary'", 1),
        ('[site]\ntitle = "t"\ntitel = "u"\n', "unknown key 'site.titel'", 3),
        ("[align]\nmax_bead = 'five'\n", "align.max_bead has the wrong type", 2),
        ("[align]\nmax_bead = true\n", "align.max_bead has the wrong type", 2),
        ('glossary = "missing.tbx"\n', "does not exist", 1),
        ("[site\n", "not valid TOML", 1),
        ("site = 3\n", "site must be a table", 1),
    ],
)
def test_bad_project_files_name_file_and_line(tmp_path: Path, text: str, message: str, line: int) -> None:
    path = tmp_path / PROJECT_FILE
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProjectError, match=message) as caught:
        load(path)
    assert caught.value.path == str(path)
    assert caught.value.line == line
