"""Tests for the pure routine edits, their limits, undo and the check of loaded routines."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pytest

from tui.domain.routine import Kind, Routine, Sides, Stretch, default_routine
from tui.domain.routine_edit import (
    HISTORY_LIMIT,
    INT_FIELD_LIMITS,
    EditError,
    EditHistory,
    add_custom,
    delete,
    duplicate,
    field_label,
    move,
    parse_int_field,
    reset,
    set_pauses,
    toggle_enabled,
    update_dose,
    validate_routine,
)

KNEE, TWIST, CAT_COW, LUNGE, HAMSTRING = range(5)
DEFAULT_TOTAL = 313  # 50 + 70 + 53 + 70 + 70 with 5 s get-ready and switch pauses


def keys(routine: Routine) -> list[str]:
    return [s.key for s in routine.stretches]


def dose(field: str, value: object) -> dict[str, Any]:
    """Keyword arguments for one field of `update_dose`, picked by a parameter."""
    return {field: value}


def test_default_total_is_what_the_tests_assume() -> None:
    assert default_routine().total_seconds() == DEFAULT_TOTAL


# --- EditError ------------------------------------------------------------------------


def test_edit_error_is_a_value_error_with_message_and_field() -> None:
    error = EditError("Hold must be a whole number of seconds from 5 to 300", "hold_s")
    assert isinstance(error, ValueError)
    assert error.message == str(error) == "Hold must be a whole number of seconds from 5 to 300"
    assert error.field == "hold_s"
    assert EditError("x").field is None


# --- parse_int_field ------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [("5", 5), ("300", 300), (" 42 ", 42), ("007", 7)])
def test_parse_int_field_accepts_whole_numbers_in_range(text: str, expected: int) -> None:
    assert parse_int_field(text, "hold_s", 5, 300) == expected


@pytest.mark.parametrize(
    "text", ["", "   ", "abc", "4", "301", "12.5", "-5", "+5", "1_0", "٥", "5s"]
)
def test_parse_int_field_refuses_anything_else_with_one_message(text: str) -> None:
    with pytest.raises(EditError) as caught:
        parse_int_field(text, "hold_s", 5, 300)
    assert caught.value.message == "Hold must be a whole number of seconds from 5 to 300"
    assert caught.value.field == "hold_s"


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("reps", "Reps must be a whole number from 1 to 30"),
        ("inhale_s", "Inhale must be a whole number of seconds from 2 to 10"),
        ("exhale_s", "Exhale must be a whole number of seconds from 2 to 10"),
        ("ready_s", "Get ready must be a whole number of seconds from 0 to 30"),
        ("switch_s", "Switch sides must be a whole number of seconds from 0 to 30"),
    ],
)
def test_parse_int_field_names_each_field_in_its_message(field: str, message: str) -> None:
    low, high = INT_FIELD_LIMITS[field]
    with pytest.raises(EditError, match=f"^{message}$"):
        parse_int_field(str(high + 1), field, low, high)
    assert parse_int_field(str(low), field, low, high) == low


def test_field_label_falls_back_to_the_key() -> None:
    assert field_label("hold_s") == "Hold"
    assert field_label("colour") == "colour"


# --- move -----------------------------------------------------------------------------


def test_move_down_and_up_swaps_neighbours_without_touching_the_original() -> None:
    routine = default_routine()
    before = keys(routine)
    down = move(routine, KNEE, 1)
    assert keys(down) == [before[1], before[0], *before[2:]]
    assert keys(move(down, 1, -1)) == before
    assert keys(routine) == before


def test_move_keeps_total_seconds() -> None:
    assert move(default_routine(), TWIST, 1).total_seconds() == DEFAULT_TOTAL


def test_move_up_at_the_top_is_refused() -> None:
    with pytest.raises(EditError, match="^Already at the top$"):
        move(default_routine(), 0, -1)


def test_move_down_at_the_bottom_is_refused() -> None:
    with pytest.raises(EditError, match="^Already at the bottom$"):
        move(default_routine(), HAMSTRING, 1)


@pytest.mark.parametrize("delta", [0, 2, -2])
def test_move_takes_only_one_step(delta: int) -> None:
    with pytest.raises(ValueError, match="delta"):
        move(default_routine(), TWIST, delta)


@pytest.mark.parametrize("index", [-1, 5])
def test_a_bad_index_is_a_caller_bug(index: int) -> None:
    with pytest.raises(IndexError):
        move(default_routine(), index, 1)
    with pytest.raises(IndexError):
        toggle_enabled(default_routine(), index)
    with pytest.raises(IndexError):
        update_dose(default_routine(), index, hold_s=20)


# --- toggle_enabled -------------------------------------------------------------------


def test_toggle_disables_then_enables_and_changes_total() -> None:
    routine = toggle_enabled(default_routine(), CAT_COW)
    assert routine.stretches[CAT_COW].enabled is False
    assert CAT_COW not in [routine.stretches.index(s) for s in routine.enabled]
    assert routine.total_seconds() == DEFAULT_TOTAL - 53
    again = toggle_enabled(routine, CAT_COW)
    assert again.stretches[CAT_COW].enabled is True
    assert again.total_seconds() == DEFAULT_TOTAL


def test_disabling_the_last_enabled_stretch_is_refused() -> None:
    routine = default_routine()
    for index in (KNEE, TWIST, CAT_COW, LUNGE):
        routine = toggle_enabled(routine, index)
    assert [s.key for s in routine.enabled] == ["hamstring"]
    with pytest.raises(EditError, match="^At least one stretch must stay enabled$"):
        toggle_enabled(routine, HAMSTRING)
    # Enabling another one is still fine, and then the last can go.
    routine = toggle_enabled(routine, KNEE)
    assert [s.key for s in toggle_enabled(routine, HAMSTRING).enabled] == ["knee-to-chest"]


# --- update_dose and the limits -------------------------------------------------------

DOSE_BOUNDS = [
    # field, a stretch it applies to, low, high
    ("hold_s", KNEE, 5, 300),
    ("reps", CAT_COW, 1, 30),
    ("inhale_s", CAT_COW, 2, 10),
    ("exhale_s", CAT_COW, 2, 10),
]


@pytest.mark.parametrize(("field", "index", "low", "high"), DOSE_BOUNDS)
def test_dose_at_each_bound_is_accepted(field: str, index: int, low: int, high: int) -> None:
    for value in (low, high):
        routine = update_dose(default_routine(), index, **dose(field, value))
        assert getattr(routine.stretches[index], field) == value


@pytest.mark.parametrize(("field", "index", "low", "high"), DOSE_BOUNDS)
def test_dose_just_beyond_each_bound_is_refused(
    field: str, index: int, low: int, high: int
) -> None:
    for value in (low - 1, high + 1):
        with pytest.raises(EditError) as caught:
            update_dose(default_routine(), index, **dose(field, value))
        assert caught.value.field == field
        assert f"from {low} to {high}" in caught.value.message


@pytest.mark.parametrize("value", [True, 12.0, "12"])
def test_dose_must_be_a_real_int(value: object) -> None:
    with pytest.raises(EditError) as caught:
        update_dose(default_routine(), KNEE, hold_s=value)  # type: ignore[arg-type]
    assert caught.value.field == "hold_s"


def test_hold_change_updates_total_seconds() -> None:
    routine = update_dose(default_routine(), KNEE, hold_s=25)
    assert routine.stretches[KNEE].hold_s == 25
    assert routine.stretches[KNEE].dose() == "25 s each side"
    assert routine.total_seconds() == DEFAULT_TOTAL + 2 * 5


def test_one_side_only_drops_a_hold_and_the_switch() -> None:
    routine = update_dose(default_routine(), KNEE, sides=Sides.LEFT)
    assert routine.stretches[KNEE].sides is Sides.LEFT
    assert routine.total_seconds() == DEFAULT_TOTAL - 20 - 5


def test_reps_and_breath_change_total_seconds() -> None:
    routine = update_dose(default_routine(), CAT_COW, reps=8, inhale_s=3, exhale_s=5)
    cat_cow = routine.stretches[CAT_COW]
    assert (cat_cow.reps, cat_cow.inhale_s, cat_cow.exhale_s) == (8, 3, 5)
    assert routine.total_seconds() == DEFAULT_TOTAL - 48 + 64


def test_update_dose_is_all_or_nothing() -> None:
    routine = default_routine()
    with pytest.raises(EditError) as caught:
        update_dose(routine, CAT_COW, reps=8, inhale_s=11)
    assert caught.value.field == "inhale_s"
    assert routine.stretches[CAT_COW].reps == 6


def test_update_dose_with_nothing_changes_nothing() -> None:
    routine = default_routine()
    assert update_dose(routine, KNEE) == routine


@pytest.mark.parametrize(
    ("index", "field", "value", "message"),
    [
        (CAT_COW, "hold_s", 40, "Cat–cow is counted in reps, not held"),
        (CAT_COW, "sides", Sides.LEFT, "Cat–cow is counted in reps, not held"),
        (KNEE, "reps", 8, "Knee to chest is held, not counted in reps"),
        (KNEE, "inhale_s", 5, "Knee to chest is held, not counted in reps"),
        (KNEE, "exhale_s", 5, "Knee to chest is held, not counted in reps"),
    ],
)
def test_a_dose_that_does_not_fit_the_kind_is_refused(
    index: int, field: str, value: object, message: str
) -> None:
    with pytest.raises(EditError) as caught:
        update_dose(default_routine(), index, **{field: value})  # type: ignore[arg-type]
    assert caught.value.message == message
    assert caught.value.field == field


def test_a_form_may_send_back_unchanged_values_that_do_not_apply() -> None:
    routine = default_routine()
    knee = routine.stretches[KNEE]
    same = update_dose(
        routine,
        KNEE,
        hold_s=22,
        reps=knee.reps,
        inhale_s=knee.inhale_s,
        name=knee.name,
        instructions=knee.instructions,
    )
    assert same.stretches[KNEE] == replace(knee, hold_s=22)


def test_built_in_stretches_cannot_be_renamed_or_reworded() -> None:
    with pytest.raises(EditError) as caught:
        update_dose(default_routine(), KNEE, name="My knee")
    assert caught.value.message == "Only custom stretches can be renamed"
    assert caught.value.field == "name"
    with pytest.raises(EditError) as caught:
        update_dose(default_routine(), KNEE, instructions="Hug it.")
    assert caught.value.field == "instructions"


def test_custom_stretch_name_and_instructions_can_be_edited() -> None:
    routine, index = add_custom(default_routine(), "Child's pose")
    routine = update_dose(routine, index, name="  Child's\n pose  ", instructions=" Rest. ")
    assert routine.stretches[index].name == "Child's pose"
    assert routine.stretches[index].instructions == "Rest."


def test_sides_must_be_a_sides_value() -> None:
    with pytest.raises(EditError) as caught:
        update_dose(default_routine(), KNEE, sides="left")  # type: ignore[arg-type]
    assert caught.value.field == "sides"


# --- names and instructions -----------------------------------------------------------


@pytest.mark.parametrize("name", ["a", "a" * 60, "  " + "b" * 60 + "  "])
def test_names_of_1_to_60_characters_after_strip_are_accepted(name: str) -> None:
    routine, index = add_custom(default_routine(), name)
    assert routine.stretches[index].name == name.strip()


@pytest.mark.parametrize("name", ["", "   ", "\n", "a" * 61])
def test_names_empty_or_over_60_characters_are_refused(name: str) -> None:
    with pytest.raises(EditError) as caught:
        add_custom(default_routine(), name)
    assert caught.value.message == "Name must be 1 to 60 characters"
    assert caught.value.field == "name"


def test_instructions_up_to_600_characters_are_accepted_and_601_refused() -> None:
    routine, index = add_custom(default_routine(), "Bridge", "x" * 600)
    assert len(routine.stretches[index].instructions) == 600
    assert add_custom(default_routine(), "Bridge", "")[0].stretches[-1].instructions == ""
    with pytest.raises(EditError) as caught:
        add_custom(default_routine(), "Bridge", "x" * 601)
    assert caught.value.message == "Instructions must be at most 600 characters"
    assert caught.value.field == "instructions"


# --- pauses ---------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["ready_s", "switch_s"])
@pytest.mark.parametrize("value", [0, 30])
def test_pauses_at_each_bound_are_accepted(field: str, value: int) -> None:
    routine = set_pauses(default_routine(), **{field: value})
    assert getattr(routine, field) == value


@pytest.mark.parametrize("field", ["ready_s", "switch_s"])
@pytest.mark.parametrize("value", [-1, 31])
def test_pauses_just_beyond_each_bound_are_refused(field: str, value: int) -> None:
    with pytest.raises(EditError) as caught:
        set_pauses(default_routine(), **{field: value})
    assert caught.value.field == field
    assert "from 0 to 30" in caught.value.message


def test_pauses_change_total_seconds() -> None:
    # 5 stretches get ready; 4 hold stretches each switch sides once.
    routine = set_pauses(default_routine(), ready_s=10, switch_s=0)
    assert (routine.ready_s, routine.switch_s) == (10, 0)
    assert routine.total_seconds() == DEFAULT_TOTAL + 5 * 5 - 4 * 5
    assert set_pauses(routine) == routine


# --- add_custom -----------------------------------------------------------------------


def test_add_custom_appends_an_enabled_custom_hold() -> None:
    routine, index = add_custom(default_routine(), "Child's pose", "Kneel and fold forward.")
    assert index == 5
    added = routine.stretches[index]
    assert added == Stretch(
        key="custom-1",
        name="Child's pose",
        instructions="Kneel and fold forward.",
        kind=Kind.HOLD,
        hold_s=30,
        sides=Sides.BOTH,
        enabled=True,
        custom=True,
    )
    assert routine.total_seconds() == DEFAULT_TOTAL + 5 + 60 + 5
    assert len(default_routine().stretches) == 5


def test_add_custom_after_an_index_with_its_own_dose() -> None:
    routine, index = add_custom(
        default_routine(), "Bridge", after=KNEE, hold_s=45, sides=Sides.NONE
    )
    assert index == 1
    assert keys(routine)[:3] == ["knee-to-chest", "custom-1", "seated-twist"]
    assert routine.stretches[1].dose() == "45 s"
    assert routine.total_seconds() == DEFAULT_TOTAL + 5 + 45


def test_add_custom_checks_its_dose_and_position() -> None:
    with pytest.raises(EditError) as caught:
        add_custom(default_routine(), "Bridge", hold_s=4)
    assert caught.value.field == "hold_s"
    with pytest.raises(IndexError):
        add_custom(default_routine(), "Bridge", after=5)


def test_added_keys_stay_unique_even_after_a_delete() -> None:
    routine, first = add_custom(default_routine(), "One")
    routine, second = add_custom(routine, "Two")
    assert routine.stretches[second].key == "custom-2"
    routine = delete(routine, first)
    routine, third = add_custom(routine, "Three")
    assert len(set(keys(routine))) == len(routine.stretches)
    assert routine.stretches[third].key == "custom-3"


# --- delete ---------------------------------------------------------------------------


def test_delete_removes_a_custom_stretch() -> None:
    routine, index = add_custom(default_routine(), "Bridge", after=TWIST)
    routine = delete(routine, index)
    assert routine == default_routine()
    assert routine.total_seconds() == DEFAULT_TOTAL


@pytest.mark.parametrize("index", range(5))
def test_delete_is_refused_for_built_in_stretches(index: int) -> None:
    with pytest.raises(EditError, match="^Built-in stretches can be disabled, not deleted$"):
        delete(default_routine(), index)


def test_deleting_the_last_enabled_stretch_is_refused() -> None:
    routine, index = add_custom(default_routine(), "Bridge")
    for builtin in range(5):
        routine = toggle_enabled(routine, builtin)
    assert [s.key for s in routine.enabled] == ["custom-1"]
    with pytest.raises(EditError, match="^At least one stretch must stay enabled$"):
        delete(routine, index)


def test_a_disabled_custom_stretch_can_be_deleted() -> None:
    routine, index = add_custom(default_routine(), "Bridge")
    routine = toggle_enabled(routine, index)
    assert keys(delete(routine, index)) == keys(default_routine())


# --- duplicate ------------------------------------------------------------------------


def test_duplicate_places_a_custom_copy_right_after() -> None:
    routine = duplicate(default_routine(), TWIST)
    original, copy = routine.stretches[TWIST], routine.stretches[TWIST + 1]
    assert copy == replace(original, key="custom-1", name="Seated spinal twist (copy)", custom=True)
    assert original.custom is False
    assert routine.total_seconds() == DEFAULT_TOTAL + 70


def test_duplicate_keeps_the_kind_and_dose_of_a_reps_stretch() -> None:
    routine = duplicate(default_routine(), CAT_COW)
    assert routine.stretches[CAT_COW + 1].dose() == "6 reps · 4 s in / 4 s out"
    assert routine.total_seconds() == DEFAULT_TOTAL + 53


def test_duplicate_trims_a_long_name_to_60_characters() -> None:
    routine, index = add_custom(default_routine(), "x" * 59)
    copy = duplicate(routine, index).stretches[index + 1]
    assert len(copy.name) == 60
    assert copy.name == "x" * 53 + " (copy)"


def test_duplicate_trims_trailing_space_left_by_the_cut() -> None:
    routine, index = add_custom(default_routine(), "y" * 52 + " z" * 4)
    assert duplicate(routine, index).stretches[index + 1].name == "y" * 52 + " (copy)"


def test_keys_stay_unique_after_duplicates_of_duplicates() -> None:
    routine = default_routine()
    routine = duplicate(routine, KNEE)
    routine = duplicate(routine, 1)
    routine, _ = add_custom(routine, "Bridge")
    routine = duplicate(routine, len(routine.stretches) - 1)
    assert len(set(keys(routine))) == len(routine.stretches) == 9
    assert routine.stretches[2].name == "Knee to chest (copy) (copy)"


def test_a_copy_of_a_built_in_can_be_renamed_and_deleted() -> None:
    routine = duplicate(default_routine(), LUNGE)
    routine = update_dose(routine, LUNGE + 1, name="Deep lunge", hold_s=45)
    assert routine.stretches[LUNGE + 1].name == "Deep lunge"
    assert keys(delete(routine, LUNGE + 1)) == keys(default_routine())


# --- reset ----------------------------------------------------------------------------


def test_reset_gives_the_default_flow_and_keeps_nothing() -> None:
    assert reset() == default_routine()
    assert reset().total_seconds() == DEFAULT_TOTAL
    assert all(not s.custom and s.enabled for s in reset().stretches)


# --- EditHistory ----------------------------------------------------------------------

EDITS: dict[str, Callable[[Routine], Routine]] = {
    "move": lambda r: move(r, KNEE, 1),
    "toggle": lambda r: toggle_enabled(r, CAT_COW),
    "dose": lambda r: update_dose(r, KNEE, hold_s=60),
    "add": lambda r: add_custom(r, "Bridge")[0],
    "delete": lambda r: delete(r, len(r.stretches) - 1),
    "duplicate": lambda r: duplicate(r, TWIST),
    "reset": lambda r: reset(),
    "pauses": lambda r: set_pauses(r, ready_s=3, switch_s=8),
}


@pytest.mark.parametrize("kind", EDITS)
def test_undo_reverts_each_kind_of_edit(kind: str) -> None:
    # Start from an edited routine with a custom last stretch, so delete and reset both
    # make a real change.
    start, _ = add_custom(update_dose(default_routine(), TWIST, hold_s=25), "Child's pose")
    assert EditHistory(start).undo() is None
    history = EditHistory(start)
    edited = history.apply(EDITS[kind](start))
    assert edited != start
    assert history.current == edited
    assert history.undo() == start
    assert history.current == start
    assert history.undo() is None


def test_undo_walks_back_several_levels_then_returns_none() -> None:
    first = default_routine()
    history = EditHistory(first)
    second = history.apply(move(first, KNEE, 1))
    third = history.apply(toggle_enabled(second, HAMSTRING))
    assert history.current == third
    assert history.undo() == second
    assert history.undo() == first
    assert history.undo() is None
    assert history.current == first


def test_an_edit_that_changes_nothing_leaves_no_undo_step() -> None:
    history = EditHistory(default_routine())
    history.apply(update_dose(default_routine(), KNEE, hold_s=20))
    assert history.undo() is None


def test_history_keeps_at_most_its_limit() -> None:
    routine = default_routine()
    history = EditHistory(routine)
    for step in range(HISTORY_LIMIT + 10):
        routine = history.apply(set_pauses(routine, ready_s=step % 2, switch_s=step % 31))
    undone = 0
    while history.undo() is not None:
        undone += 1
    assert undone == HISTORY_LIMIT
    # The oldest steps fell off: the initial default routine cannot be reached any more.
    assert history.current != default_routine()


def test_history_limit_must_be_positive() -> None:
    with pytest.raises(ValueError):
        EditHistory(default_routine(), limit=0)


# --- validate_routine -----------------------------------------------------------------


def test_default_and_edited_routines_are_valid() -> None:
    validate_routine(default_routine())
    routine, _ = add_custom(default_routine(), "Bridge", "x" * 600, hold_s=300)
    routine = duplicate(set_pauses(routine, ready_s=0, switch_s=30), CAT_COW)
    validate_routine(routine)
    assert Routine.from_dict(routine.to_dict()) == routine


def _with_stretch(index: int, **changes: object) -> Routine:
    routine = default_routine()
    stretches = list(routine.stretches)
    stretches[index] = replace(stretches[index], **changes)  # type: ignore[arg-type]
    return routine.with_stretches(tuple(stretches))


@pytest.mark.parametrize(
    ("routine", "field"),
    [
        (_with_stretch(KNEE, hold_s=4), "hold_s"),
        (_with_stretch(KNEE, hold_s=301), "hold_s"),
        (_with_stretch(CAT_COW, reps=0), "reps"),
        (_with_stretch(CAT_COW, reps=31), "reps"),
        (_with_stretch(CAT_COW, inhale_s=1), "inhale_s"),
        (_with_stretch(CAT_COW, exhale_s=11), "exhale_s"),
        (_with_stretch(KNEE, name=""), "name"),
        (_with_stretch(KNEE, name="n" * 61), "name"),
        (_with_stretch(KNEE, name="two\nlines"), "name"),
        (_with_stretch(KNEE, instructions="i" * 601), "instructions"),
        (_with_stretch(KNEE, key=""), "key"),
        (_with_stretch(KNEE, key="seated-twist"), "key"),
        (_with_stretch(KNEE, sides="left"), "sides"),
        (_with_stretch(KNEE, kind="hold"), "kind"),
        (_with_stretch(KNEE, enabled=1), "enabled"),
        (replace(default_routine(), ready_s=31), "ready_s"),
        (replace(default_routine(), switch_s=-1), "switch_s"),
        (replace(default_routine(), name=" "), "name"),
        (replace(default_routine(), name="r" * 61), "name"),
        (
            default_routine().with_stretches(
                tuple(replace(s, enabled=False) for s in default_routine().stretches)
            ),
            "enabled",
        ),
        (default_routine().with_stretches(()), None),
    ],
)
def test_validate_routine_rejects_bad_data(routine: Routine, field: str | None) -> None:
    with pytest.raises(EditError) as caught:
        validate_routine(routine)
    assert caught.value.field == field
    assert caught.value.message
    assert "\n" not in caught.value.message


def test_validate_routine_says_which_stretch_is_wrong() -> None:
    with pytest.raises(EditError) as caught:
        validate_routine(_with_stretch(LUNGE, hold_s=1000))
    assert caught.value.message == (
        "Stretch 4: Hold must be a whole number of seconds from 5 to 300"
    )
    with pytest.raises(EditError) as caught:
        validate_routine(_with_stretch(KNEE, key="hamstring"))
    assert caught.value.message == "Stretch 5: the key 'hamstring' is used twice"


def test_a_custom_stretch_becomes_reps_at_a_breath_pace_and_back() -> None:
    routine, index = add_custom(default_routine(), "Box breathing", hold_s=40)
    reps = update_dose(routine, index, kind=Kind.REPS, reps=5, inhale_s=5, exhale_s=6)
    stretch = reps.stretches[index]
    assert (stretch.kind, stretch.reps, stretch.inhale_s, stretch.exhale_s) == (Kind.REPS, 5, 5, 6)
    # A hold does not apply to what it becomes; back to held, the hold applies again.
    with pytest.raises(EditError):
        update_dose(routine, index, kind=Kind.REPS, hold_s=20)
    held = update_dose(reps, index, kind=Kind.HOLD, hold_s=25)
    assert (held.stretches[index].kind, held.stretches[index].hold_s) == (Kind.HOLD, 25)


def test_a_built_in_stretch_keeps_its_kind() -> None:
    with pytest.raises(EditError, match="Only custom stretches"):
        update_dose(default_routine(), 0, kind=Kind.REPS)
