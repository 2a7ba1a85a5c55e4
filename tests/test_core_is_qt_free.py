"""All of kiosk/ imports and runs a journey with PySide6 made unimportable."""

import subprocess
import sys
import textwrap


def test_core_imports_without_qt_ui_sync_or_devices():
    script = textwrap.dedent("""
        import importlib, pkgutil, sys
        class Block:
            def find_spec(self, name, path=None, target=None):
                if name.split('.')[0] in ('PySide6', 'shiboken6', 'ui', 'sync', 'devices'):
                    raise ImportError('blocked: ' + name)
        sys.meta_path.insert(0, Block())
        import kiosk
        names = [m.name for m in pkgutil.walk_packages(kiosk.__path__, 'kiosk.')]
        for name in names:
            importlib.import_module(name)
        from kiosk.session import Session
        from kiosk.catalog import bundled
        s = Session(bundled()); s.choose_service('senior_card'); s.next()
        assert not any(m.split('.')[0] in ('PySide6', 'ui', 'sync', 'devices') for m in sys.modules)
        print(len(names))
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 15
