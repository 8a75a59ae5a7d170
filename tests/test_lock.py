"""requirements.lock pins every dependency pyproject.toml declares, and installs use it.

Why: the nightly job commits data, so a dependency release must not change it
unseen. The lock is generated (``.ci/lock``); this test catches a dependency
added to pyproject.toml without regenerating it, and an install command that
forgot the lock.
"""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import REPO_ROOT

LOCK = REPO_ROOT / "requirements.lock"
LOCKED_INSTALL = "pip install -q -c requirements.lock -e "
FROM_THE_LOCK = re.compile(r"""(?:-c|--constraint)[ =]["']?[^"'\s]*requirements\.lock\b""")


def _declared() -> list[Requirement]:
    project = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {})
    return [Requirement(text) for text in project["dependencies"]] + [
        Requirement(text) for group in extras.values() for text in group
    ]


def _pins(text: str) -> dict[str, Version]:
    """Package name -> pinned version; every requirement line must be an exact pin."""
    pins = {}
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        requirement = Requirement(line)
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"not an exact pin: {line}"
        pins[canonicalize_name(requirement.name)] = Version(specifier.version)
    return pins


def _missing_or_outside(declared: list[Requirement], pins: dict[str, Version]) -> list[str]:
    problems = []
    for requirement in declared:
        pinned = pins.get(canonicalize_name(requirement.name))
        if pinned is None:
            problems.append(f"{requirement.name}: not in requirements.lock")
        elif not requirement.specifier.contains(pinned, prereleases=True):
            problems.append(f"{requirement}: the lock pins {pinned}")
    return problems


def test_every_declared_dependency_is_pinned_within_its_range() -> None:
    problems = _missing_or_outside(_declared(), _pins(LOCK.read_text(encoding="utf-8")))
    assert not problems, "run .ci/lock and commit requirements.lock:\n" + "\n".join(problems)


def test_the_check_names_a_dependency_missing_from_the_lock_or_out_of_range() -> None:
    pins = _pins("httpx==0.28.1\nrich==13.0.0 ; python_version >= '3.11'\n")
    declared = [Requirement("httpx>=0.28"), Requirement("rich>=13.7"), Requirement("jinja2>=3")]
    assert _missing_or_outside(declared, pins) == [
        "rich>=13.7: the lock pins 13.0.0",
        "jinja2: not in requirements.lock",
    ]


def test_installs_go_through_the_lock() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{LOCKED_INSTALL}. " in readme
    assert f"{LOCKED_INSTALL}'.[test]' " in readme
    assert LOCKED_INSTALL in (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")


def unlocked_installs(text: str) -> list[str]:
    """The ``pip install`` lines of a workflow that do not install from the lock."""
    return [
        line.strip()
        for line in text.splitlines()
        if "pip install" in line and not FROM_THE_LOCK.search(line)
    ]


def test_the_check_finds_an_install_without_the_lock() -> None:
    text = (
        "run: python -m pip install -e .\n"
        "run: python -m pip install -q -c requirements.lock -e .\n"
        'run: pip install -c "$GITHUB_ACTION_PATH/requirements.lock" "$GITHUB_ACTION_PATH"\n'
    )
    assert unlocked_installs(text) == ["run: python -m pip install -e ."]


def test_every_workflow_and_the_action_install_from_the_lock() -> None:
    files = [*sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml")), REPO_ROOT / "action.yml"]
    found = {
        path.name: lines
        for path in files
        if path.exists() and (lines := unlocked_installs(path.read_text(encoding="utf-8")))
    }
    assert found == {}
