"""`python -m bot.cli ...`: the same as `imsa-voices ...`."""

import sys

from bot.cli.commands import main

sys.exit(main())
