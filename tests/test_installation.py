"""The pinned versions install on every Python the course promises (pyproject's requires-python)."""
import importlib.metadata
import re
import tomllib

from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from conftest import ROOT

# The oldest Python 3.11 that a trainer's Linux brings: Debian 12's system Python, which `make hub` uses.
OLDEST_PYTHON = "3.11.2"


def test_every_pinned_package_supports_the_oldest_python_promised():
    promised = SpecifierSet(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
                            ["project"]["requires-python"])
    assert OLDEST_PYTHON in promised
    pins = dict(re.findall(r"^([A-Za-z0-9_.\-]+)==(\S+)$", (ROOT / "constraints.txt").read_text(encoding="utf-8"),
                           re.M))
    installed = {canonicalize_name(d.metadata["Name"]): d for d in importlib.metadata.distributions()}
    refused = []
    for name, version in pins.items():
        dist = installed.get(canonicalize_name(name))
        if dist is None or dist.version != version:
            continue   # not in this environment (e.g. an extra not installed): nothing to read
        needs = dist.metadata.get("Requires-Python")
        if needs and OLDEST_PYTHON not in SpecifierSet(needs):
            refused.append(f"{name}=={version} needs Python {needs}")
    assert refused == [], refused
