"""The words quote attribution and speaker resolution read: the verbs that report speech,
pronouns, given names by gender, nouns for people, organisations, documents and the things people
speak through, and word-level tests on them.

Pure data and functions of words (no spaCy import); :mod:`archivist.annotate.quotes` finds cues
with the speech verbs, :mod:`archivist.annotate.speakers` resolves speakers with the rest, and
:mod:`archivist.annotate.quotes.attribution` asks :func:`could_speak` of a cue's subject.
"""

from __future__ import annotations

import re

from archivist.text.names import ROLE_HEADS

MALE_PRONOUNS = frozenset({"he", "him", "his", "himself"})


FEMALE_PRONOUNS = frozenset({"she", "her", "hers", "herself"})


PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "us", "our"})


#: Every personal pronoun: words that name no one on a quote card of their own.
PRONOUNS = MALE_PRONOUNS | FEMALE_PRONOUNS | PLURAL_PRONOUNS | {"it", "its", "i", "me", "my", "you", "your"}
#: Relative pronouns: they too name no one on their own.
RELATIVE = frozenset({"who", "which", "that", "whom"})


HONORIFIC_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f",
                     "sir": "m", "lady": "f", "madam": "f"}


#: Determiners and quantifiers that make a description an unnamed source ("a senior official").
INDEFINITE = frozenset({"a", "an", "another", "some", "one", "several", "many", "other", "two", "three",
                         "four", "few", "multiple", "various", "any", "most", "numerous", "both"})


#: Nouns for what an owner says through ("Ivana Trump's brief said"): the possessor is the speaker.
VOICE_NOUNS = frozenset({"statement", "brief", "letter", "report", "campaign", "office", "website", "ad",
                          "tweet", "memo", "filing", "complaint", "lawsuit", "book", "column", "article",
                          "blog", "post", "account", "release", "study", "analysis", "survey", "poll"})


#: Nouns for a written or broadcast work: "the report said" speaks for whoever the article says made it.
DOC_NOUNS = frozenset({"report", "study", "article", "book", "ruling", "piece", "clip", "video", "memo",
                        "letter", "column", "editorial", "story", "feature", "op-ed", "decision", "opinion",
                        "analysis", "survey", "poll", "complaint", "lawsuit", "filing", "ad", "spot",
                        "advertisement", "document", "release", "audit", "review", "paper"})


#: Verbs that make a document: its maker is their subject or agent ("the court issued a ruling").
#: Word forms, not lemmas: the model has no lemmatizer.
MAKE_VERBS = frozenset(
    "write writes wrote written writing publish publishes published publishing release releases released "
    "releasing issue issues issued issuing file files filed filing run runs ran running air airs aired airing "
    "produce produces produced producing prepare prepares prepared preparing commission commissioned "
    "author authored launch launches launched launching unveil unveils unveiled unveiling submit submits "
    "submitted submitting send sends sent sending draft drafted drafting sign signs signed signing "
    "post posts posted posting put puts putting".split())


#: Determiners of a document mentioned before ("the report"): the search for its maker goes on past it.
BACK_REFERENCE = frozenset({"the", "this", "that", "these", "those"})


#: Common English given names by gender (names common for both left out): a name's first word settles
#: its pronoun when the article's own evidence (honorifics, "he"/"she" after it) is thin or misleading
#: in long, many-person stories.
MALE_NAMES = frozenset("""
aaron abdul adam ahmad ahmed alan albert alberto alejandro alexander alexei alfred ali amir anders andre
andrei andres andrew angelo anthony anton antonin antonio antony archie arnold arthur barack barry bashar ben
benjamin benny bernard bernie bert bill billy bjorn bob bobby boris brad brandon brendan brent brett brian
brock bruce bruno bryan byron caleb calvin cameron carl carlo carlos cesar chad charles charlie christian
christopher chuck clarence claude clint colin conor cory craig curtis cyrus dale damian dan daniel danny
darrell darren dave david dean deepak dennis derek desmond devin dick diego dieter dmitry dominic don donald
donnie doug douglas drew duncan dwayne dwight earl ed eddie edgar eduardo edward elijah elon emmanuel enrique
eric ernest ethan eugene evan felix fernando floyd francesco francis francisco frank franklin fred friedrich
fyodor gary gavin gene geoffrey george gerald gerard gilbert giorgio giuseppe glenn gordon graham grant greg
gregory guy hakeem hamid hank hans harold harry harvey hassan hector helmut henrik henry herbert herman howard
hugh hugo hunter ian ibrahim igor isaac ivan jack jacob jacques jake jamal james jared jason javier jay jeb
jeff jeffrey jens jerome jerry jesse jim jimmy joaquin joe joel johan john johnny jon jonah jonas jonathan
jorge jose joseph josh joshua juan julian julius jurgen justin karl keir keith ken kenneth kenny kevin kirk
klaus kurt kyle lance larry lars lawrence leon leonard leroy lewis lloyd lorenzo louis lucas luis luke lyndon
magnus malcolm manuel marc marco marcus mario mark martin marvin mateo mats matt matthew maurice max maxim
melvin michael miguel mike mikhail milton mitch mitchell mitt mohamed mohammed muhammad murray narendra nathan
neal ned neil nelson newt nicholas nick nigel nils noah norman olaf ole oliver omar oscar otto owen pablo
patrick paul pedro percy perry pete peter phil philip pierre rafael ralph ramon randall randy raul ray raymond
reggie reid reince ricardo richard richie rick rishi rob robert roberto rodney roger roland ron ronald ross
roy ruben rudolph rudy rupert russell ryan salman sammy samuel santiago saul scott sean sebastian sergei
sergey sergio seth shawn sidney simon spencer stan stanley stefan stephen steve steven stuart sunil sven tariq
ted terrence theodore thomas tim timothy tobias todd tom tony travis trent troy tucker tyler tyrone ulysses
vance vernon victor vincent vivek vladimir wade wallace walter warren wayne wesley wilbur william willie
winston wolfgang xavier xi yuri zachary
""".split())


FEMALE_NAMES = frozenset("""
abby abigail adele adriana agnes aileen alexandra alexandria alice alicia alison allison alyssa amanda amber
amelia amina amy ana andrea angela anita ann anna anne annette antonia april ashley audrey ava barbara becky
belinda bella bernadette beth bethany betsy betty beverly beyonce bianca bonnie brandi brenda brittany brooke
camila candace carla carly carmen carol caroline carolyn cassandra catherine cathy cecilia celine charlene
charlotte chelsea cheri cheryl christina christine cindy claire clara claudia colleen connie constance corinne
courtney crystal cynthia daisy danielle daphne darlene dawn deanna deb debbie deborah debra delia denise diana
diane dolores dominique donna dora doris dorothy edith eileen elaine eleanor elena elisa elise eliza elizabeth
ella ellen eloise elsa emilia emily emma erica erika erin estelle esther eugenia eva eve evelyn fatima felicia
fiona florence frances francesca gabriela gabrielle gail georgia geraldine gina ginger giorgia giselle gloria
grace greta gretchen gwen gwendolyn haley hannah harriet hazel heather heidi helen helena henrietta hilda
hillary holly hope huma ida ilhan ingrid irene iris isabel isabella ivana ivanka jacqueline jamila jana jane
janelle janet janice janine jasmine jeanette jeanne jenna jennifer jenny jessica jill joan joanna
joanne jocelyn jodi johanna josephine joy joyce juanita judith judy julia julianne julie juliet june justine
kamala karen karin karina katarina kate katelyn katharine katherine kathleen kathryn kathy katie katrina kayla
keisha kellyanne kendra kimberly kirsten kristen kristi kristin kristina lana laura lauren leah leila lena
leona liliana lillian lily lina linda lindsay lisa lois loretta lori lorraine louise lucia lucy luisa lydia
lynn mabel madeleine madison mae magdalena maggie mallory marcia margaret margarita margo maria mariana
marianne marie marilyn marina marion marjorie marlene marsha martha mary maryam maureen maxine maya megan
meghan melania melanie melinda melissa meredith mia micaela michelle mildred miriam molly monica muriel myra
nadia nancy naomi natalia natalie natasha nell nicole nikki nina nora norma olga olivia paige pam pamela
patrice patricia patty paula pauline pearl penelope penny phyllis pilar priscilla priti rachael rachel ramona
raquel rebecca regina renee rhonda rita roberta robyn rosa rosalind rose rosemary roxanne ruth sabrina sadie
sally samantha sandra sara sarah savannah selena serena sharon sheila shelby sherry shirley sienna silvia
simone sofia sonia sophia sophie stacey stacy stella stephanie sue summer susan susana suzanne sylvia tamara
tammy tania tanya tara tatiana teresa tessa thelma theresa tiffany tina tonya tulsi ursula valerie vanessa
vera veronica vicki vicky victoria viola violet virginia vivian wanda wendy whitney wilma yolanda yvonne zoe
""".split())


#: Head nouns of definite descriptions that name one person ("the senator"), as the pronoun they
#: stand for ("person": either gender).
PERSON_NOUNS = {**dict.fromkeys("senator governor president candidate nominee secretary chair mogul billionaire "
                                 "lawmaker leader speaker mayor judge lawyer attorney director founder "
                                 "developer strategist adviser advisor aide spokesperson manager executive "
                                 "host author professor economist analyst pollster columnist historian".split(),
                                "person"),
                 **dict.fromkeys("congressman businessman chairman spokesman".split(), "he"),
                 **dict.fromkeys("congresswoman businesswoman chairwoman spokeswoman lady mother wife "
                                 "daughter".split(), "she")}


#: Head nouns of definite descriptions that name one organisation ("the union said").
ORG_NOUNS = frozenset("union agency company firm party committee department ministry network newspaper paper "
                       "group organization organisation association court council commission bureau "
                       "administration government institute foundation".split())


#: Names of diseases and their viruses, lower-cased, which the NER model tags as people or
#: organisations ("Covid" PERSON, "Covid-19" ORG): outbreaks, no actors.
DISEASES = frozenset("covid covid-19 coronavirus sars-cov-2 ebola zika mpox monkeypox hiv aids sars mers measles "
                     "polio cholera malaria tuberculosis influenza h5n1 omicron dengue".split())


#: Titles written before a name ("Mr. Obama", "Sen. Cruz"), lower-cased without their dot.
TITLES = frozenset({"mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep", "gov", "governor", "president",
                     "gen", "general", "prof", "secretary", "minister", "mayor", "judge", "lt", "col", "sgt",
                     "capt", "adm", "rev", "speaker", "chief", "justice", "del", "vice"})


#: Role words that are too generic to pick out one person.
WEAK_ROLE = frozenset({"the", "a", "an", "of", "and", "former", "current", "new", "then", "'s", "’s", ",",
                        "who", "is", "was", "u.s.", "mr.", "mrs.", "ms.", "dr."})


#: Common nouns for people and groups that are not roles ("critics", "the crowd").
PEOPLE_NOUNS = frozenset("people public crowd audience family team staff police critic official source expert "
                          "witness friend child kid student parent voter citizen resident member relative neighbor "
                          "neighbour person woman man men women supporter opponent activist protester "
                          "protestor worker employee resident listener viewer reader fan operative staffer "
                          "surrogate loyalist ally aide son brother sister father husband niece nephew uncle aunt "
                          "cousin grandson granddaughter grandfather grandmother".split())


#: Endings of nouns for people ("economist", "listener", "businessman"); "-ment" nouns are things.
_AGENT_RE = re.compile(r"(?:ist|ian|man|men|ant|er|or|ee)$")


#: Pronouns that count people without naming them ("some say", "another advised").
QUANTIFIERS = frozenset("another other others some many most all both few several none each either neither "
                        "everyone everybody someone somebody anyone anybody nobody one".split())

#: Nouns for an organisation that "it" or "they" stands for within its sentence.
BODIES = ORG_NOUNS | {"campaign", "office"}


_THING_OR_ER = frozenset("error behavior behaviour factor color colour honor rumor terror floor door labor "
                         "favor matter number order paper letter power water center centre border".split())


def capitalised(tok) -> bool:
    """A capitalised word inside a sentence, whatever the tagger made of it: a name ("said Skelly",
    tagged as an adverb; "Will wrote", as a modal)."""
    word = tok.text.replace("’", "").replace("'", "").replace("-", "")  # "O’Saben", "Al-Sadr"
    return word.isalpha() and tok.text[:1].isupper() and not tok.is_sent_start and tok.ent_type_ not in ("DATE", "TIME")


def could_speak(tok) -> bool:
    """False for a common noun that names a thing, not a source of words ("the plan", "the tone").

    Names, pronouns, roles, organisations, documents and nouns for people can speak;
    used to look past a speech verb whose subject is a thing to the person who said it
    ("Holm said the tone "..." suggested").
    """
    if tok.pos_ != "NOUN" or tok.ent_type_:
        return True
    word = singular(tok.lower_)
    if word in _THING_OR_ER:
        return False
    if word in PERSON_NOUNS or word in ORG_NOUNS or word in VOICE_NOUNS or word in DOC_NOUNS or \
            word in PEOPLE_NOUNS or word in ROLE_HEADS or tok.lower_ in ROLE_HEADS:
        return True
    return bool(_AGENT_RE.search(word)) and not word.endswith("ment")


def singular(word: str) -> str:
    """A plural noun's singular, roughly ("reports" -> "report"): enough for a lookup set."""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def given_gender(name: str, alone: bool = False) -> str | None:
    """"m" or "f" when the name's first word is a common given name of that gender.

    A one-word name counts only with ``alone`` (it may be a surname: "Scott").
    """
    words = name.split()
    if not words or (len(words) < 2 and not alone):
        return None
    first = words[0].lower().strip(".")
    return "m" if first in MALE_NAMES else "f" if first in FEMALE_NAMES else None


# --- speech verbs ---------------------------------------------------------------------

#: Lower-cased inflected forms of verbs that report speech or writing.
_SPEECH_LEMMAS = (
    "say tell add ask write note explain declare state insist argue claim continue recall warn reply "
    "respond answer announce acknowledge admit tweet post comment remark observe suggest predict "
    "promise vow pledge call describe accuse joke quip shout yell exclaim cry whisper mutter complain "
    "boast brag concede confirm deny contend maintain assert stress emphasize emphasise urge testify "
    "report read recount conclude counter retort scoff lament wonder muse charge allege tout "
    "praise criticize criticise blast slam dub label term brand characterize dismiss mock "
    "thunder proclaim announce reiterate repeat opine caution advise agree disagree add "
    "chant sing pray plead demand threaten estimate concede summarize summarise put "
    "begin start quote cite interject chime explain describe recall reflect wonder "
    "admit assure point refer blame portray denounce decry chide credit question thank vent indicate "
    "offer propose email retweet recommend compare name liken condemn exhort snap text message"
).split()
_IRREGULAR = {
    "say": "says said saying", "tell": "tells told telling", "write": "writes wrote written writing",
    "read": "reads reading", "cry": "cries cried crying", "begin": "begins began begun beginning",
    "put": "puts putting", "sing": "sings sang sung singing", "quip": "quips quipped quipping",
    "chime": "chimes chimed chiming", "label": "labels labeled labelled labeling labelling",
    "dub": "dubs dubbed dubbing", "slam": "slams slammed slamming", "mock": "mocks mocked mocking",
    "plead": "pleads pleaded pled pleading", "reiterate": "reiterates reiterated reiterating",
    "admit": "admits admitted admitting", "refer": "refers referred referring",
    "retweet": "retweets retweeted retweeting", "email": "emails emailed emailing",
    "brag": "brags bragged bragging", "snap": "snaps snapped snapping", "lead": "leads led leading",
    "drive": "drives drove driven driving", "find": "finds found finding",
}


def inflect(lemma: str) -> set[str]:
    """Regular English inflections of a verb lemma (over-generation is harmless in a lookup set)."""
    forms = {lemma}
    if lemma in _IRREGULAR:
        forms.update(_IRREGULAR[lemma].split())
        return forms
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms.update({lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"})
    else:
        forms.update({lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s"),
                      stem + "ed", stem + "ing"})
    return forms


#: Every inflected form of a speech verb ("said", "tweeting", "told").
SPEECH_VERBS = frozenset(f for lemma in _SPEECH_LEMMAS for f in inflect(lemma))
#: Verbs that are cues only with a quotation as object ("called it "X"") - weaker evidence.
WEAK_CUES = frozenset(inflect("call") | inflect("describe") | inflect("label") | inflect("dub")
                       | inflect("term") | inflect("brand") | inflect("characterize") | inflect("put")
                       | inflect("begin") | inflect("start") | inflect("continue") | inflect("read")
                       | inflect("add") | inflect("post") | inflect("quote") | inflect("cite")
                       | inflect("point") | inflect("refer") | inflect("compare") | inflect("name")
                       | inflect("offer") | inflect("credit") | inflect("question")
                       | inflect("liken") | inflect("condemn"))
CONTINUE = frozenset(inflect("continue"))


def speech_verb(tok) -> bool:
    """True for a token that is a verb reporting speech ("said", "told", "tweeted")."""
    return tok.lower_ in SPEECH_VERBS and tok.pos_ in ("VERB", "AUX")


# --- words the attribution and speaker rules read ----------------------------------------

#: Nouns for something said: their possessor said it ("Trump's claim that ...").
SPEECH_NOUNS = frozenset("claim prediction statement remark comment promise warning assertion argument suggestion "
                         "accusation insistence pledge vow description charge allegation declaration contention "
                         "complaint plea demand admission boast characterization characterisation reply response "
                         "answer retort".split())

#: "The report found that ...": what a document or study finds is what it says.
FINDING_VERBS = frozenset(inflect("find") | inflect("conclude"))

#: Verbs whose complement is only expected or wished for ("expects Holt to call ...").
IRREALIS_VERBS = frozenset(f for lemma in "expect want hope plan intend wish".split() for f in inflect(lemma))

#: Verbs that characterise ("called him a "bully"") - a one-word quote they govern is the speaker's word.
CHARACTERISING_VERBS = frozenset(f for lemma in ("call describe label dub term brand characterize characterise name "
                                                 "liken condemn").split()
                                 for f in inflect(lemma))

#: Forms of "tell": its object is the one addressed ("told "Fox and Friends""), not the words said.
TELL_VERBS = frozenset(inflect("tell"))

#: Pronouns that stand as the short subject of a cue after a quote (`"...," he surmised`).
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "i", "we"})

#: Particles of a retort or an interruption ("shot back", "cut in", "chimed in").
RETORT_PARTICLES = frozenset({"back", "in", "up", "out"})

#: Verbs whose object does what their complement says ("prompted Rubio to call ..."), unlike
#: those whose object is only asked to ("requires staffers to promise ...").
CAUSING_VERBS = frozenset(f for lemma in "prompt force lead push drive cause inspire spur compel provoke move".split()
                          for f in inflect(lemma))

#: Verbs whose passive subject is spoken to, not speaking ("he was asked", "she was told").
ADDRESSING_VERBS = frozenset(inflect("ask") | inflect("tell") | inflect("question"))

#: Words for a share of those polled ("75 percent of Republicans said", "a majority say").
SHARE_WORDS = frozenset("percent majority plurality half third quarter most".split())

#: Nouns for a poll, which reports what a share of its respondents said.
POLL_NOUNS = frozenset("poll polls survey surveys".split())

#: Things that carry someone's words ("released a statement saying", "held a sign that read").
CARRIERS = frozenset("statement message sign tweet post note letter email memo release video ad banner poster "
                     "placard shirt t-shirt hat headline caption slogan flyer mailer advertisement commercial "
                     "clip spot".split())

#: Small words a Title Case title leaves lower-case ("Face the Nation"): a quoted title, not speech.
TITLE_SMALL_WORDS = frozenset("a an the of and or in on at to for with by from is it as de la vs".split())

#: Reporting verbs that end a sentence as its cue (`..., he told CNN.`).
CLOSING_CUES = frozenset("said says told tells added adds wrote writes explained explains noted notes asked asks "
                         "continued continues according".split())

#: First words of a clause that belong to the quotation, not to a reporting clause after it.
QUOTE_CLAUSE_OPENERS = frozenset("i we you it as and but or so if when because that which who what this there".split())

#: Words after a reporting verb that make it the quotation's own (`said it would ...`).
COMPLEMENT_OPENERS = frozenset("i we you it he she they that there this".split())

#: Verbs a headline's Title Case glues onto a name ("Obama Says"): never part of one.
HEADLINE_VERBS = frozenset("says said tells told asks asked warns warned urges calls slams blasts vows "
                           "wants thinks believes claims denies admits defends".split())

#: Nouns for a group of people: a description with one of them is no one person's role.
GROUP_NOUNS = frozenset("family crowd audience public team staff people police".split())

#: Role words that make another office of the same title ("Deputy Foreign Minister", "Shadow foreign secretary").
RANK_WORDS = frozenset("shadow deputy vice assistant acting junior under ex former".split())

#: Title abbreviations written before names, as the nouns a later description uses.
TITLE_ABBREVIATIONS = {"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
                       "sec": "secretary", "atty": "attorney", "pres": "president", "lt": "lieutenant",
                       "col": "colonel", "adm": "admiral", "supt": "superintendent", "amb": "ambassador"}

#: Words that introduce a source beside a quote with a preposition of their own ("according to X"): word -> preposition.
SOURCE_PHRASES = {"according": "to"}
#: Prepositions that introduce a source after a comma (`..., per the party's bylaws`; not "per hour").
SOURCE_PREPOSITIONS = frozenset({"per"})
#: Words that introduce a source beside a quote ("according to X", "..., per X").
SOURCE_WORDS = frozenset(SOURCE_PHRASES) | SOURCE_PREPOSITIONS

#: Determiners of a text that "reads" its words (`"...," the post read`).
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their"})

#: Forms of "read" that close a text's words (`"...," the sign reads.`).
TEXT_READS = frozenset({"read", "reads"})

#: Forms of "go", which with "on" continues speech (`"...," Trump went on`).
GO_FORMS = frozenset({"go", "goes", "went", "going"})

#: Relative pronouns that head a clause of their own as its subject ("the department, which reported").
RELATIVE_SUBJECTS = frozenset({"that", "which"})

#: Personal pronouns with no gender or number to keep: "I" and "you" of a quote's own words, "it".
OTHER_PERSONAL_PRONOUNS = frozenset({"i", "it", "you"})

#: Pronouns that may stand for an organisation named through a noun in their clause ("the campaign ... they").
BODY_PRONOUNS = frozenset({"it", "they"})

#: Possessive pronouns, as the subject pronoun whose antecedent they share ("her campaign" -> "she").
POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "its": "it", "their": "they"}

#: Pronouns of the speaker or the one spoken to ("I", "you", "we"): they refer to no one named before.
FIRST_SECOND_PRONOUNS = frozenset({"i", "you", "we", "us", "me"})

#: Words of a speaker speaking in the first or second person ("I", "my", "we", "your"): a passage
#: quoted without them, reporting others' words, is an excerpt of a text, not someone's speech.
FIRST_SECOND_PERSON = frozenset("i me my mine myself we us our ours ourselves you your yours yourself "
                                "yourselves".split())
