"""Per-user sliding-window limit on questions, so one user cannot starve the others."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable


class RateLimiter:
    def __init__(self, count: int, window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self._count = count
        self._window = window_s
        self._clock = clock
        self._events: dict[int, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def allow(self, user_id: int) -> float:
        """0 if the user may ask now (and records it), else seconds until they may."""
        now = self._clock()
        with self._lock:
            events = self._events[user_id]
            while events and now - events[0] >= self._window:
                events.popleft()
            if len(events) >= self._count:
                return self._window - (now - events[0])
            events.append(now)
            return 0.0
