"""The benchmark's generated projects (bench/): valid, deterministic, and built like the floor build."""
