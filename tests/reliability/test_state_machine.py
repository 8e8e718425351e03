"""A hypothesis state machine over a real project on a database file, checked against a
simple in-memory model (``model.py``) after every step.

Rules: tag, retag, resize, edit a note, set the actor, delete, undo and redo (through a
:class:`CommandStack`, as the window's undo stack runs the same commands), link and
unlink, export (W3C, parsed back and compared), import (the project's own export, an
earlier export, a generated set — each twice), reopen (the undo stack does not survive
it) and writes from a second connection (another person creates, deletes, retags while
the first edits). Spans fall on a text with emoji, CJK, Arabic and combining marks, and
sometimes out of range: the core must then refuse, and nothing may change.

Invariants: the live annotations and links of every article equal the model's, the
deleted ones too; every quote is ``text[start:end]`` with its prefix and suffix; no live
link has a deleted end; ``Project.check`` (integrity, foreign keys, texts, anchors) is ok.

``make test`` runs a few derandomised programs; ``make fuzz`` runs it for its share of
the time box with longer programs (``tests/fuzz/harness.py``).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from annotator.core.commands import (
    Command,
    CommandStack,
    CreateAnnotation,
    DeleteAnnotation,
    Link,
    Unlink,
    UpdateAnnotation,
)
from annotator.core.project import Project
from annotator.domain.errors import AnnotatorError, Conflict
from annotator.domain.text import normalize
from tests.conftest import FIXTURES, make_draft
from tests.fuzz import harness
from tests.reliability.machine_exchange import ExchangeRules
from tests.reliability.model import ACTORS, NOTES, TAGS, TYPE_NAMES, Model, Refused

STRESS_FILE = FIXTURES / "offsets-stress.txt"
#: combining marks NFC keeps (no precomposed form), niqqud, Devanagari, Thai, RTL marks
SECOND_TEXT = (
    "Zalgo: Z\u0351\u036ba\u0310l\u0314g\u0316o said q\u0323\u0307 twice.\n"
    "שָׁלוֹם עֲלֵיכֶם — क्षत्रिय — ภาษาไทย \u200f(rtl)\u200e 🇰🇵👍🏽 “end”."
)


@dataclass
class Entry:
    """A command on the undo stack with what its undo and redo do to the model."""

    command: Command
    undo: Callable[[], None]
    redo: Callable[[], None]


class ProjectMachine(ExchangeRules, RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        harness.STATS.setdefault("state machine", harness.Stats("state machine")).tried += 1
        self.folder = Path(tempfile.mkdtemp(prefix="annotator-sm-"))
        self.path = self.folder / "project.db"
        self.alice = Project.open(self.path, "alice")
        self.bob = Project.open(self.path, "bob")
        first = self.alice.import_source(str(STRESS_FILE)).article
        second = self.alice.import_draft(make_draft(SECOND_TEXT, title="Second")).article
        assert first.text == normalize(STRESS_FILE.read_text("utf-8"))
        self.model = Model({first.id: first.text, second.id: second.text})
        self.articles = [first.id, second.id]  # ids are random: a fixed order
        self.stack = CommandStack(self.alice)
        self.done: list[Entry] = []
        self.undone: list[Entry] = []
        self.sets: list[tuple[bytes, str]] = []  # earlier exports and generated sets
        self.alice.poll_external()

    def teardown(self) -> None:
        self.alice.close()
        self.bob.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    # --- running an action on both sides ----------------------------------------------------

    def _both(self, action: Callable[[], Any], expect: Callable[[Any], None]) -> bool:
        """Run ``action`` on the project, then ``expect(result)`` on the model: both must
        succeed, or both refuse (the model then leaves itself unchanged)."""
        harness.STATS["state machine"].steps += 1
        try:
            result, error = action(), None
        except AnnotatorError as exc:
            result, error = None, exc
        try:
            expect(result)
            refused = None
        except Refused as exc:
            refused = exc
        assert (error is None) == (refused is None), f"project: {error!r}; model: {refused}"
        return error is None

    def _push(self, command: Command, first: Callable[[Any], None], entry: Entry) -> None:
        self.undone.clear()  # even when the push fails, as QUndoStack does
        if self._both(lambda: self.stack.push(command), first):
            self.done.append(entry)

    def _span(self, data: st.DataObject, article: str) -> tuple[int, int]:
        n = len(self.model.texts[article])
        if data.draw(st.integers(0, 9)) == 0:  # a span the core must refuse
            return data.draw(st.sampled_from([(0, 0), (5, 3), (-1, 4), (n - 2, n + 1)]))
        start = data.draw(st.integers(0, n - 1))
        return start, data.draw(st.integers(start + 1, min(n, start + 48)))

    def _live(self, data: st.DataObject) -> str:
        return data.draw(st.sampled_from(list(self.model.live)))  # ids are random: keep order

    # --- tagging and editing ----------------------------------------------------------------

    @rule(data=st.data())
    def tag(self, data: st.DataObject) -> None:
        article = data.draw(st.sampled_from(self.articles))
        start, end = self._span(data, article)
        tag = data.draw(st.sampled_from(TAGS) | st.just("Rumour"))
        actor, note = data.draw(ACTORS), data.draw(NOTES)
        command = CreateAnnotation(article, start, end, tag, actor=actor, note=note)

        def first(_: Any) -> None:
            made = command.created.id if command.created else None
            self.model.create(
                made, article, tag, start, end, note=note, actor=actor, annotator="alice"
            )

        ident = lambda: command.created.id  # noqa: E731 - known once pushed
        entry = Entry(
            command, lambda: self.model.delete(ident()), lambda: self.model.restore(ident())
        )
        self._push(command, first, entry)

    def _update(self, ann_id: str, changes: dict[str, Any]) -> None:
        before = self.model.fields(ann_id, changes)
        command = UpdateAnnotation(ann_id, changes, expected=dict(before))
        entry = Entry(
            command,
            lambda: self.model.update(ann_id, before),
            lambda: self.model.update(ann_id, changes),
        )
        self._push(command, lambda _: self.model.update(ann_id, changes), entry)

    @precondition(lambda self: self.model.live)
    @rule(data=st.data())
    def retag(self, data: st.DataObject) -> None:
        tag = data.draw(st.sampled_from(TAGS) | st.just("Rumour"))
        self._update(self._live(data), {"tag": tag})

    @precondition(lambda self: self.model.live)
    @rule(data=st.data())
    def resize(self, data: st.DataObject) -> None:
        ann_id = self._live(data)
        start, end = self._span(data, self.model.live[ann_id].article)
        self._update(ann_id, {"start": start, "end": end})

    @precondition(lambda self: self.model.live)
    @rule(data=st.data())
    def edit_note(self, data: st.DataObject) -> None:
        self._update(self._live(data), {"note": data.draw(NOTES)})

    @precondition(lambda self: self.model.live)
    @rule(data=st.data())
    def set_actor(self, data: st.DataObject) -> None:
        self._update(self._live(data), {"actor": data.draw(ACTORS)})

    @precondition(lambda self: self.model.live)
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        self.delete_annotation(self._live(data))

    # --- undo and redo ------------------------------------------------------------------------

    @rule()
    def undo(self) -> None:
        if not self.done:
            assert not self.stack.can_undo() and self.stack.undo() is None
            return
        entry = self.done.pop()  # the stack drops a command whose undo fails, as Qt's does
        if self._both(self.stack.undo, lambda command: entry.undo()):
            self.undone.append(entry)

    @rule()
    def redo(self) -> None:
        if not self.undone:
            assert not self.stack.can_redo() and self.stack.redo() is None
            return
        entry = self.undone.pop()
        if self._both(self.stack.redo, lambda command: entry.redo()):
            self.done.append(entry)

    # --- links --------------------------------------------------------------------------------

    @precondition(lambda self: self.model.live)
    @rule(data=st.data())
    def link(self, data: st.DataObject) -> None:
        everyone = [*self.model.live, *self.model.deleted]
        source = self._live(data)
        target = data.draw(st.sampled_from(everyone))
        kind = data.draw(TYPE_NAMES)
        command = Link(source, target, kind)
        rid = lambda: command.relation_id  # noqa: E731 - known once pushed
        entry = Entry(command, lambda: self.model.unlink(rid()), lambda: self.model.relink(rid()))
        self._push(
            command, lambda _: self.model.link(command.relation_id, source, target, kind), entry
        )

    @precondition(lambda self: self.model.visible())
    @rule(data=st.data())
    def unlink(self, data: st.DataObject) -> None:
        rid = data.draw(st.sampled_from(list(self.model.visible())))
        entry = Entry(Unlink(rid), lambda: self.model.relink(rid), lambda: self.model.unlink(rid))
        self._push(entry.command, lambda _: self.model.unlink(rid), entry)

    # --- reopening and a second connection ----------------------------------------------------

    @rule()
    def reopen(self) -> None:
        self.alice.close()
        self.alice = Project.open(self.path, "alice")
        self.stack = CommandStack(self.alice)
        assert not self.stack.can_undo() and not self.stack.can_redo()
        self.done, self.undone = [], []
        self.alice.poll_external()

    def _by_bob(
        self, action: Callable[[], Any], expect: Callable[[Any], None], *, writes: bool = True
    ) -> None:
        """Bob's action; when it wrote something, alice's next poll must notice."""
        self.alice.poll_external()
        if self._both(action, expect) and writes:
            assert self.alice.poll_external(), "alice did not notice bob's write"

    @rule(data=st.data())
    def bob_tags(self, data: st.DataObject) -> None:
        article = data.draw(st.sampled_from(self.articles))
        start, end = self._span(data, article)
        tag, actor = data.draw(st.sampled_from(TAGS)), data.draw(ACTORS)
        self._by_bob(
            lambda: self.bob.create_annotation(article, start, end, tag, actor=actor),
            lambda made: self.model.create(
                made.id if made else None, article, tag, start, end, actor=actor, annotator="bob"
            ),
        )

    @precondition(lambda self: self.model.live)
    @rule(data=st.data())
    def bob_deletes(self, data: st.DataObject) -> None:
        ann_id = self._live(data)
        self._by_bob(
            lambda: self.bob.delete_annotation(ann_id), lambda _: self.model.delete(ann_id)
        )

    @precondition(lambda self: self.model.visible())
    @rule(data=st.data())
    def both_delete_the_ends_of_a_link(self, data: st.DataObject) -> None:
        """Alice deletes one end of a link, bob the other; then, maybe, alice undoes hers
        (the link must stay hidden until bob's end is back too)."""
        link = self.model.visible()[data.draw(st.sampled_from(list(self.model.visible())))]
        mine, theirs = data.draw(st.permutations([link.source, link.target]))
        self.delete_annotation(mine)
        self._by_bob(
            lambda: self.bob.delete_annotation(theirs), lambda _: self.model.delete(theirs)
        )
        if data.draw(st.booleans()):
            self.undo()

    def delete_annotation(self, ann_id: str) -> None:
        entry = Entry(
            DeleteAnnotation(ann_id),
            lambda: self.model.restore(ann_id),
            lambda: self.model.delete(ann_id),
        )
        self._push(entry.command, lambda _: self.model.delete(ann_id), entry)

    @precondition(lambda self: self.model.live)
    @rule(data=st.data())
    def bob_retags_while_alice_edits(self, data: st.DataObject) -> None:
        """Alice began retagging from the tag she saw; bob's retag lands first. Hers is
        refused (Conflict) unless bob's left her base or chose her tag."""
        ann_id = self._live(data)
        base = self.model.live[ann_id].tag
        theirs, mine = data.draw(st.sampled_from(TAGS)), data.draw(st.sampled_from(TAGS))
        self._by_bob(
            lambda: self.bob.update_annotation(ann_id, tag=theirs),
            lambda _: self.model.update(ann_id, {"tag": theirs}),
            writes=theirs != base,
        )
        command = UpdateAnnotation(ann_id, {"tag": mine}, expected={"tag": base})
        if theirs in (base, mine):
            self._update_as(command, ann_id, mine, theirs)
        else:
            self.undone.clear()
            try:
                self.stack.push(command)
            except Conflict as exc:
                assert (exc.field, exc.theirs, exc.by) == ("tag", theirs, "bob")
            else:
                raise AssertionError("a retag over bob's was not refused")

    def _update_as(self, command: UpdateAnnotation, ann_id: str, mine: str, was: str) -> None:
        entry = Entry(
            command,
            lambda: self.model.update(ann_id, {"tag": was}),
            lambda: self.model.update(ann_id, {"tag": mine}),
        )
        self._push(command, lambda _: self.model.update(ann_id, {"tag": mine}), entry)

    # --- invariants -----------------------------------------------------------------------------

    @invariant()
    def project_equals_model(self) -> None:
        for article, text in self.model.texts.items():
            live = self.alice.annotations(article)
            got = {a.id: (a.tag, a.start, a.end, a.note, a.actor, a.annotator) for a in live}
            want = {
                a.id: (a.tag, a.start, a.end, a.note, a.actor, a.annotator)
                for a in self.model.live.values()
                if a.article == article
            }
            assert got == want
            for a in live:
                assert a.exact == text[a.start : a.end]
                assert a.prefix == text[max(0, a.start - 32) : a.start]
                assert a.suffix == text[a.end : a.end + 32]
            gone = {a.id for a in self.alice.annotations(article, include_deleted=True)}
            assert gone - set(got) == {
                a.id for a in self.model.deleted.values() if a.article == article
            }
            links = {r.id: (r.from_id, r.to_id, r.type) for r in self.alice.relations(article)}
            assert links == {
                rid: (k.source, k.target, k.type)
                for rid, k in self.model.visible().items()
                if self.model.live[k.source].article == article
            }
        report = self.alice.check()
        assert report.ok, report.problems


#: the state machine's share of the make fuzz time box, against 1 for each importer
STATE_MACHINE_WEIGHT = 4


def _settings(examples: int, steps: int, *, derandomize: bool) -> settings:
    # under make fuzz a failure is reported unshrunk: shrinking a long program can take
    # longer than the whole time box
    phases = [p for p in Phase if p != Phase.shrink or not harness.FUZZING]
    return settings(
        max_examples=examples,
        stateful_step_count=steps,
        deadline=None,
        database=None,
        derandomize=derandomize,
        phases=phases,
        suppress_health_check=list(HealthCheck),
    )


@harness.fuzz_target(weight=STATE_MACHINE_WEIGHT)
def test_project_state_machine() -> None:
    stats = harness.STATS.setdefault("state machine", harness.Stats("state machine"))
    started = time.perf_counter()
    try:
        if harness.FUZZING:
            harness.time_boxed(
                "state machine",
                lambda n: run_state_machine_as_test(
                    ProjectMachine, settings=_settings(n, 60, derandomize=False)
                ),
                weight=STATE_MACHINE_WEIGHT,
            )
        else:
            run_state_machine_as_test(ProjectMachine, settings=_settings(30, 25, derandomize=True))
    except BaseException:
        stats.failing += 1
        raise
    finally:
        stats.seconds += time.perf_counter() - started
