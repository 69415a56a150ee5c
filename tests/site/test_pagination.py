"""Lists cut into pages (``archivist.site.pagination``): stable URLs, a window of page links, item numbers."""

from __future__ import annotations

import pytest

from archivist.site.pagination import PAGE_WINDOW, Pagination, page_count, paginate, pagination


@pytest.mark.parametrize("n_items, size, pages", [
    (0, 10, 1),  # an empty list still has its page
    (1, 10, 1),
    (10, 10, 1),
    (11, 10, 2),
    (2287, 20, 115),
    (5, 0, 5),  # a size below 1 is one a page
])
def test_page_count(n_items, size, pages):
    assert page_count(n_items, size) == pages


def test_pagination_of_a_middle_page():
    p = pagination(5, 9, "quotes/", size=10, items=85)
    assert PAGE_WINDOW == 2
    assert p == Pagination(current=5, total=9,
                           pages=((1, "quotes/"), (3, "quotes/page/3/"), (4, "quotes/page/4/"), (5, "quotes/page/5/"),
                                  (6, "quotes/page/6/"), (7, "quotes/page/7/"), (9, "quotes/page/9/")),
                           prev="quotes/page/4/", next="quotes/page/6/", first_item=41, items=85, size=10)
    assert p.last_item == 50


def test_pagination_ends():
    first = pagination(1, 3, "")
    assert (first.prev, first.next) == (None, "page/2/")
    assert first.pages == ((1, ""), (2, "page/2/"), (3, "page/3/"))
    last = pagination(3, 3, "tags/council/", size=2, items=5)
    assert (last.prev, last.next) == ("tags/council/page/2/", None)
    assert (last.first_item, last.last_item) == (5, 5)  # the last page holds what is left
    alone = pagination(1, 1, "actors/")
    assert (alone.pages, alone.prev, alone.next, alone.last_item) == (((1, "actors/"),), None, None, 0)


def test_paginate_cuts_a_list_into_pages():
    pages = list(paginate(list("abcde"), 2, "archive/2024/"))
    assert [(path, list(items)) for path, items, _ in pages] == [
        ("archive/2024/", ["a", "b"]), ("archive/2024/page/2/", ["c", "d"]), ("archive/2024/page/3/", ["e"])]
    assert [(p.current, p.total, p.first_item, p.last_item, p.items) for _, _, p in pages] == [
        (1, 3, 1, 2, 5), (2, 3, 3, 4, 5), (3, 3, 5, 5, 5)]


def test_an_empty_list_has_its_one_page():
    ((path, items, p),) = paginate([], 20, "quotes/")
    assert (path, list(items), p.total, p.prev, p.next, p.last_item) == ("quotes/", [], 1, None, None, 0)


def test_a_size_below_one_is_one_a_page():
    assert [list(items) for _, items, _ in paginate((1, 2), 0, "")] == [[1], [2]]
