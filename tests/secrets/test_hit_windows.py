"""A hit on the fast path is checked on a skeleton of the words around it (fastpath.hit_windows),
not of the whole reply: the leaks, their offsets and their trick labels are exactly those of the
whole reply's skeleton (leet off, as on the fast path)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safe_reply.validators.trade_secrets.fastpath import fast_view, hit_windows
from safe_reply.validators.trade_secrets.normalise import full_skeleton

from .conftest import EXAMPLE_TERMS, make_validator

# A multi-word allowed term covers a single-word term inside it: the window must hold both words.
ELSTER = {"term": "Elster", "kind": "codename", "allowed": ["Schwarze Elster"], "ordinary_word": False}
VALIDATOR = make_validator([*EXAMPLE_TERMS, ELSTER])
# Terms and near misses in the spellings the fast path accepts (hyphens, line-break hyphens, case,
# inflection, compounds, spaced letters, no-break spaces), and the separators around them.
PIECES = [
    "Kranich", "Kranichs", "Kranichstein", "Kra-nich", "Kra-\nnich", "K r a n i c h", "KRANICH", "Möwe", "Möwen",
    "Möwenprojekt", "Großglockner", "Orion", "Athena", "Eos", "NHX", "VeloNova", "T10", "T9", "Müller", "Antriebe",
    "Project", "Crane", "Kulanz", "grenze", "Kulanz-\ngrenze", "hciknark", "Xenavp", "Ireba", "Zaun",
    "Schwarze", "Elster", "Schwarze Elster", "Schwarze-Elster", "schwarze\nElster", "°", "§", "·", "•", "|",
    "…" * 20, "– " * 30, "-" * 40,
    " ", "  ", "\n", "\t", "\r\n", "-", "–", ",", ".", "!", "?", ")", "(", "„", "“", "…", "\u00a0", "*", "/", "€",
    "412",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def _whole(text: str) -> list[tuple[int, int, str, str]]:
    """The term leaks from the whole reply's skeleton (the path before windows)."""
    leaks, _ = VALIDATOR._term_leaks(text, full_skeleton(text, leet=False), True)
    return sorted((leak.start, leak.end, leak.kind, leak.trick) for leak in leaks)


def _windowed(text: str) -> list[tuple[int, int, str, str]]:
    view = fast_view(text)
    assert view is not None
    leaks, _ = VALIDATOR._term_leaks(text, view, True)
    return sorted((leak.start, leak.end, leak.kind, leak.trick) for leak in leaks)


@settings(max_examples=800, deadline=None)
@given(texts)
def test_windows_find_exactly_what_the_whole_skeleton_finds(text: str) -> None:
    if fast_view(text) is None:
        return  # not a fast-path reply: it is checked on the whole skeleton anyway
    assert _windowed(text) == _whole(text)


@settings(max_examples=300, deadline=None)
@given(texts, st.data())
def test_a_window_is_the_whole_skeleton_cut_out(text: str, data: st.DataObject) -> None:
    view = fast_view(text)
    if view is None or not view.skeleton:
        return
    start = data.draw(st.integers(0, len(view.skeleton) - 1))
    end = data.draw(st.integers(start + 1, len(view.skeleton)))
    whole = full_skeleton(text, leet=False)
    for window in hit_windows(text, view, [(start, end)]):
        first = whole.starts.index(window.starts[0])
        last = first + len(window.text)
        assert window.text == whole.text[first:last]
        assert window.starts == whole.starts[first:last]
        assert window.ends == whole.ends[first:last]
        assert window.gaps == (*whole.gaps[first:last], window.gaps[-1])
        assert window.gaps[0] == whole.gaps[first]  # both HARD: a window starts at a word boundary
        assert whole.gaps[last] >= window.gaps[-1]  # and ends at one


def test_two_hits_far_apart_get_two_small_windows() -> None:
    text = "Kranich " + "und so weiter " * 40 + "zur Möwe."
    view = fast_view(text)
    assert view is not None
    windows = hit_windows(text, view, [(0, 7), (len(view.skeleton) - 4, len(view.skeleton))])
    at = text.index("Möwe")
    assert [(w.starts[0], w.ends[-1], w.text) for w in windows] == [(0, 7, "kranich"), (at, at + 4, "möwe")]
    assert [(leak.start, leak.end) for leak in VALIDATOR.scan(text)] == [(0, 7), (at, at + 4)]


def test_a_line_break_hyphen_keeps_the_word_in_one_window() -> None:
    text = "Das Projekt Kra-\nnich startet."
    view = fast_view(text)
    assert view is not None
    (window,) = hit_windows(text, view, [(10, 14)])  # "kran": the window runs on over the line break
    assert (window.starts[0], window.ends[-1], window.text) == (12, 21, "kranich")
    assert [(leak.start, leak.end) for leak in VALIDATOR.scan(text)] == [(12, 21)]


def test_an_allowed_term_of_two_words_still_covers_the_term_inside_it() -> None:
    text = "Wir liefern auch an die Schwarze Elster. Das Projekt Elster ist intern."
    assert [(leak.start, leak.end) for leak in VALIDATOR.scan(text)] == [
        (text.rindex("Elster"), text.rindex("Elster") + 6)
    ]


def test_a_degree_sign_inside_a_term_is_judged_alike_in_a_window_and_in_the_whole_reply() -> None:
    # "°" is a symbol: inside a word it joins like a pictograph, on every path (it made the verdict
    # depend on how much of the text around the hit was plain).
    for text in ("Kulanz°grenze " + "…" * 20, "Kulanz°grenze ok"):
        assert _windowed(text) == _whole(text) == [(0, 13, "internal_limit", "pictograph")]
    assert _windowed("en°noirO " + "…" * 20) == _whole("en°noirO " + "…" * 20) == []


def test_offsets_jump_over_long_runs_of_dropped_characters() -> None:
    text = "A " + "-" * 1990 + " Kranich"
    view = fast_view(text)
    assert view is not None
    offset = view.offset_finder()
    assert [offset(index) for index in range(len(view.skeleton))] == [0, *range(len(text) - 7, len(text))]
    with pytest.raises(IndexError):
        offset(len(view.skeleton))
    assert [(leak.start, leak.end) for leak in VALIDATOR.scan(text)] == [(len(text) - 7, len(text))]


@settings(max_examples=300, deadline=None)
@given(texts, st.lists(st.integers(0, 10_000), max_size=12))
def test_offsets_asked_in_any_order_are_the_reference_offsets(text: str, picks: list[int]) -> None:
    # The finder keeps checkpoints of earlier answers; an earlier or repeated index must still be exact.
    view = fast_view(text)
    if view is None or not view.skeleton:
        return
    reference = full_skeleton(text, leet=False).starts
    offset = view.offset_finder()
    for pick in picks:
        index = pick % len(view.skeleton)
        assert offset(index) == reference[index]
