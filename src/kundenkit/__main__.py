import sys

from kundenkit.cli import main

sys.exit(main())
