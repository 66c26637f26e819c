"""The four Scrapy pipelines, chained as in ITEM_PIPELINES, write through the store and count stats."""

from __future__ import annotations

from scrapy.utils.test import get_crawler

from harvester.schema import open_db
from pipelines.dedupe import DedupePipeline
from pipelines.extract import ExtractPipeline
from pipelines.normalize import NormalizePipeline
from pipelines.save import SavePipeline

OCOP = ["Xã Tân Lập có 6 sản phẩm OCOP đạt 3 sao sau đợt đánh giá tháng Ba của hội đồng huyện.",
        "Các chủ thể được hướng dẫn hoàn thiện bao bì, tem truy xuất và hồ sơ công bố chất lượng."]


def test_pipelines_chain(tmp_path, kit):
    db_path = tmp_path / "p.db"
    crawler = get_crawler(settings_dict={"HARVESTER_DB": str(db_path)})
    chain = [cls.from_crawler(crawler) for cls in (NormalizePipeline, DedupePipeline, ExtractPipeline, SavePipeline)]
    chain[-1].open_spider()
    items = [
        kit.page_item("https://x.vn/a.html", kit.article_html("Tin OCOP", OCOP), portal_id="x"),
        kit.page_item("https://x.vn/b.html", kit.article_html("Thời tiết", ["Trời nắng nhẹ."]), portal_id="x"),
        {"kind": "fault", "url": "https://x.vn/c.html", "portal_id": "x", "status": 503, "reason": "HTTP 503",
         "fetched_at": kit.FETCHED},
        {"kind": "document", "url": "https://x.vn/vb/1", "portal_id": "x"},
    ]
    out = []
    for item in items:
        for pipeline in chain:
            item = pipeline.process_item(item)
        out.append(item)
    chain[-1].close_spider()
    assert [o.get("_result").status if "_result" in o else None for o in out] == ["new", "dropped", "error", None]
    assert "body" not in out[0] and out[3] == items[3]
    stats = crawler.stats.get_stats()
    assert (stats["harvester/x/new"], stats["harvester/x/dropped"], stats["harvester/x/errors"]) == (1, 1, 1)
    db = open_db(db_path)
    assert [r["count"] for r in db["figures"].rows] == [6]
    assert sorted(r["kind"] for r in db["pages"].rows) == ["article", "fault", "other"]
