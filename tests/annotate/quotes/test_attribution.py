"""Tests of archivist.attribution: the cue and speaker token of a quotation in its own sentence."""

from __future__ import annotations

import pytest

from archivist.annotate.quotes.attribution import QuoteSite, attribute, said_word


def _attribution(quoted, text, n=0):
    doc, index, spans, in_quote, paras = quoted(text)
    s, e = spans[n]
    i0, i1 = index.tokens(s, e)
    para = next(p for p in paras if p[0] <= s < p[1])
    return doc, attribute(QuoteSite(doc, doc.text, s, e, i0, i1, in_quote, para, index)), (i0, i1, in_quote)


@pytest.mark.parametrize("text, cue, speaker, strength", [
    ('"We will rebuild," Governor Ellen Park said.', "said", "Park", 3),
    ('"We will rebuild," said Ellen Park.', "said", "Park", 3),
    ('"We will rebuild," Ramos, 58, told reporters.', "told", "Ramos", 3),
    ('"It will end," he surmised.', "surmised", "he", 3),
    ('Park said the plan was "a costly mistake for the city."', "said", "Park", 3),
    ("Roe's claim that the bridge would be \"the finest in the country\" drew laughs.", "claim", "Roe", 2),
    ('Clinton: "Our goal is to defeat the group."', None, "Clinton", 2),
])
def test_attribute(quoted, text, cue, speaker, strength):
    _, att, _ = _attribution(quoted, text)
    assert (att.cue.text if att.cue is not None else None, att.speaker.text, att.strength) == (cue, speaker, strength)


def test_nothing_to_attribute(quoted):
    _, att, _ = _attribution(quoted, 'The film "Ordinary Days" opened.')
    assert att.speaker is None or att.strength < 2


def test_said_word(quoted):
    doc, _, (i0, i1, in_quote) = _attribution(quoted, 'Governor Tom Reyes called the senator a "disgrace" on Wednesday.')
    assert said_word(doc, i0, i1, in_quote)
    doc, _, (i0, i1, in_quote) = _attribution(quoted, 'The agency will "deescalate" the crisis soon.')
    assert not said_word(doc, i0, i1, in_quote)


#: One sentence a rule of the table: (text, the rule the quote's evidence records, the speaker's token).
RULE_CASES = [
    ('"We will rebuild every one of them." ― Ellen Park', "sign-off", "Park"),
    ('"We will rebuild," Governor Ellen Park said.', "trailing-cue", "Park"),
    ('"We will rebuild," said Ellen Park.', "inverted-cue", "Park"),
    ('"It will end soon," Ellen Park surmised.', "trailing-verb", "Park"),
    ('"We will win," Nate Silver, the polling guru who founded the site, tweeted.', "appositive-cue", "Silver"),
    ('"Vote no on the plan," the post read.', "reads", "post"),
    ('Holm said the ad "unmistakably" suggests a link.', "outer-cue", "Holm"),
    ('Residents wish the mayor would say, "The plant will stay open."', "outer-cue", "Residents"),
    ('Trump said during a rally that Clinton once described the deal as "the gold standard" of trade deals.',
     "reported-within", "Trump"),
    ("Roe's claim that the bridge would be \"the finest in the country\" drew laughs.", "owned-speech", "Roe"),
    ('He was asked, "Will you run again?"', "asked", None),
    ('His aides forced a change, replacing the plan with softer language calling for "an orderly end to the war."',
     "governing-clause", "aides"),
    ('Park said the plan was "a costly mistake for the city."', "cue-subject", "Park"),
    ('Moreno, meanwhile, who holds no seats, said that record speaks volumes about who is "ready to lead."',
     "cue-subject", "Moreno"),
    ('As Trump went on about "how the system is rigged" and more, Melanie said yes, over and over again.',
     "cue-subject", "Trump"),
    ('Clinton: "Our goal is to defeat the group."', "colon-label", "Clinton"),
    ('Sanders delivered a retort: "We have the votes."', "colon-label", "Sanders"),
    ('John Smith, The Daily Courier: "It was a rout from start to finish."', "colon-label", "Smith"),
    ('The message, he said, was simply: "Go home now."', "aside", "he"),
    ('The storm hit hard. "We will rebuild every one of them," according to Governor Ellen Park.', "according-to", "Park"),
    ('The mayor, Park said on Friday, is "a costly mistake for the city."', "sentence-cue", "Park"),
    ('The car was found on Monday, Reyes said. "The driver is in custody."', "sentence-before", "Reyes"),
    ('Park is preparing for "a long and difficult winter ahead."', "governing-verb", "Park"),
]


@pytest.mark.parametrize("text, rule, speaker", RULE_CASES, ids=[c[1] + "/" + c[0][:24] for c in RULE_CASES])
def test_each_rule_of_the_table_names_itself_and_the_speaker(quoted, text, rule, speaker):
    _, att, _ = _attribution(quoted, text)
    assert (att.rule, att.speaker.text if att.speaker is not None else None) == (rule, speaker)


def test_a_clause_of_its_own_after_a_semicolon_is_no_reported_clause(quoted):
    _, att, _ = _attribution(quoted, 'Smith called the disappearance an "interesting" case; Miller said "It is a '
                                     'little hard to say what is going on".')
    assert (att.rule, att.speaker.text) == ("cue-subject", "Smith")


def test_a_later_item_of_a_list_takes_the_lists_cue_not_the_clause_after_it(quoted):
    text = ('As Trump went on about "how the system is rigged," and "wounded families" and "our own struggling '
            'citizens," Melanie said yes, over and over again.')
    _, att, _ = _attribution(quoted, text, 2)
    assert (att.rule, att.speaker.text) == ("cue-subject", "Trump")


def test_every_row_of_the_table_is_a_named_rule_and_the_first_that_fires_wins(quoted):
    from archivist.annotate.quotes.attribution import ATTRIBUTION_RULES, UNATTRIBUTED
    from archivist.annotate.quotes.cues import RULES

    assert all(name in RULES for name, _ in ATTRIBUTION_RULES)
    doc, index, spans, in_quote, paras = quoted('"We will rebuild," said Ellen Park, according to the Daily Mail.')
    (s, e), = spans
    i0, i1 = index.tokens(s, e)
    site = QuoteSite(doc, doc.text, s, e, i0, i1, in_quote, paras[0], index)
    assert attribute(site).rule == "inverted-cue"  # the trailing cue comes before the rules that read the sentence
    later = tuple(row for row in ATTRIBUTION_RULES if row[0] not in ("sign-off", "trailing-cue"))
    assert attribute(site, later).rule != "inverted-cue"
    assert attribute(site, ()) is UNATTRIBUTED
