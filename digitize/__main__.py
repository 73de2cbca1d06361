"""`python -m digitize` is the `digitize` command."""
from .cli import main

main()
