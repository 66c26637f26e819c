"""PreparePipeline: a fetched page becomes text and records, off the reactor thread.

``prepare(item)`` runs the ingest steps (decode and find the main text, canonical URL and text
hash, figures and documents: ``harvester.ingest``), lets the body decide relevance
(:mod:`pipelines.relevance`) and notes a decoding problem. It is the CPU-heavy part of a crawl
(~5 ms a page of real length against ~2 ms for downloading it), so the pipeline hands it to a
small process pool (``HARVESTER_EXTRACT_WORKERS`` processes, shared by every portal of the run)
and awaits the result; the reactor thread keeps downloading, and the save pipeline that follows
writes each page in its own transaction as its result arrives. ``HARVESTER_EXTRACT_WORKERS=0``
prepares in the reactor thread instead.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from extractors.text import decode_bytes
from harvester import ingest
from pipelines.relevance import is_ocop_relevant

log = logging.getLogger(__name__)

# What a worker sends back: the keys the steps add (the body stays in the reactor's process).
PREPARED_KEYS = ("_main", "_encoding", "_ocop", "_decoding", "_canonical_url", "_text_sha256", "_extraction")


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
    return {key: done[key] for key in PREPARED_KEYS if key in done}


# --- the pool ---------------------------------------------------------------------------------------


def _ignore_stop_signals() -> None:
    # systemd and Ctrl-C signal the whole process group; the crawl process decides when its
    # workers stop (it shuts the pool down), so a worker never dies with an item half done.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


class Pool:
    """One process pool for the whole run (every portal's crawler shares it), started lazily."""

    def __init__(self) -> None:
        self.executor: ProcessPoolExecutor | None = None
        self.workers = 0
        self.broken = False

    def get(self, workers: int) -> ProcessPoolExecutor | None:
        if workers <= 0 or self.broken:
            return None
        if self.executor is None:
            # forkserver: workers start from a clean interpreter, not from a fork of the reactor
            # process with its threads and sockets
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["pipelines.prepare"])
            self.executor = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                                initializer=_ignore_stop_signals)
            self.workers = workers
        return self.executor

    def mark_broken(self) -> None:
        """A worker died (killed, out of memory): prepare in the reactor thread from now on."""
        self.broken = True
        self.shutdown()

    def shutdown(self) -> None:
        """Stop the workers; items still queued are dropped (their pages are not stored, so the
        next run fetches them again)."""
        if self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None


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
        executor = POOL.get(self.workers)
        if executor is None:
            return prepare(item)
        try:
            fields = await asyncio.wrap_future(executor.submit(prepared_fields, item))
        except BrokenProcessPool:
            log.warning("an extraction worker died; preparing pages in the crawl process from now on")
            POOL.mark_broken()
            return prepare(item)
        item.update(fields)
        return item
