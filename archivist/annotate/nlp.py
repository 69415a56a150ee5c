"""The one module that imports spaCy: loads the model and turns texts into Annotations.

Extraction itself lives in ``entities`` and ``quotes`` as pure functions over a
spaCy ``Doc``; this module only owns the model, its speed settings, the pipe and what
news text needs before the model sees it (glued speech verbs split, paragraphs as
sentences, curly contractions read as straight ones).
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import os
import re
from typing import Iterable, Iterator

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # one BLAS thread per process: faster on small matrices

import spacy  # noqa: E402
from spacy.tokens import Doc  # noqa: E402
from spacy.util import compile_infix_regex  # noqa: E402
from thinc.api import NumpyOps, set_current_ops  # noqa: E402

from archivist.annotate.entities import mentions as entities
from archivist.annotate.pieces import merged, shifted, split_text
from archivist.annotate.rulematch import lookup_matcher
from archivist.annotate.quotes import extract as quotes
from archivist.annotate.speakers.confidence import calibrated
from archivist.models import Annotation  # noqa: E402

#: A speech verb with the words beside it run together, as scraped text has them ("Trumpsaid",
#: "saidin a statement", "hewroteon X"): a name or subject pronoun before, a short word after.
_GLUED = re.compile(r"(?<![\w-])(?!(?:Fore|Under|Over|Ghost)(?:told|wrote))([A-Z][a-z]{2,}|[Hh]e|[Ss]he|[Tt]hey)?"
                    r"(said|says|told|wrote|added)(in|on|at|to|the|that|during)?(?![\w-])")
#: What a text with a glued speech verb must contain: the verb right after a letter or right before a
#: function word (a looser test than ``_GLUED``'s, so that a text without it needs no token looked at).
_GLUED_HINT = re.compile(r"[A-Za-z](?:said|says|told|wrote|added)"
                         r"|(?:said|says|told|wrote|added)(?:in|on|at|to|th|during)")


#: Runs of text without a space longer than this are tokenized in pieces (see GluedWordsTokenizer).
LONG_RUN, RUN_PIECE = 400, 100
_LONG_RUN = re.compile(r"\S{%d,}" % LONG_RUN)


class GluedWordsTokenizer:
    """spaCy's tokenizer, then a speech verb split from the words glued to it ("Trumpsaid" -> "Trump
    said", "saidin" -> "said in", "hewroteon" -> "he wrote on").

    Scraped text loses spaces around links, so the tagger, parser and NER would see one unknown
    word. Only whole tokens of a name or subject pronoun, a speech verb and a short function
    word are split, and a name only where the article also writes it on its own: "Busaidi",
    "USAID", "Infusaid", "essays" and "untold" stay whole.
    """

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def _tokenize(self, text: str):
        """spaCy's tokenizer, but a run of text without a space longer than ``LONG_RUN`` characters
        ("[[[[...", a pasted blob) is cut into ``RUN_PIECE``-character pieces tokenized one by one:
        spaCy's prefix and suffix loop is quadratic in such a run (6,000 "[" took 13 s), and no
        word of news is that long."""
        if not _LONG_RUN.search(text):
            return self.tokenizer(text)
        words, spaces, pos = [], [], 0

        def add(part: str, last_space: bool = True) -> None:
            for tok in self.tokenizer(part) if part else ():
                words.append(tok.text)
                spaces.append(bool(tok.whitespace_))

        for run in _LONG_RUN.finditer(text):
            add(text[pos:run.start()])
            for i in range(run.start(), run.end(), RUN_PIECE):
                before = len(words)
                add(text[i:min(i + RUN_PIECE, run.end())])
                spaces[before:] = [False] * (len(words) - before)  # the run had no space inside
            pos = run.end()
        add(text[pos:])
        doc = Doc(self.tokenizer.vocab, words=words, spaces=spaces)
        return doc if doc.text == text else self.tokenizer(text)

    def __call__(self, text: str):
        doc = self._tokenize(text)
        if not _GLUED_HINT.search(text) or not _GLUED.search(text):
            return doc  # no speech verb touches a letter: nothing to split (most articles)
        split = [self._parts(tok.text, text) for tok in doc]
        if all(parts is None for parts in split):
            return doc  # the same Doc as the one rebuilt below would be, without the rebuilding
        words, spaces, norms = [], [], []
        for tok, parts in zip(doc, split):
            parts = parts or [tok.text]
            words += parts
            spaces += [False] * (len(parts) - 1) + [bool(tok.whitespace_)]
            norms += [None] * len(parts) if len(parts) > 1 else [tok.norm_]
        rebuilt = Doc(doc.vocab, words=words, spaces=spaces)
        for tok, norm in zip(rebuilt, norms):
            if norm is not None and tok.norm_ != norm:
                tok.norm_ = norm  # the tokenizer's exceptions ("n’t" -> "not") hold in the new Doc too
        return rebuilt

    @staticmethod
    def _parts(word: str, text: str) -> list[str] | None:
        """The words a token ``word`` of ``text`` is split into ("Trumpsaid" -> Trump, said), or None."""
        m = _GLUED.fullmatch(word)
        if m is None or not (m.group(1) or m.group(3)):
            return None
        name = m.group(1)
        if name and name.lower() not in ("he", "she", "they") and not re.search(rf"\b{name}\b", text):
            return None  # a name before the verb is one the article also writes on its own ("Infusaid" is not)
        return [g for g in m.groups() if g]


@spacy.Language.component("archivist_paragraphs")
def paragraph_starts(doc):
    """Start a sentence at every paragraph: one paragraph a line is the input's own structure.

    Set before the parser, which keeps preset boundaries; without them it sometimes runs a
    sentence over a line break ("7 p.m." / "Donald Trump is ..."), and a subject or a cue
    then belongs to the wrong paragraph.
    """
    para = True  # the next word opens a paragraph
    opened = 0  # the token that opened the current stretch (a paragraph or a forced sentence)
    for tok in doc:
        if tok.is_space:
            para = para or "\n" in tok.text
            continue
        if para:
            opened = tok.i
            if tok.i > 0:
                tok.is_sent_start = True
            after = _dateline_end(doc, tok.i)
            if after is not None:
                doc[after].is_sent_start = True  # "WASHINGTON -- President Obama said": no city as subject
        elif _overlong(doc, tok.i, opened):
            opened = tok.i
            tok.is_sent_start = True
        para = "\n" in tok.whitespace_
    return doc


#: Sentence lengths, in tokens, past which a stretch with no paragraph break is cut: after a full
#: stop from the first, anywhere from the second. News sentences are far shorter; what exceeds
#: these is a run-together archive or hostile input (10,000 quote marks in one line), whose
#: every quote would otherwise scan one endless sentence (quadratic time).
_LONG_SENTENCE, _MAX_SENTENCE = 150, 300
_SENTENCE_ENDS = frozenset({".", "?", "!"})


def _overlong(doc, i: int, opened: int) -> bool:
    """True when token ``i`` must start a sentence: the stretch since ``opened`` is too long."""
    n = i - opened
    return n >= _MAX_SENTENCE or n >= _LONG_SENTENCE and doc[i - 1].text in _SENTENCE_ENDS


#: The dash that ends a dateline ("WASHINGTON --", "LONDON —").
_DATELINE_DASHES = frozenset({"--", "—", "–", "-"})
#: Tokens a dateline may have beside its capitals ("WASHINGTON (AP) --", "NEW YORK, N.Y. --").
_DATELINE_EXTRAS = frozenset({"(", ")", ",", ".", "AP"})


def _dateline_end(doc, i: int) -> int | None:
    """The token after a paragraph-opening dateline ("WASHINGTON --") starting at ``i``, else None."""
    for k in range(i, min(len(doc) - 1, i + 8)):
        tok = doc[k]
        if tok.text in _DATELINE_DASHES:
            nxt = k + 1
            return nxt if k > i and nxt < len(doc) and not doc[nxt].is_space else None
        if not (tok.is_upper or tok.text in _DATELINE_EXTRAS):
            return None
    return None


@functools.lru_cache(maxsize=2)
def load_model(preferred: str | None = None) -> spacy.Language:
    """The English pipeline with the components annotation needs, tuned for CPU speed; loaded once per process."""
    # thinc's BLIS kernels are slower than numpy's on this workload (measured: 8k -> 13k tokens/s).
    set_current_ops(NumpyOps(use_blis=False))
    from archivist.annotate.model import available_model

    nlp = spacy.load(available_model(preferred), exclude=["lemmatizer"])
    # a quote mark glued to a word (`paranoia,”Clinton said`, `NATO"unsuccessful`) is a token of its own
    infixes = list(nlp.Defaults.infixes) + [r'(?<=[,.?!;:])["“”](?=[^\W\d_])', r'(?<=[^\W\d_])["“”](?=[^\W\d_])',
                                            r'(?<=[^\W\d_])[,.?!;:](?=["“”][^\W\d_])']
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.tokenizer = GluedWordsTokenizer(nlp.tokenizer)
    _straighten_contractions(nlp.vocab)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("archivist_paragraphs", before="parser")
    _quick_attribute_ruler(nlp)
    return nlp


def _quick_attribute_ruler(nlp: spacy.Language) -> None:
    """Let the attribute ruler find its matches by lookup (see ``rulematch``): the same matches,
    so the same tags, parts of speech and morphology, at a fifth of the time of spaCy's Matcher,
    which tries every one of its patterns at every token. A ruler with other kinds of pattern
    keeps spaCy's Matcher."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    keyed = [(str(i), ruler.matcher.get(str(i))[1]) for i in range(len(ruler.attrs))]
    quick = lookup_matcher(ruler.matcher, keyed, nlp.vocab.strings)
    if quick is not None:
        ruler.matcher = quick


#: Contraction endings, as the model saw them in training (straight apostrophe).
_CONTRACTIONS = ("n't", "'s", "'re", "'ve", "'ll", "'d", "'m")


def _straighten_contractions(vocab) -> None:
    """Give curly-apostrophe contraction endings ("n’t", "’s") the features of their straight forms.

    The model's features (norm, prefix, suffix, shape) of "n’t" in "wouldn’t" are unseen ones,
    so it tagged it a proper noun and made it the clause's subject ("he wouldn’t put" -> subject
    "n’t"); news text writes curly apostrophes throughout.
    """
    for straight in _CONTRACTIONS:
        for form in (straight, straight.upper()):
            curly, model = vocab[form.replace("'", "’")], vocab[form]
            curly.norm_, curly.shape_ = model.norm_, model.shape_
            curly.prefix_, curly.suffix_ = model.prefix_, model.suffix_


def annotate_doc(doc) -> Annotation:
    """The Annotation of one parsed Doc: its entity mentions and its attributed quotes."""
    spans = quotes.find_quote_spans(doc.text)  # once: the mentions' label evidence and the quotes both read them
    mentions = entities.entity_mentions(doc, spans)
    # nationality adjectives help find speakers ("Russian officials said") but are no actors
    annotation = Annotation(mentions=entities.actor_mentions(mentions), quotes=quotes.extract_quotes(doc, mentions, spans))
    return calibrated(doc.text, annotation)  # each name's confidence weighs what surrounds its quote


#: Texts piped between two hand-backs of the heap (``_trim_heap``). spaCy's memory zones
#: (``nlp.memory_zone()``, which forget the strings a text adds to the vocabulary) were measured and
#: left out: they kept a worker's strings flat but cost 9% of the annotation's speed (spaCy's time
#: x1.149 without, x1.255 with, Python 3.12, 60 CNN articles), for 21 MiB at 5,000 Reuters articles.
GROUP_TEXTS = 256


def annotate_texts(nlp: spacy.Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Annotation]:
    """Annotations of ``texts``, in order, through ``nlp.pipe`` in batches; after each ``GROUP_TEXTS``
    texts the C heap's free pages go back to the system.

    A text longer than ``pieces.MAX_PIECE`` is annotated in pieces cut at paragraph breaks
    (spaCy refuses texts over a million characters), its pieces' offsets shifted back and merged.
    """
    texts = iter(texts)
    while group := list(itertools.islice(texts, GROUP_TEXTS)):
        yield from _annotate_group(nlp, group, batch_size)
        _trim_heap()


def _annotate_group(nlp: spacy.Language, texts: list[str], batch_size: int) -> Iterator[Annotation]:
    pieces = ((piece, (n, offset)) for n, text in enumerate(texts) for offset, piece in split_text(text))
    current, parts = None, []
    for doc, (n, offset) in nlp.pipe(pieces, batch_size=batch_size, as_tuples=True):
        if n != current and parts:
            yield merged(parts)
            parts = []
        current = n
        parts.append(shifted(annotate_doc(doc), offset))
    if parts:
        yield merged(parts)


@functools.cache
def _malloc_trim():
    """glibc's ``malloc_trim``, or None where the C library has none (macOS, musl)."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return None


def _trim_heap() -> None:
    """Give the C heap's free pages back to the system: the parse's arrays are freed between groups,
    but glibc keeps the pages, and a worker's RSS grows with the texts it has seen."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
