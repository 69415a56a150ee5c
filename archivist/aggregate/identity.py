"""Which names across the archive are one actor: the identity rules of the aggregate stage.

Identity rules, in the order they are tried for each mention:

1. **Editor file.** A name claimed by an ``[[actor]]`` entry (its name or an alias) is that
   entry's actor; entries with ``when`` first, in file order, where the article matches.
2. **Same name.** Names equal after ``names.name_key`` (case, accents, punctuation, possessives,
   leading "the", titles for people, and the ``names.EQUIVALENTS`` table: "U.S." = "US" =
   "United States") are one actor.
3. **Surname.** A person named by a bare surname ("Putin", "al-Assad") anywhere in the archive
   is the archive's one full-name person with that surname ("Vladimir Putin"), counting full
   names that the editor merged as one. Where two or more full names share the surname (two
   Johnsons) the bare name stays an actor of its own, unless one of them has ``SURNAME_DOMINANCE``
   times the mentions of the others together ("Trump" is Donald Trump). A bare name that is also
   some full name's first word ("Brian") links nowhere, nor do full names that look like NER debris
   ("NCAA Sweet"). Unlinked bare names are listed by ``duplicate_report`` so the editor can assign
   them (an alias, with ``when`` if needed) or hide them.
   Before it, **middle names**: "Jesse Louis Jackson", "Jesse L. Jackson" and "Jesse Jackson" across the
   archive are one person where the archive's full names with that first name and surname (and suffix:
   "Jesse Jackson Jr." is another man) agree in their middle names, an initial matching its name; "George
   W. Bush" and "George H. W. Bush" do not, so neither takes "George Bush" (:func:`link_middle_names`).
4. **Acronym.** An acronym ("WHO") is the expansion whose initials spell it ("World Health
   Organization") where the archive shows the pairing: the two are mentioned in the same
   article, or an article defines the one by the other ("... Organization (WHO)"), and the two are
   of one kind ("VA" for Virginia is no "Veterans Affairs"). Of several expansions, the one paired in most articles wins; a tie links none.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from archivist.aggregate.editor import EditorEntry, EditorFile
from archivist.models import KINDS, Article
from archivist.text.names import (CONNECTORS, SUFFIXES, acronym_matches, canonical_name, first_name, is_acronym,
                                   is_title_word, name_key, normalise_name, surname)

__all__ = ["DESIGNATORS", "NameStats", "Resolver", "actor_key", "display_name", "is_junk", "link_acronyms",
           "link_middle_names", "link_surnames", "majority", "top_form"]


#: A bare surname shared by several full names still links to the leading one when that one has
#: at least this many times the mentions of all the others together ("Trump" is Donald Trump, not
#: Melania or Eric Trump; two Johnsons of similar weight stay apart). None: never (strict rule).
SURNAME_DOMINANCE: int | None = 10


#: ...or when the archive's own articles call it by the bare surname at least this many times as
#: often as all the others together (and at least ``SURNAME_USES`` times): where an article names
#: one Obama and then says "Obama", the reader's "Obama" is learnt ("Obama" is Barack, not Michelle).
SURNAME_USE_DOMINANCE = 3


SURNAME_USES = 3


#: Words that may surround a one-word name without making another actor ("Apple Inc", "US Army").
DESIGNATORS = frozenset("inc corp corporation co company group ltd llc plc holdings us uk the store stores".split())


@functools.lru_cache(maxsize=1 << 17)  # names repeat across articles; normalising is the stage's main cost
def actor_key(text: str, kind: str | None) -> str:
    """The comparison key of a name as written: people also lose every title ("Deputy Minister")."""
    return name_key(normalise_name(text, person=kind == "person"))


@functools.lru_cache(maxsize=1 << 17)
def display_name(text: str, kind: str | None) -> str:
    """A name as pages show it: no titles, possessive or quotes; "US" shown as "United States"."""
    return canonical_name(normalise_name(text, person=kind == "person"))


@functools.lru_cache(maxsize=1 << 17)
def is_junk(key: str) -> bool:
    return len(key) < 2 or not any(c.isalpha() for c in key)


class Resolver:
    """Which actor (a target key) a name key means in an article: the identity rules 1-4."""

    def __init__(self, editor: EditorFile | None):
        self.entries: dict[str, EditorEntry] = {}
        self.canon: dict[str, str] = {}  # name key -> target key, for rules 1, 3, 4
        self.conditional: dict[str, list[EditorEntry]] = defaultdict(list)
        for entry in editor.entries if editor else ():
            target = f"@{entry.index}"
            self.entries[target] = entry
            for name in entry.names:
                key = name_key(name)
                if entry.conditional:
                    if entry not in self.conditional[key]:
                        self.conditional[key].append(entry)
                else:
                    self.canon[key] = target
        self.claimed = frozenset(self.canon) | frozenset(self.conditional)
        self.links: dict[str, tuple[str, str]] = {}  # name key -> (rule, target key), rules 3 and 4

    def link(self, key: str, target: str, rule: str) -> None:
        """Record a cross-article link made by rule 3 ("surname") or 4 ("acronym")."""
        self.canon[key] = target
        self.links[key] = (rule, target)

    def resolve(self, key: str, article: Article) -> str:
        """The target key of name ``key`` in ``article``."""
        if self.conditional:
            for k in (key, self.canon.get(key, key)):
                for entry in self.conditional.get(k, ()):
                    if entry.applies_to(article):
                        return f"@{entry.index}"
        return self.canon.get(key, key)

    def hidden(self, target: str) -> bool:
        """True for an editor entry with ``hide = true``."""
        entry = self.entries.get(target)
        return entry is not None and entry.hide


@dataclass
class NameStats:
    """What pass 1 learns about one name key across the archive."""

    kinds: Counter
    forms: Counter  # display forms of Mention.actor


def majority(counter: Counter, order: Sequence[str] = KINDS) -> str:
    """The most common value; ties go to the earlier one in ``order``."""
    rank = {k: i for i, k in enumerate(order)}
    return min(counter, key=lambda k: (-counter[k], rank.get(k, len(rank)), k))


def top_form(forms: Counter) -> str:
    """The most used form; ties go to the longer, then the alphabetically first."""
    return min(forms, key=lambda f: (-forms[f], -len(f), f))


def link_surnames(stats: dict[str, NameStats], resolver: Resolver, surname_uses: Counter | None = None) -> None:
    """Rule 3: a bare surname of people is the archive's one full-name person with that surname
    (or the dominant one: see ``SURNAME_DOMINANCE`` and ``SURNAME_USE_DOMINANCE``), after the full
    names that differ only by a middle name are one (:func:`link_middle_names`)."""
    link_middle_names(stats, resolver)
    people = {k: s for k, s in stats.items() if majority(s.kinds) == "person"}
    full: dict[str, Counter] = defaultdict(Counter)  # surname key -> {target of a full name: mentions}
    uses: dict[str, Counter] = defaultdict(Counter)  # surname key -> {target: bare-surname mentions}
    full_keys = set()
    for key, s in people.items():
        form = top_form(s.forms)
        last_key = name_key(surname(form))
        if not last_key or last_key == key:
            continue  # a one-word name (or a surname alone) is not a full name
        full_keys.add(key)
        if not _looks_like_full_name(form):
            continue
        target = resolver.canon.get(key, key)
        mentions = sum(s.kinds.values())
        full[last_key][target] += mentions
        uses[last_key][target] += (surname_uses or {}).get(key, 0)
        if " " in last_key:  # "al-Assad" is also written "Assad"
            full[last_key.rsplit(" ", 1)[1]][target] += mentions
    # a bare name that full names start with more often than end with is a given name ("Brian",
    # "Peter"): too ambiguous; "Trump" starts "Trump Tower" but ends far more names
    given: Counter = Counter()
    for key in full_keys:
        given[key.split(" ", 1)[0]] += sum(people[key].kinds.values())
    for key in sorted(people):
        if key in full_keys or key in resolver.claimed or key not in full or given[key] >= sum(full[key].values()):
            continue
        ranked = sorted(full[key].items(), key=lambda kv: (-kv[1], kv[0]))
        rest = sum(n for _, n in ranked[1:])
        if len(ranked) == 1 or (SURNAME_DOMINANCE and ranked[0][1] >= SURNAME_DOMINANCE * rest):
            resolver.link(key, ranked[0][0], "surname")
            continue
        by_use = sorted(uses[key].items(), key=lambda kv: (-kv[1], kv[0]))
        if by_use and by_use[0][1] >= SURNAME_USES and \
                by_use[0][1] >= SURNAME_USE_DOMINANCE * sum(n for _, n in by_use[1:]):
            resolver.link(key, by_use[0][0], "surname")


def name_parts(name: str) -> tuple[str, tuple[str, ...], str] | None:
    """(first name, middle names, surname with any suffix) of a person's name as keys, or None for a
    name of one word: "Jesse L. Jackson" -> ("jesse", ("l",), "jackson"); "Robert F. Kennedy Jr." ->
    ("robert", ("f",), "kennedy jr"); "Charles de Gaulle" -> ("charles", (), "de gaulle")."""
    words = name_key(name).split(" ")
    suffix: list[str] = []
    while len(words) > 2 and words[-1] in SUFFIXES:
        suffix.insert(0, words.pop())
    n_first, n_last = len(name_key(first_name(name)).split(" ")), len(name_key(surname(name)).split(" "))
    if n_first + n_last > len(words):
        return None
    return (" ".join(words[:n_first]), tuple(words[n_first:len(words) - n_last]),
            " ".join(words[len(words) - n_last:] + suffix))


def _same_middles(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when two middle names can be one person's: one of them none, or word for word equal, an
    initial matching its name ("l" ~ "louis"); ("h", "w") and ("w",) cannot."""
    if not a or not b:
        return True
    return len(a) == len(b) and all(x == y or (len(x) == 1 or len(y) == 1) and x[0] == y[0] for x, y in zip(a, b))


def link_middle_names(stats: dict[str, NameStats], resolver: Resolver) -> None:
    """Rule 3, first part: the archive's people of one first name and surname whose middle names agree
    are one person ("Jesse Louis Jackson", "Jesse L. Jackson", "Jesse Jackson"), the most mentioned name
    their page's; where two middle names disagree ("George W. Bush", "George H. W. Bush") none is linked."""
    groups: dict[tuple[str, str], list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
    for key, s in stats.items():
        if key in resolver.claimed or majority(s.kinds) != "person":
            continue
        form = top_form(s.forms)
        parts = name_parts(form) if _looks_like_full_name(form) else None
        if parts is not None and len(parts[0]) > 1:
            groups[(parts[0], parts[2])].append((key, parts[1]))
    for members in groups.values():
        if len(members) < 2 or not any(middle for _, middle in members) or \
                not all(_same_middles(a[1], b[1]) for a in members for b in members):
            continue
        target = min(members, key=lambda m: (-sum(stats[m[0]].kinds.values()), -len(m[0]), m[0]))[0]
        for key, _ in members:
            if key != target:
                resolver.link(key, target, "middle-name")


def _looks_like_full_name(name: str) -> bool:
    """False for NER debris that only looks like a given name and a surname ("NCAA Sweet", "X. Kyiv",
    "Defensive Rookie"): a full name that bare surnames may link to starts with a capitalised,
    non-title word that is not an acronym, and a lone initial needs a middle name after it."""
    words = normalise_name(name, person=True).split(" ")
    first = words[0]
    if not first[:1].isupper() or is_title_word(first) or (first.isupper() and len(first.rstrip(".")) > 1):
        return False
    return not (len(first.rstrip(".")) == 1 and len(words) < 3)


def link_acronyms(articles, anns, stats, resolver) -> None:
    """Rule 4: an acronym is the expansion it is paired with in the most articles (a tie links none)."""
    acronyms = {k: top_form(s.forms) for k, s in stats.items()
                if " " not in k and k not in resolver.claimed and majority(s.kinds) != "person"
                and is_acronym(top_form(s.forms))}
    # Candidate expansions by the initials they can spell, so each acronym meets only its own few.
    spells: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    for key, s in stats.items():
        if " " in key and majority(s.kinds) != "person":
            words = display_name(top_form(s.forms), None).split()
            for initials in _initials(words):
                spells[initials].append((key, words))
    candidates: dict[str, set[str]] = {}
    for acronym, form in acronyms.items():
        letters = "".join(c.upper() for c in form if c.isalpha())
        kind = majority(stats[acronym].kinds)  # "VA" for Virginia is no "Veterans Affairs"
        found = {key for key, words in spells.get(letters, ())
                 if acronym_matches(form, words) and majority(stats[key].kinds) == kind}
        if found:
            candidates[acronym] = found
    if not candidates:
        return
    written = {form: k for k in candidates for form in stats[k].forms}
    pairs: dict[str, Counter] = defaultdict(Counter)
    for annotation in anns:
        here = {written[m.actor] for m in annotation.mentions if m.actor in written}
        # an article that defines the acronym ("... Administration (TSA)") wrote it as the expansion's
        # mention: the strongest pairing, though the bare acronym is no actor of that article
        defined = {(written[m.text], actor_key(m.actor, m.kind)) for m in annotation.mentions
                   if m.text in written and m.actor != m.text}
        if not here and not defined:
            continue
        present = {actor_key(m.actor, m.kind) for m in annotation.mentions}
        paired = {(acronym, key) for acronym in here for key in candidates[acronym] & present}
        paired |= {(acronym, key) for acronym, key in defined if key in candidates[acronym]}
        for acronym, key in paired:
            pairs[acronym][resolver.canon.get(key, key)] += 1
    for acronym, counts in sorted(pairs.items()):
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        if len(ranked) == 1 or ranked[0][1] > ranked[1][1]:
            resolver.link(acronym, ranked[0][0], "acronym")


def _initials(words: list[str], limit: int = 64) -> set[str]:
    """The letter strings ``words`` can spell as an acronym (connectors optional, hyphen parts
    separately): the index key under which :func:`names.acronym_matches` is then checked."""
    out = {""}
    for w in words:
        options = {w[:1].upper()}
        parts = [p for p in re.split(r"[-/]", w) if p]
        if len(parts) > 1:
            options.add("".join(p[0].upper() for p in parts))
        if w.lower() in CONNECTORS:
            options.add("")
        out = {a + b for a in out for b in options}
        if len(out) > limit:
            return set()
    return out
