"""Align stage, the ``fast`` space (skeleton): static word vectors distilled from e5.

e5 embeds whole strings, about 40 sentences/s here; a sentence's vector in this
space is instead a weighted sum of word vectors looked up in a table, which
costs microseconds. The table is built once per machine by ``bilingual models
build``: every word of a vocabulary (Chinese words, English words) embedded
once through the same model as :mod:`bilingual.align.embed`, reduced by PCA to
``dims`` dimensions (one basis for both languages, so they stay in one space;
each language centred on its own mean first),
stored as float16 with one weight per word, in the user's cache beside the
embedding cache. Nothing generated is shipped in the repository.

Weights follow model2vec's choice (SIF weighting with Zipf's law): a word of
frequency rank r gets ``a / (a + p(r))`` with ``p(r) ∝ 1/r``, so frequent
function words count for little. With counts, p is the observed share.

What is here: building (any embedder: tests pass a fake one), saving, loading
and sentence vectors. What is not yet: the ``--similarity fast`` mode wiring in
:mod:`bilingual.align` and its measurement on MAC-Dev (see issue 18).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bilingual.align import embed, lexicon

log = logging.getLogger(__name__)

DIMS = 128
SIF_A = 1e-3  # model2vec's default smoothing
TABLE_VERSION = 1
Embedder = Callable[[Sequence[str]], np.ndarray]


def table_path(dims: int = DIMS) -> Path:
    """Where ``bilingual models build`` puts the table: per model, per dimension count."""
    return embed.cache_dir() / f"static-{embed.MODEL}-{dims}d-v{TABLE_VERSION}.npz"


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

    @property
    def digest(self) -> str:
        """A short digest of the table, for the signature of a run that used it."""
        h = hashlib.sha256("\n".join(self.words).encode("utf-8"))
        h.update(self.vectors.tobytes())
        return h.hexdigest()[:12]

    def _index(self) -> dict[str, int]:
        return {w: i for i, w in enumerate(self.words)}

    def sentence_vectors(self, sentences: Sequence[str], lang: str) -> np.ndarray:
        """L2-normalised weighted sums of the sentences' known words (zeros for a sentence with none)."""
        index = self._index()
        split = lexicon.zh_words if lang == "zh" else lexicon.en_words
        out = np.zeros((len(sentences), self.dims), dtype=np.float32)
        for row, sentence in enumerate(sentences):
            ids = [index[k] for k in (f"{lang}:{w}" for w in split(sentence)) if k in index]
            if ids:
                total = (self.vectors[ids].astype(np.float32) * self.weights[ids, None]).sum(axis=0)
                norm = float(np.linalg.norm(total))
                out[row] = total / norm if norm > 0 else total
        return out

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
    batch: int = 256,
    progress: Callable[[int], None] | None = None,
) -> StaticTable:
    """The table for ``zh`` and ``en`` words (each list most frequent first, duplicates dropped).

    ``embedder`` maps strings to vectors (the e5 model in use: ``embed.embed``);
    ``counts`` (keyed ``zh:WORD`` / ``en:WORD``) gives SIF weights from
    frequencies, else the rank within each language does. ``progress`` is told
    how many words were just embedded.
    """
    zh_words = list(dict.fromkeys(w for w in zh if w))
    # English words are looked up as the lexicon reads them (content-word stems: "reforms" and
    # "reform" are one key); the first, most frequent, surface form of a key is the one embedded.
    en_keys: dict[str, str] = {}
    for word in en:
        keys = lexicon.en_words(word)
        if len(keys) == 1:
            en_keys.setdefault(keys[0], word)
    en_words = list(en_keys.values())
    words = [f"zh:{w}" for w in zh_words] + [f"en:{k}" for k in en_keys]
    if not words:
        raise ValueError("an empty vocabulary")
    texts = [*zh_words, *en_words]
    parts = []
    for start in range(0, len(texts), batch):
        chunk = texts[start : start + batch]
        parts.append(np.asarray(embedder(chunk), dtype=np.float32))
        if progress:
            progress(len(chunk))
    vectors = np.concatenate(parts)
    # Each language centred on its own mean before the shared PCA: otherwise the first axes
    # mostly say which language a word is in (on the sample corpus's gold 1-1 beads, P@1 of the
    # translation among the document's sentences went from .12 to .22 with a 7k-word table).
    nzh = len(zh_words)
    vectors[:nzh] -= vectors[:nzh].mean(axis=0) if nzh else 0.0
    vectors[nzh:] -= vectors[nzh:].mean(axis=0) if len(vectors) > nzh else 0.0
    reduced = pca(vectors, dims)
    norms = np.linalg.norm(reduced, axis=1, keepdims=True)
    reduced = reduced / np.where(norms > 0, norms, 1.0)
    if counts is not None:
        weights = sif_weights([counts.get(w, 1.0) for w in words], len(words))
    else:
        weights = np.concatenate([sif_weights(None, len(zh_words)), sif_weights(None, len(en_words))])
    return StaticTable(tuple(words), reduced.astype(np.float16), weights)
