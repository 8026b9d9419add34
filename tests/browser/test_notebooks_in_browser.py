"""Every notebook in a real browser: JupyterLab in headless Chromium runs all cells, then every explorer is used the
way a learner uses it (keyboard on the sliders, a different option in each dropdown, a click on each preset, reset)
and must answer with a changed plot, within the latency budget.

New notebooks are picked up by the glob; no per-notebook code.
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

README_SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "explorer.png"
README_SCREENSHOT_MAX_BYTES = 300_000
LATENCY_MOVES = 12
RUN_ALL_TIMEOUT_MS = 240_000
UPDATE_TIMEOUT_MS = 10_000
# After the kernel has answered, how long a control may take to show its effect before we call it "no effect".
EFFECT_GRACE_MS = 1_500
# Plotly's FigureWidget answers each update with messages of its own (trace and layout deltas) for ~100-250 ms.
QUIET_MS = 150
# A projector or small laptop: every figure must also fit here, beside JupyterLab's open file browser (an output area
# of about 590 px). The notebooks run at 1280x800 (conftest.VIEWPORT), then the window narrows to this.
NARROW_VIEWPORT = {"width": 1024, "height": 768}
# How long a figure may take to follow a new width of its output area (plotly.js waits 100 ms, then redraws).
FIT_TIMEOUT_MS = 5_000

# Generous: the first test of each notebook also opens it and runs all its cells on a busy two-core machine.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]

_PANEL = "window.jupyterapp.shell.currentWidget"
_KERNEL = f"{_PANEL}?.sessionContext?.session?.kernel"

# The plotted data of an explorer, every figure of it (a dashboard has several): trace coordinates plus layout shapes
# and annotations (thresholds, markers).
_PLOT_SIGNATURE = """root => {
    const values = v => (v == null ? null : Array.from(v));
    return JSON.stringify([...root.querySelectorAll('.js-plotly-plot')].map(plot => [
        plot.data.map(t => [values(t.x), values(t.y)]), plot.layout.shapes || [], plot.layout.annotations || []]));
}"""
_READOUT = "root => root.lastElementChild.textContent"

_CELLS = f"""() => {_PANEL}.content.widgets.filter(cell => cell.model.type === 'code').map(cell => ({{
    source: cell.model.sharedModel.getSource(),
    count: cell.model.executionCount,
    tags: cell.model.getMetadata('tags') || [],
    outputs: cell.model.outputs.toJSON().map(o => ({{
        type: o.output_type, name: o.name || '', ename: o.ename || '', evalue: o.evalue || '',
        text: [].concat(o.text || '').join('').slice(0, 300),
        widget: Boolean(o.data && o.data['application/vnd.jupyter.widget-view+json']),
    }})),
}}))"""

_RUN_FINISHED = f"""() => {{
    const kernel = {_KERNEL};
    if (!kernel || kernel.status !== 'idle') return false;
    const cells = {_PANEL}.content.widgets.filter(cell => cell.model.type === 'code');
    const failed = cells.some(cell => cell.model.outputs.toJSON().some(o => o.output_type === 'error')
                                      && !(cell.model.getMetadata('tags') || []).includes('raises-exception'));
    return failed || cells.every(cell => !cell.model.sharedModel.getSource().trim()
                                         || cell.model.executionCount !== null);
}}"""

_WIDGET_OUTPUTS = """() => {
    const outputs = [...document.querySelectorAll('.jp-OutputArea-output')];
    return {
        rendered: outputs.filter(o => o.querySelector(':scope > .jupyter-widgets')).length,
        failed: outputs.map(o => o.textContent).filter(t => /Error displaying widget|Error rendering/.test(t)),
    };
}"""

# Labels and readouts whose text does not fit their box (a cut-off label hides the unit), and controls that stick out
# past the explorer's right edge (the output area clips them).
_CUT_TEXT = """root => {
    const right = root.getBoundingClientRect().right;
    const shown = [...root.querySelectorAll('.widget-label, .widget-readout, .widget-button, select')]
        .filter(el => el.offsetParent !== null);
    return [
        ...shown.filter(el => el.scrollWidth > el.clientWidth + 1).map(el =>
            `${el.className.split(' ')[0]} "${el.textContent.trim()}" needs ${el.scrollWidth}px, has ${el.clientWidth}px`),
        ...shown.filter(el => el.getBoundingClientRect().right > right + 1).map(el =>
            `${el.className.split(' ')[0] || el.tagName} "${el.textContent.trim().slice(0, 30)}" ends past the explorer's right edge`),
    ];
}"""

# Each figure, everything drawn in it (axes, tick labels, titles, threshold labels) and the explorer itself end inside
# the output area, which clips whatever sticks out; each figure is as wide as the explorer.
_FIGURE_FITS = """root => {
    const area = root.closest('.jp-OutputArea-output').getBoundingClientRect();
    const box = root.getBoundingClientRect();
    const inside = (r, outer) => r.left >= outer.left - 1 && r.right <= outer.right + 1;
    const span = r => `${Math.round(r.left)}..${Math.round(r.right)} px`;
    const problems = [];
    if (!inside(box, area)) problems.push(`the explorer spans ${span(box)}, its output area ${span(area)}`);
    const widths = [];
    root.querySelectorAll('.js-plotly-plot').forEach((plot, index) => {
        const figure = plot.querySelector('svg.main-svg').getBoundingClientRect(), name = `figure ${index + 1}`;
        widths.push(figure.width);
        if (!inside(figure, area)) problems.push(`${name} spans ${span(figure)}, its output area ${span(area)}`);
        if (Math.abs(figure.width - box.width) > 1)
            problems.push(`${name} is ${Math.round(figure.width)} px wide, the explorer ${Math.round(box.width)} px`);
        for (const text of plot.querySelectorAll('svg.main-svg text')) {
            const r = text.getBoundingClientRect();
            if (r.width > 0 && !(inside(r, figure) && inside(r, area)))
                problems.push(`"${text.textContent.slice(0, 40)}" spans ${span(r)}, ${name} ${span(figure)}`);
        }
    });
    return {problems, area: Math.round(area.width), figure: Math.round(Math.min(...widths))};
}"""
# True once plotly.js has drawn every figure at its box's width (it draws first at 700 px, then follows its box).
_FIGURE_TOOK_ITS_WIDTH = """root => {
    const plots = [...root.querySelectorAll('.js-plotly-plot')];
    return plots.length > 0 && plots.every(plot => {
        const svg = plot.querySelector('svg.main-svg');
        return Boolean(svg) && Math.abs(svg.getBoundingClientRect().width - plot.getBoundingClientRect().width) <= 1;
    });
}"""

_INSTALL_LATENCY_PROBE = """root => {
    // Key presses (capture phase, before the slider sees them) and the first change inside a plot's SVG after.
    const probe = window.__hscLatency = {keys: [], mutations: []};
    if (!window.__hscKeyListener) {
        window.__hscKeyListener = true;
        document.addEventListener('keydown', e => window.__hscLatency.keys.push(performance.now()), true);
    }
    if (window.__hscObserver) window.__hscObserver.disconnect();
    window.__hscObserver = new MutationObserver(records => {
        if (records.some(r => (r.target.closest ? r.target : r.target.parentElement).closest('svg.main-svg')))
            probe.mutations.push(performance.now());
    });
    for (const plot of root.querySelectorAll('.js-plotly-plot'))
        window.__hscObserver.observe(plot, {subtree: true, childList: true, attributes: true, characterData: true});
}"""
_LAST_LATENCY = """() => {
    const probe = window.__hscLatency, key = probe.keys[probe.keys.length - 1];
    const after = probe.mutations.find(t => t >= key);
    return after === undefined ? null : after - key;
}"""


@dataclass
class Kernel:
    """Waits for the kernel to have answered an action (it went busy and is idle again)."""

    page: Any

    def install(self) -> None:
        self.page.evaluate(f"""() => {{
            window.__hscIdle = 0;
            window.__hscLastMessage = performance.now();
            const kernel = {_KERNEL};
            kernel.statusChanged.connect((_, status) => {{ if (status === 'idle') window.__hscIdle += 1; }});
            kernel.anyMessage.connect(() => {{ window.__hscLastMessage = performance.now(); }});
        }}""")

    def wait_quiet(self, quiet_ms: int = QUIET_MS) -> None:
        """Wait until no kernel message has passed for ``quiet_ms`` (the figure's follow-up messages are done)."""
        self.page.wait_for_function("ms => performance.now() - window.__hscLastMessage > ms", arg=quiet_ms,
                                    timeout=UPDATE_TIMEOUT_MS)

    def idle_count(self) -> int:
        return self.page.evaluate("() => window.__hscIdle")

    def wait_answered(self, idle_before: int) -> None:
        self.page.wait_for_function(f"n => window.__hscIdle > n && {_KERNEL}.status === 'idle'", arg=idle_before,
                                    timeout=UPDATE_TIMEOUT_MS)


@dataclass
class Opened:
    """A notebook open in the browser after "Run All": its page, console, kernel and what went wrong while running."""

    notebook: Path
    page: Any
    console: Any
    kernel: Kernel
    problems: list[str]
    initial_plots: list[str]


def open_and_run(page: Any, console: Any, lab: Any, notebook: Path) -> Opened:
    """Open ``notebook`` in a fresh workspace, run all cells, and wait until every cell ran and widgets rendered."""
    page.goto(lab.notebook_url(notebook))
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=60_000)
    page.evaluate("() => window.jupyterapp.restored")
    page.wait_for_function(f"() => {_PANEL}?.content && {_KERNEL}?.status === 'idle'", timeout=60_000)
    kernel = Kernel(page)
    kernel.install()
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(_RUN_FINISHED, timeout=RUN_ALL_TIMEOUT_MS, polling=250)

    cells = page.evaluate(_CELLS)
    problems = []
    for number, cell in enumerate(cells, 1):
        for output in cell["outputs"]:
            if output["type"] == "error" and "raises-exception" not in cell["tags"]:
                problems.append(f"code cell {number}: {output['ename']}: {output['evalue']}")
            if output["type"] == "stream" and output["name"] == "stderr":
                problems.append(f"code cell {number} wrote to stderr: {output['text']}")
        if cell["source"].strip() and cell["count"] is None:
            problems.append(f"code cell {number} did not run")
    expected = sum(output["widget"] for cell in cells for output in cell["outputs"])
    page.wait_for_function(f"n => ({_WIDGET_OUTPUTS})().rendered >= n", arg=expected, timeout=60_000)
    problems += [f"widget failed to render: {text}" for text in page.evaluate(_WIDGET_OUTPUTS)["failed"]]

    explorers = page.locator(".hsc-explorer")
    for index in range(explorers.count()):
        wait_for_plot(explorers.nth(index))
    kernel.wait_quiet()
    initial = [plot_signature(explorers.nth(index)) for index in range(explorers.count())]
    return Opened(notebook, page, console, kernel, problems, initial)


def plot_signature(explorer: Any) -> str:
    return explorer.evaluate(_PLOT_SIGNATURE)


def wait_for_plot(explorer: Any) -> None:
    """Wait until the explorer's plots (a dashboard has several) have drawn their data."""
    explorer.scroll_into_view_if_needed()
    explorer.locator(".js-plotly-plot").first.wait_for(state="visible", timeout=60_000)
    explorer.page.wait_for_function(
        "root => { const plots = [...root.querySelectorAll('.js-plotly-plot')];"
        " return plots.length && plots.every(p => p.data && p.data.some(t => (t.x && t.x.length) || (t.y && t.y.length)))"
        " && plots.some(p => p.querySelector('svg.main-svg .trace')); }",
        arg=explorer.element_handle(), timeout=60_000)
    # It draws first at plotly.js's default width, then follows its box: start using it once it has (a redraw for the
    # new width while a learner's move is in flight is not what these tests time).
    explorer.page.wait_for_function(_FIGURE_TOOK_ITS_WIDTH, arg=explorer.element_handle(), timeout=FIT_TIMEOUT_MS)


def check_renders(explorer: Any, label: str) -> dict[str, Any]:
    """The explorer shows a plot with data, its controls, preset buttons and labels that fit, and a figure that fits
    its output area (check_fits, whose widths it returns)."""
    wait_for_plot(explorer)
    controls = explorer.locator(".widget-gridbox").first.locator(":scope > *")
    assert controls.count() > 0, f"{label}: no controls"
    assert explorer.locator(".widget-button").count() > 0, f"{label}: no preset or reset buttons"
    for index in range(controls.count()):
        assert controls.nth(index).is_visible(), f"{label}: control {index + 1} is not visible"
    cut = explorer.evaluate(_CUT_TEXT)
    assert not cut, f"{label}: text cut off: {cut}"
    return check_fits(explorer, label)


def check_fits(explorer: Any, label: str) -> dict[str, Any]:
    """The figure has taken its output area's width, and it and everything drawn in it ends inside the output area
    (nothing clipped: the time axis to its end, a right-hand axis, threshold labels). Returns the widths."""
    explorer.scroll_into_view_if_needed()
    try:
        explorer.page.wait_for_function(_FIGURE_TOOK_ITS_WIDTH, arg=explorer.element_handle(), timeout=FIT_TIMEOUT_MS)
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError: the measurements below say what is wrong
        pass
    fit = explorer.evaluate(_FIGURE_FITS)
    assert not fit["problems"], f"{label}: the figure does not fit its output area:\n" + "\n".join(fit["problems"])
    return fit


class Effect:
    """What an action did to an explorer: changed the plotted data, only the readout, or nothing."""

    def __init__(self, explorer: Any, kernel: Kernel) -> None:
        self.explorer, self.kernel = explorer, kernel

    def __call__(self, action: Any) -> str:
        plot, readout = plot_signature(self.explorer), self.explorer.evaluate(_READOUT)
        idle = self.kernel.idle_count()
        action()
        self.kernel.wait_answered(idle)
        try:
            self.explorer.page.wait_for_function(
                f"([root, before]) => ({_PLOT_SIGNATURE})(root) !== before",
                arg=[self.explorer.element_handle(), plot], timeout=EFFECT_GRACE_MS)
            return "plot"
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError: the plot stayed the same
            return "only the readout" if self.explorer.evaluate(_READOUT) != readout else "neither plot nor readout"


def slider_name(control: Any) -> str:
    return control.locator(".widget-label").first.inner_text().strip()


def keyboard_moves(slider: Any) -> tuple[str, str]:
    """ArrowRight then ArrowLeft, or the reverse when the slider sits at its maximum."""
    handle = slider.locator(".noUi-handle").first
    now, high = (float(handle.get_attribute(a)) for a in ("aria-valuenow", "aria-valuemax"))
    return ("ArrowRight", "ArrowLeft") if now < high else ("ArrowLeft", "ArrowRight")


def press(slider: Any, key: str) -> None:
    slider.locator(".noUi-handle").first.focus()
    slider.page.keyboard.press(key)


def exercise_controls(explorer: Any, kernel: Kernel, label: str, report: Any) -> None:
    """Move every slider one step with the keyboard and back, and pick another option in every dropdown and back;
    at least one slider must change the plotted data. Controls that change nothing visible become notes."""
    effect = Effect(explorer, kernel)
    sliders = explorer.locator(".widget-gridbox .widget-slider")
    moving = 0
    for index in range(sliders.count()):
        slider = sliders.nth(index)
        forward, back = keyboard_moves(slider)
        result = effect(lambda: press(slider, forward))
        effect(lambda: press(slider, back))
        if result == "plot":
            moving += 1
        else:
            report.note(f"{label}: slider '{slider_name(slider)}' changes {result}")
    dropdowns = explorer.locator(".widget-gridbox .widget-dropdown")
    for index in range(dropdowns.count()):
        select = dropdowns.nth(index).locator("select")
        start = select.evaluate("select => select.selectedIndex")
        other = (start + 1) % select.locator("option").count()
        result = effect(lambda: select.select_option(index=other))
        effect(lambda: select.select_option(index=start))
        if result != "plot":
            name = select.locator("option").nth(other).inner_text()
            report.note(f"{label}: dropdown '{slider_name(dropdowns.nth(index))}' = '{name}' changes {result}")
    assert moving, f"{label}: no slider changes the plotted data when moved with the keyboard"


def first_slider_moving_the_plot(explorer: Any, kernel: Kernel, label: str) -> Any:
    effect = Effect(explorer, kernel)
    sliders = explorer.locator(".widget-gridbox .widget-slider")
    for index in range(sliders.count()):
        slider = sliders.nth(index)
        forward, back = keyboard_moves(slider)
        moved = effect(lambda: press(slider, forward)) == "plot"
        effect(lambda: press(slider, back))
        if moved:
            return slider
    pytest.fail(f"{label}: no slider changes the plotted data when moved with the keyboard")


# Resolves once the page has had five idle moments in a row with at least 40 ms to spare (or after 4 s): the
# browser has finished laying out and typesetting (MathJax) the outputs below the explorer, which would otherwise
# be measured as part of the first explorer's redraws.
_WAIT_UNTIL_IDLE = """() => new Promise(resolve => {
    let quiet = 0;
    const give_up = setTimeout(resolve, 4000);
    const tick = () => requestIdleCallback(deadline => {
        quiet = deadline.timeRemaining() >= 40 ? quiet + 1 : 0;
        if (quiet >= 5) { clearTimeout(give_up); resolve(); } else { tick(); }
    }, {timeout: 1000});
    tick();
})"""


def measure_latency(explorer: Any, slider: Any, kernel: Kernel) -> list[float]:
    """Milliseconds from each key press to the first change in the plot's SVG, over LATENCY_MOVES moves, in a page
    that has settled."""
    explorer.page.evaluate(_WAIT_UNTIL_IDLE)
    explorer.evaluate(_INSTALL_LATENCY_PROBE)
    forward, back = keyboard_moves(slider)
    samples = []
    for move in range(LATENCY_MOVES):
        kernel.wait_quiet()  # each press starts from rest, like a learner stepping through values
        press(slider, forward if move % 2 == 0 else back)
        explorer.page.wait_for_function(f"() => ({_LAST_LATENCY})() !== null", timeout=UPDATE_TIMEOUT_MS, polling=100)
        samples.append(explorer.page.evaluate(_LAST_LATENCY))
    kernel.wait_quiet()
    return samples


def exercise_presets(explorer: Any, kernel: Kernel, label: str, report: Any, initial_plot: str) -> None:
    """Click every preset (at least one must change the plot), then reset: the plot is the one first shown."""
    effect = Effect(explorer, kernel)
    buttons = explorer.locator(".widget-button")
    names = [buttons.nth(i).inner_text().strip() for i in range(buttons.count())]
    presets = [i for i, name in enumerate(names) if name != "reset"]
    assert "reset" in names, f"{label}: no reset button"
    changed = []
    for index in presets:
        result = effect(lambda: buttons.nth(index).click())
        if result == "plot":
            changed.append(names[index])
        else:
            report.note(f"{label}: preset '{names[index]}' (clicked after the one before) changes {result}")
    if presets:
        assert changed, f"{label}: no preset button changed the plotted data"
    effect(lambda: buttons.nth(names.index("reset")).click())
    assert plot_signature(explorer) == initial_plot, f"{label}: reset did not bring back the plot first shown"


def screenshot_whole(page: Any, element: Any, path: Path) -> None:
    """A screenshot of all of ``element``: the page grows taller for it (as wide as it was), then returns to its
    size."""
    viewport = page.viewport_size
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.mouse.move(*view_corner(page))
    page.set_viewport_size({"width": viewport["width"],
                            "height": max(viewport["height"], round(element.bounding_box()["height"]) + 300)})
    element.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    element.screenshot(path=str(path))
    page.set_viewport_size(viewport)


def view_corner(page: Any) -> tuple[int, int]:
    """Where the mouse rests: on the status bar, bottom right, where hovering changes nothing in the notebook."""
    viewport = page.viewport_size
    return viewport["width"] - 10, viewport["height"] - 10


def screenshot_view(page: Any, target: Any, path: Path) -> None:
    """A screenshot of the window with ``target`` at the top of the notebook and nothing hovered or focused."""
    path.parent.mkdir(parents=True, exist_ok=True)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.mouse.move(*view_corner(page))
    target.evaluate("el => el.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    page.screenshot(path=str(path))


@pytest.fixture(scope="module")
def opened(notebook: Path, open_page: Any, lab: Any) -> Any:
    """The notebook, run once in the browser and shared by the tests below (they run in order, per notebook).
    Running it must not write to the file: the committed notebook stays as it was."""
    stored = notebook.read_bytes()
    with open_page() as (page, console):
        yield open_and_run(page, console, lab, notebook)
    assert notebook.read_bytes() == stored, f"{notebook.name} was saved while the browser tests ran it"


def test_runs_all_cells_without_errors(opened: Opened) -> None:
    assert not opened.problems, f"{opened.notebook.name}:\n" + "\n".join(opened.problems)


def test_explorers_render_and_respond(opened: Opened, report: Any, screenshot_dir: Path) -> None:
    """Every explorer: plot and controls shown, every control used, every preset clicked, reset restores."""
    stem, page = opened.notebook.stem, opened.page
    explorers = page.locator(".hsc-explorer")
    window = "{width}x{height}, file browser open".format(**page.viewport_size)
    for index in range(explorers.count()):
        explorer, label = explorers.nth(index), f"{stem} explorer {index + 1}"
        fit = check_renders(explorer, label)
        report.fit(stem, index + 1, window, fit["area"], fit["figure"])
        exercise_controls(explorer, opened.kernel, label, report)
        exercise_presets(explorer, opened.kernel, label, report, opened.initial_plots[index])
        screenshot_whole(page, explorer, screenshot_dir / f"{stem}-explorer-{index + 1}.png")
    first = explorers.first if explorers.count() else page.locator(".jp-Notebook .jp-Cell").first
    screenshot_view(page, first, screenshot_dir / f"{stem}.png")


SERIES = 3  # series of key presses an explorer gets to meet the latency budget


def test_explorer_latency_within_budget(opened: Opened, report: Any) -> None:
    """Key press on a slider to changed plot, per explorer: median and p95 within LATENCY_BUDGET_MS (conftest.py),
    for the best of up to three series of presses (every series is printed in the table). A series stops the test
    only when it is within budget: on a two-core machine with a busy moment (a CI neighbour, the suite's own kernels)
    one series can read 20 ms slow, and a real slowdown is slow in all three."""
    explorers = opened.page.locator(".hsc-explorer")
    over_budget = []
    for index in range(explorers.count()):
        explorer, label = explorers.nth(index), f"{opened.notebook.stem} explorer {index + 1}"
        slider = first_slider_moving_the_plot(explorer, opened.kernel, label)
        series = []
        for _attempt in range(SERIES):  # another series of presses when the last was over (every row is printed)
            samples = measure_latency(explorer, slider, opened.kernel)
            series.append(report.latency(opened.notebook.stem, index + 1, slider_name(slider), samples))
            if series[-1].within_budget:
                break
        row = min(series, key=lambda r: (r.median, r.p95))
        if not row.within_budget:
            over_budget.append(f"{label}: median {row.median:.0f} ms, p95 {row.p95:.0f} ms")
    assert not over_budget, "over the latency budget:\n" + "\n".join(over_budget)


def test_figures_fit_a_1024_px_window_beside_the_file_browser(opened: Opened, report: Any, screenshot_dir: Path) -> None:
    """The same notebook in a 1024x768 window (a projector, a small laptop) with the file browser open: every figure
    and every control ends inside its output area (about 590 px), and a figure follows its output area when a side
    panel closes and opens. Reuses the notebook run above: no second run, no second latency series."""
    stem, page = opened.notebook.stem, opened.page
    explorers = page.locator(".hsc-explorer")
    shell, viewport = "window.jupyterapp.shell", page.viewport_size
    page.set_viewport_size(NARROW_VIEWPORT)
    try:
        if page.evaluate(f"() => {shell}.leftCollapsed"):
            page.evaluate("() => window.jupyterapp.commands.execute('filebrowser:activate')")
        page.locator("#filebrowser").wait_for(state="visible", timeout=UPDATE_TIMEOUT_MS)
        window = f"{NARROW_VIEWPORT['width']}x{NARROW_VIEWPORT['height']}, file browser open"
        for index in range(explorers.count()):
            explorer, label = explorers.nth(index), f"{stem} explorer {index + 1} at {window}"
            fit = check_fits(explorer, label)
            report.fit(stem, index + 1, window, fit["area"], fit["figure"])
            cut = explorer.evaluate(_CUT_TEXT)
            assert not cut, f"{label}: text cut off: {cut}"
            screenshot_whole(page, explorer, screenshot_dir / f"{stem}-explorer-{index + 1}-1024.png")
        if explorers.count():
            screenshot_view(page, explorers.first, screenshot_dir / f"{stem}-1024x768.png")
            first = explorers.first
            page.evaluate(f"() => {shell}.collapseLeft()")
            fit = check_fits(first, f"{stem} explorer 1 at 1024x768 after closing the file browser")
            report.fit(stem, 1, "1024x768, file browser closed", fit["area"], fit["figure"])
            page.evaluate(f"() => {shell}.expandLeft()")
            check_fits(first, f"{stem} explorer 1 at 1024x768 after opening the file browser again")
        opened.kernel.wait_quiet()
    finally:
        page.set_viewport_size(viewport)


def test_no_browser_console_errors(opened: Opened) -> None:
    errors = opened.console.errors
    assert not errors, f"{opened.notebook.name}: browser console errors:\n" + "\n".join(errors)


def readme_notebook(notebooks: list[Path]) -> Path | None:
    """Notebook 01's first explorer makes the README picture; before 01 exists, notebook 00's."""
    for prefix in ("01_", "00_"):
        for path in notebooks:
            if path.name.startswith(prefix):
                return path
    return notebooks[0] if notebooks else None


def test_readme_screenshot(open_page: Any, lab: Any, notebooks: list[Path], tmp_path: Path, screenshot_dir: Path) -> None:
    notebook = readme_notebook(notebooks)
    if notebook is None:
        pytest.skip("no notebooks to take the README screenshot from")
    with open_page() as (page, console):
        opened = open_and_run(page, console, lab, notebook)
        assert not opened.problems, f"{notebook.name}:\n" + "\n".join(opened.problems)
        explorer = page.locator(".hsc-explorer").first
        check_renders(explorer, f"{notebook.stem} explorer 1")
        shot = tmp_path / "explorer.png"
        screenshot_whole(page, explorer, shot)
        assert not console.errors, f"{notebook.name}: browser console errors:\n" + "\n".join(console.errors)
    size = shot.stat().st_size
    assert size < README_SCREENSHOT_MAX_BYTES, f"README screenshot is {size} bytes (limit {README_SCREENSHOT_MAX_BYTES})"
    # `make screenshot` replaces the README's picture; an ordinary test run leaves the work tree clean.
    target = README_SCREENSHOT if os.environ.get("HSC_UPDATE_README_SCREENSHOT") else screenshot_dir / "readme.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, target)
