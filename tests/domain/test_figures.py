"""Figures as the domain knows them: which drawing a moment shows, a stretch's figure field,
its check, and its way through storage and export."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from tui.domain.export_format import ExportError, build_export, parse_export
from tui.domain.figures import FIGURE_NAMES, POSES, Pose, default_figure, pose_for
from tui.domain.routine import Routine, Stretch, default_routine
from tui.domain.routine_edit import (
    EditError,
    add_custom,
    duplicate,
    update_dose,
    validate_routine,
)

KNEE, TWIST, CAT_COW, LUNGE, HAMSTRING = range(5)


def test_every_default_stretch_has_its_own_figure() -> None:
    stretches = default_routine().stretches
    assert [s.figure for s in stretches] == [s.key for s in stretches]
    assert set(FIGURE_NAMES) == {s.key for s in stretches} == set(POSES)


@pytest.mark.parametrize(("side", "mirrored"), [("right", False), ("left", True), (None, False)])
def test_the_right_side_is_drawn_and_the_left_mirrored(side: str | None, mirrored: bool) -> None:
    assert pose_for("low-lunge", side) == Pose("low-lunge", mirrored=mirrored)


def test_cat_cow_shows_the_cow_breathing_in_and_the_cat_breathing_out() -> None:
    assert pose_for("cat-cow", None) == Pose("cow")
    assert pose_for("cat-cow", None, exhaling=True) == Pose("cat")


def test_a_one_drawing_figure_keeps_it_while_breathing_out() -> None:
    assert pose_for("hamstring", "left", exhaling=True) == Pose("hamstring", mirrored=True)


@pytest.mark.parametrize("figure", [None, "nonsense"])
def test_no_figure_or_an_unknown_one_shows_nothing(figure: str | None) -> None:
    assert pose_for(figure, "left") is None


def test_default_figure_only_for_built_in_keys() -> None:
    assert default_figure("low-lunge", custom=False) == "low-lunge"
    assert default_figure("low-lunge", custom=True) is None
    assert default_figure("custom-3", custom=True) is None
    assert default_figure("mystery", custom=False) is None


# -- stored and exported -----------------------------------------------------------------


def stored_before_figures(routine: Routine) -> dict[str, Any]:
    """The routine as a file written before figures existed holds it: no `figure` keys."""
    data = routine.to_dict()
    for stretch in data["stretches"]:
        del stretch["figure"]
    return data


def test_a_file_without_figures_gives_built_ins_theirs_and_custom_ones_none() -> None:
    with_custom, _ = add_custom(default_routine(), "Child's pose")
    loaded = Routine.from_dict(stored_before_figures(with_custom))
    assert [s.figure for s in loaded.stretches] == [*FIGURE_NAMES, None]
    validate_routine(loaded)


def test_the_figure_round_trips_through_the_stored_form() -> None:
    routine, index = add_custom(default_routine(), "Child's pose", figure="cat-cow")
    routine = update_dose(routine, TWIST, hold_s=25)
    data = routine.to_dict()
    assert data["stretches"][index]["figure"] == "cat-cow"
    assert Routine.from_dict(data) == routine


def test_no_figure_is_stored_as_null_and_stays_none() -> None:
    routine, index = add_custom(default_routine(), "Child's pose")
    data = routine.to_dict()
    assert data["stretches"][index]["figure"] is None
    assert Routine.from_dict(data).stretches[index].figure is None


def test_the_figure_round_trips_through_an_export() -> None:
    routine, index = add_custom(default_routine(), "Child's pose", figure="hamstring")
    exported = build_export([], {}, routine, {})
    parsed = parse_export(exported)
    assert parsed.routine == routine
    assert parsed.routine is not None and parsed.routine.stretches[index].figure == "hamstring"


def test_an_export_with_an_unknown_figure_is_refused_with_a_clear_line() -> None:
    exported = build_export([], {}, default_routine(), {})
    exported["routine"]["stretches"][LUNGE]["figure"] = "headstand"
    with pytest.raises(ExportError, match="Stretch 4: Figure must be one of"):
        parse_export(exported)


# -- checked and edited ------------------------------------------------------------------


@pytest.mark.parametrize("figure", ["headstand", "", 3, ["cat-cow"], "Cat–cow"])
def test_validate_routine_refuses_a_figure_that_does_not_exist(figure: object) -> None:
    stretches = list(default_routine().stretches)
    stretches[KNEE] = replace(stretches[KNEE], figure=figure)  # type: ignore[arg-type]
    with pytest.raises(EditError) as caught:
        validate_routine(default_routine().with_stretches(tuple(stretches)))
    assert caught.value.field == "figure"
    assert caught.value.message.startswith("Stretch 1: Figure must be one of knee-to-chest")


def test_a_custom_stretch_may_pick_a_figure_change_it_and_drop_it() -> None:
    routine, index = add_custom(default_routine(), "Child's pose")
    picked = update_dose(routine, index, figure="cat-cow")
    assert picked.stretches[index].figure == "cat-cow"
    changed = update_dose(picked, index, figure="low-lunge")
    assert changed.stretches[index].figure == "low-lunge"
    dropped = update_dose(changed, index, figure=None)
    assert dropped.stretches[index].figure is None
    validate_routine(dropped)


def test_leaving_the_figure_out_keeps_it() -> None:
    routine, index = add_custom(default_routine(), "Child's pose", figure="hamstring")
    assert update_dose(routine, index, hold_s=40).stretches[index].figure == "hamstring"


def test_an_unknown_figure_is_refused_for_the_figure_field() -> None:
    routine, index = add_custom(default_routine(), "Child's pose")
    with pytest.raises(EditError) as caught:
        update_dose(routine, index, figure="headstand")
    assert caught.value.field == "figure"
    with pytest.raises(EditError):
        add_custom(default_routine(), "Child's pose", figure="headstand")


def test_a_built_in_stretch_keeps_its_figure() -> None:
    routine = default_routine()
    with pytest.raises(EditError, match="Only custom stretches can choose a figure"):
        update_dose(routine, LUNGE, figure="cat-cow")
    with pytest.raises(EditError):
        update_dose(routine, LUNGE, figure=None)
    # Sending it back unchanged, as a form does, is fine.
    assert update_dose(routine, LUNGE, figure="low-lunge") is routine


def test_a_copy_of_a_built_in_keeps_its_figure_and_may_change_it() -> None:
    copied = duplicate(default_routine(), CAT_COW)
    copy = copied.stretches[CAT_COW + 1]
    assert copy.custom and copy.figure == "cat-cow"
    assert update_dose(copied, CAT_COW + 1, figure=None).stretches[CAT_COW + 1].figure is None


def test_stretch_field_defaults_to_no_figure() -> None:
    assert Stretch(key="x", name="X", instructions="").figure is None
