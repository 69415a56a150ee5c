"""Tests of archivist.nlp: the pipeline archivist loads and the Annotation it makes, through the real model."""

from __future__ import annotations

import pytest


def test_pipeline_parses_and_skips_the_lemmatizer(nlp):
    assert {"tagger", "parser", "ner", "archivist_paragraphs"} <= set(nlp.pipe_names)
    assert "lemmatizer" not in nlp.pipe_names
    assert nlp.pipe_names.index("archivist_paragraphs") < nlp.pipe_names.index("parser")


def test_every_paragraph_starts_a_sentence(nlp):
    # A time stamp line of a live blog: left alone, the parser runs "p.m." into the next line.
    text = "The Latest on the race (all times EDT):\n\n7 p.m.\n\nDonald Trump is questioning the vote.\nHe said so."
    doc = nlp(text)
    starts = {s.start_char for s in doc.sents}
    for para in ("7 p.m.", "Donald Trump", "He said"):
        assert text.index(para) in starts, para
    # the subject of "questioning" is in its own paragraph
    verb = next(t for t in doc if t.text == "questioning")
    subjects = [t.text for t in verb.children if t.dep_ == "nsubj"]
    assert subjects == ["Trump"]


def test_a_quote_mark_glued_to_a_word_is_its_own_token(nlp):
    words = [t.text for t in nlp('the paranoia,”Clinton said. Talks with NATO"unsuccessful" ended.')]
    assert words[:7] == ["the", "paranoia", ",", "”", "Clinton", "said", "."]
    assert words[9:12] == ["NATO", '"', "unsuccessful"]


GLUED = [
    # (text, words the tokenizer must give): a speech verb run together with the words beside it
    ("“We are done,” Trumpsaid. Trump left.", ["“", "We", "are", "done", ",", "”", "Trump", "said", ".", "Trump",
                                               "left", "."]),
    ("The command saidin a statement.", ["The", "command", "said", "in", "a", "statement", "."]),
    ("“Fine,” hewroteon X.", ["“", "Fine", ",", "”", "he", "wrote", "on", "X."]),
    # words that only look glued stay whole; "Infu" is nowhere else in the article
    ("Albusaidi met USAID staff about essays untold and foretold.", ["Albusaidi", "met", "USAID", "staff", "about",
                                                                   "essays", "untold", "and", "foretold", "."]),
    ("Infusaid Inc rose.", ["Infusaid", "Inc", "rose", "."]),
]


@pytest.mark.parametrize("text, words", GLUED)
def test_a_speech_verb_glued_to_its_neighbours_is_split(nlp, text, words):
    doc = nlp(text)
    assert [t.text for t in doc] == words
    assert doc.text == text


@pytest.mark.parametrize("text", ["“We won’t,” Trump said. She says so; they told him, and he wrote in.",
                                  "Infusaid Inc rose, it said.", "No one spoke."])
def test_a_text_without_a_glued_speech_verb_keeps_spacys_tokens(nlp, text):
    own = [(t.text, t.whitespace_, t.norm_) for t in nlp.tokenizer.tokenizer(text)]
    assert [(t.text, t.whitespace_, t.norm_) for t in nlp.tokenizer(text)] == own


def test_splitting_a_glued_speech_verb_keeps_the_other_tokens_norms(nlp):
    words = [(t.text, t.whitespace_, t.norm_) for t in nlp.tokenizer("They won’t, they saidin a statement.")]
    assert words == [("They", " ", "they"), ("wo", "", "will"), ("n’t", "", "not"), (",", " ", ","),
                     ("they", " ", "they"), ("said", "", "said"), ("in", " ", "in"), ("a", " ", "a"),
                     ("statement", "", "statement"), (".", "", ".")]


def test_a_glued_speech_verb_is_a_cue(annotate):
    ann = annotate("Lt. Gen. Sean Gainey spoke first. “He was a hero,” Gainey said.\nThe US Space Command saidin "
                   "a statement, “We mourn a life cut short.”")
    assert [(q.speaker, q.cue) for q in ann.quotes] == [("Sean Gainey", "said"), ("US Space Command", "said")]


@pytest.mark.parametrize("text", ["Dwyer says he wouldn’t put his money on it.", "They couldn’t say, and she didn’t know."])
def test_a_curly_apostrophe_contraction_parses_as_a_straight_one(nlp, text):
    curly, straight = nlp(text), nlp(text.replace("’", "'"))
    assert [(t.tag_, t.dep_) for t in curly] == [(t.tag_, t.dep_) for t in straight]
    assert [t.dep_ for t in curly if t.text == "n’t"] == ["neg"] * text.count("n’t")


def test_annotate_doc_gives_mentions_and_quotes(annotate):
    ann = annotate('Mayor Jane Holloway opened the bridge.\n"It will change the city," Holloway said.')
    assert [m.text for m in ann.mentions if m.label == "PERSON"] == ["Jane Holloway", "Holloway"]
    assert [(q.speaker, q.kind) for q in ann.quotes] == [("Jane Holloway", "direct")]


def test_a_dateline_is_no_subject(nlp, annotate):
    text = "WASHINGTON -- President Obama, opening the museum on Saturday, called it ''a story of hope and of struggle.''"
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents][0] == "WASHINGTON --"
    assert [q.speaker for q in annotate(text).quotes] == ["Obama"]


def test_quote_spans_are_found_once_an_article(nlp):
    # the mentions' label evidence ("Iannacci said ... she added", outside quotations) and the quotes
    # both read the quotation spans: annotate_doc finds them once and hands them to both
    import sys

    from archivist.annotate.nlp import annotate_doc
    from archivist.annotate.quotes.marks import find_quote_spans

    doc = nlp('“PreCheck allows known travelers to move,” Iannacci said in an email.\nBut, she added, “times are hard.”')
    calls = 0

    def profile(frame, event, arg):
        nonlocal calls
        if event == "call" and frame.f_code is find_quote_spans.__code__:
            calls += 1

    sys.setprofile(profile)
    try:
        annotation = annotate_doc(doc)
    finally:
        sys.setprofile(None)
    assert calls == 1
    assert len(annotation.quotes) == 2


@pytest.mark.parametrize("run", ["[" * 5000, "(" * 3000 + "x" * 2000, "\u201c" * 1200 + "." * 1200])
def test_a_long_run_without_a_space_is_tokenized_in_pieces_and_keeps_its_text(nlp, run):
    """spaCy's prefix/suffix loop is quadratic in a run without a space: it is cut into pieces
    (no timing here: the longest text spaCy's own tokenizer is handed is what stays bounded)."""
    from archivist.annotate.nlp import RUN_PIECE, GluedWordsTokenizer

    seen: list[int] = []
    inner = nlp.tokenizer.tokenizer

    def counting(text):
        seen.append(len(text))
        return inner(text)

    counting.vocab = inner.vocab
    tokenizer = GluedWordsTokenizer(counting)
    text = f"Mayor Jane Doe said so. {run} Then she left."
    doc = tokenizer(text)
    assert doc.text == text
    assert max(seen) <= max(RUN_PIECE, len("Mayor Jane Doe said so. ")), seen[:5]
    assert [t.text for t in doc][:5] == ["Mayor", "Jane", "Doe", "said", "so"]
    assert [t.text for t in doc][-4:] == ["Then", "she", "left", "."]



def test_texts_across_groups_are_annotated_as_one_by_one(nlp, monkeypatch):
    from archivist.annotate import nlp as nlp_module

    texts = ["“We will not,” said Anna Kowalczyk, the mayor of Gdansk.", "",
             "Wiremu Tahana told reporters: “The river is ours.”", "“Never,” she said."]
    one_by_one = [next(nlp_module.annotate_texts(nlp, [t])) for t in texts]
    monkeypatch.setattr(nlp_module, "GROUP_TEXTS", 2)  # groups of 2 texts: the heap is trimmed between texts
    assert list(nlp_module.annotate_texts(nlp, texts)) == one_by_one
