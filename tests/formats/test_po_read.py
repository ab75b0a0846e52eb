"""Reading any gettext catalog (issue #15): sides by language, fuzzy, plurals, shared msgctxt, refusals."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bilingual.errors import InputError
from bilingual.formats import read_pairs


def _po(header: str, body: str) -> str:
    return f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n{header}\n{body}'


GNOME = _po(
    '"Language: zh_CN\\n"\n"Plural-Forms: nplurals=1; plural=0;\\n"',
    """
msgctxt "shortcut window"
msgid "Open"
msgstr "打开"

msgctxt "shortcut window"
msgid "Close"
msgstr "关闭"

#, fuzzy
msgid "Save"
msgstr "保存"

msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d 个文件"

#~ msgid "Old"
#~ msgstr "旧"
""",
)


def test_english_msgids_with_a_chinese_language_header(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "gnome.zh_CN.po"
    path.write_text(GNOME, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        pairs = read_pairs(path)
    assert [(p.id, p.zh, p.en) for p in pairs] == [
        ("shortcut window\u2404Open", "打开", "Open"),  # one msgctxt, several msgids: as gettext allows
        ("shortcut window\u2404Close", "关闭", "Close"),
        ("3", "", "Save"),  # fuzzy: not a translation (msgfmt drops it)
        ("4", "%d 个文件", "%d file\n%d files"),  # plural read whole
    ]
    assert "1 fuzzy entry read as untranslated" in caplog.text
    assert sum(1 for p in pairs if p.zh and p.en) == 3  # msgfmt's count of translated messages


def test_plural_with_chinese_msgid_reads_every_english_form(tmp_path: Path) -> None:
    path = tmp_path / "ours.po"
    path.write_text(
        _po('"Language: en\\n"\n"X-Source-Language: zh_CN\\n"',
            '\nmsgid "%d 个文件"\nmsgid_plural "%d 个文件"\nmsgstr[0] "%d file"\nmsgstr[1] "%d files"\n'),
        encoding="utf-8",
    )  # fmt: skip
    assert [(p.zh, p.en) for p in read_pairs(path)] == [("%d 个文件", "%d file\n%d files")]


def test_no_header_the_script_decides(tmp_path: Path) -> None:
    path = tmp_path / "bare.po"
    path.write_text('msgid "Hello"\nmsgstr "你好"\n', encoding="utf-8")
    assert [(p.zh, p.en) for p in read_pairs(path)] == [("你好", "Hello")]


REFUSED = [
    ('"Language: fr\\n"', 'msgid "Hello"\nmsgstr "Bonjour"\n', "languages fr: not Chinese (zh)"),
    ('"Language: en\\n"', 'msgid "Hallo"\nmsgstr "Hello"\n', "no msgid is Chinese"),
    ('"Language: zh_TW\\n"', 'msgid "開啟"\nmsgstr "開啟"\n', "msgids are not English"),
    ("", 'msgid "Hallo"\nmsgstr "Hello"\n', "cannot tell the Chinese side"),
    ('"Language: zh_CN\\n"',
     'msgctxt "a"\nmsgid "Open"\nmsgstr "打开"\n\nmsgctxt "a"\nmsgid "Open"\nmsgstr "开"\n', "duplicate id"),
]  # fmt: skip


@pytest.mark.parametrize(("header", "body", "message"), REFUSED)
def test_refused(tmp_path: Path, header: str, body: str, message: str) -> None:
    path = tmp_path / "refused.po"
    path.write_text(_po(header, body) if header else body, encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_pairs(path)
    assert message in info.value.message
    assert info.value.line is not None and "\n" not in str(info.value)
