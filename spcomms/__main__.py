import sys

from spcomms.cli import main

sys.exit(main())
