"""Install tll from settings.ini (written without pkg_resources, which current setuptools lacks)."""
from configparser import ConfigParser
import setuptools

cfg = ConfigParser(delimiters=['='])
cfg.read('settings.ini', encoding='utf-8')
c = cfg['DEFAULT']
reqs = c.get('requirements', '').split()
# optional extras: settings.ini's `extra_NAME = req req ...` becomes `pip install 'tll[NAME]'`; `all` is every extra,
# `dev` adds the notebook/test tools to `all` (so `pip install -e '.[dev]'` installs everything the notebooks need)
extras = {k[len('extra_'):]: v.split() for k, v in c.items() if k.startswith('extra_')}
extras['all'] = sorted({r for rs in extras.values() for r in rs})
extras['dev'] = c.get('dev_requirements', '').split() + extras['all']
scripts = [s.strip() for s in c.get('console_scripts', '').split('\n') if s.strip()]

setuptools.setup(
    name=c['lib_name'], version=c['version'], description=c['description'],
    author=c['author'], author_email=c['author_email'], license='Apache-2.0',
    packages=setuptools.find_packages(include=['tll', 'tll.*']),
    include_package_data=True, package_data={'tll': ['static/*']}, python_requires='>=' + c['min_python'],
    install_requires=reqs, extras_require=extras,
    entry_points={'console_scripts': scripts, 'nbdev': [f"{c['lib_path']}={c['lib_path']}._modidx:d"]},
    zip_safe=False,
)
