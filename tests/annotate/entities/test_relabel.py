"""Tests of archivist.evidence: actors the small NER model mislabels, relabelled by the article's words.

Through the real model (the ``annotate`` fixture), since the evidence is in the parse.
"""

from __future__ import annotations

import pytest

PERSON_EVIDENCE = [
    # (text, actors that must be one PERSON each): names the small model tags as places or organisations
    # the small model tags "Mitch Landrieu" ORG; the article's other Landrieu is a person
    ('Quietly, someone showed up to a meeting of Democratic activists here.\nIt helped that the meeting was in the '
     'city that gave Mitch Landrieu the accent with which he speaks.\n“We grabbed our past,” Landrieu added.\n'
     'Landrieu is now 65. He acknowledged that most are better known than Landrieu.\nNew Orleans Mayor Moon Landrieu '
     'thought about running in 1976.', ["Mitch Landrieu", "Moon Landrieu"]),
    # an age beside the name ("Sophia" tagged GPE first)
    ('Many in the audience were die-hard fans, including Iranian-American cousins, Sophia, 23, and Ariana Parizadeh, '
     '22.\n“Going between home and school, I felt like I had to code switch,” Sophia said.', ["Sophia"]),
    # an age beside the surname: its one fuller name before it is the same person ("Kaeden Rowland" tagged ORG)
    ('Two months ago, Kaeden Rowland was just a print specialist at a store upstate.\nNow, after 100 or so videos, '
     'Rowland, 22, is better known online.\n“I don’t have any formal training in marketing,” Rowland said.',
     ["Kaeden Rowland"]),
    # a speaker tagged ORG who is then "she"
    ('Travel pros continue to recommend it.\n“PreCheck allows known, vetted travelers to move more efficiently,” '
     'Iannacci said in an email.\nBut, she added, these are difficult times for air passengers.', ["Iannacci"]),
    # ... and one linked to its fuller name, who is then "he"
    ('Concord resident Whit Symms went to see Ayotte speak last week.\n\n"She\'s a fake," Symms said. "I will not '
     'vote," he added.', ["Whit Symms"]),
    # a name tagged GPE everywhere but where it speaks, "a video from Kid Rock" no place
    ('Hegseth reposted a video from Kid Rock on Tuesday. The pilots flew over Kid Rock’s home.\nThey like Kid Rock, '
     'officials said.\n“This is a level of respect,” Kid Rock said in the post, referring to Gov. Gavin Newsom, who '
     'has sparred with Trump.\n“God Bless America,” he added.', ["Kid Rock"]),
    # a speaker tagged ORG who says "he" of himself
    ('Montgomery, the neighbor who saw Elkins and the kids 12 hours before the shooting, said he saw the children '
     'every day.', ["Montgomery"]),
    # ... or the subject of a verb whose participle speaks, who is then "he"
    ('Chelsea decided to act before his case was heard.\nBut Mutu has hit out at the club\'s decision, saying: '
     '"Chelsea have destroyed me." He told the Sunday Mirror: "I am shocked."', ["Mutu"]),
    # a name in apposition to a word for a person, and its surname with it
    ('The co-founder of the group, Huda Ammori, had brought the legal challenge.\nIn an interview with CNN Friday, '
     'Ammori said the ruling means “all of those arrests were technically unlawful.”', ["Huda Ammori"]),
    # a common given name tagged GPE once and PERSON once
    ('With this storm, the mayor posted a screen recording of a call with a New York City student named Victoria. '
     'In the video, he greeted her with a cheerful “Hi, Victoria,” and shared the news.', ["Victoria"]),
]


@pytest.mark.parametrize("text, people", PERSON_EVIDENCE)
def test_person_evidence_beats_the_models_label(annotate, text, people):
    labels: dict[str, set] = {}
    for m in annotate(text).mentions:
        labels.setdefault(m.actor, set()).add(m.label)
    assert {p: labels.get(p) for p in people} == {p: {"PERSON"} for p in people}


@pytest.mark.parametrize("text, actor, label", [
    # tagged PERSON by the small model, in apposition to a word for an organisation
    ("SpaceX, the Elon Musk-owned rocket company, did not respond. SpaceX plans to raise money.", "SpaceX", "ORG"),
    ("The festival drew protests. Shen Yun, a classical Chinese music and dance group, performed in Melbourne. Shen "
     "Yun said the threats would not stop it.", "Shen Yun", "ORG"),
    # a company beside a role word a company holds, or after another noun the parser hung it on
    ("“We stand by our reporting,” a spokesperson for the Journal’s publisher, Dow Jones, said in a statement.",
     "Dow Jones", "ORG"),
    # ... but a person with a role beside it stays a person whatever else the parser hangs on the name
    ("''I think the train has left the station,'' said Guido Schmidt-Traub, managing director of a group in Paris "
     "and New York, the Sustainable Development Solutions Network, that is analyzing the needed steps.",
     "Guido Schmidt-Traub", "PERSON"),
])
def test_an_organisation_tagged_as_a_person(annotate, text, actor, label):
    assert {m.label for m in annotate(text).mentions if m.actor == actor} == {label}
