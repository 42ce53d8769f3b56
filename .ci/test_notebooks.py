"""Each notebook in nbs/ is one test case: its cells run as `nbdev_test` runs them (cells flagged `#| slow` are
skipped unless TLL_SLOW=1). This gives CI a closing line it can read ('N passed, N failed').

Cells flagged `#| check-output` show what results files say (tables, charts): their committed outputs are what a
reader sees without running anything, so the test compares them with what the cell prints now and fails when they
differ (a results file changed, or the code that renders it). After changing either, re-render them from the
repository root with `.venv/bin/python .ci/test_notebooks.py --render nbs/NAME.ipynb` (with TLL_SLOW=1 and TLL_DATA,
the slow cells' outputs, such as the full-data figures, are rendered too) and commit the notebook."""
import json, os, sys, time
from pathlib import Path
import pytest
from execnb.shell import CaptureShell
from fastcore.xtras import working_directory
from nbdev.process import NBProcessor
from nbdev.frontmatter import FrontmatterProc

if os.environ.get('TLL_DATA'):  # the notebooks run in nbs/: a relative path is meant from where the command was typed
    os.environ['TLL_DATA'] = str(Path(os.environ['TLL_DATA']).expanduser().resolve())

ROOT = Path(__file__).resolve().parent.parent
NBS = sorted((ROOT/'nbs').glob('[0-9]*.ipynb'))
CHECKED = 'check-output'

def run_nb(fn, slow=False):
    "Run notebook `fn` as `nbdev.test.test_nb` does (in its folder, exported cells included, `#| slow` cells only if `slow`); (error text or None, seconds, the executed cells)."
    sys.path.insert(0, str(ROOT)); os.environ['IN_TEST'] = '1'
    nb = NBProcessor(fn, procs=FrontmatterProc, process=True).nb
    def skip(cell):
        if cell.cell_type != 'code' or 'nbdev_export' + '(' in cell.source: return True
        d = getattr(cell, 'directives_', {}) or {}
        return d.get('eval:', [''])[0].lower() == 'false' or ('slow' in d and not slow)
    k, t = CaptureShell(fn), time.time()
    try:
        with working_directory(fn.parent): k.run_all(nb, exc_stop=True, preproc=skip)
        err = None
    except Exception: err = k.prettytb(fname=fn)
    return err, time.time() - t, nb.cells

def _flags(cell) -> set: return set((getattr(cell, 'directives_', {}) or {}).keys())

def _shown(outputs) -> list:
    "What a reader sees of cell outputs: stream text (consecutive streams joined), each result's text and HTML, which image types (not their bytes)."
    shown = []
    for o in outputs:
        o = dict(o); kind = o.get('output_type')
        if kind == 'stream':
            text = ''.join(o.get('text', ''))
            if shown and shown[-1][0] == 'stream': shown[-1] = ('stream', shown[-1][1] + text)
            else: shown.append(('stream', text))
        elif kind in ('execute_result', 'display_data'):
            d = o.get('data', {})
            shown.append((kind, ''.join(d.get('text/plain', '')), ''.join(d.get('text/html', '')), sorted(m for m in d if m.startswith('image/'))))
        elif kind == 'error': shown.append(('error', o.get('ename')))
    return shown

def stale_outputs(fn, cells) -> list:
    "Ids of the `#| check-output` cells that ran and whose committed outputs differ from what they printed now."
    committed = {c['id']: c.get('outputs', []) for c in json.loads(Path(fn).read_text())['cells'] if c['cell_type'] == 'code'}
    return [c.id for c in cells if c.cell_type == 'code' and CHECKED in _flags(c) and c.get('outputs') is not None
            and _shown(c.outputs) != _shown(committed.get(c.id, []))]

def render(fn, slow=False):
    "Run notebook `fn` and store the outputs of its `#| check-output` cells (and, with `slow`, of its slow cells) in the file; other cells keep theirs."
    err, secs, cells = run_nb(fn, slow)
    if err: sys.exit(f'{fn}: a cell failed; nothing written\n{err}')
    new = {c.id: [dict(o) for o in c.outputs] for c in cells if c.cell_type == 'code' and (CHECKED in _flags(c) or (slow and 'slow' in _flags(c)))}
    d = json.loads(Path(fn).read_text())
    for c in d['cells']:
        if c.get('id') in new: c['outputs'] = new[c['id']]
    Path(fn).write_text(json.dumps(d, indent=1, ensure_ascii=False) + '\n')
    print(f'{fn}: {len(new)} cell outputs rendered in {secs:.0f}s; run nbdev_clean, then commit')

@pytest.mark.parametrize('nb', NBS, ids=[p.stem for p in NBS])
def test_notebook(nb):
    err, secs, cells = run_nb(nb, slow=os.environ.get('TLL_SLOW') == '1')
    print(f'{nb.name}: {secs:.1f}s')
    assert err is None, f'{nb.name} failed:\n{err}'
    stale = stale_outputs(nb, cells)
    assert not stale, (f"{nb.name}: the committed outputs of cells {', '.join(stale)} are not what they print now (a results file or the code "
                       f"that renders it changed); re-render them: .venv/bin/python .ci/test_notebooks.py --render nbs/{nb.name}")

if __name__ == '__main__' and sys.argv[1:2] == ['--render']:
    for f in sys.argv[2:]: render(Path(f).resolve(), slow=os.environ.get('TLL_SLOW') == '1')
