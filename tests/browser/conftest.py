"""Browser test harness: a throw-away JupyterLab server, headless Debian Chromium driven by Playwright, a page that
collects console errors, and the end-to-end latency table printed at the end of the run.

Nothing is downloaded: Chromium comes from the system (``apt-get install chromium``), never ``playwright install``.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The notebooks under test; point HSC_NOTEBOOK_DIR at another folder (e.g. a scratch copy) to try the suite on it.
NOTEBOOK_DIR = Path(os.environ.get("HSC_NOTEBOOK_DIR", ROOT / "notebooks")).resolve()
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-quic", "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}
# End-to-end budget from a key press on a slider to the changed plot in the page (milliseconds), per explorer: the
# best of up to three series of presses must meet it (the machine running the tests has two cores and busy moments).
LATENCY_BUDGET_MS = {"median": 50.0, "p95": 100.0}

# JupyterLab settings for every test run: no news pop-up, no update check, no extension manager (no network), and
# no autosave (a notebook open for two minutes would be saved back into the repository with its widget outputs).
SETTINGS_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/extensionmanager-extension:plugin": {"enabled": False},
    "@jupyterlab/docmanager-extension:plugin": {"autosave": False},
}
# The collection's own server settings (what `make lab` and Binder use: see hsc_lab.py), plus the test-only ones.
PROJECT_SERVER_CONFIG = json.loads((ROOT / "labconfig" / "jupyter_server_config.json").read_text())
LAB_CONFIG = {
    **PROJECT_SERVER_CONFIG,
    "LabApp": {
        "news_url": None,
        "check_for_updates_class": "jupyterlab.handlers.announcements.NeverCheckForUpdate",
        # window.jupyterapp lets the tests run commands and read cell outputs and kernel status from the models.
        "expose_app_in_browser": True,
    },
}


def _ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Lab:
    """A running JupyterLab: its base URL, token, log file and process."""

    url: str
    token: str
    log: Path
    runtime_dir: Path
    process: subprocess.Popen = field(repr=False)

    def notebook_url(self, notebook: Path) -> str:
        """The URL that opens ``notebook`` with a fresh workspace (``reset``) and logs in with the token."""
        relative = notebook.resolve().relative_to(NOTEBOOK_DIR.parent).as_posix()
        return f"{self.url}/lab/tree/{relative}?reset&token={self.token}"

    def api(self, method: str, path: str) -> Any:
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def page_config(self) -> dict[str, Any]:
        """The page configuration JupyterLab sends the browser (extensions found, settings, options)."""
        request = urllib.request.Request(f"{self.url}/lab", headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            page = response.read().decode()
        found = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
        return json.loads(found.group(1))

    def shutdown_kernels(self) -> None:
        """Stop every session and kernel (between notebooks, so at most one kernel competes for the two cores)."""
        for session in self.api("GET", "/api/sessions"):
            self.api("DELETE", f"/api/sessions/{session['id']}")
        for kernel in self.api("GET", "/api/kernels"):
            self.api("DELETE", f"/api/kernels/{kernel['id']}")

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def _start_lab(home: Path) -> Lab:
    dirs = {name: home / name for name in ("config", "data", "runtime", "settings", "workspaces", "app-settings",
                                          "ipython")}
    for path in dirs.values():
        path.mkdir()
    (dirs["config"] / "jupyter_server_config.json").write_text(json.dumps(LAB_CONFIG))
    (dirs["app-settings"] / "overrides.json").write_text(json.dumps(SETTINGS_OVERRIDES))
    env = {key: value for key, value in os.environ.items()
           if key not in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "JUPYTERLAB_DIR")}
    env.update(
        JUPYTER_CONFIG_DIR=str(dirs["config"]), JUPYTER_DATA_DIR=str(dirs["data"]),
        JUPYTER_RUNTIME_DIR=str(dirs["runtime"]), JUPYTERLAB_SETTINGS_DIR=str(dirs["settings"]),
        JUPYTERLAB_WORKSPACES_DIR=str(dirs["workspaces"]), IPYTHONDIR=str(dirs["ipython"]),
        PYTHONDONTWRITEBYTECODE="1",
    )
    token = secrets.token_hex(24)
    log = home / "lab.log"
    for _attempt in range(3):  # another process may take the free port between probe and bind
        port = _free_port()
        command = [
            sys.executable, "-m", "jupyter", "lab", "--no-browser", "--allow-root",
            "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--ServerApp.token={token}", f"--ServerApp.root_dir={NOTEBOOK_DIR.parent}",
            f"--LabApp.app_settings_dir={dirs['app-settings']}",
        ]
        with log.open("w") as out:
            process = subprocess.Popen(command, cwd=NOTEBOOK_DIR.parent, env=env, stdout=out,
                                       stderr=subprocess.STDOUT, start_new_session=True)
        lab = Lab(f"http://127.0.0.1:{port}", token, log, dirs["runtime"], process)
        deadline = time.monotonic() + 90
        while process.poll() is None and time.monotonic() < deadline:
            try:
                lab.api("GET", "/api/status")
                return lab
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.25)
        if process.poll() is None:
            _stop_lab(lab)
            raise RuntimeError(f"JupyterLab did not answer within 90 s:\n{lab.tail()}")
    raise RuntimeError(f"JupyterLab exited during start-up:\n{lab.tail()}")


def _stop_lab(lab: Lab) -> None:
    """Stop the kernels, then the server (politely, then by its process id)."""
    try:
        lab.shutdown_kernels()
        lab.api("POST", "/api/shutdown")
    except (urllib.error.URLError, ConnectionError, OSError):
        pass
    try:
        lab.process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        lab.process.terminate()
        try:
            lab.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            lab.process.kill()
            lab.process.wait()
    leftover = sorted(path.name for path in lab.runtime_dir.glob("kernel-*.json"))
    if leftover:
        raise RuntimeError(f"kernels still running after the server stopped: {leftover}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Debian Chromium. Skips the browser tests when it is missing, except under CI where that fails."""
    reason = None
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
    else:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError:
            reason = "Playwright's Python package is missing: pip install -r requirements-dev.txt"
    if reason:
        (pytest.fail if _ci() else pytest.skip)(reason)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def lab(browser: Any) -> Iterator[Lab]:
    """JupyterLab on 127.0.0.1 with isolated config, data, runtime, settings and workspaces (session-wide)."""
    with tempfile.TemporaryDirectory(prefix="hsc-lab-") as home:
        server = _start_lab(Path(home))
        try:
            yield server
        finally:
            _stop_lab(server)


@dataclass
class Console:
    """Console messages of type error and uncaught page errors seen by one page."""

    errors: list[str] = field(default_factory=list)

    def on_console(self, message: Any) -> None:
        if message.type == "error":
            where = message.location
            self.errors.append(f"console.error: {message.text} ({where.get('url', '')}:{where.get('lineNumber', '')})")

    def on_page_error(self, error: Any) -> None:
        self.errors.append(f"page error: {error}")


@pytest.fixture(scope="session")
def open_page(browser: Any, lab: Lab) -> Callable[[], Any]:
    """``with open_page() as (page, console):`` a fresh 1280x800 page and the console errors it logs (listening
    before anything loads); afterwards the page closes and its kernels stop."""

    @contextmanager
    def opening() -> Iterator[tuple[Any, Console]]:
        context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
        page, console = context.new_page(), Console()
        page.on("console", console.on_console)
        page.on("pageerror", console.on_page_error)
        try:
            yield page, console
        finally:
            context.close()
            lab.shutdown_kernels()

    return opening


@dataclass(frozen=True)
class Fit:
    """How wide one explorer's output area and figure are at one window size."""

    notebook: str
    explorer: int
    window: str
    output_area_px: int
    figure_px: int


@dataclass(frozen=True)
class Latency:
    """Key press to changed plot, for one explorer."""

    notebook: str
    explorer: int
    control: str
    samples_ms: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    @property
    def within_budget(self) -> bool:
        return self.median <= LATENCY_BUDGET_MS["median"] and self.p95 <= LATENCY_BUDGET_MS["p95"]



def notebooks() -> list[Path]:
    return sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test taking ``notebook`` runs once per notebook, so notebooks added later are covered with no new code."""
    if "notebook" in metafunc.fixturenames:
        found = notebooks()
        metafunc.parametrize("notebook", found, ids=[path.stem for path in found], scope="module")


@pytest.fixture(name="notebooks")
def notebooks_fixture() -> list[Path]:
    """All notebooks under test, sorted by name."""
    return notebooks()


@pytest.fixture
def screenshot_dir() -> Path:
    """The ignored folder for screenshots (``artifacts/screenshots``)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


_LATENCIES = pytest.StashKey[list]()
_FITS = pytest.StashKey[list]()
_NOTES = pytest.StashKey[list]()


@pytest.fixture
def report(pytestconfig: pytest.Config) -> Any:
    """Where tests put latency rows (``report.latency(...)``) and notes for the terminal summary."""

    class Report:
        @staticmethod
        def latency(notebook: str, explorer: int, control: str, samples_ms: list[float]) -> Latency:
            row = Latency(notebook, explorer, control, tuple(samples_ms))
            pytestconfig.stash.setdefault(_LATENCIES, []).append(row)
            return row

        @staticmethod
        def fit(notebook: str, explorer: int, window: str, output_area_px: int, figure_px: int) -> Fit:
            row = Fit(notebook, explorer, window, output_area_px, figure_px)
            pytestconfig.stash.setdefault(_FITS, []).append(row)
            return row

        @staticmethod
        def note(text: str) -> None:
            pytestconfig.stash.setdefault(_NOTES, []).append(text)

    return Report()


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    rows = config.stash.get(_LATENCIES, [])
    if rows:
        terminalreporter.section("explorer latency: key press -> changed plot (ms)")
        width = max(len(r.notebook) for r in rows)
        terminalreporter.write_line(f"{'notebook':<{width}}  explorer  control                                "
                                    f"   n  median     p95    max  budget")
        for r in rows:
            verdict = "ok" if r.within_budget else "OVER"
            terminalreporter.write_line(
                f"{r.notebook:<{width}}  {r.explorer:>8}  {r.control[:38]:<38} {len(r.samples_ms):>4} "
                f"{r.median:>7.1f} {r.p95:>7.1f} {max(r.samples_ms):>6.1f}  {verdict}")
        terminalreporter.write_line(f"budget: median <= {LATENCY_BUDGET_MS['median']:g} ms, "
                                    f"p95 <= {LATENCY_BUDGET_MS['p95']:g} ms, for the best of up to three series")
    fits = config.stash.get(_FITS, [])
    if fits:
        terminalreporter.section("figure widths: each explorer's output area and figure (px)")
        width = max(len(f.notebook) for f in fits)
        terminalreporter.write_line(f"{'notebook':<{width}}  explorer  window                      output area  figure")
        for f in fits:
            terminalreporter.write_line(f"{f.notebook:<{width}}  {f.explorer:>8}  {f.window:<27} {f.output_area_px:>11}"
                                        f"  {f.figure_px:>6}")
    notes = config.stash.get(_NOTES, [])
    if notes:
        terminalreporter.section("browser test notes")
        for note in notes:
            terminalreporter.write_line(note)
