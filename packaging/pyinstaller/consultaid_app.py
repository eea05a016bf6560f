"""The standalone bundle's ``consultaid-app``: the desktop app."""

import sys

from consultaid.app import main

sys.exit(main())
