"""The fuzz harness is run by hand with atheris (see README.md), never by pytest."""

collect_ignore_glob = ["*.py"]
