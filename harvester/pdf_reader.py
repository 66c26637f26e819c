"""The text of a PDF, read in a child process that cannot take more than its share of memory or time.

A PDF's content streams are compressed: a 1 MB file can hold a stream that inflates to gigabytes.
pypdf stops at 75 MB a stream, but pdfminer (the fallback for pages pypdf reads badly) and poppler
(the OCR path) have no such limit, and many such streams add up: measured here, a 1 MB PDF took
2 GB and a 1.2 MB one 2.5 GB and two minutes. A decision attachment is whatever a portal serves, so
it is read by ``python -m harvester.pdf_reader`` with an address-space limit (``RLIMIT_AS``, which
the OCR tools it starts inherit) and a wall-clock limit; a file over either is recorded
``too-large`` with the reason, and the crawl that fetched it goes on.

This module imports only pypdf, pdfminer and the standard library, so the child starts in about
0.2 s. What it returns is plain data (JSON between the processes, never pickle: the child parses
hostile bytes, the parent trusts nothing it says beyond its fields).
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import pypdf
from pdfminer.high_level import extract_text as miner_extract
from pdfminer.layout import LAParams
from pypdf.errors import FileNotDecryptedError, PdfReadError

log = logging.getLogger(__name__)

# Below this many non-space characters per page a PDF is treated as scanned images.
MIN_CHARS_PER_PAGE = 20
OCR_MAX_PAGES = 30
OCR_TIMEOUT_SECONDS = 300
_FIELDS = ("status", "reason", "text", "method", "pages")


def clean_text(text: str) -> str:
    """NFC, no NUL characters, no trailing spaces, no blank lines at either end."""
    text = unicodedata.normalize("NFC", text).replace("\x00", "")
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(lines).strip("\n")


def read_pdf_bounded(body: bytes, *, max_pages: int, max_text_chars: int, max_memory: int,
                     max_seconds: float) -> dict[str, Any]:
    """:func:`read_pdf` in a child process limited to ``max_memory`` bytes of address space and
    ``max_seconds`` of wall-clock time (the OCR tools included). Never raises."""
    command = [sys.executable, "-m", "harvester.pdf_reader", str(max_pages), str(max_text_chars), str(max_memory)]
    try:
        # its own process group, so that a timeout also stops the pdftoppm/tesseract it started
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 start_new_session=True)
    except OSError as exc:
        return _failed("error", f"the PDF reader could not start: {exc}")
    try:
        out, err = child.communicate(body, timeout=max_seconds)
    except subprocess.TimeoutExpired:
        _kill_group(child)
        child.communicate()
        return _failed("too-large", f"reading the PDF took longer than {max_seconds:g} s; stopped")
    answer = _answer(out)
    if answer is not None:
        return answer
    if child.returncode and _out_of_memory(err):
        return _failed("too-large", _memory_reason(max_memory))
    tail = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit code {child.returncode}"]
    return _failed("error", f"the PDF reader failed: {tail[0][:300]}")


def _kill_group(child: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(child.pid, signal.SIGKILL)


def _answer(out: bytes) -> dict[str, Any] | None:
    """The child's answer, when it wrote a whole one."""
    try:
        answer = json.loads(out)
    except ValueError:
        return None
    if not isinstance(answer, dict) or set(answer) != set(_FIELDS):
        return None
    return answer


def _out_of_memory(err: bytes) -> bool:
    return b"MemoryError" in err or b"Cannot allocate memory" in err or b"std::bad_alloc" in err


def _memory_reason(max_memory: int) -> str:
    return (f"reading the PDF needs more than {max_memory // (1024 * 1024)} MB of memory "
            "(a compressed stream that inflates beyond the limit); not read")


def _failed(status: str, reason: str) -> dict[str, Any]:
    return {"status": status, "reason": reason, "text": "", "method": None, "pages": None}


def read_pdf(body: bytes, *, max_pages: int, max_text_chars: int) -> dict[str, Any]:
    """The text of a PDF: pypdf in layout mode, pdfminer when that gives too little, OCR when both
    do (scanned images). In this process, without limits: call :func:`read_pdf_bounded`."""
    try:
        reader = pypdf.PdfReader(io.BytesIO(body))
    except (PdfReadError, ValueError, OSError) as exc:
        return _failed("error", f"unreadable PDF: {exc}")
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except Exception as exc:  # missing crypto backend, unknown algorithm
            return _failed("encrypted", f"encrypted PDF that could not be opened: {exc}")
        if not opened:
            return _failed("encrypted", "encrypted PDF: the empty password was refused")
    cut = None
    try:
        page_count = len(reader.pages)
        pages, length = [], 0
        for number, page in enumerate(reader.pages):
            if number >= max_pages:
                cut = f"{page_count} pages, over the {max_pages}-page limit; the first {max_pages} read"
                break
            if length > max_text_chars:
                cut = f"text longer than {max_text_chars} characters after {number} of {page_count} pages"
                break
            # Layout mode keeps the columns of annex tables aligned; the annex parser needs that.
            pages.append(page.extract_text(extraction_mode="layout") or "")
            length += len(pages[-1])
        text = clean_text("\n\f\n".join(pages).replace("\f\n\f", "\f"))
        method = "pypdf"
    except FileNotDecryptedError as exc:
        return _failed("encrypted", f"encrypted PDF: {exc}")
    except MemoryError:
        raise
    except Exception as exc:
        log.info("pypdf failed (%s); trying pdfminer", exc)
        page_count, text, method = None, "", "pypdf"
    read_pages = min(page_count or 0, max_pages) or None
    if _too_little_text(text, read_pages):
        miner = _pdfminer_text(body, max_pages)
        if miner and not _too_little_text(miner, read_pages):
            text, method = miner, "pdfminer"
    if _too_little_text(text, read_pages):
        return _ocr_or_flag(body, page_count)
    status, reason = ("too-large", cut) if cut else ("ok", None)
    return {"status": status, "reason": reason, "text": text, "method": method, "pages": page_count}


def _too_little_text(text: str, pages: int | None) -> bool:
    visible = len(re.sub(r"\s", "", text))
    return visible < MIN_CHARS_PER_PAGE * max(1, pages or 1)


def _pdfminer_text(body: bytes, max_pages: int) -> str:
    try:
        return clean_text(miner_extract(io.BytesIO(body), maxpages=max_pages, laparams=LAParams(line_margin=0.3)))
    except MemoryError:
        raise
    except Exception as exc:
        log.info("pdfminer failed: %s", exc)
        return ""


def ocr_available() -> str | None:
    """Why OCR cannot run here, or None when tesseract, its Vietnamese model and pdftoppm exist."""
    if not shutil.which("tesseract"):
        return "tesseract is not installed"
    if not shutil.which("pdftoppm"):
        return "pdftoppm (poppler-utils) is not installed"
    try:
        langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True,
                               timeout=30).stdout.split()
    except (OSError, subprocess.SubprocessError) as exc:
        return f"tesseract does not run: {exc}"
    if "vie" not in langs:
        return "tesseract's Vietnamese model (vie.traineddata) is not installed"
    return None


def _ocr_or_flag(body: bytes, pages: int | None) -> dict[str, Any]:
    flag = "no text layer (scanned images)"
    missing = ocr_available()
    if missing:
        return {**_failed("no-text-layer", f"{flag}; OCR skipped: {missing}"), "pages": pages}
    try:
        text = _ocr_pdf(body)
    except (OSError, subprocess.SubprocessError) as exc:
        return {**_failed("no-text-layer", f"{flag}; OCR failed: {exc}"), "pages": pages}
    if not text.strip():
        return {**_failed("no-text-layer", f"{flag}; OCR found no text"), "method": "ocr", "pages": pages}
    return {"status": "no-text-layer", "reason": f"{flag}; text recognised by tesseract (vie)", "text": text,
            "method": "ocr", "pages": pages}


def _ocr_pdf(body: bytes) -> str:
    with tempfile.TemporaryDirectory(prefix="ocr-") as tmp:
        pdf = Path(tmp) / "in.pdf"
        pdf.write_bytes(body)
        subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-l", str(OCR_MAX_PAGES), str(pdf),
                        str(Path(tmp) / "page")], check=True, capture_output=True, timeout=OCR_TIMEOUT_SECONDS)
        texts = []
        for image in sorted(Path(tmp).glob("page*.png")):
            # psm 6: a single uniform block keeps table rows on one line each.
            done = subprocess.run(["tesseract", str(image), "stdout", "-l", "vie", "--psm", "6"],
                                  check=True, capture_output=True, timeout=OCR_TIMEOUT_SECONDS)
            texts.append(done.stdout.decode("utf-8", "replace"))
        return clean_text("\n\f\n".join(texts))


def main(argv: list[str]) -> int:
    """The child: limits first, then the PDF from stdin, the answer as JSON on stdout."""
    max_pages, max_text_chars, max_memory = (int(a) for a in argv)
    resource.setrlimit(resource.RLIMIT_AS, (max_memory, max_memory))
    body = sys.stdin.buffer.read()
    try:
        answer = read_pdf(body, max_pages=max_pages, max_text_chars=max_text_chars)
    except MemoryError:
        answer = _failed("too-large", _memory_reason(max_memory))
    sys.stdout.buffer.write(json.dumps(answer).encode("ascii"))  # \u escapes: no locale can garble it
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
