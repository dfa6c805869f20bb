"""The benchmark: `make bench` (`python -m benchmarks.run`) and `make check-determinism`."""
