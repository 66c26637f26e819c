"""PreparePipeline: a fetched page becomes text and records, off the reactor thread.

``prepare(item)`` runs the ingest steps of ``harvester.ingest`` (decode and find the main text,
relevance decided by the body, a decoding problem noted for the page row, canonical URL and text
hash, figures and documents). It is the CPU-heavy part of a crawl (~4 ms a page of real length against ~2.5 ms for downloading it), so the pipeline hands it to
``HARVESTER_EXTRACT_WORKERS`` worker processes (``pipelines.processes``, shared by every portal of
the run) and awaits the answer; the reactor thread keeps downloading, and the save pipeline that
follows hands each page to the one writer as its answer arrives. ``HARVESTER_EXTRACT_WORKERS=0``
prepares in the reactor thread instead.

A worker answers with its fields already pickled (``_prepared``, bytes): the crawl process never
reads them, it only hands them on to the writer, which unpacks them (:func:`unpacked`): unpickling
the main text, the extraction and the compressed body on the reactor's thread only to pickle them
again for the writer was work for nothing (docs/capacity.md has the measurements).
"""

from __future__ import annotations

import logging
import pickle
from typing import Any

from harvester import ingest
from harvester.storage.core import compress, sha256_bytes
from pipelines.processes import HELPERS, HelperDied, HelperFailed

log = logging.getLogger(__name__)

# What a worker sends back: the keys the steps add, and the body compressed and hashed for the
# archive (the body itself stays in the reactor's process).
PREPARED_KEYS = ("_main", "_encoding", "_ocop", "_decoding", "_canonical_url", "_text_sha256", "_extraction",
                 "_body_z", "_body_sha256", "_body_size")


def normalize(item: Any) -> dict[str, Any]:
    """Decode, find the main text, let the body decide relevance, note a decoding problem."""
    return ingest.normalize_step(item)


def prepare(item: Any) -> dict[str, Any]:
    """normalize → dedupe → extract, the way ``harvester reextract`` replays an archived page."""
    return ingest.extract_step(ingest.dedupe_step(normalize(item)))


def prepared_fields(item: dict[str, Any]) -> dict[str, Any]:
    """The worker's job: prepare ``item`` and return only what the steps added."""
    done = prepare(item)
    body = item.get("body") or b""
    if isinstance(body, bytes):
        done["_body_z"], done["_body_sha256"], done["_body_size"] = compress(body), sha256_bytes(body), len(body)
    return {key: done[key] for key in PREPARED_KEYS if key in done}


def prepared_blob(item: dict[str, Any]) -> bytes:
    """The worker's answer: :func:`prepared_fields`, pickled for the writer."""
    return pickle.dumps(prepared_fields(item), protocol=pickle.HIGHEST_PROTOCOL)


def unpacked(item: dict[str, Any]) -> dict[str, Any]:
    """The item with a worker's ``_prepared`` fields in place (as ``save_step`` reads them)."""
    blob = item.pop("_prepared", None)
    if blob is not None:
        item.update(pickle.loads(blob))
    return item


class PreparePipeline:
    """Prepares article items in the extraction workers (or inline); other kinds pass through."""

    @classmethod
    def from_crawler(cls, crawler: Any) -> PreparePipeline:
        pipeline = cls()
        pipeline.crawler = crawler
        # outside the harvester's own settings (tools, tests) the pipeline prepares in-process
        pipeline.workers = crawler.settings.getint("HARVESTER_EXTRACT_WORKERS", 0)
        pipeline.profile_dir = crawler.settings.get("HARVESTER_PROFILE_HELPERS") or None
        return pipeline

    async def process_item(self, item: Any) -> dict[str, Any]:
        item = ingest.as_dict(item)
        if item.get("kind", "article") != "article":
            return item
        workers = HELPERS.get("extract", prepared_blob, self.workers, profile_dir=self.profile_dir)
        if workers is None:
            return prepare(item)
        try:
            blob = await workers.ask(item)
        except HelperDied as exc:
            log.warning("%s; extracting in the crawl process from now on", exc)
            HELPERS.mark_broken("extract")
            return prepare(item)
        except HelperFailed as exc:  # the worker's prepare raised: keep the page, as inline would
            log.warning("prepare failed on %s: %s", item.get("url"), exc)
            return prepare(item)
        item["_prepared"] = blob
        return item
