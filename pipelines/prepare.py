"""PreparePipeline: a fetched page becomes text and records, off the reactor thread.

``prepare(item)`` runs the ingest steps (decode and find the main text, canonical URL and text
hash, figures and documents: ``harvester.ingest``), lets the body decide relevance
(:mod:`pipelines.relevance`) and notes a decoding problem. It is the CPU-heavy part of a crawl
(~4 ms a page of real length against ~2.5 ms for downloading it), so the pipeline hands it to
``HARVESTER_EXTRACT_WORKERS`` worker processes (shared by every portal of the run) and awaits the
answer; the reactor thread keeps downloading, and the save pipeline that follows writes each
page in its own transaction as its answer arrives. ``HARVESTER_EXTRACT_WORKERS=0``
prepares in the reactor thread instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import signal
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

from extractors.text import decode_bytes
from harvester import ingest
from harvester.storage.core import compress, sha256_bytes
from pipelines.relevance import is_ocop_relevant

log = logging.getLogger(__name__)

# What a worker sends back: the keys the steps add, and the body compressed and hashed for the
# archive (the body itself stays in the reactor's process).
PREPARED_KEYS = ("_main", "_encoding", "_ocop", "_decoding", "_canonical_url", "_text_sha256", "_extraction",
                 "_body_z", "_body_sha256")


def decoding_problem(body: bytes, declared: str | None) -> str | None:
    """Why the decoded text may not be what the page meant (bytes replaced, a legacy font
    converted), or None when the bytes decoded cleanly.

    ``extractors.text.decode_bytes`` reports this as ``.problem`` of the value it returns once
    it counts invalid bytes and detects TCVN3/VNI; a decoder that returns only (text, codec)
    knows of no problem.
    """
    return getattr(decode_bytes(body, declared), "problem", None)


def normalize(item: Any) -> dict[str, Any]:
    """ingest.normalize_step, then relevance from the body and the decoding problem."""
    item = ingest.normalize_step(item)
    if item.get("kind", "article") == "article":
        main = item["_main"]
        item["_ocop"] = is_ocop_relevant(main.title, main.text)
        body = item.get("body") or b""
        item["_decoding"] = decoding_problem(body if isinstance(body, bytes) else body.encode(), item.get("encoding"))
    return item


def prepare(item: Any) -> dict[str, Any]:
    """normalize → dedupe → extract, the way ``harvester reextract`` replays an archived page."""
    return ingest.extract_step(ingest.dedupe_step(normalize(item)))


def prepared_fields(item: dict[str, Any]) -> dict[str, Any]:
    """The worker's job: prepare ``item`` and return only what the steps added."""
    done = prepare(item)
    body = item.get("body") or b""
    if isinstance(body, bytes):
        done["_body_z"], done["_body_sha256"] = compress(body), sha256_bytes(body)
    return {key: done[key] for key in PREPARED_KEYS if key in done}


# --- the workers ----------------------------------------------------------------------------------


class WorkerDied(RuntimeError):
    """An extraction worker process ended (killed, out of memory) with pages in hand."""


def _serve(conn: Connection) -> None:
    """A worker: prepare each item it is sent, answer in order, until the crawl closes the pipe."""
    # systemd and Ctrl-C signal the whole process group; the crawl process decides when its
    # workers stop (it closes their pipes), so a worker never dies with an item half done.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):  # the crawl closed the pipe, or was killed
            return
        try:
            answer: tuple[str, Any] = ("ok", prepared_fields(item))
        except Exception as exc:  # an extractor bug costs this page's records, not the worker
            answer = ("error", f"{type(exc).__name__}: {exc}")
        conn.send(answer)


@dataclass
class _Worker:
    process: Any
    conn: Connection
    waiting: deque[asyncio.Future[Any]] = field(default_factory=deque)


class Workers:
    """Extraction processes driven from the reactor's own event loop.

    Each worker has a socket pair; an item is pickled onto it and the answer read back when the
    loop sees the socket readable. No helper threads: concurrent.futures' feeder and manager
    threads fight the reactor thread for the GIL and cost more than they save on 2 cores.
    At most ``DEPTH`` items wait on a worker, so a slow page never queues up a backlog.
    """

    DEPTH = 2

    def __init__(self, count: int):
        # forkserver: workers start from a clean interpreter, not from a fork of the reactor
        # process with its threads and sockets
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["pipelines.prepare"])
        self.workers: list[_Worker] = []
        for _ in range(count):
            mine, theirs = context.Pipe(duplex=True)
            process = context.Process(target=_serve, args=(theirs,), daemon=True, name="harvester-extract")
            process.start()
            theirs.close()
            self.workers.append(_Worker(process, mine))
        self.room = asyncio.Semaphore(count * self.DEPTH)
        self.watching = False

    def _watch(self, loop: asyncio.AbstractEventLoop) -> None:
        for worker in self.workers:
            loop.add_reader(worker.conn.fileno(), self._on_readable, worker)
        self.watching = True

    def _on_readable(self, worker: _Worker) -> None:
        try:
            while worker.conn.poll():
                status, value = worker.conn.recv()
                future = worker.waiting.popleft()
                if future.done():
                    continue
                if status == "ok":
                    future.set_result(value)
                else:
                    future.set_exception(RuntimeError(value))
        except (EOFError, OSError):
            asyncio.get_running_loop().remove_reader(worker.conn.fileno())
            while worker.waiting:
                future = worker.waiting.popleft()
                if not future.done():
                    future.set_exception(WorkerDied(f"extraction worker {worker.process.pid} ended"))

    async def prepare(self, item: dict[str, Any]) -> dict[str, Any]:
        loop = asyncio.get_running_loop()
        if not self.watching:
            self._watch(loop)
        async with self.room:
            worker = min(self.workers, key=lambda w: len(w.waiting))
            future: asyncio.Future[Any] = loop.create_future()
            worker.waiting.append(future)
            try:
                worker.conn.send(item)
            except OSError as exc:  # the worker is gone: its reader fails what it held
                worker.waiting.remove(future)
                raise WorkerDied(str(exc)) from exc
            return await future

    def close(self) -> None:
        """Close the pipes: each worker finishes the item in hand and exits."""
        for worker in self.workers:
            with contextlib.suppress(Exception):  # the loop may already be closed at exit
                asyncio.get_event_loop().remove_reader(worker.conn.fileno())
            worker.conn.close()
        for worker in self.workers:
            worker.process.join(timeout=5)


class Pool:
    """The run's workers (every portal's crawler shares them), started at the first page."""

    def __init__(self) -> None:
        self.workers: Workers | None = None
        self.broken = False

    def get(self, count: int) -> Workers | None:
        if count <= 0 or self.broken:
            return None
        if self.workers is None:
            self.workers = Workers(count)
        return self.workers

    def mark_broken(self) -> None:
        """A worker died: prepare in the crawl process from now on."""
        self.broken = True
        self.shutdown()

    def shutdown(self) -> None:
        """Stop the workers; pages still with them are not stored (the next run fetches them)."""
        if self.workers is not None:
            self.workers.close()
            self.workers = None


POOL = Pool()


class PreparePipeline:
    """Prepares article items in the shared pool (or inline); other kinds pass through."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> PreparePipeline:
        pipeline = cls()
        pipeline.crawler = crawler
        pipeline.workers = crawler.settings.getint("HARVESTER_EXTRACT_WORKERS", 1)
        return pipeline

    async def process_item(self, item: Any) -> dict[str, Any]:
        item = ingest.as_dict(item)
        if item.get("kind", "article") != "article":
            return item
        workers = POOL.get(self.workers)
        if workers is None:
            return prepare(item)
        try:
            fields = await workers.prepare(item)
        except WorkerDied as exc:
            log.warning("%s; preparing pages in the crawl process from now on", exc)
            POOL.mark_broken()
            return prepare(item)
        except RuntimeError as exc:  # the worker's prepare raised: keep the page, as inline would
            log.warning("prepare failed on %s: %s", item.get("url"), exc)
            return prepare(item)
        item.update(fields)
        return item
