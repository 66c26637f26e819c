"""The documents pipeline reads an attachment's file off the event loop, then stores it."""

from __future__ import annotations

import asyncio
import sqlite3

from scrapy.utils.test import get_crawler

from harvester import ingest
from pipelines.documents import ATTACHMENTS_AT_ONCE, DocumentsPipeline


def test_an_attachment_is_read_while_the_loop_goes_on_and_then_stored(tmp_path, rendered):
    db = tmp_path / "ocop.db"
    pipeline = DocumentsPipeline.from_crawler(get_crawler(settings_dict={"HARVESTER_DB": str(db)}))
    pipeline.open_spider()
    _, _, content_type, body = rendered["1520-QD-UBND.pdf"]
    item = {"kind": "attachment", "url": "http://127.0.0.9/uploads/1520-QD-UBND.pdf", "name": "1520-QD-UBND.pdf",
            "portal_id": "t", "status": 200, "headers": {"Content-Type": content_type}, "body": body}

    async def crawl_meanwhile() -> tuple[int, dict]:
        ticks = 0
        reading = asyncio.ensure_future(pipeline.process_item(item))
        while not reading.done():
            ticks += 1
            await asyncio.sleep(0.01)
        return ticks, await reading

    ticks, returned = asyncio.run(crawl_meanwhile())
    pipeline.close_spider()
    assert returned is item
    assert ticks >= 10  # the reader's child starts in ~0.2 s: the loop turned meanwhile
    with sqlite3.connect(db) as conn:
        status, pages, text = conn.execute("SELECT status, pages, text FROM attachments").fetchone()
    assert (status, pages) == ("ok", 2) and "Công nhận 12 sản phẩm đạt OCOP" in text


def test_no_more_attachments_are_read_at_once_than_allowed(tmp_path, rendered, monkeypatch):
    db = tmp_path / "ocop.db"
    pipeline = DocumentsPipeline.from_crawler(get_crawler(settings_dict={"HARVESTER_DB": str(db)}))
    pipeline.open_spider()
    reading, most = 0, 0
    original = ingest.prepare_attachment

    def counted(item):
        nonlocal reading, most
        reading += 1
        most = max(most, reading)
        try:
            return original(item)
        finally:
            reading -= 1

    monkeypatch.setattr(ingest, "prepare_attachment", counted)
    _, _, content_type, body = rendered["1520-QD-UBND.pdf"]
    items = [{"kind": "attachment", "url": f"http://127.0.0.9/uploads/{i}.pdf", "name": f"{i}.pdf", "portal_id": "t",
              "status": 200, "headers": {"Content-Type": content_type}, "body": body} for i in range(6)]

    async def all_at_once():
        return await asyncio.gather(*(pipeline.process_item(item) for item in items))

    asyncio.run(all_at_once())
    pipeline.close_spider()
    assert most == ATTACHMENTS_AT_ONCE
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM attachments WHERE status = 'ok'").fetchone()[0] == 6
