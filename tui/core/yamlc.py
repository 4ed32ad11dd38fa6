"""The one place that picks PyYAML's classes: libyaml's C loader and dumper (several times faster)
when this PyYAML build has them, else the pure-Python safe ones. Always the *safe* kinds."""

from __future__ import annotations

import yaml

SafeLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SafeDumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
