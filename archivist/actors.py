"""Aggregate stage: one actor, one page, across the whole archive.

Input: every article's Annotation, whose Mentions already carry the fullest name the
article itself uses (``Mention.actor``), and the optional editor file (``archivist.editor``).
Output: an :class:`~archivist.models.Archive`. The stage is a pure function of those two
inputs, so editing ``actors.toml`` takes effect at the next build without re-running spaCy.

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
4. **Acronym.** An acronym ("WHO") is the expansion whose initials spell it ("World Health
   Organization") where the archive shows the pairing: the two are mentioned in the same
   article. Of several expansions, the one paired in most articles wins; a tie links none.

Then every article's text is scanned for exact (case-sensitive, whole-word) occurrences of the
multi-word names and aliases of the actors found, which the NER model missed there; each is
added as a Mention (so rendering links it), in new Annotations with mentions sorted by start.
An occurrence followed by another capitalised word is left alone ("George Washington University").

Mentions that get no page map to None in ``Archive.mention_actors``: hidden actors and junk
(names without letters). ``Archive.actors`` is sorted by id; each actor's fields are described
on :class:`~archivist.models.Actor`. Names the editor file claims but the archive never uses
come from :func:`editor_warnings` (``build`` logs them); :func:`duplicate_report` lists actors
with counts and likely duplicates for the ``archivist actors`` command.

Cost is linear in the number of mentions (plus, for co-actors, the square of the number of
actors per article); no Doc is held, only names, ids and counts.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Mapping, Sequence

import numpy as np

from .editor import EditorEntry, EditorFile
from .models import KINDS, Actor, Annotation, Archive, Article, Mention, QuoteRef
from .names import (CONNECTORS, acronym_matches, canonical_name, is_acronym, is_title_word, name_key, normalise_name,
                    surname)

__all__ = ["aggregate_actors", "editor_warnings", "actor_key", "actor_slug", "co_actor_counts"]

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
#: Actor pairs counted at once when finding co-actors (a memory bound, not a result).
_PAIR_BATCH = 1 << 20
#: Most co-actors kept per actor.
CO_ACTORS = 20
#: Mention labels for mentions added by the name scan, by kind, when the actor has no labelled mention.
KIND_LABELS = {"person": "PERSON", "organisation": "ORG", "place": "GPE", "other": "MISC"}

# After a name: another capitalised word, so the name is part of a longer one.
_NEXT_CAPITALISED = re.compile(r" [^\W\d_a-z]")


@functools.lru_cache(maxsize=1 << 17)  # names repeat across articles; normalising is the stage's main cost
def actor_key(text: str, kind: str | None) -> str:
    """The comparison key of a name as written: people also lose every title ("Deputy Minister")."""
    return name_key(normalise_name(text, person=kind == "person"))


@functools.lru_cache(maxsize=1 << 17)
def _display(text: str, kind: str | None) -> str:
    """A name as pages show it: no titles, possessive or quotes; "US" shown as "United States"."""
    return canonical_name(normalise_name(text, person=kind == "person"))


@functools.lru_cache(maxsize=1 << 17)
def _is_junk(key: str) -> bool:
    return len(key) < 2 or not any(c.isalpha() for c in key)


def _month(article: Article) -> str | None:
    return f"{article.date.year:04d}-{article.date.month:02d}" if article.date else None


def _newest_first(article: Article):
    # date desc, then id; undated articles last
    return (article.date is None, -(article.date.toordinal() if article.date else 0), article.id)


def actor_slug(name: str) -> str:
    """A URL slug for a name: ascii-folded, lower-case, words joined by hyphens ("José Ñúñez" -> "jose-nunez")."""
    folded = unicodedata.normalize("NFKD", name.replace("&", " and "))
    folded = "".join(c for c in folded if not unicodedata.combining(c)).encode("ascii", "ignore").decode()
    folded = re.sub(r"['’.]", "", folded.lower())
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "actor"


class _Resolver:
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
class _Stats:
    """What pass 1 learns about one name key across the archive."""

    kinds: Counter
    forms: Counter  # display forms of Mention.actor


class _Tally:
    """Everything counted for one actor (target key) in pass 2."""

    __slots__ = ("mentions", "articles", "quotes", "kinds", "labels", "forms", "aliases", "roles",
                 "months", "outlets")

    def __init__(self):
        self.mentions = 0
        self.articles: list[str] = []
        self.quotes: list[QuoteRef] = []
        self.kinds: Counter = Counter()
        self.labels: Counter = Counter()
        self.forms: Counter = Counter()  # display forms of names whose key is the target itself
        self.aliases: set[str] = set()
        self.roles: Counter = Counter()
        self.months: Counter = Counter()
        self.outlets: Counter = Counter()


def aggregate_actors(articles: Sequence[Article], annotations: Mapping[str, Annotation],
                     editor: EditorFile | None = None) -> Archive:
    """The Archive: articles newest first, their annotations (extended by the name scan) and actors."""
    articles = sorted(articles, key=_newest_first)
    empty = Annotation()
    anns = [annotations.get(a.id) or empty for a in articles]
    resolver = _Resolver(editor)

    # Pass 1, over distinct names: what each name key is across the archive, then rules 3 and 4.
    names: Counter = Counter()  # (Mention.actor, kind, label) -> mentions
    surfaces: set[tuple[str, str, str]] = set()  # (Mention.text, kind, label)
    shortened: Counter = Counter()  # (Mention.text, Mention.actor) of people named by less than their name
    for annotation in anns:
        names.update((m.actor, m.kind, m.label) for m in annotation.mentions)
        surfaces.update((m.text, m.kind, m.label) for m in annotation.mentions)
        shortened.update((m.text, m.actor) for m in annotation.mentions if m.kind == "person" and m.text != m.actor)
    stats: dict[str, _Stats] = {}
    for (actor, kind, _), n in names.items():
        s = stats.setdefault(actor_key(actor, kind), _Stats(Counter(), Counter()))
        s.kinds[kind] += n
        s.forms[actor] += n
    surname_uses: Counter = Counter()  # person key -> mentions by the bare surname, resolved in the article
    for (text, actor), n in shortened.items():
        if name_key(text) == name_key(surname(actor)):
            surname_uses[actor_key(actor, "person")] += n
    _link_surnames(stats, resolver, surname_uses)
    _link_acronyms(articles, anns, stats, resolver)

    # Each distinct (name, kind) resolved once; names that editor conditions claim, per article.
    per_article = object()
    plain: dict[tuple[str, str], object] = {}
    for actor, kind, _ in names:
        key = actor_key(actor, kind)
        if _is_junk(key):
            plain[(actor, kind)] = None
        elif key in resolver.conditional or resolver.canon.get(key, key) in resolver.conditional:
            plain[(actor, kind)] = per_article
        else:
            target = resolver.canon.get(key, key)
            plain[(actor, kind)] = None if resolver.hidden(target) else target
    visible = {t for t in plain.values() if t is not None and t is not per_article}
    visible |= {t for t, e in resolver.entries.items() if not e.hide}

    # The name scan: multi-word forms as written, in one regular expression.
    forms: dict[str, tuple[str, str, str]] = {}  # form -> (key, kind, label)
    for text, kind, label in sorted(set(names) | surfaces):
        if " " in text and text[:1].isupper() and "\n" not in text:
            forms.setdefault(text, (actor_key(text, kind), kind, label))
    for entry in resolver.entries.values():
        for name in entry.names:
            if " " in name and name[:1].isupper():
                kind = entry.kind or "other"
                forms.setdefault(name, (name_key(name), kind, KIND_LABELS[kind]))
    pattern = _trie_pattern(forms)
    display_names = _target_names(names, resolver)

    # Pass 2, over mentions: each mention's target, the scan, and the counts.
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    detail: Counter = Counter()  # (target, actor, text, kind, label) -> mentions
    roles: Counter = Counter()  # (target, role) -> mentions
    new_annotations: dict[str, Annotation] = {}
    mention_actors: dict[str, list[str | None]] = {}
    for article, annotation in zip(articles, anns):
        mentions = annotation.mentions
        targets = [plain[(m.actor, m.kind)] for m in mentions]
        if per_article in targets:
            targets = [_resolve_here(m, article, resolver) if t is per_article else t
                       for m, t in zip(mentions, targets)]
        extra = _scan(article, mentions, pattern, forms, resolver, visible, display_names) if pattern else []
        if extra:
            merged = sorted([*zip(mentions, targets), *extra], key=lambda mt: (mt[0].start, mt[0].end))
            mentions = tuple(m for m, _ in merged)
            targets = [t for _, t in merged]
            annotation = Annotation(mentions=mentions, quotes=annotation.quotes)
        new_annotations[article.id] = annotation
        mention_actors[article.id] = targets
        detail.update((t, m.actor, m.text, m.kind, m.label) for t, m in zip(targets, mentions) if t is not None)
        roles.update((t, m.role.strip()) for t, m in zip(targets, mentions) if t is not None and m.role)
        month = _month(article)
        for target, n in Counter(targets).items():
            if target is not None:
                tally = tallies[target]
                tally.mentions += n
                tally.articles.append(article.id)
                if month:
                    tally.months[month] += n
    for (target, actor, text, kind, label), n in detail.items():
        tally = tallies[target]
        tally.kinds[kind] += n
        tally.labels[label] += n
        tally.aliases.add(_display(text, kind))
        tally.aliases.add(_display(actor, kind))
    for (target, role), n in roles.items():
        tallies[target].roles[role] += n

    quote_targets = _tally_quotes(articles, new_annotations, resolver, tallies)
    for target, tally in tallies.items():
        tally.forms = display_names.get(target) or tally.forms
    ids = _assign_ids(tallies, resolver)
    actors = _build_actors(articles, tallies, ids, mention_actors, resolver)
    return Archive(
        articles=tuple(articles),
        annotations=new_annotations,
        actors=actors,
        mention_actors={a: tuple(ids.get(t) if t else None for t in ts) for a, ts in mention_actors.items()},
        quote_actors={a: tuple(ids.get(t) if t else None for t in ts) for a, ts in quote_targets.items()},
    )


def _resolve_here(m: Mention, article: Article, resolver: _Resolver) -> str | None:
    """The target of a mention whose name an editor ``when`` entry may claim in this article."""
    target = resolver.resolve(actor_key(m.actor, m.kind), article)
    return None if resolver.hidden(target) else target


def _target_names(names: Counter, resolver: _Resolver) -> dict[str, Counter]:
    """target -> display forms of the names whose key is the target itself (the page name's candidates)."""
    out: dict[str, Counter] = defaultdict(Counter)
    for (actor, kind, _), n in names.items():
        key = actor_key(actor, kind)
        if not _is_junk(key):
            out[key][_display(actor, kind)] += n
    for target, entry in resolver.entries.items():
        out[target] = Counter({entry.name: 1})
    return out


def _majority(counter: Counter, order: Sequence[str] = KINDS) -> str:
    """The most common value; ties go to the earlier one in ``order``."""
    rank = {k: i for i, k in enumerate(order)}
    return min(counter, key=lambda k: (-counter[k], rank.get(k, len(rank)), k))


def _top_form(forms: Counter) -> str:
    """The most used form; ties go to the longer, then the alphabetically first."""
    return min(forms, key=lambda f: (-forms[f], -len(f), f))


def _link_surnames(stats: dict[str, _Stats], resolver: _Resolver, surname_uses: Counter | None = None) -> None:
    """Rule 3: a bare surname of people is the archive's one full-name person with that surname
    (or the dominant one: see ``SURNAME_DOMINANCE`` and ``SURNAME_USE_DOMINANCE``)."""
    people = {k: s for k, s in stats.items() if _majority(s.kinds) == "person"}
    full: dict[str, Counter] = defaultdict(Counter)  # surname key -> {target of a full name: mentions}
    uses: dict[str, Counter] = defaultdict(Counter)  # surname key -> {target: bare-surname mentions}
    full_keys = set()
    for key, s in people.items():
        form = _top_form(s.forms)
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


def _looks_like_full_name(name: str) -> bool:
    """False for NER debris that only looks like a given name and a surname ("NCAA Sweet", "X. Kyiv",
    "Defensive Rookie"): a full name that bare surnames may link to starts with a capitalised,
    non-title word that is not an acronym, and a lone initial needs a middle name after it."""
    words = normalise_name(name, person=True).split(" ")
    first = words[0]
    if not first[:1].isupper() or is_title_word(first) or (first.isupper() and len(first.rstrip(".")) > 1):
        return False
    return not (len(first.rstrip(".")) == 1 and len(words) < 3)


def _link_acronyms(articles, anns, stats, resolver) -> None:
    """Rule 4: an acronym is the expansion it is paired with in the most articles (a tie links none)."""
    acronyms = {k: _top_form(s.forms) for k, s in stats.items()
                if " " not in k and k not in resolver.claimed and _majority(s.kinds) != "person"
                and is_acronym(_top_form(s.forms))}
    # Candidate expansions by the initials they can spell, so each acronym meets only its own few.
    spells: dict[str, list[tuple[str, list[str]]]] = defaultdict(list)
    for key, s in stats.items():
        if " " in key and _majority(s.kinds) != "person":
            words = _display(_top_form(s.forms), None).split()
            for initials in _initials(words):
                spells[initials].append((key, words))
    candidates: dict[str, set[str]] = {}
    for acronym, form in acronyms.items():
        letters = "".join(c.upper() for c in form if c.isalpha())
        found = {key for key, words in spells.get(letters, ()) if acronym_matches(form, words)}
        if found:
            candidates[acronym] = found
    if not candidates:
        return
    written = {form: k for k in candidates for form in stats[k].forms}
    pairs: dict[str, Counter] = defaultdict(Counter)
    for annotation in anns:
        here = {written[m.actor] for m in annotation.mentions if m.actor in written}
        if not here:
            continue
        present = {actor_key(m.actor, m.kind) for m in annotation.mentions}
        for acronym in here:
            for key in candidates[acronym] & present:
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


def _trie_pattern(forms) -> re.Pattern | None:
    """One regular expression matching any of ``forms`` whole-word, longest first, or None for no forms.

    The alternation is a character trie ("Don(?:ald Trump(?: Jr\\.|(?!\\w))|...)"), so the regex engine
    walks it in one pass per position instead of trying thousands of names one after another.
    """
    if not forms:
        return None
    trie: dict = {}
    for form in forms:
        node = trie
        for ch in form:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alternatives = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alternatives.append(r"(?!\w)")  # a form ends here, at a word boundary: after longer ones
        return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"

    return re.compile(build(trie))


def _scan(article, mentions, pattern, forms, resolver, visible, display_names) -> list[tuple[Mention, str]]:
    """Occurrences of known multi-word names in ``article`` that no mention covers, as (new Mention, target)."""
    text = article.text
    spans = sorted((m.start, m.end) for m in mentions)
    begin = [s for s, _ in spans]
    out: list[tuple[Mention, str]] = []
    for hit in pattern.finditer(text):
        pos, end = hit.span()
        if pos and (text[pos - 1].isalnum() or text[pos - 1] in "_'’"):
            continue  # inside a word
        if _NEXT_CAPITALISED.match(text, end):
            continue  # part of a longer proper name ("George Washington University"): leave it alone
        i = bisect.bisect_left(begin, end)
        if i and spans[i - 1][1] > pos:
            continue  # overlaps an annotated mention
        form = hit.group()
        key, kind, label = forms[form]
        target = resolver.resolve(key, article)
        if target in visible:
            name = _top_form(display_names[target]) if display_names.get(target) else form
            out.append((Mention(pos, end, form, label, name, kind), target))
    return out


def _tally_quotes(articles, annotations, resolver, tallies) -> dict[str, list[str | None]]:
    """Each quote's speaker as a target key (None: unnamed or no page), counted on its actor."""
    out: dict[str, list[str | None]] = {}
    for article in articles:
        annotation = annotations[article.id]
        if not annotation.quotes:
            out[article.id] = []
            continue
        kinds = {m.actor: m.kind for m in annotation.mentions}
        targets: list[str | None] = []
        for index, quote in enumerate(annotation.quotes):
            target = None
            if quote.speaker:
                key = actor_key(quote.speaker, kinds.get(quote.speaker, "person"))
                target = None if _is_junk(key) else resolver.resolve(key, article)
                if target is not None and resolver.hidden(target):
                    target = None
            if target is not None:
                tally = tallies[target]
                if not tally.kinds:
                    tally.kinds[kinds.get(quote.speaker, "person")] += 1
                    tally.forms[_display(quote.speaker, "person")] += 1
                if not tally.articles or tally.articles[-1] != article.id:
                    # articles are visited newest first, so an out-of-order id is fixed when building
                    tally.articles.append(article.id)
                tally.quotes.append(QuoteRef(article.id, index))
                if quote.role:
                    tally.roles[quote.role.strip()] += 1
                if article.outlet:
                    tally.outlets[article.outlet] += 1
            targets.append(target)
        out[article.id] = targets
    return out


def _assign_ids(tallies: dict[str, _Tally], resolver: _Resolver) -> dict[str, str]:
    """target key -> unique slug; editor ids first, then by target key so collisions get -2, -3 stably."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for target in sorted(tallies):
        entry = resolver.entries.get(target)
        if entry is not None and entry.id:
            ids[target] = entry.id
            used.add(entry.id)
    for target in sorted(tallies):
        if target in ids:
            continue
        entry = resolver.entries.get(target)
        base = actor_slug(entry.name if entry else _top_form(tallies[target].forms or Counter([target])))
        slug, n = base, 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        ids[target] = slug
        used.add(slug)
    return ids


def _build_actors(articles, tallies, ids, mention_actors, resolver) -> tuple[Actor, ...]:
    """The Actor records, sorted by id."""
    order = {a.id: i for i, a in enumerate(articles)}
    targets = sorted(tallies)
    position = {t: i for i, t in enumerate(targets)}
    co = _co_actors([[position[t] for t in ts if t is not None] for ts in mention_actors.values()],
                    [ids[t] for t in targets])
    actors = []
    for target in targets:
        t = tallies[target]
        entry = resolver.entries.get(target)
        name = entry.name if entry else _top_form(t.forms) if t.forms else target
        kind = (entry.kind if entry and entry.kind else _majority(t.kinds) if t.kinds else "other")
        aliases = set(t.aliases) | set(entry.aliases if entry else ())
        aliases.discard(name)
        articles_sorted = sorted(set(t.articles), key=order.__getitem__)
        quotes = sorted(t.quotes, key=lambda q: (order[q.article_id], q.index))
        actors.append(Actor(
            id=ids[target], name=name, kind=kind,
            aliases=tuple(sorted(a for a in aliases if a)),
            roles=_roles(t.roles),
            description=entry.description if entry else None,
            links=entry.links if entry else (),
            mentions=t.mentions,
            articles=tuple(articles_sorted),
            quotes=tuple(quotes),
            co_actors=co.get(ids[target], ()),
            timeline=tuple(sorted(t.months.items())),
            outlets=tuple(sorted(t.outlets.items(), key=lambda kv: (-kv[1], kv[0]))),
        ))
    return tuple(sorted(actors, key=lambda a: a.id))


def co_actor_counts(mention_actors: Mapping[str, Sequence[str | None]]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Actor id -> its ``CO_ACTORS`` most frequent co-actors, from each article's mention actor ids.

    The same lists ``aggregate_actors`` gives every Actor, for an archive whose mentions changed
    after aggregation (``archivist.prune`` drops actors and recounts who appears with whom).
    """
    ids = sorted({i for ts in mention_actors.values() for i in ts if i is not None})
    position = {actor_id: n for n, actor_id in enumerate(ids)}
    return _co_actors([[position[i] for i in ts if i is not None] for ts in mention_actors.values()], ids)


def _co_actors(articles: list[list[int]], ids: list[str]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Actor id -> its CO_ACTORS most frequent co-actors (id, shared articles), most first, then by id.

    ``articles`` lists each article's actors as indexes into ``ids``. The pairs are counted with
    numpy (installed with spaCy): the sum of squares of actors per article is the stage's largest
    count, too many for a Python loop at 20,000 articles.
    """
    n = len(ids)
    by_size: dict[int, list[list[int]]] = defaultdict(list)
    for present in articles:
        present = sorted(set(present))
        if len(present) > 1:
            by_size[len(present)].append(present)
    if not by_size:
        return {}
    # Articles with the same number of actors form one matrix, so their pairs come out in one
    # operation; pairs are counted in batches of about a million to keep memory small.
    codes_parts, count_parts = [], []
    for size, rows in sorted(by_size.items()):
        a, b = np.triu_indices(size, 1)
        step = max(1, _PAIR_BATCH // len(a))
        for i in range(0, len(rows), step):
            matrix = np.array(rows[i:i + step], dtype=np.int64)
            batch_codes, batch_counts = np.unique((matrix[:, a] * n + matrix[:, b]).ravel(), return_counts=True)
            codes_parts.append(batch_codes)
            count_parts.append(batch_counts)
    codes, inverse = np.unique(np.concatenate(codes_parts), return_inverse=True)
    counts = np.bincount(inverse.ravel(), weights=np.concatenate(count_parts)).astype(np.int64)
    first, second = np.divmod(codes, n)
    # both directions, then sorted by actor, count (most first) and co-actor id (its rank among ids)
    rank = np.argsort(np.argsort(np.array(ids, dtype=object)))
    actor = np.concatenate([first, second])
    other = np.concatenate([second, first])
    count = np.concatenate([counts, counts])
    order = np.lexsort((rank[other], -count, actor))
    out: dict[str, tuple[tuple[str, int], ...]] = {}
    actor, other, count = actor[order], other[order], count[order]
    bounds = np.flatnonzero(np.diff(actor)) + 1
    for lo, hi in zip(np.concatenate([[0], bounds]), np.concatenate([bounds, [len(actor)]])):
        hi = min(hi, lo + CO_ACTORS)
        out[ids[actor[lo]]] = tuple((ids[o], int(c)) for o, c in zip(other[lo:hi].tolist(), count[lo:hi].tolist()))
    return out


def _roles(roles: Counter) -> tuple[str, ...]:
    """Roles most frequent first, case-insensitively merged; each shown in its most used casing."""
    groups: dict[str, Counter] = defaultdict(Counter)
    for role, n in roles.items():
        if role:
            groups[role.casefold()][role] += n
    ranked = sorted(groups.values(), key=lambda g: (-sum(g.values()), _top_form(g).casefold()))
    return tuple(_top_form(g) for g in ranked)


def editor_warnings(archive: Archive, editor: EditorFile | None) -> list[str]:
    """Editor-file names that match nothing in ``archive`` (likely typos), one message each.

    ``build`` calls this after :func:`aggregate_actors` and logs the messages; they never fail a build.
    An entry none of whose names occurs gets one warning; otherwise each alias that occurs nowhere
    gets one, and a ``when`` entry whose condition holds for no article naming it gets one.
    """
    if editor is None:
        return []
    seen: set[str] = set()
    for annotation in archive.annotations.values():
        for m in annotation.mentions:
            seen.add(actor_key(m.actor, m.kind))
            seen.add(actor_key(m.text, m.kind))
        for q in annotation.quotes:
            if q.speaker:
                seen.add(actor_key(q.speaker, "person"))
    names = {a.name for a in archive.actors}
    out = []
    for entry in editor.entries:
        found = [n for n in entry.names if name_key(n) in seen]
        if not found:
            out.append(f"{editor.path}: {entry.label} matches no name in the archive")
            continue
        for alias in entry.aliases:
            if alias not in found:
                out.append(f"{editor.path}: {entry.label}: alias {alias!r} matches no name in the archive")
        if entry.conditional and not entry.hide and entry.name not in names:
            out.append(f"{editor.path}: {entry.label}: its 'when' condition holds for no article naming it")
    return out
