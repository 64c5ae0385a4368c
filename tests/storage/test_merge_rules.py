"""The merge rules converge: edits on 2-3 machines, delivered in any order and grouping, agree."""

from __future__ import annotations

import itertools
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from tests.factories import session_document
from tests.storage.machines import (
    FORMS,
    Machine,
    WallClock,
    conflict_copies,
    conflict_name,
    files_of,
)
from tui.domain.history import MarkKind
from tui.storage.merge_rules import (
    canonical,
    choose_sessions,
    fields_of,
    is_tombstone,
    merge_main,
    next_stamp,
    put_fields,
    stamps_of,
    tombstone,
)

MACHINES = ["aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc"]
FIELDS = [
    "routine",
    "settings.weekly_goal",
    "settings.cues",
    *(f"marks.2026-11-0{d}" for d in "1234"),
]
ABSENT = None  # a cleared mark: its stamp stays, its value goes
ZONE = timezone(timedelta(hours=1))
T0 = datetime(2026, 11, 26, 9, 0, tzinfo=ZONE)


# -- the pure rules ---------------------------------------------------------------------


def _value(field: str, n: int) -> Any:
    if field == "routine":
        return {"name": f"flow {n}", "stretches": []}
    if field.startswith("settings."):
        return n
    return ["done", "rest", ABSENT][n % 3]


@st.composite
def changes(draw: st.DrawFn) -> list[tuple[str, tuple[str, str], Any]]:
    """A pool of changes: (field, stamp, value); one value per stamp, as a real change has."""
    pool = {}
    for _ in range(draw(st.integers(1, 14))):
        field = draw(st.sampled_from(FIELDS))
        second = draw(st.integers(0, 5))  # few instants: stamps tie on time, then on machine
        stamp = (f"2026-11-26T09:00:0{second}.000000Z", draw(st.sampled_from(MACHINES)))
        pool.setdefault((field, stamp), _value(field, draw(st.integers(0, 8))))
    return [(field, stamp, value) for (field, stamp), value in pool.items()]


def _copy(chosen: list[tuple[str, tuple[str, str], Any]], db: str, records: list[Any]) -> Any:
    """A main file that has seen `chosen`: each field as its latest change there left it."""
    latest: dict[str, tuple[tuple[str, str], Any]] = {}
    for field, stamp, value in chosen:
        if field not in latest or stamp > latest[field][0]:
            latest[field] = (stamp, value)
    tables: dict[str, Any] = {"meta": {"1": {"kind": "main", "db": db, "schema": 3}}}
    fields = {f: v for f, (_, v) in latest.items() if v is not ABSENT}
    put_fields(tables, fields, {f: s for f, (s, _) in latest.items()})
    tables["machines"] = {str(n): r for n, r in enumerate(records, 1)}
    return tables


@st.composite
def main_copies(draw: st.DrawFn) -> list[Any]:
    """2-4 copies of one main file, each having seen some of the changes (and records)."""
    pool = draw(changes())
    copies = []
    for _ in range(draw(st.integers(2, 4))):
        chosen = draw(st.lists(st.sampled_from(pool), max_size=len(pool)))
        records = [
            {"id": m, "name": m[:1], "at": f"2026-11-2{draw(st.integers(0, 3))}T00:00:00Z"}
            for m in draw(st.lists(st.sampled_from(MACHINES), unique=True))
        ]
        copies.append(_copy(chosen, draw(st.sampled_from(["0a", "0b"])), records))
    return copies


def _merged_in_tree(copies: list[Any], draw: st.DrawFn) -> Any:
    """`copies` merged two at a time in an order and grouping the draw picks."""
    items = list(copies)
    while len(items) > 1:
        i = draw(st.integers(0, len(items) - 1))
        a = items.pop(i)
        j = draw(st.integers(0, len(items) - 1))
        b = items.pop(j)
        items.append(merge_main([a, b]))
    return merge_main(items)


@settings(max_examples=300, deadline=None)
@given(main_copies(), st.data())
def test_main_copies_merge_to_one_result_in_any_order_and_grouping(
    copies: list[Any], data: st.DataObject
) -> None:
    everything = canonical(merge_main(copies))
    for order in itertools.permutations(copies):
        assert canonical(merge_main(list(order))) == everything
    assert canonical(_merged_in_tree(copies, data.draw)) == everything
    # Idempotent: merging a result again, or with any copy it came from, changes nothing.
    merged = merge_main(copies)
    assert canonical(merge_main([merged])) == everything
    assert canonical(merge_main([merged, data.draw(st.sampled_from(copies))])) == everything


@settings(max_examples=300, deadline=None)
@given(main_copies())
def test_each_field_is_its_latest_change_anywhere(copies: list[Any]) -> None:
    merged = merge_main(copies)
    fields, stamps = fields_of(merged), stamps_of(merged)
    for field in {f for c in copies for f in [*fields_of(c), *stamps_of(c)]}:
        seen = [
            (stamps_of(c)[field], fields_of(c).get(field)) for c in copies if field in stamps_of(c)
        ]
        stamp, value = max(seen, key=lambda s: (s[0], s[1] is not None, canonical(s[1])))
        assert stamps[field] == stamp
        # A cleared mark stays cleared: the later clearing wins over an older setting.
        assert fields.get(field) == value
    # Every machine's latest record, whole; the smallest database id.
    for copy in copies:
        for record in copy["machines"].values():
            (kept,) = [r for r in merged["machines"].values() if r["id"] == record["id"]]
            assert kept["at"] >= record["at"]
    assert merged["meta"]["1"]["db"] == min(c["meta"]["1"]["db"] for c in copies)


@st.composite
def session_copies(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Saves, edits and deletions of a few sessions, as several files may hold them."""
    bases = [session_document(T0 - timedelta(days=n)) for n in range(3)]
    found = []
    for _ in range(draw(st.integers(1, 12))):
        base = draw(st.sampled_from(bases))
        at = (T0 + timedelta(seconds=draw(st.integers(0, 4)))).isoformat()
        kind = draw(st.sampled_from(["edit", "delete", "open"]))
        if kind == "delete":
            found.append(tombstone(base, datetime.fromisoformat(at)))
        elif kind == "open":
            found.append({**base, "ended_at": None, "completed": False, "updated_at": at})
        else:
            found.append({**base, "note": draw(st.sampled_from(["a", "b"])), "updated_at": at})
    return found


@settings(max_examples=300, deadline=None)
@given(session_copies(), st.data())
def test_sessions_resolve_to_one_winner_in_any_order_and_grouping(
    documents: list[dict[str, Any]], data: st.DataObject
) -> None:
    winners = choose_sessions(documents)
    assert set(winners) == {d["id"] for d in documents}  # none is lost, tombstones included
    shuffled = data.draw(st.permutations(documents))
    assert choose_sessions(shuffled) == winners
    cut = data.draw(st.integers(0, len(documents)))
    parts = [choose_sessions(shuffled[:cut]), choose_sessions(shuffled[cut:])]
    assert choose_sessions([*parts[0].values(), *parts[1].values()]) == winners
    assert choose_sessions([*winners.values(), *documents]) == winners
    for session_id, winner in winners.items():
        later = [d for d in documents if d["id"] == session_id]
        latest = max(datetime.fromisoformat(d["updated_at"]) for d in later)
        assert datetime.fromisoformat(winner["updated_at"]) == latest
        at_latest = [d for d in later if datetime.fromisoformat(d["updated_at"]) == latest]
        # At one instant a deletion wins, then an ended run over one still open.
        if any(is_tombstone(d) for d in at_latest):
            assert is_tombstone(winner)
        elif any(d["ended_at"] is not None for d in at_latest):
            assert winner["ended_at"] is not None


def test_a_deletion_outranks_every_save_it_has_seen_whatever_the_clock() -> None:
    saved = {**session_document(T0), "updated_at": "2026-11-26T09:10:00.700000+01:00"}
    for now in (
        datetime(2026, 11, 26, 9, 10, 0, 900000, tzinfo=ZONE),  # later in the same second
        datetime(2026, 11, 26, 9, 10, 0, 100000, tzinfo=ZONE),  # a clock slightly behind
        datetime(2026, 11, 26, 2, 0, tzinfo=ZONE),  # a clock hours behind
    ):
        gone = tombstone(saved, now)
        assert is_tombstone(choose_sessions([saved, gone])[saved["id"]]), now


def test_a_stamp_is_later_than_the_one_it_replaces_whatever_the_clock() -> None:
    previous = next_stamp(None, datetime(2026, 11, 26, 12, 0, tzinfo=UTC), MACHINES[0])
    behind = next_stamp(previous, datetime(2026, 11, 26, 5, 0, tzinfo=UTC), MACHINES[1])
    assert behind > previous and behind[1] == MACHINES[1]
    assert next_stamp(behind, datetime(2026, 11, 26, 13, 0, tzinfo=UTC), MACHINES[0]) > behind


# -- real files: machines, a sync tool, conflict copies ---------------------------------------


class SyncedFolder:
    """One machine's copy of the data folder as a sync tool sees it: every file's version
    vector, so a delivery replaces an older version and makes a conflict copy of a concurrent
    one (Syncthing's rule; a change wins over a deletion)."""

    def __init__(self, machine: Machine) -> None:
        self.machine = machine
        self.known: dict[str, tuple[bytes | None, dict[str, int]]] = {}

    def scan(self) -> None:
        files = files_of(self.machine.folder)
        me = self.machine.name
        for name, data in files.items():
            held = self.known.get(name)
            if held is None or held[0] != data:
                vector = dict(held[1]) if held else {}
                vector[me] = vector.get(me, 0) + 1
                self.known[name] = (data, vector)
        for name, (data, vector) in list(self.known.items()):
            if data is not None and name not in files:
                self.known[name] = (None, {**vector, me: vector.get(me, 0) + 1})

    def put(self, name: str, data: bytes | None, vector: dict[str, int]) -> None:
        path = self.machine.folder / name
        if data is None:
            path.unlink(missing_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        self.known[name] = (data, vector)


def _covers(a: dict[str, int], b: dict[str, int]) -> bool:
    return all(a.get(k, 0) >= v for k, v in b.items())


def sync(source: SyncedFolder, target: SyncedFolder, form: str, source_wins: bool) -> None:
    source.scan()
    target.scan()
    for name, (data, vector) in list(source.known.items()):
        held = target.known.get(name)
        if held is None or (_covers(vector, held[1]) and vector != held[1]):
            target.put(name, data, vector)
            continue
        if _covers(held[1], vector) or held[0] == data:
            if held[0] == data:
                target.known[name] = (
                    data,
                    {k: max(vector.get(k, 0), held[1].get(k, 0)) for k in {*vector, *held[1]}},
                )
            continue
        merged = {k: max(vector.get(k, 0), held[1].get(k, 0)) for k in {*vector, *held[1]}}
        winner, loser = (data, held[0]) if source_wins else (held[0], data)
        if winner is None:  # a change wins over a deletion
            winner, loser = loser, None
        me = target.machine.name
        target.put(name, winner, {**merged, me: merged.get(me, 0) + 1})
        if loser is not None:
            # Each copy its own name (a sync tool names it by the second and the device, and
            # Dropbox, whose name has only the day, by a count): never written over an earlier
            # copy not yet absorbed, which may hold the only trace of a change.
            copy = _conflict(name, form, next(_copies))
            repeat = 0
            while copy in target.known or (target.machine.folder / copy).exists():
                repeat += 1
                copy = _conflict(name, form, next(_copies), repeat)
            # A new file here, as a scan would find it (its name is one never seen here): so a
            # file of the same name delivered later in this sync conflicts with it, as with any
            # file changed here, and is never written over it.
            target.put(copy, loser, {me: 1})


_copies = itertools.count()


def _conflict(name: str, form: str, number: int, repeat: int = 0) -> str:
    folder, _, base = name.rpartition("/")
    return (folder + "/" if folder else "") + conflict_name(base, form, number, repeat)


class World:
    """2-3 machines, each with its copy of the data folder, on one wall clock (one of them
    maybe hours off), and the model of what each change should leave."""

    def __init__(self, root: Path, count: int, clock_off: timedelta) -> None:
        self.wall = WallClock(T0)
        self.machines = [
            Machine(
                root / f"m{n}",
                root / f"data{n}",
                wall=self.wall,
                clock_off=clock_off if n == count - 1 else timedelta(0),
            )
            for n in range(count)
        ]
        self.folders = [SyncedFolder(m) for m in self.machines]
        self.made: set[str] = set()
        self.deleted: set[str] = set()
        # What the latest change of each thing left, in the order changes were made.
        self.sessions: dict[str, dict[str, Any] | None] = {}
        self.fields: dict[str, Any] = {}

    def do(self, step: tuple[Any, ...]) -> None:
        self.wall.tick(1)
        kind, n = step[0], step[1] % len(self.machines)
        machine = self.machines[n]
        if kind == "sync":
            target = step[2] % len(self.machines)
            if target != n:
                sync(self.folders[n], self.folders[target], step[3], step[4])
            return
        if kind == "start":
            with machine.start():
                return
        with machine.store() as store:
            if kind == "play":
                document = session_document(machine.now() - timedelta(days=step[2], minutes=10))
                store.save_session(document)
                self.made.add(document["id"])
                self.sessions[document["id"]] = document
            elif kind in ("edit", "delete"):
                seen = sorted(store.sessions(), key=lambda d: d["id"])
                if not seen:
                    return
                document = seen[step[2] % len(seen)]
                if kind == "delete":
                    store.delete_session(document["id"])
                    self.deleted.add(document["id"])
                    self.sessions[document["id"]] = None
                else:
                    at = machine.now().isoformat(timespec="seconds")
                    edited = {**document, "note": f"edited at {at}", "updated_at": at}
                    store.save_session(edited)
                    self.sessions[document["id"]] = edited
            elif kind == "mark":
                day = date(2026, 11, step[2] % 4 + 1)
                kind_of = [MarkKind.DONE, MarkKind.REST, None][step[3] % 3]
                store.set_mark(day, kind_of)
                self.fields[f"marks.{day.isoformat()}"] = kind_of.value if kind_of else None
            elif kind == "goal":
                store.save_settings({"weekly_goal": step[2] % 7 + 1})
                self.fields["settings.weekly_goal"] = step[2] % 7 + 1

    def settle(self) -> int:
        """Everyone gets everything, then each machine starts in turn and hands its result
        to the others, until no conflict copy is left; returns the rounds it took."""
        for round_number in range(1, 5):
            for n, folder in enumerate(self.folders):
                for other in self.folders:
                    if other is not folder:
                        sync(other, folder, "syncthing", round_number % 2 == 0)
                with self.machines[n].start():
                    pass
                for other in self.folders:
                    if other is not folder:
                        sync(folder, other, "syncthing", True)
            if not any(conflict_copies(m.folder) for m in self.machines):
                return round_number
        raise AssertionError("conflict copies left after 4 rounds")


steps = st.one_of(
    st.tuples(st.just("play"), st.integers(0, 2), st.integers(0, 3)),
    st.tuples(st.sampled_from(["edit", "delete"]), st.integers(0, 2), st.integers(0, 9)),
    st.tuples(st.just("mark"), st.integers(0, 2), st.integers(0, 3), st.integers(0, 2)),
    st.tuples(st.just("goal"), st.integers(0, 2), st.integers(0, 6)),
    st.tuples(st.just("start"), st.integers(0, 2)),
    st.tuples(
        st.just("sync"),
        st.integers(0, 2),
        st.integers(0, 2),
        st.sampled_from(sorted(FORMS)),
        st.booleans(),
    ),
)


def _but_machine(document: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in document.items() if k != "machine"}


def _run(count: int, history: list[tuple[Any, ...]], clock_off: timedelta) -> World:
    with tempfile.TemporaryDirectory(prefix="supple-merge-") as root:
        world = World(Path(root), count, clock_off)
        first = next(_copies)
        # Every machine starts apart with a change of its own: the main files all conflict.
        opening = [("play", n, n) for n in range(count)] + [("mark", n, 0, n) for n in range(count)]
        for step in [*opening, *history]:
            world.do(step)
        event(f"conflict copies made while editing: {min(next(_copies) - first - 1, 3)}+")
        event(f"rounds to settle: {world.settle()}")
        event(f"conflict copies made in all: {min(next(_copies) - first - 2, 5)}+")
        views = [m.view() for m in world.machines]
        for view in views[1:]:
            assert view == views[0]
        shown = {d["id"]: d for d in views[0]["sessions"]}  # type: ignore[union-attr]
        # No session is lost: every one made and not deleted since is there.
        alive = {i for i, d in world.sessions.items() if d is not None}
        if clock_off == timedelta(0):
            assert set(shown) == alive
            for session_id in alive:
                # As made, plus the machine that played it (the store records it).
                made = world.sessions[session_id] or {}
                assert _but_machine(shown[session_id]) == _but_machine(made)
            marks = dict(views[0]["marks"])  # type: ignore[arg-type]
            for field, value in world.fields.items():
                if field.startswith("marks."):
                    assert marks.get(field[len("marks.") :]) == value, field
                else:
                    assert views[0]["settings"]["weekly_goal"] == value  # type: ignore[index]
        else:
            # A clock off decides which of two changes made apart is "later", but nothing
            # deleted by no one ever goes.
            assert world.made - world.deleted <= set(shown)
        return world


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(2, 3), st.lists(steps, max_size=30))
# Two Dropbox conflicts of the main file on one machine in one day: the second copy must not be
# written over the first, which alone held the latest mark (a clearing); and the counted name
# Dropbox gives it (`… 2026-12-06 (1))`) must be absorbed too.
@example(
    count=3,
    history=[("sync", 0, 2, "dropbox", True), ("play", 0, 0), ("sync", 0, 2, "dropbox", False)],
)
# A conflict copy made on a machine, then one of the same name delivered from another: both
# kept (the one made here held the latest mark), neither written over the other.
@example(
    count=2,
    history=[("sync", 0, 1, "dropbox", False), ("mark", 0, 0, 0), ("sync", 1, 0, "dropbox", True)],
)
def test_any_edits_on_machines_delivered_in_any_order_converge(
    count: int, history: list[tuple[Any, ...]]
) -> None:
    _run(count, history, timedelta(0))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(2, 3), st.lists(steps, max_size=30), st.sampled_from([-6, 6]))
def test_with_a_clock_hours_off_every_machine_ends_the_same_and_no_session_is_lost(
    count: int, history: list[tuple[Any, ...]], hours: int
) -> None:
    _run(count, history, timedelta(hours=hours))
