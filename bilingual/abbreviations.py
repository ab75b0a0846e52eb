"""Word lists for the English sentence splitter in :mod:`bilingual.corpus.segment`.

On the floor every stage stands on, because the glossary stage asks the same
question of a full stop (:mod:`bilingual.glossary.fix`: does a suggestion
start a sentence?) and uses neither ``corpus`` nor ``align``.

Data only. Every entry is lower-case and written without its final full stop
("e.g", not "e.g."); the splitter lower-cases the word before a full stop and
looks it up here. Each set answers one question about a full stop that is
followed by a space:

- :data:`NEVER_FINAL`: titles and reference words that always have a
  continuation ("Mr. Li", "No. 3 Middle School", "e.g. grain"), so the full
  stop never ends a sentence;
- :data:`MONTHS`: "Jan. 5" continues, "in Jan. The ..." ends;
- :data:`WEAK`: words that end sentences often enough ("in the U.S.", "at
  10 a.m.") but are just as often followed by a capitalised word of the same
  sentence ("U.S. President", "10 a.m. Beijing time"): they end a sentence only
  before a word in :data:`SENTENCE_STARTERS`;
- :data:`COMPANY`: "Co. Ltd." is one name, "Ltd. The company ..." two sentences.

"etc." is deliberately in none of them: English never writes "etc..", so an
"etc." that ends a sentence carries the full stop for both, and it ends a
sentence exactly where an ordinary full stop would (before a capitalised word
or at the end of the paragraph).
"""

from __future__ import annotations

NEVER_FINAL: frozenset[str] = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "messrs", "mme", "gen", "col", "lt", "sgt", "capt", "rep",
        "sen", "gov", "hon", "rev", "pres", "st", "mt", "no", "nos", "fig", "figs", "vol", "vols",
        "p", "pp", "ch", "para", "dept", "e.g", "i.e", "cf", "viz", "vs", "v",
        "approx", "ca", "est", "tel", "ext",
    }
)  # fmt: skip

# Entries of NEVER_FINAL that are also English words: abbreviations only when
# capitalised ("No. 3", but "the answer was no. We ...").
CAPITALISED_ONLY: frozenset[str] = frozenset({"no", "nos"})

MONTHS: frozenset[str] = frozenset(
    {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
)

WEAK: frozenset[str] = frozenset(
    {"a.m", "p.m", "u.s", "u.k", "u.n", "u.s.a", "p.r.c", "e.u", "jr", "sr", "ph.d", "m.a", "b.a"}
)

COMPANY: frozenset[str] = frozenset({"co", "corp", "ltd", "inc", "plc", "llc", "bhd"})

# Capitalised words that begin a new sentence far more often than they follow
# "U.S." or an initial inside one (no names, no nouns that head titles); the
# titles of NEVER_FINAL are here too: "at 10 a.m. Mr. Wang spoke".
SENTENCE_STARTERS: frozenset[str] = frozenset(
    {
        "a", "an", "the", "this", "that", "these", "those", "there", "here", "it", "its", "he",
        "she", "we", "they", "i", "you", "his", "her", "our", "their", "my", "your", "in", "on",
        "at", "as", "by", "for", "from", "to", "with", "after", "before", "during", "since",
        "until", "but", "and", "or", "so", "yet", "however", "meanwhile", "moreover",
        "furthermore", "besides", "also", "then", "now", "when", "while", "if", "although",
        "though", "according", "all", "some", "many", "most", "each", "every", "such", "other",
        "what", "why", "how", "who", "which", "where", "both", "more", "over", "last", "next",
        "first", "second", "finally", "today", "yesterday", "tomorrow", "mr", "mrs", "ms", "dr",
        "prof",
    }
)  # fmt: skip
