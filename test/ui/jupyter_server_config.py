"""A throwaway `jupyter lab` for the browser tests: loopback only, no token,
a fresh empty root folder each run, the app exposed to the test as
``window.jupyterapp``."""

import pathlib
import shutil

c = get_config()  # noqa: F821

root = pathlib.Path(__file__).resolve().parents[2] / "build" / "lab-root"
shutil.rmtree(root, ignore_errors=True)
root.mkdir(parents=True)

c.ServerApp.ip = "127.0.0.1"
c.ServerApp.open_browser = False
c.ServerApp.allow_root = True
c.ServerApp.root_dir = str(root)
c.IdentityProvider.token = ""
c.ServerApp.password = ""
c.ServerApp.disable_check_xsrf = True
c.LabApp.expose_app_in_browser = True
c.LabApp.extension_manager = "readonly"
c.LabApp.news_url = None
c.LabApp.check_for_updates_class = "jupyterlab.NeverCheckForUpdate"
c.LabServerApp.extra_labextensions_path = []
