"""The standalone bundle's ``consultaid``: the command line (records backup and verify,
accounts reset-pin, print, handout...), the same as an installed copy's."""

import sys

from consultaid.cli import main

sys.exit(main())
