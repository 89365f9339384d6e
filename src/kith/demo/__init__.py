"""The demo network and the benchmark profiles: fictional people with realistic histories."""
