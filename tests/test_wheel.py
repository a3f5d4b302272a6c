"""A plain wheel is the whole product: built, installed into a fresh venv, it runs the seeds.

The fresh venv gets forcerecon only from the wheel; its third-party dependencies come from the
test's own environment through a ``.pth`` line (appended after the venv's own site-packages,
so the wheel's ``forcerecon`` wins, and the editable install's finder is not activated).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, f"{cmd}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout + done.stderr


#: Runtime state and caches a source copy leaves out (setuptools builds in the source tree:
#: a stale build/ would carry deleted modules into the wheel).
NOT_SOURCE = (".git", ".venv", "build", "dist", ".prefect", "out", "__pycache__", "*.egg-info",
              "*.duckdb*", "*.lock", ".pytest_cache", ".ruff_cache", ".hypothesis")  # fmt: skip


def test_wheel_installs_into_a_fresh_venv_and_runs_the_seeds(repo: Path, tmp_path: Path) -> None:
    source, dist = tmp_path / "src", tmp_path / "dist"
    shutil.copytree(repo, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    build_log = _run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w", str(dist), str(source)],
        cwd=tmp_path,
    )
    assert "is absent from the" not in build_log  # setuptools' package-data warning
    assert "SetuptoolsDeprecationWarning" not in build_log
    (wheel,) = dist.glob("forcerecon-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for data in ("forcerecon/gx/expectations/claims.json", "forcerecon/gx/queries/claims.sql",
                 "forcerecon/lexicons/categories.csv", "forcerecon/reports/templates/base.html.j2",
                 "forcerecon/reports/static/report.css",
                 "forcerecon/warehouse/models/marts/conflicts.sql"):  # fmt: skip
        assert data in names, data
    assert not any("/out/" in n or n.endswith(".duckdb") for n in names)
    # test and bench generators are not part of the product
    assert not {"forcerecon/warehouse/synthetic.py", "forcerecon/warehouse/gold_rows.py"} & names

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", str(venv)], cwd=tmp_path)
    py = venv / "bin" / "python"
    site = _run([str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                cwd=tmp_path).strip()  # fmt: skip
    (Path(site) / "_forcerecon_test_deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    _run([str(py), "-m", "pip", "install", "--no-index", "--no-deps", str(wheel)], cwd=tmp_path)

    where = _run([str(py), "-c", "import forcerecon; print(forcerecon.__file__)"], cwd=tmp_path)
    assert where.strip().startswith(str(venv)), where

    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect")}
    env = {k: v for k, v in env.items() if not k.startswith("FORCERECON_")}
    env.pop("PREFECT_API_URL", None)
    out = _run(
        [str(venv / "bin" / "forcerecon"), "run", str(repo / "seeds"), "--db",
         str(tmp_path / "w.duckdb"), "--reports", str(tmp_path / "out"), "--quiet"],
        cwd=tmp_path, env=env,
    )  # fmt: skip
    assert "documents: 5" in out, out
    assert "data quality (Great Expectations, SQL checks): passed" in out, out
    assert (tmp_path / "out" / "index.html").exists()
