"""The briefing pack as an A4 PDF, printed from its HTML by headless Chromium.

The page numbers and the running footer come from the HTML's CSS `@page` margin boxes (Chromium
prints them since version 131), so the PDF is the HTML as printed. Chromium runs without network:
every host name resolves to nothing and the page's Content-Security-Policy allows no request.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pkledger.errors import PkledgerError

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--no-pdf-header-footer",
)
TIMEOUT_SECONDS = 120


def find_chromium() -> str:
    """The path of a Chromium-based browser, or an error saying how to get one."""
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    raise PkledgerError(
        "--format pdf needs Chromium (or Google Chrome) to print the pack, and none is on the PATH",
        hint="install it (e.g. `sudo apt-get install chromium`), or ask for --format md,html",
    )


def html_to_pdf(html: str) -> bytes:
    """Print a self-contained HTML page to PDF with headless Chromium."""
    browser = find_chromium()
    with tempfile.TemporaryDirectory(prefix="pkledger-pdf-") as folder:
        page, pdf = Path(folder) / "pack.html", Path(folder) / "pack.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            browser,
            *FLAGS,
            f"--user-data-dir={folder}/profile",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ]
        try:
            completed = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise PkledgerError(
                f"Chromium could not print the pack: {error}", hint="try again, or ask for --format md,html"
            ) from None
        if completed.returncode != 0 or not pdf.is_file():
            last = (completed.stderr.strip().splitlines() or ["no message"])[-1]
            raise PkledgerError(
                f"Chromium could not print the pack: {last}", hint="try again, or ask for --format md,html"
            )
        return pdf.read_bytes()
