"""One child process at a time, started off the event loop: a new cue cuts a stale one off."""

from __future__ import annotations

import contextlib
import queue
import subprocess
import threading
from collections.abc import Callable

# How long a cut-off child gets to stop before it is killed outright.
STOP_GRACE_S = 0.2
# What of a child's complaints (stderr) is kept: its first lines say what went wrong.
COMPLAINT_BYTES = 4096

Job = Callable[[], None]


class ChildRunner:
    """Starting a process costs milliseconds (fork, exec): that happens on this runner's own
    thread, so the event loop only queues. The last child is stopped when the runner closes,
    so speech never outlives the app."""

    def __init__(
        self,
        on_error: Callable[[OSError], None] | None = None,
        on_complaint: Callable[[str, str], None] | None = None,
    ) -> None:
        self._jobs: queue.SimpleQueue[Job | None] = queue.SimpleQueue()
        self._child: subprocess.Popen[bytes] | None = None
        self._hush: list[str] | None = None
        self._on_error = on_error
        # (program, what it wrote on stderr) of a child that ran to its end complaining.
        self._on_complaint = on_complaint
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._closed = False

    def _submit(self, job: Job) -> None:
        with self._lock:
            if self._closed:
                return
            if self._thread is None:
                # Started on the first cue: a run of the app that plays none pays nothing.
                self._thread = threading.Thread(target=self._work, name="supple-cues", daemon=True)
                self._thread.start()
            self._jobs.put(job)

    def run(
        self,
        argv: Callable[[], list[str]],
        hush: list[str] | None = None,
    ) -> None:
        """Stop whatever plays, then start `argv()` (built on the runner's thread, so making
        a sound file the first time never holds up the screen)."""

        def job() -> None:
            command = argv()
            self._cut()
            try:
                child = subprocess.Popen(
                    command,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                )
            except OSError as error:
                if self._on_error is not None:
                    self._on_error(error)
                return
            self._child = child
            self._hush = hush
            # Each child is waited for as soon as it ends, not when the next cue cuts it off:
            # no finished speech lingers as a zombie between cues.
            threading.Thread(
                target=self._reap, args=(child,), name="supple-cue-reaper", daemon=True
            ).start()

        self._submit(job)

    def stop(self) -> None:
        """Cut off whatever is playing now."""
        self._submit(self._cut)

    def wait_idle(self, timeout: float = 10.0) -> bool:
        """Wait until every queued job has run and its child has exited (for tests and "Try
        it"): True if that happened within `timeout`."""
        done = threading.Event()

        def mark() -> None:
            child = self._child
            if child is not None:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    child.wait(timeout)
            done.set()

        self._submit(mark)
        return done.wait(timeout) if self._thread is not None else True

    def close(self) -> None:
        """Stop the child and the thread; later calls do nothing."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            thread = self._thread
            if thread is not None:
                self._jobs.put(None)
        if thread is not None:
            thread.join(timeout=2)
        self._cut()

    def _reap(self, child: subprocess.Popen[bytes]) -> None:
        stderr = child.stderr
        said = b""
        if stderr is not None:
            with stderr:
                # Read to the end, so a talkative child never blocks on a full pipe.
                while chunk := stderr.read(COMPLAINT_BYTES):
                    said = (said + chunk)[:COMPLAINT_BYTES]
        child.wait()
        # A child cut off (a signal) is not complaining; one that ended by itself and wrote
        # on stderr is, whatever its exit status (espeak-ng exits 0 with no audio device).
        if said.strip() and child.returncode >= 0 and self._on_complaint is not None:
            program = str(child.args[0]) if isinstance(child.args, list) else str(child.args)
            self._on_complaint(program, said.decode(errors="replace"))

    def _work(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            job()

    def _cut(self) -> None:
        child, self._child = self._child, None
        hush, self._hush = self._hush, None
        if child is None or child.poll() is not None:
            return
        child.terminate()
        try:
            child.wait(STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        if hush:
            with contextlib.suppress(OSError, subprocess.SubprocessError):
                subprocess.run(hush, timeout=2, capture_output=True, check=False)
