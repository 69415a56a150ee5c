"""``archivist actors``: the archive's actors with counts and likely duplicates, for the editor."""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import Sequence

from archivist.aggregate.identity import DESIGNATORS, actor_key
from archivist.models import Actor, Archive
from archivist.text.names import acronym_matches, canonical_name, is_acronym, name_key, normalise_name, surname


@dataclass(frozen=True)
class Suspect:
    """Another actor that may be the same one, and why it is suspected."""

    id: str
    name: str
    reason: str  # "same surname", "name inside", "acronym"


@dataclass(frozen=True)
class DuplicateRow:
    """One actor of the ``archivist actors`` report: its counts and its likely duplicates."""

    id: str
    name: str
    kind: str
    mentions: int
    articles: int
    quotes: int
    aliases: tuple[str, ...]
    suspects: tuple[Suspect, ...]


def duplicate_report(archive: Archive, max_suspects: int = 10) -> list[DuplicateRow]:
    """Every actor, most mentioned first, with the other actors it may duplicate.

    Suspects: people sharing a surname ("Johnson" ~ "Boris Johnson" ~ "Mike Johnson"), actors of one
    kind whose name lies inside the other's ("Apple" ~ "Apple Store"), and an acronym and an
    expansion that spells it but never met in one article ("WHO" ~ "World Health Organization").
    """
    actors = sorted(archive.actors, key=lambda a: (-a.mentions, a.id))
    keys = {a.id: actor_key(a.name, a.kind) for a in actors}
    by_key: dict[tuple[str, str], list[Actor]] = defaultdict(list)
    by_surname: dict[str, list[Actor]] = defaultdict(list)
    for a in actors:
        by_key[(keys[a.id], a.kind)].append(a)
        if a.kind == "person":
            last = name_key(surname(a.name))
            by_surname[last].append(a)
            if " " in last:
                by_surname[last.rsplit(" ", 1)[1]].append(a)
    suspects: dict[str, dict[str, Suspect]] = defaultdict(dict)

    def suspect(a: Actor, b: Actor, reason: str) -> None:
        if a.id != b.id:
            suspects[a.id].setdefault(b.id, Suspect(b.id, b.name, reason))
            suspects[b.id].setdefault(a.id, Suspect(a.id, a.name, reason))

    for group in by_surname.values():
        for a, b in itertools.combinations(group[:max_suspects + 1], 2):
            suspect(a, b, "same surname")
    for a in actors:
        words = keys[a.id].split(" ")
        if a.kind == "other":
            continue  # groups and events ("Iranian" ~ "Iranian Kurdish"): nested names are rarely one actor
        for i, j in itertools.combinations(range(len(words) + 1), 2):
            # a one-word name inside a longer one is a suspect only when the rest is a designator
            # ("Apple" ~ "Apple Inc"): "House" inside "White House" is not
            if j - i < len(words) and (j - i > 1 or all(w in DESIGNATORS for w in words[:i] + words[j:])):
                for b in by_key.get((" ".join(words[i:j]), a.kind), ())[:max_suspects]:
                    suspect(a, b, "name inside")
    initials: dict[str, list[Actor]] = defaultdict(list)
    for a in actors:
        if a.kind != "person" and " " in a.name:
            initials[a.name[:1].upper()].append(a)
    for a in actors:
        if a.kind != "person" and is_acronym(a.name):
            for b in initials.get(a.name[:1].upper(), ()):
                if acronym_matches(a.name, b.name.split()):
                    suspect(a, b, "acronym")
    rank = {a.id: i for i, a in enumerate(actors)}
    return [DuplicateRow(a.id, a.name, a.kind, a.mentions, len(a.articles), len(a.quotes), a.aliases,
                         tuple(sorted(suspects.get(a.id, {}).values(), key=lambda s: rank[s.id])[:max_suspects]))
            for a in actors]


def format_report(rows: Sequence[DuplicateRow], limit: int = 0, as_json: bool = False) -> str:
    """The ``archivist actors`` output: a table of actors (``limit`` most mentioned; 0 for all), then
    the likely duplicates among them with the ``actors.toml`` entry that would merge each; or JSON."""
    rows = list(rows[:limit] if limit else rows)
    if as_json:
        return json.dumps([{"id": r.id, "name": r.name, "kind": r.kind, "mentions": r.mentions,
                            "articles": r.articles, "quotes": r.quotes, "aliases": list(r.aliases),
                            "suspects": [{"id": s.id, "name": s.name, "reason": s.reason} for s in r.suspects]}
                           for r in rows], indent=2, ensure_ascii=False)
    lines = [f"{'mentions':>8} {'articles':>8} {'quotes':>6}  {'kind':<12} name [id]"]
    lines += [f"{r.mentions:>8} {r.articles:>8} {r.quotes:>6}  {r.kind:<12} {r.name} [{r.id}]" for r in rows]
    shown = {r.id for r in rows}
    pairs = []
    for r in rows:
        for s in r.suspects:
            if s.id in shown and (r.id < s.id or s.id not in shown):
                pairs.append((r, s))
    if pairs:
        lines += ["", f"Likely duplicates ({len(pairs)}): to merge, give the page's name its other names as "
                      "aliases in actors.toml, e.g.:", "", "  [[actor]]",
                  f"  name = {json.dumps(pairs[0][0].name, ensure_ascii=False)}",
                  f"  aliases = [{json.dumps(pairs[0][1].name, ensure_ascii=False)}]", ""]
        lines += [f"  {r.name} [{r.id}] ~ {s.name} [{s.id}]  ({s.reason})" for r, s in pairs]
    return "\n".join(lines)


def merge_log(archive: Archive) -> list[tuple[str, str, str]]:
    """(rule, name, actor name) for every name the archive's articles use that aggregation (or the
    editor file) joined to an actor of another name: "surname", "acronym", "equivalent" (the
    ``names.EQUIVALENTS`` table) or "other" (editor-file aliases and the like); sorted."""
    actors = {a.id: a for a in archive.actors}
    seen = set()
    out = []
    for annotation in archive.annotations.values():
        for m in annotation.mentions:
            actor_id = m.actor_id
            if actor_id is None or (m.actor, actor_id) in seen:
                continue
            seen.add((m.actor, actor_id))
            actor = actors[actor_id]
            key, target = actor_key(m.actor, m.kind), actor_key(actor.name, actor.kind)
            bare = normalise_name(m.actor, person=m.kind == "person")
            last = name_key(surname(actor.name))
            if key == target:
                if canonical_name(bare) == bare:
                    continue  # the same name, differently written: not a merge
                rule = "equivalent"
            elif key in (last, last.rsplit(" ", 1)[-1]):
                rule = "surname"
            elif is_acronym(bare) and acronym_matches(bare, actor.name.split()):
                rule = "acronym"
            else:
                rule = "other"
            out.append((rule, bare, actor.name))
    return sorted(set(out))
