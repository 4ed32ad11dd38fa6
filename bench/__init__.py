"""Benchmarks: each module runs as a script (`python bench/NAME.py`); tests import their query sets."""
