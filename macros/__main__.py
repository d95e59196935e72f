"""`python -m macros check | new | schema`: see macros/cli/main.py."""
import sys

from .cli.main import main

sys.exit(main())
