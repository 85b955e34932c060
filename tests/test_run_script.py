"""`scripts/run.sh --check`: the set-up is checked without serving, and a taken port is named before the slow steps."""
import os
import socket
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_check(var: Path, port: int) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "EMAIL_", "DONDOC_"))}
    env.update({"DONDOC_VAR_DIR": str(var), "PORT": str(port)})
    return subprocess.run(["bash", "scripts/run.sh", "--check"], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def test_check_validates_the_setup_and_serves_nothing(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = run_check(tmp_path, port)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Sẵn sàng: bash scripts/run.sh sẽ phục vụ ở http://127.0.0.1:{port}/" in result.stdout
    assert not (tmp_path / "dondoc.sqlite3").exists()  # no migration, no demo: nothing written to a database
    with socket.socket() as s:
        assert s.connect_ex(("127.0.0.1", port)) != 0


def test_a_taken_port_is_refused_in_vietnamese_before_anything_is_set_up(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_check(tmp_path, port)
    assert result.returncode == 1
    assert f"Cổng {port} trên 127.0.0.1 đang bận" in result.stderr and "PORT=8001 bash scripts/run.sh" in result.stderr
    assert "Sẵn sàng" not in result.stdout and not (tmp_path / "secret_key").exists()


def test_an_unknown_option_is_refused():
    result = subprocess.run(["bash", "scripts/run.sh", "--serve"], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "Không rõ tùy chọn: --serve" in result.stderr
