#!/usr/bin/env python3
"""Drives report.html's review mode in headless Chromium, as a reviewer would.

Usage: review-browser.py REPORT_HTML OUT_JSON QUESTION_ID:VARIANT:RATING[:NOTE] ...

Opens the page from file://, turns the review mode on, clicks each rating (and types its note),
reloads the page to check the ratings survived in localStorage, clicks "Export review" and
saves the download to OUT_JSON. Prints one JSON object on stdout: the status line before and
after the reload, the pressed buttons after it, and the download's suggested name.
Playwright for Python drives Debian's Chromium (QUANTORCH_CHROMIUM, default /usr/bin/chromium);
it never downloads a browser. Exits 1 with one line on stderr when a control is missing.
"""
import json
import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright


def control(page, question, variant):
    selector = f'article[data-question-id="{question}"] .review[data-variant="{variant}"]'
    found = page.locator(selector)
    if found.count() != 1:
        sys.exit(f"review-browser: {selector} matched {found.count()} elements, expected 1")
    return found


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__.strip().splitlines()[2])
    page_url = Path(sys.argv[1]).resolve().as_uri()
    out = Path(sys.argv[2])
    specs = [arg.split(":", 3) for arg in sys.argv[3:]]
    chromium = os.environ.get("QUANTORCH_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True,
                                             args=["--no-sandbox", "--disable-gpu"])
        try:
            context = browser.new_context(accept_downloads=True)
            page = context.new_page()
            page.goto(page_url)
            page.click("#review-toggle")
            for question, variant, rating, *note in specs:
                box = control(page, question, variant)
                box.locator(f'button[data-rating="{rating}"]').click()
                if note:
                    box.locator("input.review-note").fill(note[0])
            before = page.locator("#review-status").inner_text()
            # Chromium hands a page's localStorage writes to its browser process asynchronously;
            # under load a reload can start before they arrive. A second page of the same origin
            # sees them only once they have, so wait for it to before reloading.
            stored = page.evaluate("() => JSON.stringify(Object.assign({}, window.localStorage))")
            witness = context.new_page()
            witness.goto(page_url)
            witness.wait_for_function("expected => JSON.stringify(Object.assign({}, window.localStorage)) === expected",
                                      arg=stored, timeout=20000)
            witness.close()
            page.reload()
            after = page.locator("#review-status").inner_text()
            pressed = page.eval_on_selector_all(
                '.review button[aria-pressed="true"]',
                "buttons => buttons.map(b => [b.closest('article').dataset.questionId, b.parentElement.dataset.variant, b.dataset.rating, b.parentElement.querySelector('input').value])")
            with page.expect_download() as download_info:
                page.click("#review-export")
            download = download_info.value
            download.save_as(out)
            print(json.dumps({"status_before_reload": before, "status_after_reload": after,
                              "pressed": pressed, "suggested_filename": download.suggested_filename}))
        finally:
            browser.close()


if __name__ == "__main__":
    main()
