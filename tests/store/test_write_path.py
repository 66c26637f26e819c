"""The crawl's write path: a worker's prepared fields reach the writer pickled and unread by the
crawl process, and are stored exactly as a page prepared in the writer's own process would be."""

from __future__ import annotations

import asyncio
import pickle

from scrapy.utils.test import get_crawler

from harvester.schema import open_db
from harvester.storage.pages import page_url
from harvester.urls import canonicalize
from pipelines.prepare import prepare, prepared_blob, unpacked
from pipelines.processes import HelperFailed
from pipelines.save import SavePipeline, for_the_writer, store, write

OCOP = ["Huyện Đông Sơn có thêm 4 sản phẩm OCOP đạt 3 sao sau đợt chấm điểm tháng Mười.",
        "Quyết định số 2150/QĐ-UBND ngày 20/10/2025 công nhận các sản phẩm của hai hợp tác xã."]


def _rows(db_path) -> dict[str, list[tuple]]:
    db = open_db(db_path)
    try:
        return {
            "pages": db.execute("SELECT url, kind, body, body_size, sha256, encoding, text_chars FROM pages").fetchall(),
            "articles": db.execute("SELECT url, title, text, text_sha256, provinces FROM articles").fetchall(),
            "figures": db.execute("SELECT count, stars, status, quote, start, end FROM figures").fetchall(),
            "mentions": db.execute("SELECT number, quote FROM document_mentions").fetchall(),
        }
    finally:
        db.conn.close()


def test_the_writer_stores_a_workers_answer_as_it_stores_an_inline_page(tmp_path, kit):
    item = kit.page_item("https://x.vn/tin/dong-son-ocop.html", kit.article_html("Đông Sơn thêm sản phẩm OCOP", OCOP),
                         portal_id="x")
    sent = for_the_writer({**item, "_prepared": prepared_blob(dict(item))})
    assert "body" not in sent and isinstance(sent["_prepared"], bytes)
    assert pickle.loads(pickle.dumps(sent))["_prepared"] == sent["_prepared"]  # travels as plain bytes

    status, result = write((str(tmp_path / "worker.db"), sent))
    assert status == "stored" and result.status == "new" and result.figures >= 1

    inline = open_db(tmp_path / "inline.db")
    assert store(inline, prepare(dict(item)))[0] == "stored"
    inline.conn.close()
    assert _rows(tmp_path / "worker.db") == _rows(tmp_path / "inline.db")
    assert _rows(tmp_path / "worker.db")["pages"][0][2]  # the compressed body is archived


def test_unpacked_leaves_an_inline_item_alone(kit):
    item = prepare(kit.page_item("https://x.vn/a.html", kit.article_html("Tin", OCOP)))
    assert unpacked(dict(item)).keys() == item.keys()


def test_a_redirected_page_keeps_the_requested_url_as_its_key(kit):
    item = prepare(kit.page_item("https://x.vn/tin?id=7&utm_source=fb", kit.article_html("Tin", OCOP),
                                 final_url="https://x.vn/tin/bai-7.html"))
    assert item["_canonical_url"] == canonicalize("https://x.vn/tin/bai-7.html")
    assert page_url(item) == canonicalize("https://x.vn/tin?id=7&utm_source=fb")
    plain = prepare(kit.page_item("https://x.vn/tin?id=8&utm_source=fb", kit.article_html("Tin", OCOP)))
    assert page_url(plain) == plain["_canonical_url"] == canonicalize("https://x.vn/tin?id=8&utm_source=fb")


class _FailingWriter:
    """A writer whose job raised on the page (a bug, an unreadable answer): what Helpers.ask raises."""

    async def ask(self, message):
        raise HelperFailed("KeyError: '_main'")


def test_a_page_the_writer_raised_on_is_a_failed_save(tmp_path, kit):
    crawler = get_crawler(settings_dict={"HARVESTER_DB": str(tmp_path / "w.db"), "HARVESTER_EXTRACT_WORKERS": 2})
    pipeline = SavePipeline.from_crawler(crawler)
    item = kit.page_item("https://x.vn/b.html", kit.article_html("Tin", OCOP), portal_id="x")
    out = asyncio.run(pipeline.save_through(_FailingWriter(), item))
    stats = crawler.stats.get_stats()
    assert stats["harvester/save_errors"] == 1  # so no frontier moves and the page is fetched again
    assert "KeyError" in stats["harvester/save_error_message"]
    assert "_result" not in out and "body" not in out
