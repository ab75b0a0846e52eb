"""The stages depend downward only: an import-graph test over the whole package.

The allowed arrows are the README's ("Architecture"): ``corpus``, ``align`` and
``glossary`` stand on the model (``align`` may use ``corpus``; ``glossary``
uses neither), ``formats`` on the model and ``glossary`` (term markup),
``pipeline`` on all of those, ``score`` on ``model``, ``corpus`` and
``formats``; ``publish`` (and later ``review``, ``memory``) on ``pipeline`` and
``score``; ``cli`` on anything. Every import counts, also those inside
functions: a lazy import is still an arrow.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "bilingual"

# The floor every stage may stand on.
BASE = {
    "model",
    "errors",
    "signature",
    "xmlsafe",
    "io",
    "project",
    "names",
    "display",
    "transaction",
    "abbreviations",
    "__init__",
}
ALLOWED: dict[str, set[str]] = {
    "corpus": BASE,
    "align": BASE | {"corpus"},
    "glossary": BASE,
    "formats": BASE | {"glossary"},
    "pipeline": BASE | {"corpus", "align", "glossary", "formats", "parallel"},
    "parallel": BASE,  # the pipeline's executors: generic, they know nothing of documents
    "score": BASE | {"corpus", "formats"},
    "publish": BASE | {"pipeline", "score", "corpus", "align", "glossary", "formats", "memory"},
    "review": BASE | {"pipeline", "score", "corpus", "align", "glossary", "formats"},
    "memory": BASE | {"pipeline", "corpus", "align", "glossary", "formats", "score"},
    "cli": {"*"},
    "__init__": {"*"},  # the facade: names re-exported lazily (PEP 562), never used by a stage
    "__main__": {"*"},  # the console script: the CLI, loaded with Ctrl-C guarded
}


def stage_of(module: str) -> str:
    """``bilingual.formats.tmx`` → ``formats``; ``bilingual.io`` → ``io``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def module_name(path: Path) -> str:
    relative = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """Every ``bilingual.*`` module ``path`` imports, at any depth of the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("bilingual"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            if base == "bilingual":  # a submodule, or a name of the package itself (__version__)
                root = path.parents[len(path.relative_to(PACKAGE).parts) - 1]
                for alias in node.names:
                    is_module = (root / alias.name).is_dir() or (root / f"{alias.name}.py").is_file()
                    found.add(f"bilingual.{alias.name}" if is_module else "bilingual")
            elif base.startswith("bilingual."):
                found.add(base)
    return found


def edges() -> list[tuple[str, str, Path]]:
    result = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = stage_of(module_name(path))
        for target in sorted(imports(path)):
            result.append((source, stage_of(target), path))
    return result


def test_every_arrow_points_down() -> None:
    wrong = []
    for source, target, path in edges():
        if source == target or target in BASE:
            continue
        allowed = ALLOWED.get(source, BASE)
        if "*" not in allowed and target not in allowed:
            wrong.append(f"{path.relative_to(PACKAGE.parent)}: {source} -> {target}")
    assert not wrong, "imports against the stage order:\n" + "\n".join(wrong)


def test_the_floor_imports_no_stage() -> None:
    stages = set(ALLOWED) - {"cli", "__init__"}  # __version__ is the floor; the facade is not
    wrong = [
        f"{path.relative_to(PACKAGE.parent)} -> {target}"
        for source, target, path in edges()
        if source in BASE - {"__init__"} and target in stages
    ]
    assert not wrong, "the model and the I/O floor must not import a stage:\n" + "\n".join(wrong)


@pytest.mark.parametrize(
    ("source", "snippet"),
    [
        ("glossary", "from bilingual.align import AlignConfig\n"),
        ("glossary", "def f():\n    from bilingual import pipeline\n"),
        ("formats", "import bilingual.corpus.read\n"),
        ("corpus", "from bilingual.formats.registry import FORMATS\n"),
    ],
)
def test_the_test_catches_a_wrong_arrow(tmp_path: Path, source: str, snippet: str) -> None:
    """The checker itself: a planted upward import is found (so the test above can fail)."""
    planted = tmp_path / "bilingual" / source / "planted.py"
    planted.parent.mkdir(parents=True)
    planted.write_text(snippet, encoding="utf-8")
    (tmp_path / "bilingual" / "pipeline.py").write_text("", encoding="utf-8")
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path / "bilingual"
    try:
        with pytest.raises(AssertionError, match=r"planted\.py"):
            test_every_arrow_points_down()
    finally:
        PACKAGE = saved


def test_no_module_is_over_600_lines() -> None:
    long = [
        f"{p.relative_to(PACKAGE.parent)}: {n}"
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
    ]
    assert not long, long
