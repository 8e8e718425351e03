"""The benchmark suite behind `make bench` (scripts/bench.py)."""
