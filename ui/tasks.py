"""The one place threads live: run work off the UI thread, results back by signal.

``TaskRunner.run(work, on_done=…, on_error=…)`` runs ``work(task)`` on a worker
thread; ``task.progress(done, total, text)`` reports progress and
``task.cancelled`` tells the work to stop (it raises ``Cancelled``). The work
function never touches a widget and opens its own ``Store`` if it needs one (a
connection belongs to its thread). ``SyncTaskRunner`` runs everything inline, for
tests that need no event loop. ``run_with_progress`` adds a progress dialog with
a Cancel button for work that can take longer than ~100 ms.
Threading: create and call from the UI thread.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QWidget


class Cancelled(Exception):
    """Raised inside work when the user pressed Cancel; never shown as an error."""


class Task:
    """Handed to the work function: progress reports and the cancel flag."""

    def __init__(self, report: Callable[[int, int, str], None] | None = None) -> None:
        self._cancel = threading.Event()
        self._report = report

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        """Raise ``Cancelled`` if the user asked to stop."""
        if self._cancel.is_set():
            raise Cancelled()

    def progress(self, done: int, total: int, text: str = "") -> None:
        self.check()
        if self._report is not None:
            self._report(done, total, text)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object, str)
    progress = Signal(int, int, str)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Task], Any], signals: _Signals, task: Task) -> None:
        super().__init__()
        self.work = work
        self.signals = signals
        self.task = task

    def run(self) -> None:
        try:
            result = self.work(self.task)
        except BaseException as exc:  # handed to the UI thread, shown there
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.done.emit(result)


OnDone = Callable[[Any], None]
OnError = Callable[[BaseException, str], None]


class TaskRunner(QObject):
    """Runs work on a thread pool; callbacks run on the UI thread."""

    def __init__(
        self, parent: QObject | None = None, *, on_error: OnError | None = None, threads: int = 2
    ) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads)
        self._default_error = on_error
        self._live: set[_Signals] = set()
        self._background: set[Task] = set()

    def run(
        self,
        work: Callable[[Task], Any],
        *,
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        background: bool = False,
    ) -> Task:
        """Run ``work(task)`` on the pool. Exactly one of ``on_done`` (the result),
        ``on_error`` (an exception; the runner's default handler if None) and
        ``on_cancel`` (the work stopped with ``Cancelled``: never shown as an error) is
        called on the UI thread when it ends. ``background`` work (nobody waits for its
        result) is cancelled by :meth:`cancel_background` when the window closes."""
        signals = _Signals()
        task = Task(signals.progress.emit)
        self._live.add(signals)
        if background:
            self._background.add(task)

        def release() -> None:
            self._background.discard(task)
            # The signal object dies here, on the UI thread. Dropped by the runner
            # while the pool's job still held it, it died with the job on the worker
            # thread: Qt locks its connections there, then waits for the GIL, while this
            # thread holds the GIL and may wait for the same lock (Qt shares its locks
            # between objects) - a deadlock, seen closing a progress dialog.
            signals.destroyed.connect(lambda: self._live.discard(signals))
            signals.deleteLater()

        def finished(result: Any) -> None:
            release()
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException, tb: str) -> None:
            release()
            if isinstance(exc, Cancelled):
                if on_cancel is not None:
                    on_cancel()
                return
            handler = on_error or self._default_error
            if handler is not None:
                handler(exc, tb)

        signals.done.connect(finished, Qt.ConnectionType.QueuedConnection)
        signals.failed.connect(failed, Qt.ConnectionType.QueuedConnection)
        if on_progress is not None:
            signals.progress.connect(on_progress, Qt.ConnectionType.QueuedConnection)
        self._pool.start(_Job(work, signals, task))
        return task

    def wait(self, msecs: int = 30000) -> bool:
        """Block until all work is done (tests and shutdown)."""
        return self._pool.waitForDone(msecs)

    def cancel_background(self) -> int:
        """Ask every running ``background`` task to stop (closing the window must not wait
        for a warm-up or a store check); return how many were asked."""
        tasks = list(self._background)
        for task in tasks:
            task.cancel()
        return len(tasks)


class SyncTaskRunner(TaskRunner):
    """Runs work inline on the calling thread: for tests without an event loop."""

    def run(
        self,
        work: Callable[[Task], Any],
        *,
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
        background: bool = False,
    ) -> Task:
        task = Task(on_progress)
        try:
            result = work(task)
        except Cancelled:
            if on_cancel is not None:
                on_cancel()
            return task
        except BaseException as exc:
            handler = on_error or self._default_error
            if handler is None:
                raise
            handler(exc, traceback.format_exc())
            return task
        if on_done is not None:
            on_done(result)
        return task


def run_with_progress(
    runner: TaskRunner,
    parent: QWidget,
    title: str,
    work: Callable[[Task], Any],
    *,
    on_done: OnDone | None = None,
    on_error: OnError | None = None,
    on_cancel: Callable[[], None] | None = None,
) -> Task:
    """Run ``work`` with a modal progress dialog and a Cancel button (``on_cancel`` is
    called when the work stopped because the user pressed it)."""
    from PySide6.QtWidgets import QProgressDialog  # not on the start-up path

    # Qt's own "Cancel" (context QProgressDialog, from qtbase_zh_CN.qm). PySide6 takes
    # Class.tr(text) on the class; its stub types tr as an instance method only.
    cancel = QProgressDialog.tr("Cancel")  # type: ignore[call-arg, arg-type]
    dialog = QProgressDialog(title, cancel, 0, 0, parent)
    dialog.setObjectName("taskProgress")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def progress(done: int, total: int, text: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if text:
            dialog.setLabelText(text)

    def finish(result: Any) -> None:
        dialog.close()
        if on_done is not None:
            on_done(result)

    def fail(exc: BaseException, tb: str) -> None:
        dialog.close()
        if on_error is not None:
            on_error(exc, tb)
        elif runner._default_error is not None:
            runner._default_error(exc, tb)

    def cancelled() -> None:
        dialog.close()
        if on_cancel is not None:
            on_cancel()

    task = runner.run(
        work, on_done=finish, on_error=fail, on_progress=progress, on_cancel=cancelled
    )
    # A lambda, not task.cancel: Qt keeps a lambda alive with the dialog, but tracks a
    # plain object's bound method only weakly and disconnects it when the object dies.
    # The pool's job held the Task's last reference, so the Task died on the worker
    # thread, whose disconnect locked the dialog's connections and waited for the GIL
    # while the UI thread, closing the dialog, held the GIL and waited for that lock.
    dialog.canceled.connect(lambda: task.cancel())
    dialog.canceled.connect(dialog.close)
    return task
