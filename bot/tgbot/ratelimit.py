"""Per-user sliding-window limit on questions, so one user cannot starve the others."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable


class RateLimiter:
    def __init__(self, count: int, window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._count = count
        self._window = window_s
        self._clock = clock
        self._events: dict[int, deque[float]] = {}
        self._warned_until: dict[int, float] = {}
        self._swept = clock()
        self._lock = threading.Lock()

    def allow(self, user_id: int) -> float:
        """0 if the user may ask now (and records it), else seconds until they may."""
        now = self._clock()
        with self._lock:
            self._sweep(now)
            events = self._events.setdefault(user_id, deque())
            while events and now - events[0] >= self._window:
                events.popleft()
            if len(events) >= self._count:
                return self._window - (now - events[0])
            events.append(now)
            return 0.0

    def should_warn(self, user_id: int, wait: float) -> bool:
        """True for the first refusal of a throttled stretch: one 'too frequent' reply per window, not one per message."""
        now = self._clock()
        with self._lock:
            if now < self._warned_until.get(user_id, now):
                return False
            self._warned_until[user_id] = now + wait
            return True

    def tracked(self) -> int:
        """Users currently remembered; those whose window emptied are forgotten, so this stays bounded."""
        with self._lock:
            return len(self._events.keys() | self._warned_until.keys())

    def _sweep(self, now: float) -> None:
        """Once a window, forget users with no question inside it and warnings that ran out."""
        if now - self._swept < self._window:
            return
        self._swept = now
        self._events = {u: e for u, e in self._events.items() if e and now - e[-1] < self._window}
        self._warned_until = {u: t for u, t in self._warned_until.items() if t > now}
