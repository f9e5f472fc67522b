"""A throwaway `jupyter lab` for the browser tests: loopback only, no token,
a fresh empty root folder, user settings and workspaces each run (never the
user's own ~/.jupyter), the app exposed to the test as ``window.jupyterapp``."""

import pathlib
import shutil

c = get_config()  # noqa: F821

build = pathlib.Path(__file__).resolve().parents[2] / "build"
root, settings, workspaces = (build / name for name in ("lab-root", "lab-settings", "lab-workspaces"))
for folder in (root, settings, workspaces):
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)

c.ServerApp.ip = "127.0.0.1"
c.ServerApp.open_browser = False
c.ServerApp.allow_root = True
c.ServerApp.root_dir = str(root)
c.IdentityProvider.token = ""
c.ServerApp.password = ""
c.ServerApp.disable_check_xsrf = True
c.LabApp.expose_app_in_browser = True
c.LabApp.extension_manager = "readonly"
c.LabApp.user_settings_dir = str(settings)
c.LabApp.workspaces_dir = str(workspaces)
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
c.LabServerApp.extra_labextensions_path = []
