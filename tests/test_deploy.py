"""The container: a non-root image with a health check, the token from the environment,
the corpus, config and data as volumes; built where a Docker daemon is at hand."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def _instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    return [(ln.split(None, 1)[0].upper(), ln.split(None, 1)[1] if " " in ln.strip() else "")
            for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


def test_the_image_runs_as_a_user_with_a_health_check_and_no_token_inside() -> None:
    ins = _instructions()
    kinds = [k for k, _ in ins]
    assert ins[0][0] == "FROM" and "slim" in ins[0][1]
    users = [v.strip() for k, v in ins if k == "USER"]
    assert users and users[-1] not in ("root", "0")
    assert "HEALTHCHECK" in kinds and "CMD" in kinds
    assert "DISCORD_TOKEN" not in " ".join(v for k, v in ins if k in ("ENV", "ARG"))
    cmd = next(v for k, v in reversed(ins) if k == "CMD")
    assert '"run"' in cmd and '"/corpus"' in cmd and '"/config"' in cmd


def test_compose_takes_the_token_from_the_environment_and_mounts_the_volumes() -> None:
    spec = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    svc = spec["services"]["quotebot"]
    assert svc["environment"]["DISCORD_TOKEN"].startswith("${DISCORD_TOKEN")
    targets = {v.split(":")[1] for v in svc["volumes"]}
    assert {"/corpus", "/config", "/data"} <= targets


def test_the_image_builds() -> None:
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("no docker client on this machine")
    if subprocess.run([docker, "info"], capture_output=True).returncode != 0:
        pytest.skip("no Docker daemon reachable here (and no registry for the base image)")
    got = subprocess.run([docker, "build", "-q", "-t", "quotebot-test", str(ROOT)], capture_output=True,
                         text=True, timeout=1800)
    assert got.returncode == 0, got.stderr[-2000:]
