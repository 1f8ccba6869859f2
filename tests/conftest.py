from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    """The dump the project started from (two aawsat.com pages), byte for byte."""
    return (FIXTURES / "aawsat-seed.txt").read_bytes()
