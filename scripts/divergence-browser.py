#!/usr/bin/env python3
"""Checks report.html's divergence marks in headless Chromium, as a reader would use them.

Usage: divergence-browser.py REPORT_HTML

Opens the page from file://, and for the first "⋔" mark of the side-by-side answers: whether its candidate lists are hidden
at first, shown when the pointer is over it, hidden again when it leaves, and shown when the
mark has the keyboard focus (Tab). Prints one JSON object on stdout: the number of marks, those
four states and the shown text. Playwright for Python drives Debian's Chromium
(QUANTORCH_CHROMIUM, default /usr/bin/chromium); it never downloads a browser.
"""
import json
import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[2])
    chromium = os.environ.get("QUANTORCH_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(Path(sys.argv[1]).resolve().as_uri())
            marks = page.locator("article.question .diverge")
            if marks.count() == 0:
                print(json.dumps({"marks": 0}))
                return
            mark = marks.first
            lists = mark.locator(".topk")
            hidden = not lists.is_visible()
            mark.hover()
            hovered = lists.is_visible()
            text = lists.inner_text() if hovered else ""
            page.mouse.move(0, 0)
            left = not lists.is_visible()
            mark.focus()
            focused = lists.is_visible()
            print(json.dumps({"marks": marks.count(), "hidden": hidden, "hovered": hovered, "left": left, "focused": focused, "text": text}))
        finally:
            browser.close()


if __name__ == "__main__":
    main()
