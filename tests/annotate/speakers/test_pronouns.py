"""Tests of archivist.pronouns: a pronoun to its person, through the real model and the resolver."""

from __future__ import annotations

import pytest

from archivist.annotate.entities.mentions import extract_mentions
from archivist.annotate.quotes.marks import find_quote_spans
from archivist.annotate.speakers.resolve import SpeakerResolver


def _resolve(nlp, text, which=-1):
    """The name the ``which``-th he/she/they/it of ``text`` resolves to."""
    doc = nlp(text)
    pronouns = [t for t in doc if t.lower_ in ("he", "she", "they", "it")]
    tok = pronouns[which]
    quoted = find_quote_spans(text)
    return SpeakerResolver(doc, extract_mentions(doc, quoted), quoted).resolve(tok, tok.idx)[0]


@pytest.mark.parametrize("text, name", [
    # the main clause's subject, not an embedded one
    ("Carl Benson said Tom Reyes had won the debate. He was pleased.", "Carl Benson"),
    # gender from given names: "she" skips the man named last
    ("Jane Moore met Tom Reyes on Monday. She left early.", "Jane Moore"),
    # "he" never lands on a woman, even the only person named
    ("Marjorie Taylor Greene posted on X. The president denied it, and he left.", None),
    # a singular they after an unnamed source stays unnamed
    ("Iranians fled. One resident told CNN the blast was loud. They said so twice.", None),
    # "he added" after a quotation of an unnamed source continues that source ...
    ('Striker Tom Reyes will meet Juventus. "Reyes will be in the stand," said a club official. '
     '"Then he will meet people," he added.', None),
    ('Jane Moore won. A spokeswoman for the group said it was a "basic principle". She added: "No trial."', None),
    ("Jane Moore wrote to the minister. She said he should answer.\nThe executive spokeswoman said leave was agreed "
     '"in conjunction with officials". She said: "Ministers were told of that."', None),
    # ... also after the source's own reported words, with no quotation of its own
    ('Critics accused the party of buying votes with help from Sir Paul Sykes. But a UKIP spokesman said the others '
     'had spent more. "The only way the smaller parties can get their message across is by buying space," he added.',
     None),
    # ... or after an organisation's unnamed officer
    ("Gabriella Rosen Kellerman studies AI at work. She warned about it. Last month, Meta’s director of AI safety "
     "and alignment tweeted about her own experience. “I had to RUN to my Mac mini,” she wrote.", None),
    # ... unless a name stands beside it
    ("Michael Eavis spoke first. Mr Eavis' daughter Emily said it would be \"quite a big step\". \"It might work,\" "
     "she said.", "Emily"),
    ('Jane Moore won. "Yes," said a spokesman, Tom Reyes. "No," he added.', "Tom Reyes"),
    ("One of the men, Jessie Elkins, 70, said he was convinced. The other man, his cousin James York, 40, cited "
     "Putin as a danger. ''He's talking too much trash,'' he said.", "James York"),
    # ... of its gender only, and only after a sentence whose main verb reports the source's words
    ('Jane Moore won. A spokesman for the group said it was a "basic principle". She added: "No trial."', "Jane Moore"),
    ('Striker Tom Reyes will meet Juventus. A club official was pleased. "Then," he added.', "Tom Reyes"),
    # a name beside the appositive the parser made the subject is the subject
    ("Former champion Conchita Martinez and Sania Mirza reached the second round. Martinez, 32, beat Shinobu "
     "Asagoe 6-4 6-4 and 18-year-old Mirza beat Jelena Kostanic 6-1. Mirza, the first Indian woman to "
     "win a WTA Tour title this month on home ground at Hyderabad, will now face Svetlana Kuznetsova. But she is "
     'remaining confident. "She is a great player," she said.', "Sania Mirza"),
    # a name right before a verb the parser left with no subject is its subject
    ("Shadow foreign secretary Michael Ancram spoke first. In a speech to the Foreign Policy Centre Mr Straw said "
     'of the Tory leader: "He is clever." He told the BBC: "I was making the observation."', "Straw"),
    # a name with a preposition inside is the subject by its head ("Commission" of "... on ... Freedom")
    ("In an interview, UNESCO also said that this change would require its approval.\nThis Thursday the United "
     "States Commission on International Religious Freedom (USCIRF) also criticized the move, recommending to "
     "keep the museum. They released a statement.", "United States Commission on International Religious Freedom"),
    # a name between "the" and a noun modifies it, whatever the parse makes of it
    ("Benitez hailed Gerrard for his strike and also the Anfield crowd for sticking by their side. He added: "
     '"Thanks."', "Benitez"),
    # a live blog's entry starts its own story
    ("___.\n\n5:55 p.m.\n\nSenator Tom Reyes spoke.\n\n___.\n\n8:05 a.m.\n\nThe governor is a runner. He won.", None),
])
def test_pronoun_to_person(nlp, text, name):
    assert _resolve(nlp, text) == name


#: One small text a kind of antecedent: (text, the kind that ranks first for the last pronoun, its name).
ANTECEDENT_CASES = [
    ("Carl Benson said Tom Reyes had won the debate. He was pleased.", "main-subject", "Carl Benson"),
    ("Jane Moore met the board and Tom Reyes. She left early.", "main-subject", "Jane Moore"),
    ("The report said Tom Reyes had left. He was tired.", "subject", "Tom Reyes"),
    # a group that speaks is no "he": the one it speaks of is
    ("When Jane Moore arrived, the crowd said Tom Reyes had left. He was tired.", "subject", "Tom Reyes"),
    ("Reporters called the Acme Corporation on Monday. It said nothing.", "nearest", "Acme Corporation"),
    ("Iranians fled. One resident told CNN the blast was loud. They said so twice.", "unnamed-source", None),
    ('Mr. Tom Reyes spoke first.\nHe was taken into custody, police said. "We found him," he said.', "chain", None),
    ("The fact sheet noted that the Acme Corporation made the drug. It said the drug was safe.", "document", None),
    # a person the main subject describes is a candidate of its own: the aide, not the senator; the mother,
    # not the last woman named; named where the description stands for a name
    ("Senator Bill Smith spoke first. The senator's aide then stood up. She said the bill was dead.",
     "described", None),
    ("Ann Lee ran the shop. My mother has softened with age, but even now she still says so.", "described", None),
    ("Jane Roe, the senator's aide, spoke first. Senator Bill Smith left. The senator's aide said she was tired.",
     "described", "Jane Roe"),
    # "they" after a sentence headed by "they" stands for whoever that one does; people described as a
    # group ("critics", "officials") are a candidate of their own, unnamed, not the last organisation named
    ('The Acme Corporation backed the plan. Critics oppose it. They sent a letter on Monday. "No," they wrote.',
     "chain", None),
    ("The Acme Corporation backed the plan. Critics of the plan, like Senators Jane Moore and Tom Reyes, oppose "
     "it. They sent a letter to the board.", "described", None),
    # a campaign is a body its owner does not speak for: "it" is the campaign, unnamed
    ("Jane Moore's campaign defended her on Monday. It said the claims were false.", "document", None),
    ('The meeting ended.\nThe mayor thanked Jane Moore, a lawyer for the city.\n"We are done," she said.',
     "introduced", "Jane Moore"),
    ('The meeting ended.\nOn Monday the board met with Jane Moore.\n"We are done," she said.', "sole-person",
     "Jane Moore"),
]


@pytest.mark.parametrize("text, kind, name", ANTECEDENT_CASES, ids=[c[1] + "/" + c[0][:20] for c in ANTECEDENT_CASES])
def test_the_antecedent_that_ranks_first(nlp, text, kind, name):
    doc = nlp(text)
    tok = [t for t in doc if t.lower_ in ("he", "she", "they", "it")][-1]
    quoted = find_quote_spans(text)
    resolver = SpeakerResolver(doc, extract_mentions(doc, quoted), quoted)
    best = resolver.pronouns.antecedent(tok.lower_, tok.idx)
    assert best is not None and best.kind == kind
    if kind != "chain":
        assert best.value == name


def test_rank_puts_a_nearer_sentence_first_and_the_nearest_mention_last():
    from archivist.annotate.speakers.pronouns import Antecedent, rank

    near_subject = Antecedent("subject", 0, 40, "A")
    far_main = Antecedent("main-subject", 1, 10, "B")
    nearest = Antecedent("nearest", 0, 50, "C")
    assert sorted([nearest, far_main, near_subject], key=rank) == [near_subject, far_main, nearest]
    assert rank(Antecedent("main-subject", 0, 30, "D")) < rank(Antecedent("main-subject", 0, 20, "E"))
