# For `scrapyd-deploy`, which builds the project's egg with `setup.py bdist_egg`; the
# project itself is described in pyproject.toml.
from setuptools import setup

setup()
