"""``pip install .`` (not editable) gives a ``frise`` that works outside any checkout.

The wheel is built offline from this checkout (``--no-build-isolation``: the build backend of
the current environment), installed in a fresh virtual environment in a temporary folder whose
dependencies come from the current environment (a ``.pth`` line, no network), and ``frise``
runs from another working folder: templates and plotly.js must come from inside the package.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "dossiers" / "parcours-long.yaml"


def run(*command: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("roue")
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
        "--disable-pip-version-check", "-q", "-w", folder, REPO, cwd=folder)
    (built,) = folder.glob("repere-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment with the wheel; its dependencies are the current environment's."""
    venv = tmp_path_factory.mktemp("env") / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=venv.parent)
    python = venv / "bin" / "python"
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q",
        "--disable-pip-version-check", wheel, cwd=venv.parent)
    site_packages = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                             cwd=venv.parent).stdout.strip())
    (site_packages / "dependances.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return venv


def test_the_wheel_carries_templates_and_plotly(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "generator/_data/templates/frise/page.html.j2" in names
    assert "generator/_data/browser/plotly.js-basic-dist-min/plotly-basic.min.js" in names
    assert "generator/_data/browser/iframe-worker/shim/index.js" in names
    assert not [name for name in names if name.startswith(("node_modules/", "templates/"))]


def test_installed_frise_works_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    where = run(installed / "bin" / "python", "-c", "import generator; print(generator.__file__)", cwd=elsewhere)
    assert Path(where.stdout.strip()).is_relative_to(installed)  # not the checkout's copy
    result = run(installed / "bin" / "frise", EXAMPLE, "-o", "pages", cwd=elsewhere)
    assert "1 page écrite" in result.stdout
    (page,) = (elsewhere / "pages").glob("*.html")
    html = page.read_text(encoding="utf-8")
    assert "Plotly" in html and len(html) > 1_000_000  # plotly.js inlined from the package
