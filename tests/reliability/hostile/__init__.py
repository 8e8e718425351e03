"""The hostile-input corpus and its runner (see runner.py)."""
