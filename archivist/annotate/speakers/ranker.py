"""A learned ranker over the candidate speaker mentions of one quotation, given the rules' choice.

The candidates are the words near a quote that could name who said it: entities (people,
organisations, nationalities, places), pronouns and noun phrases, in the quote's paragraph and
the one before, and the mention the attribution rules chose. Each gets named features read from
the parse (distance and side, sentence, dependency path to the nearest speech verb, grammatical
role, entity type, pronoun, name, inside another quote) and, on the rules' own mention, the rule
and its confidence; a forest of small trees scores them and the best is the speaker mention.

The model is data, ``ranker_model.json`` beside this module (trees of feature thresholds),
written by ``benchmarks/train_ranker.py`` from PolNeAR train's speaker spans; scoring is pure
Python, and this module does not import spaCy: it reads the Doc and Tokens it is handed.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import Mapping, Sequence

from archivist.text.lexicon import PRONOUNS, RELATIVE, speech_verb

#: Entity types that can name a speaker ("Russian officials", "Moscow said").
SPEAKER_ENTITIES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
#: Heads of a noun phrase that can describe a speaker ("a spokeswoman", "the senator's aide").
_NOUN_HEADS = frozenset({"NOUN", "PROPN"})
#: Grammatical roles kept as features; any other is "other".
_ROLES = frozenset({"nsubj", "nsubjpass", "pobj", "dobj", "poss", "appos", "conj", "compound", "attr",
                    "ROOT", "dative", "npadvmod", "ccomp", "relcl"})
#: Pronoun classes by form: a speaker's number and person matter more than the word.
_PRONOUN_CLASS = {**dict.fromkeys(("he", "she"), "third"), **dict.fromkeys(("him", "her", "his", "hers"), "oblique"),
                  **dict.fromkeys(("they", "them", "their"), "plural"), **dict.fromkeys(("i", "we"), "first"),
                  **dict.fromkeys(("me", "my", "us", "our"), "first-oblique"), **dict.fromkeys(("it", "its"), "it"),
                  **dict.fromkeys(("you", "your"), "you")}
#: (word, preposition) pairs whose object is a source ("according to X", "said by X"); the model
#: was trained on exactly these four.
_SOURCE_PHRASES = frozenset((w, p) for w in ("according", "said") for p in ("to", "by"))
#: Token distances the features bucket, nearest first.
_DISTANCES = (1, 2, 4, 8, 16, 32)
#: Dependency path lengths to the cue the features bucket.
_PATHS = (1, 2, 3, 5)


@dataclass(frozen=True)
class RulesChoice:
    """The attribution rules' speaker mention of a quote, tokens ``start``..``end`` (exclusive),
    the ``rule`` that found it (a name of ``quotes.cues.RULES``) and the name's ``confidence``."""

    start: int
    end: int
    rule: str
    confidence: float


@dataclass(frozen=True)
class Candidate:
    """Tokens ``start``..``end`` (exclusive) of a Doc that could name a quote's speaker; ``kind``
    is what found them: an entity's label, "pronoun" or "chunk" (a noun phrase)."""

    start: int
    end: int
    kind: str


def candidates(doc, i0: int, i1: int, window: tuple[int, int]) -> tuple[Candidate, ...]:
    """The candidate speaker mentions of the quote at tokens ``i0``..``i1`` within tokens ``window``
    (the quote's paragraph and the one before), outside the quote, in text order; a noun phrase
    that is also an entity is kept once, as the entity."""
    lo, hi = window
    outside = (lambda a, b: lo <= a and b <= hi and (b <= i0 or a >= i1))
    found: dict[tuple[int, int], Candidate] = {}
    for ent in doc.ents:
        if ent.label_ in SPEAKER_ENTITIES and outside(ent.start, ent.end):
            found[(ent.start, ent.end)] = Candidate(ent.start, ent.end, ent.label_)
    for k in range(lo, hi):
        tok = doc[k]
        if (tok.lower_ in PRONOUNS or tok.lower_ in RELATIVE and tok.tag_ == "WP") and outside(k, k + 1) \
                and tok.pos_ == "PRON" and (k, k + 1) not in found:
            found[(k, k + 1)] = Candidate(k, k + 1, "pronoun")
    for chunk in doc.noun_chunks:
        if chunk.root.pos_ in _NOUN_HEADS and outside(chunk.start, chunk.end) and \
                not any(c.start <= chunk.root.i < c.end for c in found.values()):
            found[(chunk.start, chunk.end)] = Candidate(chunk.start, chunk.end, "chunk")
    return tuple(sorted(found.values(), key=lambda c: (c.start, c.end)))


def with_choice(cands: Sequence[Candidate], rules: RulesChoice | None) -> tuple[Candidate, ...]:
    """``cands`` with the rules' mention added (as a noun phrase, in text order) where none overlaps it."""
    if rules is None or any(c.start < rules.end and rules.start < c.end for c in cands):
        return tuple(cands)
    return tuple(sorted((*cands, Candidate(rules.start, rules.end, "chunk")), key=lambda c: (c.start, c.end)))


def root_of(doc, cand: Candidate):
    """The candidate's head token: the one whose own head lies outside it (the last, if several)."""
    heads = [doc[k] for k in range(cand.start, cand.end) if not cand.start <= doc[k].head.i < cand.end
             or doc[k].head.i == k]
    return heads[-1] if heads else doc[cand.end - 1]


def cue_of(doc, i0: int, i1: int, in_quote: Sequence[bool]):
    """The speech verb outside quotations nearest the quote in the sentences it touches, else None."""
    s0 = doc[i0].sent.start
    s1 = doc[max(i0, i1 - 1)].sent.end
    best, gap = None, None
    for k in range(s0, s1):
        if (i0 <= k < i1) or in_quote[k] or not speech_verb(doc[k]):
            continue
        d = i0 - k if k < i0 else k - i1 + 1
        if gap is None or d < gap:
            best, gap = doc[k], d
    return best


def _depth(tok) -> list:
    """``tok`` and its ancestors, nearest first."""
    return [tok, *tok.ancestors]


def path_length(a, b) -> int | None:
    """Arcs on the dependency path between tokens ``a`` and ``b``; None in different sentences."""
    up_a = _depth(a)
    where = {t.i: n for n, t in enumerate(up_a)}
    for n, t in enumerate(_depth(b)):
        if t.i in where:
            return where[t.i] + n
    return None


def _bucket(name: str, value: int, edges: Sequence[int]) -> str:
    """``name`` with the first edge ``value`` does not exceed ("dist<=4"), or past the last."""
    for edge in edges:
        if value <= edge:
            return f"{name}<={edge}"
    return f"{name}>{edges[-1]}"


def features(doc, cand: Candidate, i0: int, i1: int, in_quote: Sequence[bool], cue=None,
             nearest: bool = False, mentions: int = 0) -> dict[str, float]:
    """The named features of candidate ``cand`` for the quote at tokens ``i0``..``i1``: its side and
    distance, sentence, role, type, path to the speech verb ``cue`` (:func:`cue_of`), whether it is the
    ``nearest`` candidate on its side, and how often the article names it (``mentions``)."""
    root = root_of(doc, cand)
    before = cand.end <= i0
    gap = max(0, i0 - cand.end + 1 if before else cand.start - i1 + 1)  # 0: it overlaps the quote
    side = "before" if before else "after"
    quote_sents = {doc[i0].sent.start, doc[max(i0, i1 - 1)].sent.start}
    same_sentence = root.sent.start in quote_sents
    role = root.dep_ if root.dep_ in _ROLES else "other"
    word = root.lower_
    kind = cand.kind if cand.kind != "pronoun" else "pronoun:" + _PRONOUN_CLASS.get(word, "relative")
    last = doc[i1 - 1]
    comma_end = last.text in "”\"’'" and i1 >= 2 and doc[i1 - 2].text == ","
    f = {"bias": 1.0, side: 1.0, _bucket(side + ":dist", gap, _DISTANCES): 1.0,
         "log_dist": math.log1p(gap), "kind:" + kind: 1.0, "role:" + role: 1.0,
         f"{side}:role:{role}": 1.0, "same_sentence" if same_sentence else "other_sentence": 1.0,
         "in_quote" if in_quote[root.i] else "outside_quotes": 1.0,
         "log_mentions": math.log1p(mentions)}
    if nearest:
        f[f"nearest:{side}"] = 1.0
        f[f"nearest:{side}:kind:{kind}"] = 1.0
    if root.pos_ == "PROPN":
        f["propn"] = 1.0
    if root.head.i != root.i and speech_verb(root.head) and not in_quote[root.head.i]:
        f["speech_verb:" + role] = 1.0
        f[f"speech_verb:{role}:{kind}"] = 1.0
    if root.dep_ == "pobj" and (root.head.head.lower_, root.head.lower_) in _SOURCE_PHRASES:
        f["according_or_by"] = 1.0
    if comma_end and not before:
        f[_bucket("comma_end:after:dist", gap, _DISTANCES[:3])] = 1.0
    if i0 > 0 and doc[i0 - 1].text == ":" and before:
        f[_bucket("colon:before:dist", gap, _DISTANCES[:3])] = 1.0
    if cue is None:
        f["no_cue"] = 1.0
    else:
        arcs = path_length(root, cue)
        if arcs is None:
            f["cue:other_sentence"] = 1.0
        else:
            f[_bucket("cue:path", arcs, _PATHS)] = 1.0
            f[_bucket(f"cue:path:{kind}", arcs, _PATHS)] = 1.0
            if root.head.i == cue.i:
                f["cue:child:" + role] = 1.0
    return f


def score(feats: Mapping[str, float], weights: Mapping[str, float]) -> float:
    """The model's log-odds that a candidate with ``feats`` names the speaker (unknown features weigh 0)."""
    return sum(value * weights.get(name, 0.0) for name, value in feats.items())


def tree_score(feats: Mapping[str, float], trees: Sequence) -> float:
    """A forest's score of a candidate with ``feats``: the sum of its trees' leaves, a tree being a
    leaf value or ``[feature, threshold, below-or-equal, above]`` (an absent feature reads 0)."""
    total = 0.0
    for node in trees:
        while isinstance(node, list):
            name, threshold, low, high = node
            node = low if feats.get(name, 0.0) <= threshold else high
        total += node
    return total


def ranked(doc, i0: int, i1: int, window: tuple[int, int], in_quote: Sequence[bool],
           rules: RulesChoice | None = None, model: Mapping | None = None) -> list[tuple[float, Candidate]]:
    """The candidate speaker mentions of the quote at tokens ``i0``..``i1`` (``window``: the tokens of
    its paragraph and the one before), best first, each with its score; ``rules`` is the attribution
    rules' choice, which the shipped ``model`` (by default) was trained to weigh."""
    model = shipped_model() if model is None else model
    cands = with_choice(candidates(doc, i0, i1, window), rules)
    rows = candidate_features(doc, cands, i0, i1, in_quote, rules)
    scores = [tree_score(f, model["trees"]) if "trees" in model else score(f, model["weights"]) for f in rows]
    return sorted(zip(scores, cands), key=lambda sc: (-sc[0], sc[1].start))


def preferred(doc, i0: int, i1: int, window: tuple[int, int], in_quote: Sequence[bool],
              rules: RulesChoice | None, model: Mapping | None = None) -> Candidate | None:
    """The candidate the model ranks above the rules' mention of the quote at tokens ``i0``..``i1``
    (its root token is then the speaker to resolve: :func:`root_of`); None where the model keeps the
    rules' choice or finds no candidate."""
    best = ranked(doc, i0, i1, window, in_quote, rules, model)
    if not best:
        return None
    top = best[0][1]
    return None if rules is not None and top.start < rules.end and rules.start < top.end else top


def paragraph_window(index, paras: Sequence[tuple[int, int]], p: int) -> tuple[int, int]:
    """Tokens of paragraph ``p`` of ``paras`` (character spans, as ``quotes.marks.paragraphs`` gives
    them) and of the paragraph before: where the candidates of a quote in paragraph ``p`` lie;
    ``index`` is the Doc's ``DocIndex``."""
    lo = index.token_at(paras[max(0, p - 1)][0])
    start, end = paras[p]
    return lo, index.tokens(start, max(start + 1, end))[1]


def candidate_features(doc, cands: Sequence[Candidate], i0: int, i1: int, in_quote: Sequence[bool],
                       rules: RulesChoice | None = None) -> list[dict[str, float]]:
    """The features of each of ``cands`` (in order) for the quote at tokens ``i0``..``i1``; with the
    ``rules``' choice, the candidates that overlap it also carry its rule and confidence."""
    cue = cue_of(doc, i0, i1, in_quote)
    before = [c for c in cands if c.end <= i0]
    after = [c for c in cands if c.start >= i1]
    nearest = {id(before[-1]) if before else None, id(after[0]) if after else None}
    counts: dict[str, int] = {}
    for ent in doc.ents:
        if ent.label_ in SPEAKER_ENTITIES:
            counts[ent.root.lower_] = counts.get(ent.root.lower_, 0) + 1
    rows = [features(doc, c, i0, i1, in_quote, cue, id(c) in nearest,
                     counts.get(root_of(doc, c).lower_, 0) if c.kind in SPEAKER_ENTITIES else 0) for c in cands]
    if rules is not None:
        for c, f in zip(cands, rows):
            if c.start < rules.end and rules.start < c.end:
                f.update({"rules": 1.0, "rules:" + rules.rule: 1.0, "rules:confidence": rules.confidence})
    return rows


def probability(log_odds: float) -> float:
    """A score as a probability (0-1)."""
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, log_odds))))


@functools.lru_cache(maxsize=1)
def shipped_model() -> dict:
    """The shipped model, read once from ``ranker_model.json``: ``trees`` (see :func:`tree_score`)."""
    return json.loads(resources.files(__package__).joinpath("ranker_model.json").read_text(encoding="utf-8"))
