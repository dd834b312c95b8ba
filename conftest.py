import pytest
from django.core.management import call_command


@pytest.fixture
def guidance(db):
    """Seed the guidance's content from fixtures/, as `make run` does."""
    call_command("seed_guidance", verbosity=0)
