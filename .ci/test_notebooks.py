"""Each notebook in nbs/ is one test case: its cells run as `nbdev_test` runs them (cells flagged `#| slow` are
skipped unless TLL_SLOW=1). This gives CI a closing line it can read ('N passed, N failed')."""
import os
from pathlib import Path
import pytest
from nbdev.test import test_nb as run_nb  # renamed: pytest would collect a name starting with test_

if os.environ.get('TLL_DATA'):  # the notebooks run in nbs/: a relative path is meant from where the command was typed
    os.environ['TLL_DATA'] = str(Path(os.environ['TLL_DATA']).expanduser().resolve())

NBS = sorted(p for p in (Path(__file__).resolve().parent.parent/'nbs').glob('[0-9]*.ipynb'))

@pytest.mark.parametrize('nb', NBS, ids=[p.stem for p in NBS])
def test_notebook(nb):
    flags = ['slow'] if os.environ.get('TLL_SLOW') == '1' else []
    ok, secs = run_nb(nb, skip_flags=[] if flags else ['slow'], force_flags=flags, basepath=nb.parent.parent, do_print=False, showerr=True)
    print(f'{nb.name}: {secs:.1f}s')
    assert ok, f'{nb.name} failed (see the error above)'
