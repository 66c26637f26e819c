"""Helper processes of a crawl, driven from the reactor's own event loop.

A crawl hands its CPU-heavy steps to other processes so that the reactor process only
downloads: extraction to ``HARVESTER_EXTRACT_WORKERS`` workers, and the database writes to one
writer (the single writer of the harvester's SQLite file: one transaction per page, in the
order the pages come). Each helper runs ``serve(job, conn)``: it answers every message it is
sent, in order, with ``("ok", value)`` or ``("error", text)``.

Each helper has a socket pair; a message is pickled onto it and the answer read back when the
loop sees the socket readable. No helper threads: concurrent.futures' feeder and manager
threads fight the reactor thread for the GIL and cost more than they save on 2 cores. At most
``depth`` messages wait on a helper, so a slow page never queues up a backlog.
"""

from __future__ import annotations

import asyncio
import contextlib
import cProfile
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any


class HelperDied(RuntimeError):
    """A helper process ended (killed, out of memory) with messages in hand."""


class HelperFailed(RuntimeError):
    """The helper's job raised on this message; the text says what."""


def serve(job: Callable[[Any], Any], conn: Connection, name: str = "", profile_dir: str | None = None) -> None:
    """A helper's loop: answer each message with ``job(message)`` until the crawl closes the pipe;
    with ``profile_dir``, under cProfile, written there as ``<name>-<pid>.prof`` at the end."""
    _name_process(name)
    # systemd and Ctrl-C signal the whole process group; the crawl process decides when its
    # helpers stop (it closes their pipes), so a helper never dies with a message half done.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if not profile_dir:
        _answer_all(job, conn)
        return
    profiler = cProfile.Profile()
    profiler.runcall(_answer_all, job, conn)
    profiler.dump_stats(Path(profile_dir) / f"{name or 'helper'}-{os.getpid()}.prof")


def _answer_all(job: Callable[[Any], Any], conn: Connection) -> None:
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):  # the crawl closed the pipe, or was killed
            return
        try:
            answer: tuple[str, Any] = ("ok", job(message))
        except Exception as exc:  # a bug costs this message, not the helper
            answer = ("error", f"{type(exc).__name__}: {exc}")
        conn.send(answer)


def _name_process(name: str) -> None:
    """Show the helper's role in ``ps``/``top`` (and to bench_crawl's CPU sampler): forkserver
    children otherwise all carry the forkserver's command line."""
    if name:
        with contextlib.suppress(OSError):  # not Linux, or /proc not mounted
            Path("/proc/self/comm").write_text(name[:15])


@dataclass
class _Helper:
    process: Any
    conn: Connection
    waiting: deque[asyncio.Future[Any]] = field(default_factory=deque)


class Helpers:
    """``count`` processes running ``serve(job, …)``; ``await helpers.ask(message)``."""

    def __init__(self, job: Callable[[Any], Any], count: int, *, name: str, depth: int = 8,
                 profile_dir: str | None = None):
        # forkserver: helpers start from a clean interpreter, not from a fork of the reactor
        # process with its threads and sockets
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["pipelines.prepare", "pipelines.save"])
        self.helpers: list[_Helper] = []
        for _ in range(count):
            mine, theirs = context.Pipe(duplex=True)
            process = context.Process(target=serve, args=(job, theirs, name, profile_dir), daemon=True, name=name)
            process.start()
            theirs.close()
            self.helpers.append(_Helper(process, mine))
        self.room = asyncio.Semaphore(count * depth)
        self.watching = False

    def _watch(self, loop: asyncio.AbstractEventLoop) -> None:
        for helper in self.helpers:
            loop.add_reader(helper.conn.fileno(), self._on_readable, helper)
        self.watching = True

    def _on_readable(self, helper: _Helper) -> None:
        try:
            while helper.conn.poll():
                status, value = helper.conn.recv()
                future = helper.waiting.popleft()
                if future.done():
                    continue
                if status == "ok":
                    future.set_result(value)
                else:
                    future.set_exception(HelperFailed(value))
        except (EOFError, OSError):
            asyncio.get_running_loop().remove_reader(helper.conn.fileno())
            while helper.waiting:
                future = helper.waiting.popleft()
                if not future.done():
                    future.set_exception(HelperDied(f"{helper.process.name} (pid {helper.process.pid}) ended"))

    async def ask(self, message: Any) -> Any:
        loop = asyncio.get_running_loop()
        if not self.watching:
            self._watch(loop)
        async with self.room:
            helper = min(self.helpers, key=lambda h: len(h.waiting))
            future: asyncio.Future[Any] = loop.create_future()
            helper.waiting.append(future)
            try:
                helper.conn.send(message)
            except OSError as exc:  # the helper is gone: its reader fails what it held
                helper.waiting.remove(future)
                raise HelperDied(str(exc)) from exc
            return await future

    def close(self) -> None:
        """Close the pipes: each helper finishes what it was sent and exits."""
        for helper in self.helpers:
            with contextlib.suppress(Exception):  # the loop may already be closed at exit
                asyncio.get_event_loop().remove_reader(helper.conn.fileno())
            helper.conn.close()
        for helper in self.helpers:
            helper.process.join(timeout=10)


class HelperSet:
    """The run's helpers by role (extraction, writer), started at first use, shared by every
    portal's crawler; a role whose helper died is done in the crawl process from then on."""

    def __init__(self) -> None:
        self.running: dict[str, Helpers] = {}
        self.broken: set[str] = set()

    def get(self, role: str, job: Callable[[Any], Any], count: int, depth: int = 8,
            profile_dir: str | None = None) -> Helpers | None:
        if count <= 0 or role in self.broken:
            return None
        if role not in self.running:
            self.running[role] = Helpers(job, count, name=f"harvester-{role}", depth=depth, profile_dir=profile_dir)
        return self.running[role]

    def mark_broken(self, role: str) -> None:
        self.broken.add(role)
        helpers = self.running.pop(role, None)
        if helpers is not None:
            helpers.close()

    def shutdown(self) -> None:
        """Stop every helper; each finishes the messages it was sent (at most a few pages)."""
        for helpers in self.running.values():
            helpers.close()
        self.running.clear()


HELPERS = HelperSet()
