"""Check an HTML page's accessibility with axe-core in the system Chromium, at two widths.

`axe-playwright-python` injects axe-core into the page, which Playwright opens
in `/usr/bin/chromium` (never a browser Playwright downloads) from a `file:`
URL with every other request refused, so the check is offline. axe runs with
its default rules at a desktop width (1280 px) and a phone width (390 px),
each in the light and the dark colour scheme (`prefers-color-scheme`: the
web edition has colours for both); every violation is an error, counted by
impact and named with its rule id, the width, the scheme and the elements it
found.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pamphleteer.check.result import CheckResult, could_not_run
from pamphleteer.check.tools import CHROMIUM_ARGUMENTS, INSTALL_HINT, INSTALLED, ToolMissing, Tools, chromium
from pamphleteer.errors import Diagnostic, Severity

NAME = "axe"
WIDTHS = ((1280, 800), (390, 844))  # desktop, phone (CSS pixels)
SCHEMES = ("light", "dark")  # prefers-color-scheme
IMPACTS = ("critical", "serious", "moderate", "minor")


def _refuse_network(route: Any) -> None:
    if route.request.url.startswith(("file:", "data:", "about:")):
        route.continue_()
    else:
        route.abort()


def _violations(response: dict[str, Any], width: int, path: Path, scheme: str = "light") -> list[Diagnostic]:
    found = []
    for violation in response.get("violations", []):
        targets = [", ".join(str(t) for t in node.get("target", [])) for node in violation.get("nodes", [])]
        shown = "; ".join(targets[:5]) + (f"; and {len(targets) - 5} more" if len(targets) > 5 else "")
        message = (
            f"[{violation.get('impact') or 'unknown'}] at {width} px, {scheme}: {violation.get('help', '')} "
            f"({len(targets)} elements: {shown})"
        )
        found.append(Diagnostic(f"axe/{violation.get('id', '?')}", Severity.ERROR, message, path))
    return found


def axe(path: Path, tools: Tools = INSTALLED) -> CheckResult:
    """Run axe-core on one HTML file at every width in `WIDTHS`, in each colour scheme of `SCHEMES`."""
    try:
        from axe_playwright_python.sync_playwright import Axe
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        return could_not_run(NAME, path, "axe-playwright-python is not installed; " + INSTALL_HINT,
                             missing=True)
    try:
        executable = chromium(tools.chromium)
    except ToolMissing as error:
        return could_not_run(NAME, path, str(error), missing=True)
    found: list[Diagnostic] = []
    engine = ""
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(executable), args=list(CHROMIUM_ARGUMENTS)
            )
            try:
                for (width, height), scheme in ((size, scheme) for size in WIDTHS for scheme in SCHEMES):
                    context = browser.new_context(viewport={"width": width, "height": height},
                                                  color_scheme=scheme)  # type: ignore[arg-type]
                    page = context.new_page()
                    page.route("**/*", _refuse_network)
                    page.goto(path.resolve().as_uri(), wait_until="load")
                    response = Axe().run(page).response
                    found += _violations(response, width, path, scheme)
                    version = response.get("testEngine", {}).get("version", "")
                    engine = f"axe-core {version} in Chromium {browser.version}"
                    context.close()
            finally:
                browser.close()
    except PlaywrightError as error:
        return could_not_run(NAME, path, f"Chromium could not run axe: {str(error).splitlines()[0]}")
    counts = tuple((impact, sum(d.message.startswith(f"[{impact}]") for d in found)) for impact in IMPACTS)
    return CheckResult(NAME, path, len(found), 0, tuple(found), counts=counts, tool=engine)
