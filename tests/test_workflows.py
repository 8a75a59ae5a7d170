"""Every workflow file passes actionlint (the binary ships in a wheel, see pyproject)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

WORKFLOWS = sorted((REPO_ROOT / ".github" / "workflows").glob("*.yml"))


def _actionlint() -> str:
    found = shutil.which("actionlint") or str(Path(sys.executable).with_name("actionlint"))
    assert Path(found).exists(), "actionlint is not installed: pip install -e '.[test]'"
    return found


def test_there_are_workflows() -> None:
    assert {path.name for path in WORKFLOWS} >= {"ci.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_passes_actionlint(workflow: Path) -> None:
    result = subprocess.run(
        [_actionlint(), "-no-color", str(workflow)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.nonexistent_context_value }}\n"
    )
    result = subprocess.run(
        [_actionlint(), "-no-color", str(broken)], capture_output=True, text=True, check=False
    )
    assert result.returncode != 0


def test_ci_script_runs_the_readme_test_command() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    ci = (REPO_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = [
        line
        for line in ci.splitlines()
        if line and not line.startswith(("#", "set ", "cd ", "[ -x /usr/bin/chromium ] ||"))
    ]
    assert len(command) == 1
    assert f"\n{command[0]}\n" in readme


# --------------------------------------------------------------------------- #
# The reusable action (action.yml) and the pull-request check
# --------------------------------------------------------------------------- #

ACTION = REPO_ROOT / "action.yml"


def _lint_in_repo(tmp_path: Path, workflow: str) -> subprocess.CompletedProcess[str]:
    """actionlint on ``workflow`` beside a copy of action.yml, in a git repository.

    actionlint reads a local action's metadata (``uses: ./``) only inside a
    repository, and then checks every ``with:`` input against it.
    """
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "action.yml").write_text(ACTION.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / ".github" / "workflows" / "use.yml"
    path.parent.mkdir(parents=True)
    path.write_text(workflow, encoding="utf-8")
    return subprocess.run(
        [_actionlint(), "-no-color", str(path.relative_to(tmp_path))],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )


def _using_action(inputs: str) -> str:
    return (
        "on: workflow_dispatch\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - uses: ./\n        with:\n" + inputs
    )


def test_action_inputs_are_checked_against_action_yml(tmp_path: Path) -> None:
    good = _lint_in_repo(tmp_path / "good", _using_action("          mode: propose\n"))
    assert good.returncode == 0, good.stdout + good.stderr
    bad = _lint_in_repo(tmp_path / "bad", _using_action("          modes: propose\n"))
    assert bad.returncode != 0
    assert 'input "modes" is not defined in action "enrich awesome list"' in bad.stdout


def test_nightly_uses_the_action_and_never_pushes_fixes() -> None:
    nightly = (REPO_ROOT / ".github" / "workflows" / "nightly.yml").read_text(encoding="utf-8")
    assert "uses: ./\n" in nightly
    assert "fix: propose" in nightly
    action = ACTION.read_text(encoding="utf-8")
    assert "peter-evans/create-pull-request@67ccf781d68cd99b580ae25a5c18a1cc84ffff1f" in action
    assert "branch: enrich/fixes" in action and "delete-branch: true" in action
    assert "enrich fix" in action and "git push" not in action.split("Apply the safe fixes")[1]


def test_the_pull_request_check_is_read_only_and_secret_free() -> None:
    check = (REPO_ROOT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8")
    assert "pull_request:" in check and '- "data/raw/**"' in check
    assert "permissions:\n  contents: read\n" in check
    assert "write" not in check and "secrets." not in check
    assert '--changed-since "$BASE" --strict' in check


def test_readme_example_workflow_passes_actionlint(tmp_path: Path) -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("```yaml\n# .github/workflows/enrich.yml") + len("```yaml\n")
    example = readme[start : readme.index("```", start)]
    result = _lint_in_repo(tmp_path, example)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_openalex_key_is_an_optional_input_the_nightly_passes_from_secrets(
    tmp_path: Path,
) -> None:
    action = ACTION.read_text(encoding="utf-8")
    assert (
        "  openalex-api-key:\n" in action
        and "OPENALEX_API_KEY: ${{ inputs.openalex-api-key }}" in action
    )
    nightly = (REPO_ROOT / ".github" / "workflows" / "nightly.yml").read_text(encoding="utf-8")
    assert "openalex-api-key: ${{ secrets.OPENALEX_API_KEY }}" in nightly
    keyed = _lint_in_repo(tmp_path, _using_action("          openalex-api-key: abc\n"))
    assert keyed.returncode == 0, keyed.stdout + keyed.stderr


# --------------------------------------------------------------------------- #
# Supply chain and permissions (issue 21 item 10)
# --------------------------------------------------------------------------- #

_USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", re.M)
_PINNED = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}")


def test_every_action_is_pinned_by_commit() -> None:
    """A tag can be moved to other code; a commit cannot. Each pin names its release
    (``# vX.Y.Z``) so an update tool and a reader can tell what it is."""
    files = [*WORKFLOWS, ACTION]
    found = [
        (path.name, target, rest)
        for path in files
        for target, rest in _USES.findall(path.read_text(encoding="utf-8"))
    ]
    assert len(found) >= 15
    for name, target, rest in found:
        if target.startswith("./"):
            continue
        assert _PINNED.fullmatch(target), f"{name}: {target} is not pinned by commit"
        assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", rest), f"{name}: {target} names no release"


def test_pages_deploys_only_after_a_successful_nightly_and_only_the_deploy_job_writes() -> None:
    pages = (REPO_ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    head, jobs = pages.split("\njobs:\n")
    build, deploy = jobs.split("\n  deploy:\n")
    assert "workflow_run:" in head and "workflow_dispatch" not in head  # never started by hand
    assert "permissions:\n  contents: read\n\n" in head
    assert "write" not in head.split("permissions:")[1] and "write" not in build
    assert "pages: write" in deploy and "id-token: write" in deploy
    for job in (build, deploy):
        assert "github.event.workflow_run.conclusion == 'success'" in job
        assert (
            "github.event.workflow_run.head_branch == github.event.repository.default_branch" in job
        )
        assert "github.event.workflow_run.head_repository.full_name == github.repository" in job


def test_the_check_prints_pull_request_file_names_inert() -> None:
    check = (REPO_ROOT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8")
    assert 'cat "$RUNNER_TEMP/lists"' not in check
    assert "s/##\\[/#%23[/g" in check
