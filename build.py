#!/usr/bin/env python3
"""The `build.py` command: parse arguments, call the library, print, exit.

    python build.py                      build every edition of sources/ into output/
    python build.py check                validate the editions in output/
"""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from pathlib import Path

from pamphleteer import __version__
from pamphleteer.errors import PamphleteerError, Severity

PROJECT = Path(__file__).resolve().parent
EXAMPLES = """\
examples:
  python build.py                              build every edition of sources/ into output/
  python build.py --format pdf                 build only the print edition
  python build.py --sources ~/reader --output /tmp/reader
  python build.py check                        validate what is in output/
  SOURCE_DATE_EPOCH=1700000000 python build.py reproducible build (fixed dates)

exit codes: 0 success, 1 unexpected error, 2 configuration, 3 sources, 4 rendering,
            5 output folder, 6 validation failed, 7 warnings with --strict, 130 interrupted
"""


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build a pamphlet (PDF), an ebook (EPUB) and a web page (HTML) from sources/.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("command", nargs="?", default="build", choices=("build", "check"),
                        help="build the editions (default) or check the built ones")
    parser.add_argument("--sources", type=Path, default=PROJECT / "sources", metavar="DIR",
                        help="the publication's sources folder (default: sources/)")
    parser.add_argument("--output", type=Path, default=PROJECT / "output", metavar="DIR",
                        help="where the editions go (default: output/)")
    parser.add_argument("--format", default="pdf,epub,html", metavar="LIST",
                        help="editions to build, comma-separated: pdf,epub,html (default: all)")
    parser.add_argument("--strict", action="store_true", help="fail the build on any warning")
    parser.add_argument("--debug", action="store_true", help="show tracebacks for errors")
    parser.add_argument("--version", action="version", version=f"Pamphleteer {__version__}")
    arguments = parser.parse_args(argv)
    formats = tuple(f.strip() for f in arguments.format.split(",") if f.strip())
    unknown = [f for f in formats if f not in ("pdf", "epub", "html")]
    if unknown or not formats:
        parser.error(f"--format takes pdf, epub and html; got '{arguments.format}'")
    arguments.formats = formats
    return arguments


def show_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def run_build(arguments: argparse.Namespace) -> int:
    from pamphleteer.pipeline import build

    result = build(arguments.sources, arguments.output, arguments.formats, strict=arguments.strict)
    warnings = [d for d in result.diagnostics if d.severity is Severity.WARNING]
    repairs = [d for d in result.diagnostics if d.severity is Severity.INFO]
    for diagnostic in warnings:
        print(f"warning: {diagnostic.location(Path.cwd())}: {diagnostic.message} [{diagnostic.code}]",
              file=sys.stderr)
    print(f"Built '{result.publication.title}' ({len(result.publication.texts)} texts) "
          f"in {result.seconds:.1f} s:")
    for path in result.written:
        size = path.stat().st_size
        pages = f", {result.page_count} pages" if path.suffix == ".pdf" and result.page_count else ""
        print(f"  {show_path(path)}  ({size / 1024:.0f} KB{pages})")
    print(f"{len(repairs)} repairs and notes, {len(warnings)} warnings (details in the report).")
    print_repair_summary(result.diagnostics)
    return 0


def print_repair_summary(diagnostics) -> None:
    """One line per normaliser rule: its code, what it does, how often, in how many texts."""
    from pamphleteer.normalise import RULE_NAMES

    by_code: dict[str, list] = {}
    for diagnostic in diagnostics:
        if diagnostic.code in RULE_NAMES:
            by_code.setdefault(diagnostic.code, []).append(diagnostic)
    if by_code:
        print("Repairs by rule:")
    for code in sorted(by_code):
        found = by_code[code]
        texts = len({d.file for d in found})
        print(f"  {code}  {RULE_NAMES[code]}: {len(found)}" + (f" in {texts} texts" if texts > 1 else ""))


def run_check(arguments: argparse.Namespace) -> int:
    from pamphleteer.check import check_output

    results = check_output(arguments.output)
    failed = 0
    for result in results:
        status = "pass" if result.passed else "FAIL"
        print(f"{status}  {result.name:<12} {show_path(result.target)}  "
              f"{result.errors} errors, {result.warnings} warnings")
        for diagnostic in result.diagnostics:
            print(f"      {diagnostic.severity.value}: {diagnostic.location()}: {diagnostic.message}")
        failed += not result.passed
    print(f"{len(results) - failed} passed, {failed} failed")
    return 0 if failed == 0 else 6


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.DEBUG if arguments.debug else logging.WARNING,
                        format="%(levelname)s: %(message)s")
    for noisy in ("weasyprint", "fontTools"):
        logging.getLogger(noisy).setLevel(logging.ERROR if not arguments.debug else logging.INFO)
    try:
        return run_check(arguments) if arguments.command == "check" else run_build(arguments)
    except PamphleteerError as error:
        if arguments.debug:
            traceback.print_exc()
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("interrupted: nothing was written; the previous editions are as they were", file=sys.stderr)
        return 130
    except Exception as error:  # a bug: say so plainly, with the traceback only on request
        if arguments.debug:
            traceback.print_exc()
        print(f"internal error: {type(error).__name__}: {error} (run with --debug for details, "
              "and please report it)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
