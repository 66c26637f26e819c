"""Speed of figures.find_figures per kilobyte of text: figure-dense passages and plain prose.

Run:  /work/venv/bin/python benchmarks/bench_figures.py [--kb 200] [--repeat 3]

Figure-dense text is the held-out passages (tests/fixtures/heldout) repeated; plain text is
prose with no counts of products (the common case on a news portal). Also times an NFD copy
of the dense text, which goes through the offset map. Prints ms/KB; nothing is asserted.
"""

from __future__ import annotations

import argparse
import time
import unicodedata
from pathlib import Path

from extractors.figures import find_figures

HELDOUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "heldout"

_PLAIN = (
    "Sáng nay, Ban Chỉ đạo các chương trình mục tiêu quốc gia của huyện tổ chức hội nghị sơ kết "
    "công tác quý I. Đại biểu đã thảo luận về xây dựng nông thôn mới, giảm nghèo bền vững và phát "
    "triển kinh tế tập thể; doanh thu của các hợp tác xã tăng 12% so với cùng kỳ, đạt 48 tỷ đồng. "
    "Huyện có 14 xã đạt chuẩn nông thôn mới và 3 xã đạt chuẩn nâng cao.\n"
)


def _dense() -> str:
    parts = [p.read_text(encoding="utf-8") for p in sorted(HELDOUT.glob("*.txt"))]
    return "\n\n".join(unicodedata.normalize("NFC", p) for p in parts) or "Tỉnh có 12 sản phẩm OCOP 4 sao.\n"


def _sized(unit: str, kb: int) -> str:
    reps = max(1, (kb * 1024) // len(unit.encode("utf-8")) + 1)
    return unit * reps


def _ms_per_kb(text: str, repeat: int) -> tuple[float, int]:
    best = float("inf")
    found = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        found = len(find_figures(text))
        best = min(best, time.perf_counter() - t0)
    return best * 1000 / (len(text.encode("utf-8")) / 1024), found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kb", type=int, default=200, help="size of each test text in KB")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    dense = _sized(_dense(), args.kb)
    cases = {
        "figure-dense (held-out passages)": dense,
        "figure-dense, NFD": unicodedata.normalize("NFD", dense),
        "plain prose (no product counts)": _sized(_PLAIN, args.kb),
    }
    print(f"{'text':36} {'KB':>6} {'ms/KB':>8} {'figures':>8}")
    for name, text in cases.items():
        ms, n = _ms_per_kb(text, args.repeat)
        print(f"{name:36} {len(text.encode('utf-8')) // 1024:>6} {ms:>8.3f} {n:>8}")


if __name__ == "__main__":
    main()
