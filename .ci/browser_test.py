"""The look-alike page in a real browser: headless Chromium (Debian's `chromium` and `chromium-driver`) driven by
Selenium. It starts `tll serve` on a gallery made of the bundled sample's right images, the test ones in a subfolder,
checks the empty page (no broken image), asks for too many matches (the field says it clamped), uploads a picture
whose twin is in the subfolder and checks that k results appear with the twin first, shown by its path in the
gallery, drags a region box and checks that the region was searched, opens a match's "why?" and checks that both
similarity maps are drawn over their pictures, narrows the window to 390 pixels (no sideways
scroll, no broken image), uploads a file that is not a picture and checks its message and that the old results are
gone, opens the challenge view, and saves screenshots that must not be blank.

    .venv/bin/python .ci/browser_test.py [--shot FILE]     (as root: apt-get install -y chromium chromium-driver)
"""
import os, shutil, signal, socket, subprocess, sys, tempfile, time
from pathlib import Path
import httpx
from PIL import Image, ImageStat
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT/'data'/'sample'

def free_port() -> int:
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def start_server(port, gallery):
    p = subprocess.Popen([sys.executable, '-m', 'tll', 'serve', '--port', str(port), '--gallery', str(gallery)], stderr=subprocess.PIPE, text=True,
                         env=dict(os.environ, PYTHONUNBUFFERED='1'))
    t = time.time()
    while time.time() - t < 300:
        try:
            if httpx.get(f'http://127.0.0.1:{port}/api/health').status_code == 200: return p
        except httpx.TransportError: pass
        if p.poll() is not None: sys.exit(f'tll serve exited: {p.stderr.read()}')
        time.sleep(0.3)
    p.kill(); sys.exit('tll serve did not answer within 300 s')

def browser():
    o = webdriver.ChromeOptions()
    for a in ('--headless=new', '--no-sandbox', '--disable-dev-shm-usage', '--window-size=1300,1000'): o.add_argument(a)
    o.binary_location = shutil.which('chromium') or '/usr/bin/chromium'
    return webdriver.Chrome(service=Service(shutil.which('chromedriver') or '/usr/bin/chromedriver'), options=o)

BROKEN = "return [...document.images].filter((i) => i.offsetParent !== null && !(i.complete && i.naturalWidth > 0)).length"
SIDEWAYS = "return document.documentElement.scrollWidth - window.innerWidth"

def gallery(tmp) -> Path:
    "The sample's right images as a photo folder: the training ones at the top, the test ones in the subfolder `trip`."
    g = tmp/'Pictures'; (g/'trip').mkdir(parents=True)
    for f in (SAMPLE/'train'/'right').iterdir(): shutil.copy(f, g/f.name)
    for f in (SAMPLE/'test'/'right').iterdir(): shutil.copy(f, g/'trip'/f.name)
    return g

LOADED = "return [...document.querySelectorAll('#matches img')].every((i) => i.complete)"
PAINTED = '''const c = document.getElementById(arguments[0]), px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
let n = 0; for (let i = 3; i < px.length; i += 4) if (px[i] > 0) n++; return [c.width, c.height, n];'''

def main(shot):
    port = free_port(); url = f'http://127.0.0.1:{port}/'
    tmp = Path(tempfile.mkdtemp())
    server = start_server(port, gallery(tmp)); d = browser(); wait = WebDriverWait(d, 60)
    try:
        d.get(url)
        wait.until(lambda d: 'images in the gallery' in d.find_element(By.ID, 'gallery').text)
        assert not d.find_element(By.ID, 'result').is_displayed() and d.execute_script(BROKEN) == 0, 'the empty page shows a result box or a broken image'
        print('empty page: no result box, no broken image')
        twin = sorted((SAMPLE/'test'/'right').iterdir())[3]
        k = d.find_element(By.ID, 'k'); k.clear(); k.send_keys('80')
        d.find_element(By.ID, 'file').send_keys(str(twin))   # the field's change event clamps it; then the search
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, '#matches .tll-match')) == 50)
        assert k.get_attribute('value') == '50' and 'at most 50' in d.find_element(By.ID, 'knote').text, 'k=80 was not said to be clamped'
        print('matches 80: clamped to 50, and the page says so')
        set_k = lambda v: d.execute_script(f"const k = document.getElementById('k'); k.value = '{v}'; k.dispatchEvent(new Event('change'));")  # as a user's edit ends
        set_k(90)   # after a search too: clamped, said, and searched again
        wait.until(lambda d: k.get_attribute('value') == '50' and len(d.find_elements(By.CSS_SELECTOR, '#matches .tll-match')) == 50)
        assert 'at most 50' in d.find_element(By.ID, 'knote').text, 'k=90 after a search was not said to be clamped'
        set_k(6)
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, '#matches .tll-match')) == 6)
        first = d.find_element(By.CSS_SELECTOR, '#matches .tll-match .tll-cap').text
        assert f'trip/{twin.name}' in first, f'the twin trip/{twin.name} is not first, by its path: {first!r}'
        assert 'images in the gallery' in d.find_element(By.ID, 'gallery').text, 'the header lost the gallery size'
        print(f'upload: 6 results, the twin first by its path in the gallery ({first.splitlines()[0]}; {first.splitlines()[1]})')
        # the region box: drag over the upper-left quarter of the query
        q = d.find_element(By.ID, 'query'); wait.until(lambda d: q.size['width'] > 50)
        w, h = q.size['width'], q.size['height']
        ActionChains(d).move_to_element_with_offset(q, -w // 2 + 2, -h // 2 + 2).click_and_hold() \
            .move_by_offset(w // 2, h // 2).release().perform()
        wait.until(lambda d: d.find_element(By.ID, 'qinfo').text.startswith('the region'))
        info = d.find_element(By.ID, 'qinfo').text; full = Image.open(twin).size
        got = [int(v) for v in info.split()[2].split('x')]
        assert 0.3 * full[0] < got[0] < 0.7 * full[0] and 0.3 * full[1] < got[1] < 0.7 * full[1], (info, full)
        assert not d.find_element(By.ID, 'sel').get_attribute('hidden') and len(d.find_elements(By.CSS_SELECTOR, '#matches .tll-match')) == 6
        print(f'region: {info}')
        # why: each card's bar of parts; the first card's "why?" overlays both maps on the query (the region) and the match
        assert len(d.find_elements(By.CSS_SELECTOR, '#matches .tll-match .tll-bar')) == 6, 'a card has no bar of parts'
        wait.until(lambda d: d.execute_script(LOADED))   # the thumbnails in place: no layout shift moves the button under the click
        d.find_element(By.CSS_SELECTOR, '#matches .tll-match .tll-why').click()
        try: wait.until(lambda d: d.find_element(By.ID, 'why').is_displayed() and d.find_element(By.ID, 'whym').get_attribute('complete') == 'true')
        except Exception:
            state = d.execute_script("return [document.getElementById('why').hidden, document.getElementById('whym').src, document.getElementById('whym').complete, document.getElementById('status').textContent]")
            sys.exit(f"why: no view within 60 s; the page says {d.find_element(By.ID, 'error').text!r}; why hidden, match src, loaded, status: {state}; console: {d.get_log('browser')}")
        for img, canvas in (('whyq', 'whyqmap'), ('whym', 'whymmap')):
            w, h, painted = d.execute_script(PAINTED, canvas)
            assert (w, h) == (14, 14) and painted > 20, f'the map on {img} is not drawn: {w}x{h}, {painted} cells painted'
            ri, rc = d.find_element(By.ID, img).rect, d.find_element(By.ID, canvas).rect
            assert ri['width'] > 50 and all(abs(ri[k] - rc[k]) < 2 for k in ('x', 'y', 'width', 'height')), f'the map does not cover {img}: {ri} {rc}'
        text = d.find_element(By.ID, 'whytext').text
        assert 'shape' in text and 'score' in text, text
        why_shot = shot.with_name(shot.stem + '-why' + shot.suffix); d.save_screenshot(str(why_shot))
        print(f'why: both maps drawn over their pictures ({text[:90]}...; {why_shot})')
        d.find_element(By.ID, 'whyclose').click()
        d.save_screenshot(str(shot))
        # a phone's width: the query above its matches, nothing wider than the window, no broken image
        d.execute_cdp_cmd('Emulation.setDeviceMetricsOverride', dict(width=390, height=844, deviceScaleFactor=1, mobile=True))
        wait.until(lambda d: d.execute_script('return window.innerWidth') == 390)
        assert d.execute_script(SIDEWAYS) <= 0 and d.execute_script(BROKEN) == 0, f'at 390 pixels: {d.execute_script(SIDEWAYS)} pixels of sideways scroll'
        narrow = shot.with_name(shot.stem + '-390' + shot.suffix); d.save_screenshot(str(narrow))
        print(f'390 pixels wide: no sideways scroll, no broken image ({narrow})')
        d.execute_cdp_cmd('Emulation.clearDeviceMetricsOverride', {})
        # a bad upload: its message on the page
        bad = tmp/'notes.jpg'; bad.write_text('this is not a picture')
        d.find_element(By.ID, 'file').send_keys(str(bad))
        wait.until(lambda d: d.find_element(By.ID, 'error').is_displayed())
        msg = d.find_element(By.ID, 'error').text
        assert 'notes.jpg: not an image file' in msg, msg
        assert not d.find_element(By.ID, 'result').is_displayed(), 'the previous results stayed under the error'
        print(f'bad upload: {msg!r}, the previous results cleared')
        # the challenge view: 20 candidates, the true match framed on validation
        d.find_element(By.ID, 'tab-challenge').click()
        wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, '#cands .tll-match')) == 20)
        assert 'the bundled sample' in d.find_element(By.ID, 'cdata').text and 'task 1 of' in d.find_element(By.ID, 'cinfo').text
        assert len(d.find_elements(By.CSS_SELECTOR, '#cands .tll-match.tll-true')) == 1
        print('challenge: 20 candidates, one framed as the true match')
        # the screenshot (taken after the region search) is a page, not a blank
        st = ImageStat.Stat(Image.open(shot).convert('L'))
        assert st.stddev[0] > 20, f'the screenshot looks blank (stddev {st.stddev[0]:.1f})'
        print(f'screenshot: {shot} ({Image.open(shot).size[0]}x{Image.open(shot).size[1]}, grey-level stddev {st.stddev[0]:.0f})')
    finally:
        d.quit(); server.send_signal(signal.SIGTERM); server.wait(30); shutil.rmtree(tmp, ignore_errors=True)
    print('browser test passed')

if __name__ == '__main__':
    a = sys.argv[1:]
    main(Path(a[a.index('--shot') + 1]) if '--shot' in a else Path(tempfile.gettempdir())/'tll-page.png')
