"""Aggregate stage: one actor, one page, across the whole archive.

Input: every article's Annotation, whose Mentions already carry the fullest name the
article itself uses (``Mention.actor``), and the optional editor file (``aggregate.editor``).
Output: an :class:`~archivist.models.Archive`. The stage is a pure function of those two
inputs, so editing ``actors.toml`` takes effect at the next build without re-running spaCy.

The identity rules (editor file, same name, surname, acronym) are in :mod:`archivist.aggregate.identity`.

Then every article's text is scanned for exact (case-sensitive, whole-word) occurrences of the
multi-word names and aliases of the actors found, which the NER model missed there; each is
added as a Mention (so rendering links it), in new Annotations with mentions sorted by start.
An occurrence followed by another capitalised word is left alone ("George Washington University").

Every mention and quote of the Archive's annotations carries its actor's id (``actor_id``);
mentions that get no page carry None: hidden actors, junk (names without letters) and, with
``min_mentions``, rare actors (``prune``). ``Archive.actors`` is sorted by id; each actor's
fields are described on :class:`~archivist.models.Actor`; what actors share (co-actors, quotes
about them, whom they talk about) is counted once, over the actors that keep a page
(:func:`relate_actors`). Names the editor file claims but the archive never uses come from
:func:`editor_warnings` (``build`` logs them); ``duplicates.duplicate_report`` lists actors
with counts and likely duplicates for the ``archivist actors`` command.

Cost is linear in the number of mentions (plus, for co-actors, the square of the number of
actors per article); no Doc is held, only names, ids and counts.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import hashlib
import itertools
import operator
import re
import unicodedata
from collections import Counter, defaultdict
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import numpy as np

from archivist.aggregate.editor import EditorFile
from archivist.aggregate.identity import (NameStats, Resolver, actor_key, display_name, is_junk, link_acronyms,
                                          link_surnames, majority, top_form)
from archivist.aggregate.prune import prune_actors
from archivist.models import RESERVED_ACTOR_IDS, Actor, Annotation, Archive, Article, Mention, QuoteRef
from archivist.text.names import name_key, surname
from archivist.text.slug import slugify

__all__ = ["aggregate_actors", "editor_warnings", "actor_key", "actor_slug", "relate_actors", "ScanMemo"]

#: Actor pairs counted at once when finding co-actors (a memory bound, not a result).
_PAIR_BATCH = 1 << 20
#: Most co-actors kept per actor.
CO_ACTORS = 20
#: Mention labels for mentions added by the name scan, by kind, when the actor has no labelled mention.
KIND_LABELS = {"person": "PERSON", "organisation": "ORG", "place": "GPE", "group": "NORP", "other": "MISC"}

# After a name: another capitalised word, so the name is part of a longer one.
_NEXT_CAPITALISED = re.compile(r" [^\W\d_a-z]")


def _month(article: Article) -> str | None:
    return f"{article.date.year:04d}-{article.date.month:02d}" if article.date else None


def _newest_first(article: Article):
    # date desc, then id; undated articles last
    return (article.date is None, -(article.date.toordinal() if article.date else 0), article.id)


def actor_slug(name: str) -> str:
    """An actor's page slug: the one slug function's, "actor" where nothing is left."""
    return slugify(name, "actor")


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


@dataclasses.dataclass
class ScanMemo:
    """What the name scan found in each article, kept from one build for the next: the scan is a
    sixth of the stage, and after one edit only the edited article's inputs differ.

    ``known`` is the last build's, ``made`` this one's (``aggregate_actors`` fills it): each maps
    an article id to (key, hits), the key a digest of what the hits depend on (the article's text,
    its mention and covered spans, and the archive's set of names looked for), the hits
    (start, end, name) as ``_scan_hits`` finds them. An entry is used only where its key is this
    build's; what follows the hits (whose actor a name is here) is worked out again every build.
    The caller keeps the code it ran with: another version of this module must not read it.
    """

    known: Mapping[str, tuple[str, Sequence[Sequence]]] = dataclasses.field(default_factory=dict)
    made: dict[str, tuple[str, list[tuple[int, int, str]]]] = dataclasses.field(default_factory=dict)
    reused: int = 0  #: articles whose entry of ``known`` stood in for the scan


def aggregate_actors(articles: Sequence[Article], annotations: Mapping[str, Annotation],
                     editor: EditorFile | None = None, min_mentions: int = 1,
                     covered: Mapping[str, Sequence[tuple[int, int]]] | None = None,
                     memo: ScanMemo | None = None, min_articles: int = 1) -> Archive:
    """The Archive: articles newest first, their annotations (extended by the name scan, each
    mention and quote with its ``actor_id``) and the actors that get a page: with ``min_mentions``
    above 1, only those ``prune.keeps_page`` keeps.

    ``covered`` maps an article id to (start, end) spans the name scan leaves alone though no
    mention holds them: the entities the site does not show (``annotate.shown`` drops events,
    laws and works), which the scan would otherwise add back as the actor of the same words.
    ``memo`` lets articles whose scan inputs are unchanged skip the scan (``ScanMemo``)."""
    articles = sorted(articles, key=_newest_first)
    empty = Annotation()
    anns = [annotations.get(a.id) or empty for a in articles]
    resolver = Resolver(editor)

    # Pass 1, over distinct names: what each name key is across the archive, then rules 3 and 4.
    names: Counter = Counter()  # (Mention.actor, kind, label) -> mentions
    surfaces: set[tuple[str, str, str]] = set()  # (Mention.text, kind, label)
    shortened: Counter = Counter()  # (Mention.text, Mention.actor) of people named by less than their name
    for annotation in anns:
        names.update((m.actor, m.kind, m.label) for m in annotation.mentions)
        surfaces.update((m.text, m.kind, m.label) for m in annotation.mentions)
        shortened.update((m.text, m.actor) for m in annotation.mentions if m.kind == "person" and m.text != m.actor)
    stats: dict[str, NameStats] = {}
    for (actor, kind, _), n in names.items():
        s = stats.setdefault(actor_key(actor, kind), NameStats(Counter(), Counter()))
        s.kinds[kind] += n
        s.forms[actor] += n
    surname_uses: Counter = Counter()  # person key -> mentions by the bare surname, resolved in the article
    for (text, actor), n in shortened.items():
        if name_key(text) == name_key(surname(actor)):
            surname_uses[actor_key(actor, "person")] += n
    link_surnames(stats, resolver, surname_uses)
    link_acronyms(articles, anns, stats, resolver)

    # Each distinct (name, kind) resolved once; names that editor conditions claim, per article.
    per_article = object()
    plain: dict[tuple[str, str], object] = {}
    for actor, kind, _ in names:
        key = actor_key(actor, kind)
        if is_junk(key):
            plain[(actor, kind)] = None
        elif key in resolver.conditional or resolver.canon.get(key, key) in resolver.conditional:
            plain[(actor, kind)] = per_article
        else:
            target = resolver.canon.get(key, key)
            plain[(actor, kind)] = None if resolver.hidden(target) else target
    visible = {t for t in plain.values() if t is not None and t is not per_article}
    visible |= {t for t, e in resolver.entries.items() if not e.hide}

    # The name scan: multi-word forms as written (_NameFinder).
    forms: dict[str, tuple[str, str, str]] = {}  # form -> (key, kind, label)
    for text, kind, label in sorted(set(names) | surfaces):
        if " " in text and text[:1].isupper() and "\n" not in text:
            forms.setdefault(text, (actor_key(text, kind), kind, label))
    for entry in resolver.entries.values():
        for name in entry.names:
            if " " in name and name[:1].isupper():
                kind = entry.kind or "other"
                forms.setdefault(name, (name_key(name), kind, KIND_LABELS[kind]))
    finder = _NameFinder(forms) if forms else None
    looked_for = hashlib.blake2b(repr(sorted(forms)).encode("utf-8", "surrogatepass"), digest_size=16).digest()
    display_names = _target_names(names, resolver)

    # Pass 2, over mentions: each mention's target, the scan, and the counts.
    tallies: dict[str, _Tally] = defaultdict(_Tally)
    detail: Counter = Counter()  # (target, actor, text, kind, label) -> mentions
    roles: Counter = Counter()  # (target, role) -> mentions
    new_annotations: dict[str, Annotation] = {}
    mention_targets: dict[str, list[str | None]] = {}  # article -> each mention's target key, in order
    for article, annotation in zip(articles, anns):
        mentions = annotation.mentions
        targets = [plain[(m.actor, m.kind)] for m in mentions]
        if per_article in targets:
            targets = [_resolve_here(m, article, resolver) if t is per_article else t
                       for m, t in zip(mentions, targets)]
        extra = []
        if finder:
            spans = sorted([*((m.start, m.end) for m in mentions), *(covered.get(article.id, ()) if covered else ())])
            hits = None
            if memo is not None:
                key = _scan_key(looked_for, article.text, spans)
                entry = memo.known.get(article.id)
                if entry is not None and entry[0] == key:
                    hits = [tuple(h) for h in entry[1]]
                    memo.reused += 1
            if hits is None:
                hits = _scan_hits(article.text, spans, finder)
            if memo is not None:
                memo.made[article.id] = (key, hits)
            extra = _found(article, hits, forms, resolver, visible, display_names)
        if extra:
            merged = sorted([*zip(mentions, targets), *extra], key=lambda mt: (mt[0].start, mt[0].end))
            mentions = tuple(m for m, _ in merged)
            targets = [t for _, t in merged]
            annotation = Annotation(mentions=mentions, quotes=annotation.quotes)
        new_annotations[article.id] = annotation
        mention_targets[article.id] = targets
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
        tally.aliases.add(display_name(text, kind))
        tally.aliases.add(display_name(actor, kind))
    for (target, role), n in roles.items():
        tallies[target].roles[role] += n

    quote_targets = _tally_quotes(articles, new_annotations, resolver, tallies)
    for target, tally in tallies.items():
        tally.forms = display_names.get(target) or tally.forms
    ids = _assign_ids(tallies, resolver)
    resolved = {a.id: _with_ids(new_annotations[a.id], mention_targets[a.id], quote_targets[a.id], ids)
                for a in articles}
    archive = Archive(articles=tuple(articles), annotations=resolved,
                      actors=_build_actors(articles, tallies, ids, resolver))
    return relate_actors(prune_actors(archive, min_mentions, min_articles))


def _with_ids(annotation: Annotation, mention_targets: Sequence[str | None], quote_targets: Sequence[str | None],
              ids: Mapping[str, str]) -> Annotation:
    """``annotation`` with each mention and quote carrying its target's actor id (None: no page)."""
    def resolved(record, target):
        actor_id = ids.get(target) if target is not None else None
        return record if record.actor_id == actor_id else _with_actor_id(record, actor_id)

    return Annotation(mentions=tuple(resolved(m, t) for m, t in zip(annotation.mentions, mention_targets, strict=True)),
                      quotes=tuple(resolved(q, t) for q, t in zip(annotation.quotes, quote_targets, strict=True)))


@functools.cache
def _positional(cls: type) -> tuple[Callable[[Any], tuple], int] | None:
    """(getter of every field's value, in order; the position of ``actor_id``) for a record type whose
    fields all go to ``__init__`` by position; None for any other (``dataclasses.replace`` serves it)."""
    fields = dataclasses.fields(cls)
    if any(not f.init or f.kw_only for f in fields):
        return None
    names = [f.name for f in fields]
    return operator.attrgetter(*names), names.index("actor_id")


def _with_actor_id(record, actor_id: str | None):
    """``dataclasses.replace(record, actor_id=actor_id)`` for a Mention or Quote, without replace's walk of
    the fields on every call (a fifth of a million calls at 19k articles)."""
    how = _positional(type(record))
    if how is None:
        return dataclasses.replace(record, actor_id=actor_id)
    values = list(how[0](record))
    values[how[1]] = actor_id
    return type(record)(*values)


def _resolve_here(m: Mention, article: Article, resolver: Resolver) -> str | None:
    """The target of a mention whose name an editor ``when`` entry may claim in this article."""
    target = resolver.resolve(actor_key(m.actor, m.kind), article)
    return None if resolver.hidden(target) else target


def _target_names(names: Counter, resolver: Resolver) -> dict[str, Counter]:
    """target -> display forms of the names whose key is the target itself (the page name's candidates)."""
    out: dict[str, Counter] = defaultdict(Counter)
    for (actor, kind, _), n in names.items():
        key = actor_key(actor, kind)
        if not is_junk(key):
            out[key][display_name(actor, kind)] += n
    for target, entry in resolver.entries.items():
        out[target] = Counter({entry.name: 1})
    return out


class _NameFinder:
    """Finds any of a set of multi-word names in a text, whole-word, longest first: what one regular
    expression of all the names as a trie would find, with ``finditer``'s left-to-right, non-overlapping
    order, but without compiling that expression (seconds for the ~10,000 names of 5,000 articles).

    Every name holds a space, so the text's word up to its next space picks the names that can
    start at a position; the longest of them that the text holds there, not followed by a word
    character, is the match, and the search goes on after it. A first word may start hundreds of
    names (Reuters: "Revs" 606, "U.S." 489), so they are looked up by length, longest first: one
    slice of the text and one set lookup per distinct length, not one comparison per name.
    """

    _WORD = re.compile(r"\w")

    def __init__(self, forms: Iterable[str]):
        by_head: dict[str, set[str]] = defaultdict(set)
        for form in forms:
            by_head[form[:form.index(" ")]].add(form)
        self._by_head = {head: ({n: n for n in names}, tuple(sorted({len(n) for n in names}, reverse=True)))
                         for head, names in by_head.items()}
        firsts = sorted({head[0] for head in self._by_head})
        self._starts = re.compile("[" + "".join(re.escape(c) for c in firsts) + "]")

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, name) of each match in ``text``, left to right."""
        by_head, word, pos, size = self._by_head, self._WORD, 0, len(text)
        while (hit := self._starts.search(text, pos)) is not None:
            start = hit.start()
            space = text.find(" ", start)
            if space < 0:
                return  # no name fits in what is left
            pos = start + 1
            names, lengths = by_head.get(text[start:space], ({}, ()))
            for n in lengths:
                end = start + n
                if end <= size and (form := names.get(text[start:end])) is not None and not word.match(text, end):
                    yield start, end, form
                    pos = end
                    break


def _scan_key(looked_for: bytes, text: str, spans: Sequence[tuple[int, int]]) -> str:
    """What an article's scan hits depend on, as a digest: the names looked for, its text and spans."""
    h = hashlib.blake2b(looked_for, digest_size=16)
    h.update(text.encode("utf-8", "surrogatepass"))
    h.update(repr(spans).encode())
    return h.hexdigest()


def _scan_hits(text: str, spans: Sequence[tuple[int, int]], finder: _NameFinder) -> list[tuple[int, int, str]]:
    """(start, end, name) of the occurrences of known multi-word names in ``text`` that stand as
    names of their own and that no span of ``spans`` (sorted: the mentions and covered spans) overlaps."""
    begin = [s for s, _ in spans]
    reach = list(itertools.accumulate((e for _, e in spans), max))  # spans may overlap: the furthest end so far
    out: list[tuple[int, int, str]] = []
    for pos, end, form in finder.finditer(text):
        if pos and (text[pos - 1].isalnum() or text[pos - 1] in "_'’"):
            continue  # inside a word
        if _NEXT_CAPITALISED.match(text, end):
            continue  # part of a longer proper name ("George Washington University"): leave it alone
        i = bisect.bisect_left(begin, end)
        if i and reach[i - 1] > pos:
            continue  # overlaps an annotated mention or a covered span
        out.append((pos, end, form))
    return out


def _found(article, hits, forms, resolver, visible, display_names) -> list[tuple[Mention, str]]:
    """The scan's hits in ``article`` whose name means a visible actor here, as (new Mention, target)."""
    out: list[tuple[Mention, str]] = []
    for pos, end, form in hits:
        key, kind, label = forms[form]
        target = resolver.resolve(key, article)
        if target in visible:
            name = top_form(display_names[target]) if display_names.get(target) else form
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
                target = None if is_junk(key) else resolver.resolve(key, article)
                if target is not None and resolver.hidden(target):
                    target = None
            if target is not None:
                tally = tallies[target]
                if not tally.kinds:
                    tally.kinds[kinds.get(quote.speaker, "person")] += 1
                    tally.forms[display_name(quote.speaker, "person")] += 1
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


def _assign_ids(tallies: dict[str, _Tally], resolver: Resolver) -> dict[str, str]:
    """target key -> unique slug; editor ids first, then by target key so collisions get -2, -3 stably."""
    ids: dict[str, str] = {}
    used: set[str] = set(RESERVED_ACTOR_IDS)  # the actors index's own pages ("by-mentions", "page")
    for target in sorted(tallies):
        entry = resolver.entries.get(target)
        if entry is not None and entry.id and entry.id not in used:
            ids[target] = entry.id
            used.add(entry.id)
    for target in sorted(tallies):
        if target in ids:
            continue
        entry = resolver.entries.get(target)
        base = actor_slug(entry.name if entry else top_form(tallies[target].forms or Counter([target])))
        slug, n = base, 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        ids[target] = slug
        used.add(slug)
    return ids


def _quote_mentions(archive: Archive) -> tuple[dict[str, list[QuoteRef]], dict[str, Counter]]:
    """Who quotes mention: (actor id -> quotes by others that name it, actor id -> Counter of whom its quotes name).

    A quote names an actor where one of the actor's mentions lies inside the quotation's span.
    Quotes of unnamed speakers count as quotes about the actors they name ("a senior official
    said Putin ..."); a speaker naming themselves is not a quote about them.
    """
    about: dict[str, list[QuoteRef]] = defaultdict(list)
    talks: dict[str, Counter] = defaultdict(Counter)
    for article in archive.articles:
        annotation = archive.annotations[article.id]
        if not annotation.quotes:
            continue
        spans = sorted((m.start, m.end, m.actor_id) for m in annotation.mentions if m.actor_id is not None)
        starts = [start for start, _, _ in spans]
        for index, quote in enumerate(annotation.quotes):
            speaker = quote.actor_id
            lo, hi = bisect.bisect_left(starts, quote.start), bisect.bisect_left(starts, quote.end)
            named = {t for _, end, t in spans[lo:hi] if end <= quote.end}
            named.discard(speaker)
            for target in sorted(named):
                about[target].append(QuoteRef(article.id, index))
                if speaker is not None:
                    talks[speaker][target] += 1
    return about, talks


def _build_actors(articles, tallies, ids, resolver) -> tuple[Actor, ...]:
    """The Actor records, sorted by id, without what they share (``relate_actors`` counts that)."""
    order = {a.id: i for i, a in enumerate(articles)}
    actors = []
    for target in sorted(tallies):
        t = tallies[target]
        entry = resolver.entries.get(target)
        name = entry.name if entry else top_form(t.forms) if t.forms else target
        kind = (entry.kind if entry and entry.kind else majority(t.kinds) if t.kinds else "other")
        aliases = set(t.aliases) | set(entry.aliases if entry else ())
        aliases.discard(name)
        actors.append(Actor(
            id=ids[target], name=name, kind=kind,
            aliases=tuple(sorted(a for a in aliases if a)),
            roles=_roles(t.roles),
            description=entry.description if entry else None,
            links=entry.links if entry else (),
            mentions=t.mentions,
            articles=tuple(sorted(set(t.articles), key=order.__getitem__)),
            quotes=tuple(sorted(t.quotes, key=lambda q: (order[q.article_id], q.index))),
            timeline=tuple(sorted(t.months.items())),
            outlets=tuple(sorted(t.outlets.items(), key=lambda kv: (-kv[1], kv[0]))),
        ))
    return tuple(sorted(actors, key=lambda a: a.id))


def relate_actors(archive: Archive) -> Archive:
    """``archive`` with what its actors share, from the mentions' and quotes' ``actor_id``: each actor's
    ``CO_ACTORS`` strongest co-actors, the quotes by others that name it, whom its own quotes name.

    ``aggregate_actors`` calls it once, after pruning, so that only actors with a page are counted
    and a kept actor still shows its most frequent companions. Co-actor ties in shared articles are
    broken by shared paragraphs, then by how often the shared articles name the other, then by name.
    """
    ids = [a.id for a in archive.actors]  # sorted by id
    position = {actor_id: n for n, actor_id in enumerate(ids)}
    names = {a.id: a.name for a in archive.actors}
    present = {a: [position[m.actor_id] for m in ann.mentions if m.actor_id in position]
               for a, ann in archive.annotations.items()}
    co = _co_actors(list(present.values()), ids, _paragraph_groups(archive, position), [names[i] for i in ids])
    about, talks = _quote_mentions(archive)
    order = {a.id: i for i, a in enumerate(archive.articles)}

    def newest_first(refs):
        return tuple(sorted(refs, key=lambda q: (order[q.article_id], q.index)))

    return dataclasses.replace(archive, actors=tuple(dataclasses.replace(
        actor,
        co_actors=co.get(actor.id, ()),
        quoted_about=newest_first(about.get(actor.id, ())),
        talks_about=tuple(sorted(talks.get(actor.id, Counter()).items(),
                                 key=lambda kv: (-kv[1], _fold_name(names[kv[0]]), kv[0]))),
    ) for actor in archive.actors))


def _paragraph_groups(archive: Archive, position: Mapping[str, int]) -> list[list[int]]:
    """Each paragraph's actors (as positions), from the mentions' offsets: the pairs of shared paragraphs."""
    groups: list[list[int]] = []
    for article in archive.articles:
        annotation = archive.annotations.get(article.id)
        if annotation is None or not annotation.mentions:
            continue
        ends = [end for _, end in article.paragraphs]
        by_paragraph: dict[int, set[int]] = defaultdict(set)
        for mention in annotation.mentions:
            if mention.actor_id in position:
                by_paragraph[bisect.bisect_left(ends, mention.start)].add(position[mention.actor_id])
        groups.extend(sorted(g) for g in by_paragraph.values() if len(g) > 1)
    return groups


def _pair_counts(groups: list[list[int]], n: int) -> tuple[np.ndarray, ...]:
    """(pair codes a * n + b for a < b, groups holding each pair, a's and b's mentions in them), codes sorted.

    A group lists its actors once a mention (an article's mentions), so ``a``'s count in a group
    is how often the group names it. Counted with numpy (installed with spaCy): the sum of
    squares of actors per article is the stage's largest count, too many for a Python loop at
    20,000 articles. Groups with the same number of actors form one matrix, so their pairs come
    out in one operation; pairs are counted in batches of about a million to keep memory small.
    """
    by_size: dict[int, list[tuple[list[int], list[int]]]] = defaultdict(list)
    for present in groups:
        tally = Counter(present)
        if len(tally) > 1:
            actors = sorted(tally)
            by_size[len(actors)].append((actors, [tally[i] for i in actors]))
    if not by_size:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty
    code_parts, part_a, part_b = [], [], []
    for size, rows in sorted(by_size.items()):
        a, b = np.triu_indices(size, 1)
        step = max(1, _PAIR_BATCH // len(a))
        for i in range(0, len(rows), step):
            matrix = np.array([r for r, _ in rows[i:i + step]], dtype=np.int64)
            weights = np.array([w for _, w in rows[i:i + step]], dtype=np.int64)
            code_parts.append((matrix[:, a] * n + matrix[:, b]).ravel())
            part_a.append(weights[:, a].ravel())
            part_b.append(weights[:, b].ravel())
    codes, inverse = np.unique(np.concatenate(code_parts), return_inverse=True)
    inverse = inverse.ravel()
    counts = np.bincount(inverse, minlength=len(codes)).astype(np.int64)
    mentions_a = np.bincount(inverse, weights=np.concatenate(part_a), minlength=len(codes)).astype(np.int64)
    mentions_b = np.bincount(inverse, weights=np.concatenate(part_b), minlength=len(codes)).astype(np.int64)
    return codes, counts, mentions_a, mentions_b


def _co_actors(articles: list[list[int]], ids: list[str], paragraphs: list[list[int]] | None = None,
               names: Sequence[str] | None = None) -> dict[str, tuple[tuple[str, int], ...]]:
    """Actor id -> its CO_ACTORS strongest co-actors (id, shared articles), strongest first.

    ``articles`` lists each article's actors, once a mention, and ``paragraphs`` each paragraph's,
    as indexes into ``ids``. Strength is shared articles, then shared paragraphs, then how often
    the shared articles name the co-actor, then the name (then the id): on the example archive
    Peskov shares one article with everyone, a paragraph with "Kremlin" and "Moscow", and the
    article names Putin and Ryabkov five times each, so they come before "Brussels" and "Cuba".
    """
    n = len(ids)
    codes, counts, mentions_first, mentions_second = _pair_counts(articles, n)
    if not len(codes):
        return {}
    shared = np.zeros(len(codes), dtype=np.int64)
    p_codes, p_counts, _, _ = _pair_counts(paragraphs or [], n)
    if len(p_codes):
        at = np.searchsorted(codes, p_codes)  # every paragraph pair is an article pair too
        shared[at] = p_counts
    first, second = np.divmod(codes, n)
    # both directions, then sorted by actor, articles, paragraphs, the other's mentions (most first), name, id
    keys = [(_fold_name(names[i]) if names else "", ids[i]) for i in range(n)]
    rank = np.empty(n, dtype=np.int64)
    rank[sorted(range(n), key=keys.__getitem__)] = np.arange(n)
    actor = np.concatenate([first, second])
    other = np.concatenate([second, first])
    count = np.concatenate([counts, counts])
    paras = np.concatenate([shared, shared])
    named = np.concatenate([mentions_second, mentions_first])  # the other's mentions in the shared articles
    order = np.lexsort((rank[other], -named, -paras, -count, actor))
    out: dict[str, tuple[tuple[str, int], ...]] = {}
    actor, other, count = actor[order], other[order], count[order]
    bounds = np.flatnonzero(np.diff(actor)) + 1
    for lo, hi in zip(np.concatenate([[0], bounds]), np.concatenate([bounds, [len(actor)]])):
        hi = min(hi, lo + CO_ACTORS)
        out[ids[actor[lo]]] = tuple((ids[o], int(c)) for o, c in zip(other[lo:hi].tolist(), count[lo:hi].tolist()))
    return out


def _fold_name(name: str) -> str:
    """A name as a sort key: case and accents ignored, as listings sort."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold() or name.casefold()


def _roles(roles: Counter) -> tuple[str, ...]:
    """Roles most frequent first, case-insensitively merged; each shown in its most used casing."""
    groups: dict[str, Counter] = defaultdict(Counter)
    for role, n in roles.items():
        if role:
            groups[role.casefold()][role] += n
    ranked = sorted(groups.values(), key=lambda g: (-sum(g.values()), top_form(g).casefold()))
    return tuple(top_form(g) for g in ranked)


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
    names = {a.name for a in archive.actors} | set(archive.unpaged)
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
