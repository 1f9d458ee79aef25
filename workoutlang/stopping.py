"""SIGINT, SIGTERM and SIGHUP while a run puts files in place (compile's transaction,
fmt's rewrites): each is held, and turned into `Interrupted` at the next step boundary,
so that what was written is put back before the run ends with 128 + the signal.

A signal is only taken over where it would stop the run: one ignored when the run
starts (`nohup`) stays ignored. Only the main thread can catch signals; elsewhere
nothing is held.
"""

from __future__ import annotations

import signal
import threading

STOPPING = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(KeyboardInterrupt):
    """A stopping signal arrived while files were being put in place."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


class Held:
    """Within `with Held() as signals:`, a stopping signal is recorded, not acted on;
    `signals.check()`, called between steps, raises it as `Interrupted`. One that
    arrives after the last check is delivered as usual when the block ends."""

    def __init__(self) -> None:
        self.received: int | None = None
        self.previous: dict[int, object] = {}

    def __enter__(self) -> Held:
        if threading.current_thread() is threading.main_thread():
            for number in STOPPING:
                if signal.getsignal(number) in (signal.SIG_DFL, signal.default_int_handler):
                    self.previous[number] = signal.signal(number, self._hold)
        return self

    def _hold(self, signum: int, frame: object) -> None:
        if self.received is None:
            self.received = signum

    def check(self) -> None:
        if self.received is not None:
            raise Interrupted(self.received)

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> None:
        for number, old in self.previous.items():
            signal.signal(number, old)  # type: ignore[arg-type]
        if kind is None and self.received is not None:
            signal.raise_signal(self.received)
