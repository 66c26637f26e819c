"""The documents pipeline reads an attachment's file off the event loop, then stores it."""

from __future__ import annotations

import asyncio
import sqlite3

from scrapy.utils.test import get_crawler

from pipelines.documents import DocumentsPipeline


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
