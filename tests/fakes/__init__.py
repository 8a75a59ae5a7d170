"""Local fake services (arXiv, GitHub, web pages) on 127.0.0.1, reused by tests and benchmarks."""
