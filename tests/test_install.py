"""The command as a new user meets it: a publication folder of its own, `init`, the packaging."""

import importlib.util
import os
import re
import signal
import socket
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest

from tests.conftest import EPOCH, PROJECT, SOURCES


def pamphleteer(*arguments: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m pamphleteer …` run in `cwd`, as an installed command would be."""
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "SOURCE_DATE_EPOCH": EPOCH, "PAMPHLETEER_JOBS": "1"}
    return subprocess.run([sys.executable, "-m", "pamphleteer", *arguments], cwd=cwd, env=env, input=stdin,
                          capture_output=True, text=True, timeout=300)


def test_every_package_is_installed():
    packages = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    on_disk = {".".join(path.parent.relative_to(PROJECT).parts)
               for path in (PROJECT / "pamphleteer").rglob("__init__.py")}
    assert on_disk <= set(packages["packages"]), "add the missing package to pyproject's [tool.setuptools]"
    assert packages["package-dir"] == {"pamphleteer.templates": "templates", "pamphleteer.styles": "styles"}


def pins(lock: str) -> dict[str, tuple[str, int]]:
    """A lock file's packages: name -> (version, how many hashes)."""
    from packaging.utils import canonicalize_name

    found = {}
    for entry in re.split(r"\n(?=\S)", (PROJECT / lock).read_text(encoding="utf-8")):
        if entry.startswith("#") or not entry.strip():
            continue
        pin = re.match(r"([A-Za-z0-9._-]+)==(\S+)", entry)
        assert pin, f"{lock}: not an exact pin: {entry.splitlines()[0]}"
        found[canonicalize_name(pin[1])] = (pin[2], entry.count("--hash=sha256:"))
    return found


def test_the_locks_pin_every_package_with_its_hashes():
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    runtime, test = pins("requirements.lock"), pins("requirements-test.lock")
    pip = pins("requirements-pip.lock")
    assert all(hashes for lock in (runtime, test, pip) for _, hashes in lock.values()), \
        "a pin without --hash: run 'make lock'"
    make = (PROJECT / "Makefile").read_text(encoding="utf-8")
    assert {name: version for name, (version, _) in pip.items()} \
        == {"pip": re.search(r"^PIP_VERSION := (\S+)$", make, re.M)[1]}, "run 'make lock'"
    assert {name: version for name, (version, _) in runtime.items()} \
        == {name: test[name][0] for name in runtime if name in test}
    assert set(runtime) <= set(test), "requirements-test.lock must hold all of requirements.lock"
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {"requirements.lock": project["project"]["dependencies"],
                "requirements-test.lock": project["project"]["optional-dependencies"]["test"]
                + project["project"]["optional-dependencies"]["check"] + project["dependency-groups"]["dev"]}
    for lock, requirements in declared.items():
        for requirement in map(Requirement, requirements):
            name = canonicalize_name(requirement.name)
            locked = (runtime if lock == "requirements.lock" else test).get(name)
            assert locked and requirement.specifier.contains(locked[0]), \
                f"{lock} does not pin {requirement} from pyproject.toml: run 'make lock'"


def test_no_two_installed_packages_spell_one_extra_two_ways():
    # The pip a fresh `python3 -m venv` brings (23.x) stops with "Internal issue: Candidate is not
    # for this requirement lxml[html-clean,html-clean]" when one package asks for lxml[html_clean]
    # and another for lxml[html-clean]: `pip install .` would fail for a new user who did not
    # upgrade pip first. What `pip install .` installs (requirements.lock) asks for each extra in
    # one spelling. (The corpus's converters in the test extra may not: make test pins pip first.)
    from importlib.metadata import distributions

    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name

    runtime = pins("requirements.lock")
    spellings: dict[tuple[str, str], set[str]] = {}
    askers: dict[tuple[str, str], set[str]] = {}
    for distribution in distributions():
        if canonicalize_name(distribution.metadata["Name"]) not in runtime:
            continue
        for line in distribution.requires or ():
            try:
                requirement = Requirement(line)
            except InvalidRequirement:
                continue
            if requirement.marker and "extra" in str(requirement.marker):
                continue  # asked for only with an extra of its own: not what `pip install .` resolves
            for extra in requirement.extras:
                key = (canonicalize_name(requirement.name), canonicalize_name(extra))
                spellings.setdefault(key, set()).add(extra)
                askers.setdefault(key, set()).add(distribution.metadata["Name"])
    twice = {f"{name}[{'/'.join(sorted(spelt))}] (asked by {', '.join(sorted(askers[name, extra]))})"
             for (name, extra), spelt in spellings.items() if len(spelt) > 1}
    assert not twice, f"an extra spelt two ways breaks pip 23's resolver: {twice}"


def test_outside_a_publication_it_says_what_is_missing(tmp_path):
    result = pamphleteer(cwd=tmp_path)
    assert result.returncode == 2
    assert f"there is no publication.toml in {tmp_path}" in result.stderr
    assert "'python -m pamphleteer init'" in result.stderr and "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_init_scaffolds_a_publication_and_never_overwrites(tmp_path):
    folder = tmp_path / "pub"
    result = pamphleteer("init", str(folder), "--title", "Bread & Roses: “A Reader”", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Next:" in result.stdout and "python -m pamphleteer add" in result.stdout
    settings = tomllib.loads((folder / "publication.toml").read_text(encoding="utf-8"))
    assert settings["title"] == "Bread & Roses: “A Reader”"
    assert settings["identifier"].startswith("urn:uuid:") and len(settings["identifier"]) == 45
    assert (folder / "texts").is_dir() and (folder / "front" / "introduction.md").is_file()
    assert (folder / ".gitignore").read_text() == "/output/\n"
    (folder / "publication.toml").write_text('title = "mine"\n', encoding="utf-8")
    again = pamphleteer("init", str(folder), "--title", "Other", cwd=tmp_path)
    assert again.returncode == 2 and "publication.toml: already there" in again.stderr
    assert (folder / "publication.toml").read_text(encoding="utf-8") == 'title = "mine"\n'
    other = pamphleteer("init", str(tmp_path / "second"), "--title", "Second", cwd=tmp_path)
    second = tomllib.loads((tmp_path / "second" / "publication.toml").read_text(encoding="utf-8"))
    assert other.returncode == 0 and second["identifier"] != settings["identifier"]


def test_init_without_a_title_off_a_terminal_asks_for_one(tmp_path):
    result = pamphleteer("init", cwd=tmp_path, stdin="")
    assert result.returncode == 2 and "--title" in result.stderr
    assert not (tmp_path / "publication.toml").exists()


def test_a_new_publication_without_texts_says_so(tmp_path):
    assert pamphleteer("init", "--title", "Empty", cwd=tmp_path).returncode == 0
    result = pamphleteer(cwd=tmp_path)
    assert result.returncode == 3, result.stderr
    assert "there are no texts" in result.stderr and "internal error" not in result.stderr


def test_an_empty_folder_given_says_what_is_missing(tmp_path):
    result = pamphleteer("build", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert "publication.toml" in result.stderr and "internal error" not in result.stderr


@pytest.mark.slow
def test_a_publication_folder_is_built_into_its_own_output_and_then_up_to_date(tmp_path):
    folder = tmp_path / "pub"
    assert pamphleteer("init", str(folder), "--title", "A Reader", cwd=tmp_path).returncode == 0
    text = sorted((SOURCES / "texts").glob("*.md"))[-1]  # the shorter of the two
    (folder / "texts" / text.name).write_bytes(text.read_bytes())
    result = pamphleteer("--format", "html", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "output" / "a-reader.html").is_file()
    again = pamphleteer("build", str(folder), "--format", "html", cwd=tmp_path)
    assert again.returncode == 0 and "up to date" in again.stdout, again.stdout


def test_bash_completion_offers_each_command_its_own_options(tmp_path):
    script = tmp_path / "pamphleteer.bash"
    result = pamphleteer("completion", "bash", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    script.write_text(result.stdout, encoding="utf-8")

    def offered(*words: str) -> set[str]:
        shell = (f'source {script}; COMP_WORDS=({" ".join(words)}); COMP_CWORD={len(words) - 1}; '
                 '_shtab_pamphleteer; echo "${COMPREPLY[@]}"')
        return set(subprocess.run(["bash", "-c", shell], capture_output=True, text=True,
                                  check=True).stdout.split())

    assert offered("pamphleteer", "wat") == {"watch"}
    assert offered("pamphleteer", "watch", "--s") == {"--sources", "--strict", "--serve"}
    assert offered("pamphleteer", "list", "--s") == {"--sources"}
    assert "#compdef pamphleteer" in pamphleteer("completion", "zsh", cwd=tmp_path).stdout


@pytest.mark.parametrize("command, foreign", [("list", "--format"), ("add", "--output"), ("check", "--serve"),
                                              ("init", "--sources")])
def test_a_command_refuses_an_option_it_would_ignore(tmp_path, command, foreign):
    extra = ("x.md",) if command == "add" else ()
    result = pamphleteer(command, *extra, foreign, "x", cwd=tmp_path)
    assert result.returncode == 2 and "unrecognized arguments" in result.stderr, result.stderr
    assert foreign not in pamphleteer(command, "--help", cwd=tmp_path).stdout


def test_each_command_shows_examples_named_as_it_was_run(tmp_path):
    for command in ("build", "check", "watch", "add", "list", "init"):
        shown = pamphleteer(command, "--help", cwd=tmp_path).stdout
        assert f"examples:\n  python -m pamphleteer {command}" in shown, shown
    by_script = subprocess.run([sys.executable, str(PROJECT / "build.py"), "list", "--help"],
                               capture_output=True, text=True, check=True).stdout
    assert by_script.startswith("usage: python build.py list")
    assert "examples:\n  python build.py list" in by_script


@pytest.mark.slow
def test_watch_open_opens_the_preview_in_the_browser(tmp_path):
    opened, folder = tmp_path / "opened", tmp_path / "pub"
    assert pamphleteer("init", str(folder), "--title", "A Reader", cwd=tmp_path).returncode == 0
    text = next((SOURCES / "texts").glob("*.md"))
    (folder / "texts" / text.name).write_bytes(text.read_bytes())
    browser = tmp_path / "browser"
    browser.write_text(f"#!/bin/sh\necho \"$1\" > {opened}\n", encoding="utf-8")
    browser.chmod(0o755)
    env = {**os.environ, "PYTHONPATH": str(PROJECT), "SOURCE_DATE_EPOCH": EPOCH, "PAMPHLETEER_JOBS": "1",
           "BROWSER": str(browser)}
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    watch = subprocess.Popen([sys.executable, "-m", "pamphleteer", "watch", "--open", "--format", "html",
                              "--port", str(port)], cwd=folder, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while not (opened.exists() and opened.read_text()) and time.monotonic() < deadline \
                and watch.poll() is None:
            time.sleep(0.2)
    finally:
        watch.send_signal(signal.SIGINT)
        out, err = watch.communicate(timeout=60)
    assert opened.read_text().strip() == f"http://127.0.0.1:{port}/a-reader.html", out + err


@pytest.mark.slow
def test_check_reports_a_missing_validator_as_not_installed_unless_strict_or_in_ci(tmp_path):
    folder = tmp_path / "pub"
    assert pamphleteer("init", str(folder), "--title", "A Reader", cwd=tmp_path).returncode == 0
    text = next((SOURCES / "texts").glob("*.md"))
    (folder / "texts" / text.name).write_bytes(text.read_bytes())
    assert pamphleteer("--format", "html", cwd=folder).returncode == 0
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    # Neither the npm tools nor a Chromium (so axe is not run three times either).
    env.update(PYTHONPATH=str(PROJECT), PAMPHLETEER_TOOLS=str(tmp_path / "none"),
               PAMPHLETEER_CHROMIUM=str(tmp_path / "no-chromium"))

    def check(*arguments: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pamphleteer", "check", *arguments], cwd=folder,
                              env={**env, **extra}, capture_output=True, text=True, timeout=300)

    relaxed = check()
    assert re.search(r"^not installed +Nu Html Checker +a-reader\.html +did not run$", relaxed.stdout, re.M)
    assert "FAIL" not in relaxed.stdout and relaxed.returncode == 0, relaxed.stdout
    assert "not installed: Nu Html Checker, axe;" in relaxed.stdout and "run 'make tools'" in relaxed.stdout
    for strict in (check("--strict"), check(CI="true")):
        # the status column as wide as "pass" and "FAIL": no row says "not installed"
        assert re.search(r"^FAIL  Nu Html Checker", strict.stdout, re.M), strict.stdout
        assert strict.returncode == 6
        assert "run 'make tools'" in strict.stdout


def test_a_test_needing_a_missing_tool_is_skipped_naming_it_except_in_ci(tmp_path):
    (tmp_path / "bin").mkdir()  # a PATH without qpdf
    env = {key: value for key, value in os.environ.items() if key != "CI"}
    env["PATH"] = str(tmp_path / "bin")
    test = "tests/test_assemble.py::test_the_joined_file_is_clean_for_qpdf"
    probe = [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", test]
    skipped = subprocess.run(probe, cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300)
    assert "1 skipped" in skipped.stdout, skipped.stdout
    assert "needs qpdf, not installed: run 'make tools' as root, or apt-get install qpdf" in skipped.stdout
    in_ci = subprocess.run(probe, cwd=PROJECT, env={**env, "CI": "true"}, capture_output=True, text=True,
                           timeout=300)
    assert "1 failed" in in_ci.stdout, in_ci.stdout


def readme_samples():
    spec = importlib.util.spec_from_file_location("readme_samples", PROJECT / "scripts" / "readme_samples.py")
    samples = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(samples)
    return samples


def test_a_readme_sample_is_stale_when_anything_but_the_seconds_and_sizes_differs():
    samples = readme_samples()
    shown = samples.in_readme()
    build = shown["build"]
    seconds, size = re.search(r" in (\d+\.\d) s$", build, re.M)[1], re.search(r"(\d+) KB$", build, re.M)[1]
    assert samples.stale({**shown, "build": build.replace(f" in {seconds} s", " in 123.4 s")
                                                 .replace(f"{size} KB", "9 KB")}) == []
    assert samples.stale({**shown, "build": build.replace(" pages ", " pages  ", 1)})  # one space more
    unmarked = samples.stale({**shown, "new": "```text\n```\n"})
    assert unmarked == ["README.md has no markers for the sample 'new'"]


@pytest.mark.slow
@pytest.mark.needs("java", "chromium", "qpdf", "pdftotext")  # the sample of `pamphleteer check`
def test_every_sample_output_in_the_readme_matches_a_real_run():
    from pamphleteer.check.tools import TOOLS

    if not (TOOLS / "node_modules").is_dir() and not os.environ.get("CI"):
        pytest.skip(f"needs the npm validators, for `pamphleteer check`: run 'make tools' ({TOOLS})")
    samples = readme_samples()
    assert len(samples.in_readme()) >= 8  # start your own, help, build, list, add … (each between markers)
    differences = samples.stale()
    assert not differences, "run scripts/readme_samples.py --write, read the diff:\n" + "\n".join(differences)


@pytest.mark.parametrize("delay", [0.06, 0.08, 0.1, 0.12, 0.3])
def test_ctrl_c_while_the_installed_command_starts_prints_one_line(tmp_path, delay):
    assert pamphleteer("init", "--title", "A Reader", cwd=tmp_path).returncode == 0
    env = {**os.environ, "PYTHONPATH": str(PROJECT)}
    started = subprocess.Popen([sys.executable, "-m", "pamphleteer", "list"], cwd=tmp_path, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(delay)
    started.send_signal(signal.SIGINT)
    out, err = started.communicate(timeout=60)
    # Before pamphleteer/command.py's first line the interpreter is still starting: its traceback is
    # Python's own; from there on, none (the command line's modules load after it takes the signal).
    # Earlier still, before the interpreter has set its own handler, the signal ends it outright
    # (-SIGINT, nothing printed): seen about once in ten runs on a loaded machine at 0.08 s.
    assert "Traceback" not in err or "pamphleteer/cli.py" not in err, err
    assert "Traceback" in err or started.returncode in (130, 3, -signal.SIGINT), err  # interrupted, or done


def test_an_installed_copy_looks_for_the_npm_validators_in_the_users_data_folder(tmp_path):
    from pamphleteer.check.tools import tools_folder

    home, checkout, data = tmp_path / "home", tmp_path / "checkout" / ".tools", tmp_path / "data"
    user = home / ".local" / "share" / "pamphleteer" / "tools"
    assert tools_folder("/opt/tools", "", home, checkout) == Path("/opt/tools")  # PAMPHLETEER_TOOLS
    assert tools_folder("", "", home, None) == user  # installed, nothing there yet: named in the message
    assert tools_folder("", str(data), home, None) == data / "pamphleteer" / "tools"  # XDG_DATA_HOME
    assert tools_folder("", "", home, checkout) == checkout  # a checkout before `make tools`
    (user / "node_modules").mkdir(parents=True)
    assert tools_folder("", "", home, checkout) == user  # … where only the user's folder has them
    (checkout / "node_modules").mkdir(parents=True)
    assert tools_folder("", "", home, checkout) == checkout


def test_the_npm_validators_are_found_on_path_unless_a_folder_is_named(tmp_path, monkeypatch):
    from pamphleteer.check.tools import ToolMissing, Tools, npm_tool

    package = tmp_path / "lib" / "node_modules" / "vnu-jar"  # as `npm install -g vnu-jar` lays it out
    (package / "build" / "dist").mkdir(parents=True)
    (package / "build" / "dist" / "vnu.jar").write_bytes(b"PK")
    (package / "vnu-jar.js").write_text("#!/usr/bin/env node\n")
    (package / "vnu-jar.js").chmod(0o755)
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "vnu").symlink_to(package / "vnu-jar.js")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    name, jar = "The Nu Html Checker", "vnu-jar/build/dist/vnu.jar"
    empty = tmp_path / "nothing"
    assert npm_tool(jar, name, Tools(empty), "vnu", beside="build/dist/vnu.jar") \
        == package / "build" / "dist" / "vnu.jar"
    with pytest.raises(ToolMissing, match=f"not installed in {empty}; run 'make tools'"):
        npm_tool(jar, name, Tools(empty, on_path=False), "vnu", beside="build/dist/vnu.jar")
    with pytest.raises(ToolMissing, match="nor as 'ace-puppeteer' on PATH"):
        npm_tool(".bin/ace-puppeteer", "DAISY Ace", Tools(empty), "ace-puppeteer")
