"""Speed of figures.find_figures (and of the whole text extraction) per kilobyte of text.

Run:  python benchmarks/bench_figures.py [--kb 200] [--repeat 3]

Three kinds of input, each timed as ms per KB of UTF-8 text (best of ``--repeat`` runs):

* per passage: every held-out passage (tests/fixtures/heldout*) on its own, which is what a crawl
  feeds the extractor — timed for ``find_figures`` alone and for ``extractors.extract`` (places,
  documents, dates and figures together);
* one long page: the held-out passages joined into one text of ``--kb`` KB, and its NFD copy
  (which goes through the offset map);
* plain prose with no product counts (the common case on a news portal).

Times are CPU time of this process (``time.process_time``), so that other work on a shared
machine disturbs them less. Prints a table; nothing is asserted.
"""

from __future__ import annotations

import argparse
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from extractors.figures import find_figures
from extractors.pipeline import extract

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"

_PLAIN = (
    "Sáng nay, Ban Chỉ đạo các chương trình mục tiêu quốc gia của huyện tổ chức hội nghị sơ kết "
    "công tác quý I. Đại biểu đã thảo luận về xây dựng nông thôn mới, giảm nghèo bền vững và phát "
    "triển kinh tế tập thể; doanh thu của các hợp tác xã tăng 12% so với cùng kỳ, đạt 48 tỷ đồng. "
    "Huyện có 14 xã đạt chuẩn nông thôn mới và 3 xã đạt chuẩn nâng cao.\n"
)


def _passages() -> list[str]:
    paths = sorted(FIXTURES.glob("heldout*/*.txt"))
    return [unicodedata.normalize("NFC", p.read_text(encoding="utf-8")) for p in paths]


def _sized(unit: str, kb: int) -> str:
    reps = max(1, (kb * 1024) // len(unit.encode("utf-8")) + 1)
    return unit * reps


def _kb(texts: list[str]) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1024


def _ms_per_kb(fn: Callable[[str], object], texts: list[str], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        for text in texts:
            fn(text)
        best = min(best, time.process_time() - t0)
    return best * 1000 / _kb(texts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", type=int, default=200, help="size of the long page and of the prose in KB")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    passages = _passages()
    long_page = _sized("\n\n".join(passages), args.kb)
    extract(passages[0])  # load the gazetteer and compile the patterns before timing
    rows = [
        (f"per passage ({len(passages)}), find_figures", find_figures, passages),
        (f"per passage ({len(passages)}), extract", extract, passages),
        ("one long page, find_figures", find_figures, [long_page]),
        ("one long page NFD, find_figures", find_figures, [unicodedata.normalize("NFD", long_page)]),
        ("plain prose, find_figures", find_figures, [_sized(_PLAIN, args.kb)]),
    ]
    print(f"{'text':42} {'KB':>6} {'ms/KB':>8}")
    for name, fn, texts in rows:
        print(f"{name:42} {_kb(texts):>6.0f} {_ms_per_kb(fn, texts, args.repeat):>8.3f}")


if __name__ == "__main__":
    main()
