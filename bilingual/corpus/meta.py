"""Recognising page chrome and metadata lines in the text of a bulletin.

Shared by the plain-text, Markdown and HTML readers: after each has found the
paragraphs, these rules decide which paragraph is a breadcrumb (dropped),
the title, the release-date line, or a source-URL line.
"""

from __future__ import annotations

import re

import regex

# "Current location: Home > Jiaxing Today", "当前位置：首页 > 嘉兴要闻"
BREADCRUMB = re.compile(
    r"^\s*(current\s+location|you\s+are\s+here|location|当前位置|您当前的位置|您的位置|当前的位置)\s*[:：]",
    re.IGNORECASE,
)
# A continuation of a breadcrumb on its own line: "> Jiaxing Today", "» 首页", "首页 > 要闻"
CRUMB_LINE = re.compile(r"^\s*([>»›]|&gt;)|^\s*(首页|home)\s*[>»›]", re.IGNORECASE)

URL = re.compile(r"https?://[^\s<>\"'）)]+")
URL_LINE = re.compile(
    r"^\s*(source\s*url|url|原文链接|原文地址|链接|link)\s*[:：]\s*(https?://\S+)\s*$", re.I
)

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
CN_DIGITS = {
    "〇": 0,
    "零": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

_LABEL = (
    r"(?:release\s*date|released|date\s*of\s*release|publish(?:ed|ing)?\s*(?:date|on)?|date"
    r"|发布日期|发布时间|发布|日期|时间)"
)
DATE_LINE = regex.compile(rf"^\s*{_LABEL}\s*[:：]", regex.IGNORECASE)
ISO = regex.compile(r"(?<!\d)(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?!\d)")
CN_DATE = regex.compile(
    r"([〇零○Ｏ一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日"
)
EN_DATE = regex.compile(
    r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})\b|\b(\d{1,2})\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b"
)
BARE_DATE = regex.compile(
    r"^\s*(\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|[〇零○一二三四五六七八九]{4}年\S{1,3}月\S{1,3}日"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4})(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*$"
)


def is_breadcrumb(text: str) -> bool:
    return bool(BREADCRUMB.match(text))


def is_crumb_continuation(text: str) -> bool:
    return bool(CRUMB_LINE.match(text)) and len(text) < 80


def _cn_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 二十三 → 23 (months and days only)."""
    if "十" not in text:
        return CN_DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (CN_DIGITS.get(ones, 0) if ones else 0)


def _iso(year: int, month: int, day: int) -> str | None:
    if 1 <= month <= 12 and 1 <= day <= 31 and 1900 <= year <= 2200:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def find_date(text: str) -> str | None:
    """The first date in ``text`` as ISO 8601, in any of the forms bulletins use."""
    candidates: list[tuple[int, str]] = []
    if (m := ISO.search(text)) and (iso := _iso(int(m[1]), int(m[2]), int(m[3]))):
        candidates.append((m.start(), iso))
    if m := CN_DATE.search(text):
        year = int("".join(str(CN_DIGITS[ch]) for ch in m[1]))
        if iso := _iso(year, _cn_number(m[2]), _cn_number(m[3])):
            candidates.append((m.start(), iso))
    for m in EN_DATE.finditer(text):
        month_name, day, year = (m[1], m[2], m[3]) if m[1] else (m[5], m[4], m[6])
        month = MONTHS.get(month_name.lower())
        if month and (iso := _iso(int(year), month, int(day))):
            candidates.append((m.start(), iso))
            break
    return min(candidates)[1] if candidates else None


def is_date_line(text: str) -> bool:
    """A release-date line: a label such as "Release date:" or "发布日期：", or a bare date."""
    if len(text) > 160:
        return False
    if DATE_LINE.match(text):
        return find_date(text) is not None
    return bool(BARE_DATE.match(text))


def url_line(text: str) -> str | None:
    """The URL of a "Source URL: https://..." line, else None."""
    m = URL_LINE.match(text)
    return m[2] if m else None


# Footer and page-tool lines scraped along with the article.
FOOTER = re.compile(
    r"^\s*(copyright|©|版权所有|主办单位|承办单位|主办[:：]|[\u4e00-\u9fff]ICP备|ICP备|网站标识码|联系我们|"
    r"打印本页|关闭窗口|【打印】|【关闭】|分享到|share\s+to|print\s+this\s+page|close\s+window|"
    r"sponsored\s+by|contact\s+us)",
    re.IGNORECASE,
)


def is_chrome(text: str) -> bool:
    """Breadcrumbs and footer lines: page furniture, not bulletin text."""
    return is_breadcrumb(text) or bool(FOOTER.match(text))
